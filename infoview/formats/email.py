"""Email drafts a mail app can open: ``.eml`` files and ``mailto:`` links.

Both are built from plain values (addresses, a subject, a body), so this module knows
nothing of the tracker. An ``.eml`` draft carries ``X-Unsent: 1`` and no From, Date or
Message-ID, so a mail app opens it as a new message for you to send; a line break hidden
in a name or subject never becomes a header of its own.

>>> format_address("Ana Ruiz", "ana@example.org")
'Ana Ruiz <ana@example.org>'
>>> mailto_link(["Ana Ruiz <ana@example.org>"], subject="Hello there", body="Hi Ana,\\nThanks")
'mailto:ana@example.org?subject=Hello%20there&body=Hi%20Ana%2C%0D%0AThanks'
>>> message = parse_eml(eml_bytes(["ana@example.org"], subject="Bad\\r\\nBcc: x@y.org"))
>>> message["Subject"], message["Bcc"], message["X-Unsent"]
('Bad Bcc: x@y.org', None, '1')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from email import policy as _policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from urllib.parse import quote

from infoview.errors import InvalidValueError, shown
from infoview.validation import clean_email

# Any run of line breaks, tabs or other control characters collapses to one space in a header.
_HEADER_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")
_NEEDS_QUOTES = re.compile(r'[()<>\[\]:;@\\,."]')


def one_line(text: str) -> str:
    """Text fit for a header: line breaks and control characters become single spaces.

    >>> one_line("Coffee?\\r\\nBcc: someone@example.org")
    'Coffee? Bcc: someone@example.org'
    """
    return re.sub(r" {2,}", " ", _HEADER_BREAKS.sub(" ", text)).strip()


def format_address(name: str | None, address: str) -> str:
    """``Name <address>`` for the To and Cc fields (just the address when there is no name)."""
    addr = _checked_address(address)
    display = one_line(name or "")
    if not display:
        return addr
    if _NEEDS_QUOTES.search(display):
        display = '"' + display.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{display} <{addr}>"


def split_address(text: str) -> tuple[str, str]:
    """(display name, address) from ``Name <address>`` or a bare address; refuses bad ones.

    >>> split_address('"Ruiz, Ana" <ana@example.org>')
    ('Ruiz, Ana', 'ana@example.org')
    """
    if _HEADER_BREAKS.search(text.strip()):
        raise InvalidValueError(f"{shown(text)} contains a line break; give one address per entry")
    found = getaddresses([text.strip()])
    if len(found) != 1:
        raise InvalidValueError(f"{shown(text)} holds {len(found)} addresses; give one per entry")
    name, addr = found[0]
    if not addr or "@" not in addr:
        raise InvalidValueError(f"{shown(text)} is not an email address like ana@example.org")
    return one_line(name), _checked_address(addr)


def _checked_address(address: str) -> str:
    if _HEADER_BREAKS.search(address.strip()):
        raise InvalidValueError(f"{shown(address)} contains a line break; it cannot be an address")
    checked = clean_email(address)
    if checked is None:
        raise InvalidValueError("an email address is missing")
    return checked


def _addresses(entries: Sequence[str]) -> list[Address]:
    found = []
    for entry in entries:
        name, addr = split_address(entry)
        local, _, domain = addr.rpartition("@")
        found.append(Address(display_name=name, username=local, domain=domain))
    return found


def eml_message(
    to: Sequence[str], *, cc: Sequence[str] = (), subject: str = "", body: str = ""
) -> EmailMessage:
    """An unsent draft: To, Cc, Subject, ``X-Unsent: 1`` and a UTF-8 text body."""
    message = EmailMessage(policy=_policy.SMTP)
    recipients = _addresses(to)
    copies = _addresses(cc)
    if recipients:
        message["To"] = recipients
    if copies:
        message["Cc"] = copies
    message["Subject"] = one_line(subject)
    message["X-Unsent"] = "1"
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    message.set_content(text if text.endswith("\n") else text + "\n", charset="utf-8")
    return message


def eml_bytes(
    to: Sequence[str], *, cc: Sequence[str] = (), subject: str = "", body: str = ""
) -> bytes:
    """The draft as the bytes of an ``.eml`` file (CRLF line endings throughout)."""
    return eml_message(to, cc=cc, subject=subject, body=body).as_bytes()


def parse_eml(data: bytes) -> EmailMessage:
    """Read ``.eml`` bytes back into a message (for checks and tests)."""
    message = BytesParser(policy=_policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage):  # pragma: no cover - policy.default guarantees it
        raise InvalidValueError("not an email message")
    return message


# ---------------------------------------------------------------- mailto (RFC 6068)

# Characters an address may keep as they are in a mailto: URI (RFC 6068, section 2).
_ADDRESS_SAFE = "@!$'*-._~"


def mailto_link(
    to: Sequence[str], *, cc: Sequence[str] = (), subject: str = "", body: str = ""
) -> str:
    """A ``mailto:`` link (RFC 6068): %20 for spaces, %0D%0A for line breaks."""
    recipients = ",".join(quote(split_address(e)[1], safe=_ADDRESS_SAFE) for e in to)
    fields = []
    if cc:
        fields.append("cc=" + ",".join(quote(split_address(e)[1], safe=_ADDRESS_SAFE) for e in cc))
    if subject.strip():
        fields.append("subject=" + quote(one_line(subject), safe=""))
    if body:
        crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
        fields.append("body=" + quote(crlf, safe=""))
    query = "?" + "&".join(fields) if fields else ""
    return f"mailto:{recipients}{query}"
