"""Step 1 drafts: a :class:`Draft` value and the builders that write one from the kit's templates.

Each builder works from your profile and a person, and personalises names, company, role,
topic and how you found them. The templates are package data in ``resources/templates``.
Import these names from :mod:`infoview.outreach`.

>>> from infoview.model import Person, Profile
>>> me = Profile(name="Maya Okafor", email="maya@example.org")
>>> ana = Person(id=1, name="Ana Ruiz", email="ana@example.org")
>>> bo = Person(id=2, name="Bo Chen", email="bo@example.org")
>>> intro = introduction(me, ana, bo, topic="UX research")
>>> intro.to, intro.cc
(('Ana Ruiz <ana@example.org>',), ('Maya Okafor <maya@example.org>',))
>>> Draft(to=("ana@example.org\\nBcc: x@y.org",))
Traceback (most recent call last):
...
infoview.errors.InvalidValueError: ... contains a line break; ...
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.formats.email import eml_bytes, format_address, mailto_link, split_address
from infoview.rules import Policy, policy

if TYPE_CHECKING:
    from infoview.model import Person, Profile

_SYNOPSIS_PLACEHOLDER = (
    "[Three short lines about you: what you do now, what you did before, what you are learning.]"
)
WARM_KINDS = frozenset({"warm", "intro_request", "introduction"})


class DraftKind(StrEnum):
    """The emails of step 1."""

    COLD = "cold"
    WARM = "warm"
    INTRO_REQUEST = "intro_request"
    INTRODUCTION = "introduction"
    REMINDER = "reminder"
    ACCEPT = "accept"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DraftKind.COLD: "first email (cold)",
    DraftKind.WARM: "first email naming your friend",
    DraftKind.INTRO_REQUEST: "request to a friend for an introduction",
    DraftKind.INTRODUCTION: "introduction for your friend to send",
    DraftKind.REMINDER: "reminder",
    DraftKind.ACCEPT: "reply accepting a meeting",
}
# What "I sent it" records for each kind (the reply accepting a meeting is step 3's business).
TOUCH_FOR_KIND = {
    DraftKind.COLD: "outreach",
    DraftKind.WARM: "outreach",
    DraftKind.INTRO_REQUEST: "intro_requested",
    DraftKind.INTRODUCTION: "introduced",
    DraftKind.REMINDER: "reminder",
}


def _parse_kind(kind: object) -> DraftKind:
    try:
        return DraftKind(str(kind))
    except ValueError:
        raise InvalidChoiceError("draft kind", kind, [k.value for k in DraftKind]) from None


@dataclass(frozen=True)
class Draft:
    """An email that has not been sent: recipients, subject, body and what kind it is."""

    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    kind: str = DraftKind.COLD.value

    def __post_init__(self) -> None:
        for name in ("to", "cc"):
            value = getattr(self, name)
            entries = (value,) if isinstance(value, str) else tuple(value)
            for entry in entries:
                split_address(entry)  # refuses anything that is not one address
            object.__setattr__(self, name, entries)
        object.__setattr__(self, "kind", _parse_kind(self.kind).value)

    @property
    def label(self) -> str:
        return DraftKind(self.kind).label

    def with_text(self, *, subject: str | None = None, body: str | None = None) -> Draft:
        """A copy with a new subject and/or body (the draft itself never changes)."""
        return replace(
            self,
            subject=self.subject if subject is None else subject,
            body=self.body if body is None else body,
        )

    def eml(self) -> bytes:
        """The draft as an ``.eml`` file a mail app opens as a new message."""
        return eml_bytes(self.to, cc=self.cc, subject=self.subject, body=self.body)

    def mailto(self) -> str:
        """The draft as a ``mailto:`` link."""
        return mailto_link(self.to, cc=self.cc, subject=self.subject, body=self.body)

    def __repr__(self) -> str:
        head = [f"Draft ({self.label})", f"To: {', '.join(self.to) or '(nobody yet)'}"]
        if self.cc:
            head.append(f"Cc: {', '.join(self.cc)}")
        head.append(f"Subject: {self.subject}")
        return "\n".join([*head, "", self.body])

    def _repr_html_(self) -> str:
        rows = [("To", ", ".join(self.to) or "(nobody yet)")]
        if self.cc:
            rows.append(("Cc", ", ".join(self.cc)))
        rows.append(("Subject", self.subject))
        header = "".join(
            f'<tr><th style="text-align:left;padding-right:1em">{name}</th>'
            f"<td>{html.escape(value)}</td></tr>"
            for name, value in rows
        )
        return (
            f'<div class="iv-draft"><p><strong>Draft</strong>: {html.escape(self.label)}</p>'
            f"<table>{header}</table>"
            f'<pre style="white-space:pre-wrap;font-family:inherit">{html.escape(self.body)}</pre>'
            "</div>"
        )


# ---------------------------------------------------------------- builders


@cache
def _template(kind: DraftKind) -> tuple[str, str]:
    text = (
        resources.files("infoview.resources")
        .joinpath("templates")
        .joinpath(f"{kind.value}.txt")
        .read_text("utf-8")
    )
    first, _, body = text.partition("\n")
    return first.removeprefix("Subject:").strip(), body.strip("\n") + "\n"


def _sentence(line: str) -> str:
    line = line.strip()
    return line if line.endswith((".", "!", "?")) else line + "."


def _values(
    profile: Profile, person: Person, friend: Person | None, topic: str, rules: Policy
) -> dict[str, str]:
    topic = topic.strip() or profile.field.strip() or "[your topic]"
    role = (person.role or "").strip()
    company = (person.company or "").strip()
    work = "your work" + (f" as {role}" if role else "") + (f" at {company}" if company else "")
    synopsis = [_sentence(line) for line in profile.synopsis_lines]
    my_name = profile.name.strip() or "[your name]"
    return {
        "topic": topic,
        "company": company,
        "at_company": f" at {company}" if company else "",
        "their_first": person.first_name,
        "their_name": person.name,
        "their_work": work,
        "their_role_line": f", {role}" + (f" at {company}" if company else "") if role else "",
        "synopsis": "\n".join(synopsis) or _SYNOPSIS_PLACEHOLDER,
        "relate_line": f"That path is what draws me to {topic}, and I would love to hear how it "
        "looks from where you sit.",
        "my_name": my_name,
        "my_first": profile.first_name or my_name,
        "friend_first": friend.first_name if friend else "[your friend]",
        "friend_name": friend.name if friend else "[your friend]",
        "minutes": str(int(rules["contact.ask"].number("minutes"))),
    }


def _address(person: Person | None) -> tuple[str, ...]:
    if person is None or not person.email:
        return ()
    return (format_address(person.name, person.email),)


def _fill(
    kind: DraftKind, values: dict[str, str], to: tuple[str, ...], cc: tuple[str, ...]
) -> Draft:
    subject, body = _template(kind)
    return Draft(
        to=to,
        cc=cc,
        subject=subject.format_map(values),
        body=body.format_map(values),
        kind=kind.value,
    )


def cold_email(
    profile: Profile,
    person: Person,
    *,
    topic: str = "",
    found_via: str = "",
    rules: Policy | None = None,
) -> Draft:
    """A first email to someone you don't know yet; ``found_via`` says how you found them."""
    values = _values(profile, person, None, topic, rules or policy())
    via = found_via.strip()
    values["found_line"] = (
        f"I found your name through {via}" if via else f"I came across {values['their_work']}"
    )
    return _fill(DraftKind.COLD, values, _address(person), ())


