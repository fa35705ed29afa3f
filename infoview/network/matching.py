"""Matching imported contacts to people already known, for :mod:`infoview.network.imports`.

Duplicates are found in this order: the same email (any case), then the same profile URL,
first among people already in the tracker, then among earlier lines of the same file.

>>> existing = ({"ana@example.org": 1}, {})
>>> duplicate(["ana@example.org"], None, existing, ({}, {}))
('email', 1)
>>> duplicate(["bo@example.org"], None, existing, ({"bo@example.org": 4}, {}))
('same email as line 4', 4)
>>> duplicate(["cy@example.org"], None, existing, ({}, {})) is None
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infoview.formats.contacts import person_key, url_key

if TYPE_CHECKING:
    import pandas as pd


def lookup(people: pd.DataFrame) -> tuple[dict[str, int], dict[str, int], dict[Any, int]]:
    """Existing people by email, by profile URL, and by (name, company)."""
    by_email: dict[str, int] = {}
    by_url: dict[str, int] = {}
    by_name: dict[Any, int] = {}
    for pid, name, email, company, url in zip(
        people["id"], people["name"], people["email"], people["company"], people["url"], strict=True
    ):
        if isinstance(email, str):
            by_email.setdefault(email.strip().lower(), int(pid))
        if (key := url_key(url)) is not None:
            by_url.setdefault(key, int(pid))
        if (key := person_key(name, company)) is not None:
            by_name.setdefault(key, int(pid))
    return by_email, by_url, by_name


def email_keys(records: pd.DataFrame) -> list[list[str]]:
    """Each record's email addresses (the main one first), lower-cased."""
    keys = [
        [e.strip().lower()] if isinstance(e, str) and e.strip() else [] for e in records["email"]
    ]
    for i, others in enumerate(records["other_emails"]):
        if isinstance(others, str):
            keys[i] += [e.strip().lower() for e in others.split(";") if e.strip()]
    return keys


def duplicate(
    emails: list[str],
    ukey: str | None,
    existing: tuple[dict[str, int], dict[str, int]],
    earlier: tuple[dict[str, int], dict[str, int]],
) -> tuple[str, int] | None:
    """How a row duplicates someone: (match, person id) or (match, earlier line)."""
    by_email, by_url = existing
    seen_email, seen_url = earlier
    for key in emails:
        if key in by_email:
            return "email", by_email[key]
    if ukey is not None and ukey in by_url:
        return "profile URL", by_url[ukey]
    for key in emails:
        if key in seen_email:
            return f"same email as line {seen_email[key]}", seen_email[key]
    if ukey is not None and ukey in seen_url:
        return f"same profile URL as line {seen_url[ukey]}", seen_url[ukey]
    return None
