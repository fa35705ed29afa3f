"""The one :class:`Draft` value: an email the kit wrote and never sends.

Every step's builders return it: step 1's first emails and reminders, step 3's scheduling
reply and confirmation, step 4's thank-you, updates and nudges. Recipients are tuples of
single addresses (a str is accepted for one address, a blank one for none), checked so a
line break hidden in a name can never become a header of its own.

>>> draft = Draft(to="Ana Ruiz <ana@example.org>", subject="Hello", body="Hi Ana,\\nThanks",
...               kind="thank_you_email")
>>> draft.to, draft.label, draft.words
(('Ana Ruiz <ana@example.org>',), 'thank-you email', 3)
>>> Draft(to="").to
()
>>> Draft(to=("ana@example.org\\nBcc: x@y.org",))
Traceback (most recent call last):
...
infoview.errors.InvalidValueError: ... contains a line break; ...
>>> Draft(kind="letter")
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: draft kind must be one of ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from infoview.errors import InvalidChoiceError

if TYPE_CHECKING:
    from infoview.model import Person

# Every kind of draft the kit writes, with the words a learner reads for it.
KINDS: Mapping[str, str] = MappingProxyType(
    {
        # step 1
        "cold": "first email (cold)",
        "warm": "first email naming your friend",
        "intro_request": "request to a friend for an introduction",
        "introduction": "introduction for your friend to send",
        "reminder": "reminder",
        "accept": "reply accepting a meeting",
        # step 3
        "scheduling": "reply leaving the time and place to them",
        "confirmation": "confirmation for the day before",
        # step 4
        "thank_you_email": "thank-you email",
        "update": "update or keep-in-touch note",
        "outreach": "first email to someone you were referred to",
        "note": "plain starting point",
    }
)


def parse_kind(kind: object) -> str:
    """``kind`` as one of :data:`KINDS`, or an error listing the valid ones."""
    text = str(kind)
    if text not in KINDS:
        raise InvalidChoiceError("draft kind", kind, list(KINDS))
    return text


def address_of(person: Person | None) -> tuple[str, ...]:
    """The person as To/Cc entries: ``("Name <address>",)``, or none when the email is unknown."""
    if person is None or not person.email:
        return ()
    from infoview.formats.email import format_address

    return (format_address(person.name, person.email),)


def _entries(value: Iterable[str]) -> tuple[str, ...]:
    # The email package loads with the first draft, not with ``import infoview``.
    from infoview.formats.email import split_address

    if isinstance(value, str):
        entries: tuple[str, ...] = (value,) if value.strip() else ()
    else:
        entries = tuple(value)
    for entry in entries:
        split_address(entry)  # refuses anything that is not one address
    return entries


@dataclass(frozen=True)
class Draft:
    """An email that has not been sent: recipients, subject, body and what kind it is."""

    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    kind: str = "cold"

    def __post_init__(self) -> None:
        object.__setattr__(self, "to", _entries(self.to))
        object.__setattr__(self, "cc", _entries(self.cc))
        object.__setattr__(self, "kind", parse_kind(self.kind))

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    @property
    def words(self) -> int:
        """How many words the body has."""
        return len(self.body.split())

    def with_text(self, *, subject: str | None = None, body: str | None = None) -> Draft:
        """A copy with a new subject and/or body (the draft itself never changes)."""
        return replace(
            self,
            subject=self.subject if subject is None else subject,
            body=self.body if body is None else body,
        )

    def eml(self) -> bytes:
        """The draft as an ``.eml`` file a mail app opens as a new message."""
        from infoview.formats.email import eml_bytes

        return eml_bytes(self.to, cc=self.cc, subject=self.subject, body=self.body)

    def mailto(self) -> str:
        """The draft as a ``mailto:`` link."""
        from infoview.formats.email import mailto_link

        return mailto_link(self.to, cc=self.cc, subject=self.subject, body=self.body)

    def _head(self) -> list[tuple[str, str]]:
        rows = [("To", ", ".join(self.to) or "(nobody yet)")]
        if self.cc:
            rows.append(("Cc", ", ".join(self.cc)))
        rows.append(("Subject", self.subject))
        return rows

    def __str__(self) -> str:
        head = [f"{name}: {value}" for name, value in self._head()]
        return "\n".join([*head, "", self.body])

    def __repr__(self) -> str:
        return f"Draft ({self.label})\n{self}"

    def _repr_html_(self) -> str:
        import html

        header = "".join(
            f'<tr><th style="text-align:left;padding-right:1em">{name}</th>'
            f"<td>{html.escape(value)}</td></tr>"
            for name, value in self._head()
        )
        return (
            f'<div class="iv-draft" data-kind="{html.escape(self.kind)}">'
            f"<p><strong>Draft</strong>: {html.escape(self.label)}</p>"
            f"<table>{header}</table>"
            f'<pre style="white-space:pre-wrap;font-family:inherit">{html.escape(self.body)}</pre>'
            "</div>"
        )
