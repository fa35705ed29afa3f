"""The .eml and mailto: writers in infoview.formats.email."""

from __future__ import annotations

import email
from email import policy
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview.errors import InvalidValueError
from infoview.formats.email import (
    eml_bytes,
    format_address,
    mailto_link,
    one_line,
    parse_eml,
    split_address,
)

BODY = "Dear Ana,\n\nCould we talk for 20 minutes?\nThanks — Maya Økafor\n"
EXPECTED_HEADERS = {
    "to",
    "cc",
    "subject",
    "x-unsent",
    "content-type",
    "content-transfer-encoding",
    "mime-version",
}


def _parse(data: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def _mailto(link: str) -> tuple[list[str], dict[str, list[str]]]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    to = [unquote(a) for a in parts.path.split(",") if a]
    return to, parse_qs(parts.query, keep_blank_values=True)


def test_eml_parses_back_with_recipients_subject_and_body() -> None:
    """An .eml draft reads back with its To, Cc, Subject and body intact."""
    data = eml_bytes(
        ["Ana Ruiz <ana@example.org>", '"Ruiz, José" <jose@example.org>'],
        cc=["Maya Økafor <maya@example.org>"],
        subject="Learning about UX research — a short call?",
        body=BODY,
    )
    message = _parse(data)
    assert [a.addr_spec for a in message["To"].addresses] == ["ana@example.org", "jose@example.org"]
    assert [a.display_name for a in message["To"].addresses] == ["Ana Ruiz", "Ruiz, José"]
    assert message["Cc"].addresses[0].display_name == "Maya Økafor"
    assert message["Subject"] == "Learning about UX research — a short call?"
    assert message.get_content().replace("\r\n", "\n") == BODY


def test_eml_is_an_unsent_draft_without_from_date_or_message_id() -> None:
    """The draft says X-Unsent: 1 and has no From, Date or Message-ID, so it opens as new."""
    message = _parse(eml_bytes(["ana@example.org"], subject="Hello Ana", body="Hi"))
    assert message["X-Unsent"] == "1"
    for header in ("From", "Date", "Message-ID", "Bcc"):
        assert message[header] is None


def test_eml_uses_crlf_line_endings_throughout() -> None:
    """Every line of the file ends with CRLF, headers and body alike."""
    data = eml_bytes(["ana@example.org"], subject="Hi", body="one\ntwo\rthree\r\nfour")
    assert b"\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data.count(b"\r") == data.count(b"\r\n")


def test_a_line_break_in_the_subject_cannot_add_a_header() -> None:
    """A CR/LF smuggled into the subject stays inside the subject."""
    data = eml_bytes(["ana@example.org"], subject="Hi\r\nBcc: spy@evil.example\r\n\r\nx")
    message = _parse(data)
    assert message["Bcc"] is None
    assert message["Subject"] == "Hi Bcc: spy@evil.example x"


def test_a_line_break_in_a_name_is_refused_or_flattened() -> None:
    """A CR/LF in a recipient entry is refused; in a display name it becomes a space."""
    with pytest.raises(InvalidValueError, match="line break"):
        eml_bytes(["Ana\r\nBcc: spy@evil.example <ana@example.org>"])
    assert format_address("Ana\r\nBcc: spy@evil.example", "ana@example.org") == (
        '"Ana Bcc: spy@evil.example" <ana@example.org>'
    )


def test_bad_addresses_are_refused() -> None:
    """Something that is not one email address is refused with a learner's message."""
    for bad in ("ana", "ana@", "Ana Ruiz", "ana@example.org, bo@example.org"):
        with pytest.raises(InvalidValueError):
            split_address(bad)


@given(subject=st.text(max_size=80), name=st.text(max_size=40))
def test_no_subject_or_name_ever_adds_a_header(subject: str, name: str) -> None:
    """Whatever the subject and display name hold, the draft has only the expected headers."""
    to = format_address(name, "ana@example.org")
    message = _parse(eml_bytes([to], subject=subject, body="Hi"))
    assert {key.lower() for key in message} <= EXPECTED_HEADERS
    assert message["Subject"] == one_line(subject)
    assert message["To"].addresses[0].addr_spec == "ana@example.org"


def test_mailto_uses_percent_20_and_crlf() -> None:
    """Spaces are %20 (never +) and line breaks are %0D%0A."""
    link = mailto_link(["ana@example.org"], subject="A short call", body="Hi Ana,\nThanks")
    assert link == "mailto:ana@example.org?subject=A%20short%20call&body=Hi%20Ana%2C%0D%0AThanks"
    assert "+" not in link


def test_mailto_round_trip_keeps_every_field() -> None:
    """To, Cc, subject and body come back exactly from the link."""
    body = "Dear Ana & Bo,\n\n20% of my time = research? #yes\nMaya Økafor"
    link = mailto_link(
        ["Ana Ruiz <ana+work@example.org>", "bo@example.org"],
        cc=["Maya <maya@example.org>"],
        subject="UX research: a 20-minute call?",
        body=body,
    )
    to, fields = _mailto(link)
    assert to == ["ana+work@example.org", "bo@example.org"]
    assert fields["cc"] == ["maya@example.org"]
    assert fields["subject"] == ["UX research: a 20-minute call?"]
    assert fields["body"] == [body.replace("\n", "\r\n")]


def test_mailto_without_recipients_is_still_a_valid_link() -> None:
    """A draft with nobody in To gives a link that only pre-fills subject and body."""
    assert mailto_link([], subject="Hi there") == "mailto:?subject=Hi%20there"


@given(subject=st.text(max_size=60), body=st.text(max_size=200))
def test_mailto_round_trips_any_text(subject: str, body: str) -> None:
    """Any subject and body survive the link (subject on one line, body with CRLF)."""
    to, fields = _mailto(mailto_link(["ana@example.org"], subject=subject, body=body))
    assert to == ["ana@example.org"]
    if one_line(subject):
        assert fields["subject"] == [one_line(subject)]
    if body:
        crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
        assert fields["body"] == [crlf]


def test_parse_eml_reads_what_eml_bytes_wrote() -> None:
    """The module's own reader gives back the draft's fields."""
    message = parse_eml(eml_bytes(["ana@example.org"], subject="Hi Ana", body="Line"))
    assert message["Subject"] == "Hi Ana"
    assert message.get_content().strip() == "Line"