def warm_email(
    profile: Profile,
    person: Person,
    friend: Person,
    *,
    topic: str = "",
    rules: Policy | None = None,
) -> Draft:
    """A first email that opens with the friend who suggested you write."""
    values = _values(profile, person, friend, topic, rules or policy())
    return _fill(DraftKind.WARM, values, _address(person), ())


def intro_request(
    profile: Profile,
    person: Person,
    friend: Person,
    *,
    topic: str = "",
    rules: Policy | None = None,
) -> Draft:
    """An email asking ``friend`` to introduce you to ``person`` by email."""
    values = _values(profile, person, friend, topic, rules or policy())
    return _fill(DraftKind.INTRO_REQUEST, values, _address(friend), ())


def introduction(
    profile: Profile,
    person: Person,
    friend: Person,
    *,
    topic: str = "",
    rules: Policy | None = None,
) -> Draft:
    """The introduction your friend can send: ``person`` in To, you in Cc, in one email."""
    values = _values(profile, person, friend, topic, rules or policy())
    me = (format_address(profile.name, profile.email),) if profile.email else ()
    return _fill(DraftKind.INTRODUCTION, values, _address(person), me)


def reminder(
    profile: Profile,
    person: Person,
    *,
    topic: str = "",
    sent_on: date | None = None,
    previous_subject: str = "",
    rules: Policy | None = None,
) -> Draft:
    """A short, friendly reminder after more than a week and a half without an answer."""
    values = _values(profile, person, None, topic, rules or policy())
    values["sent_when"] = f"on {sent_on:%A %d %B}" if sent_on else "a little while ago"
    previous = previous_subject.strip()
    values["reminder_subject"] = (
        (previous if previous.lower().startswith("re:") else f"Re: {previous}")
        if previous
        else f"Following up: {values['topic']}"
    )
    return _fill(DraftKind.REMINDER, values, _address(person), ())


def accept_meeting(
    profile: Profile, person: Person, *, topic: str = "", rules: Policy | None = None
) -> Draft:
    """The reply when they say yes: thanks, and they choose the place and time."""
    values = _values(profile, person, None, topic, rules or policy())
    return _fill(DraftKind.ACCEPT, values, _address(person), ())


def build_draft(
    kind: str,
    profile: Profile,
    person: Person,
    *,
    friend: Person | None = None,
    topic: str = "",
    found_via: str = "",
    sent_on: date | None = None,
    previous_subject: str = "",
    rules: Policy | None = None,
) -> Draft:
    """Any of the step 1 drafts by kind (what the composer calls)."""
    chosen = _parse_kind(kind)
    if chosen in {DraftKind.WARM, DraftKind.INTRO_REQUEST, DraftKind.INTRODUCTION}:
        if friend is None:
            raise InvalidValueError(f"a {chosen.label} needs the friend who connects you")
        if friend.id == person.id:
            raise InvalidValueError("the friend and the person must be two different people")
        builder = {
            DraftKind.WARM: warm_email,
            DraftKind.INTRO_REQUEST: intro_request,
            DraftKind.INTRODUCTION: introduction,
        }[chosen]
        return builder(profile, person, friend, topic=topic, rules=rules)
    if chosen is DraftKind.REMINDER:
        return reminder(
            profile,
            person,
            topic=topic,
            sent_on=sent_on,
            previous_subject=previous_subject,
            rules=rules,
        )
    if chosen is DraftKind.ACCEPT:
        return accept_meeting(profile, person, topic=topic, rules=rules)
    return cold_email(profile, person, topic=topic, found_via=found_via, rules=rules)
