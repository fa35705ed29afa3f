"""Checks on text a learner types or a file supplies, with errors written for a learner.

>>> clean_text("  Acme Corp  ", "company")
'Acme Corp'
>>> clean_email("Ana.Ruiz@Example.org")
'Ana.Ruiz@example.org'
>>> clean_email("ana@")
Traceback (most recent call last):
...
infoview.errors.InvalidValueError: 'ana@' is not a valid email address: ...
>>> synopsis_problem("one\\ntwo\\nthree\\nfour")
'the mini-CV synopsis has 4 lines; keep it to at most 3 (contact.synopsis)'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from infoview.errors import InvalidValueError, shown

# Dates outside these years are typing mistakes (and overflow pandas' timestamps).
MAX_LINE_CHARS = 2_000
MAX_TEXT_CHARS = 100_000
# Control characters other than tab and newline have no place in names, notes or emails
# (C1 controls such as U+0085 included: some programs read them as line breaks).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode's own line and paragraph separators end a line too (str.splitlines agrees).
_LINE_BREAKS = ("\n", "\u2028", "\u2029")


def clean_text(value: object, what: str, *, multiline: bool = False) -> str | None:
    """Trimmed text, or None when empty; refuses control characters and endless text."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValueError(f"{what} must be text (got {type(value).__name__})")
    text = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
    text = text.strip()
    if not text:
        return None
    if not multiline and any(mark in text.replace("\r", "\n") for mark in _LINE_BREAKS):
        raise InvalidValueError(f"{what} must be a single line (it contains a line break)")
    if _CONTROL.search(text) or any(unicodedata.category(c) == "Cs" for c in text):
        raise InvalidValueError(f"{what} contains a control character; remove it and try again")
    limit = MAX_TEXT_CHARS if multiline else MAX_LINE_CHARS
    if len(text) > limit:
        raise InvalidValueError(f"{what} is {len(text):,} characters long; the limit is {limit:,}")
    return text


def clean_email(value: object) -> str | None:
    """A checked, normalised email address, or None when empty. Works offline (no DNS)."""
    text = clean_text(value, "email")
    if text is None:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError as exc:
        raise InvalidValueError(f"{shown(text)} is not a valid email address: {exc}") from None


def synopsis_problem(synopsis: str, max_lines: int | None = None) -> str | None:
    """Why a mini-CV synopsis breaks the three-line rule, or None when it is fine."""
    if max_lines is None:
        from infoview.rules import policy

        max_lines = int(policy()["contact.synopsis"].number("max_lines"))
    lines = [line for line in synopsis.splitlines() if line.strip()]
    if len(lines) > max_lines:
        return (
            f"the mini-CV synopsis has {len(lines)} lines; keep it to at most {max_lines} "
            "(contact.synopsis)"
        )
    return None


# Plain ASCII addresses that email-validator accepts unchanged except for a lower-case domain.
_SIMPLE_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9_%+-]{1,64}(?:\.[A-Za-z0-9_%+-]+)*)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
)
_SPECIAL_USE_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion"})


def clean_emails(values: list[str | None]) -> list[str | None]:
    """:func:`clean_email` for many addresses at once (imports use it).

    Plain ASCII addresses take a fast path with the same result; any other address goes
    through the full check, and the first bad one raises as :func:`clean_email` does.

    >>> clean_emails(["Ana@Example.ORG", None, "bo@example.org", "Ana@Example.ORG"])
    ['Ana@example.org', None, 'bo@example.org', 'Ana@example.org']
    """
    done: dict[str, str | None] = {}
    result: list[str | None] = []
    for value in values:
        if value is None:
            result.append(None)
            continue
        if value not in done:
            done[value] = _fast_email(value) or clean_email(value)
        result.append(done[value])
    return result


def _fast_email(value: str) -> str | None:
    match = _SIMPLE_EMAIL.fullmatch(value)
    if match is None or len(value) > 254 or len(match["local"]) > 64:
        return None
    domain = match["domain"].lower()
    labels = domain.split(".")
    if labels[-1] in _SPECIAL_USE_TLDS or any("--" in label for label in labels):
        return None
    return f"{match['local']}@{domain}"


# What clean_text may refuse, character by character: C0 and C1 controls (tab allowed),
# line breaks in a single line, and surrogates (found by encoding, below).
_SUSPECTS = {
    multiline: tuple(
        chr(c)
        for c in (*range(0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
        if not (multiline and chr(c) in "\n\r\u2028\u2029")
    )
    for multiline in (False, True)
}


def texts_pass(texts: list[Any], *, multiline: bool = False) -> bool:
    """True when :func:`clean_text` surely accepts every text, checked for many at once.

    False means "look closer" (also for anything but text): call :func:`clean_text` on
    each. Imports use it to check 50,000 values in a few milliseconds (one search per
    suspect character).

    >>> texts_pass(["Ana Ruiz", "Inès Holm"]), texts_pass(["Ana\\u2028Ruiz"])
    (True, False)
    >>> texts_pass(["one\\ntwo"]), texts_pass(["one\\ntwo"], multiline=True)
    (False, True)
    >>> texts_pass(["Ana", 7])
    False
    """
    limit = MAX_TEXT_CHARS if multiline else MAX_LINE_CHARS
    try:
        if texts and max(map(len, texts)) > limit:
            return False
        joined = "\t".join(texts)
    except TypeError:
        return False  # something other than text
    if not joined.isascii():
        try:
            joined.encode("utf-8")
        except UnicodeEncodeError:
            return False  # a lone surrogate
    return not any(mark in joined for mark in _SUSPECTS[multiline])
