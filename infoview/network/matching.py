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

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from infoview.formats.contacts import person_keys, url_keys

if TYPE_CHECKING:
    import pandas as pd


def lookup(people: pd.DataFrame) -> tuple[dict[str, int], dict[str, int], dict[Any, int]]:
    """Existing people by email, by profile URL, and by (name, company)."""
    ids = [int(pid) for pid in people["id"].tolist()]
    by_email: dict[str, int] = {}
    for pid, email in zip(ids, people["email"].tolist(), strict=True):
        if isinstance(email, str):
            by_email.setdefault(email.strip().lower(), pid)
    by_url: dict[str, int] = {}
    for pid, key in zip(ids, url_keys(people["url"].tolist()), strict=True):
        if key is not None:
            by_url.setdefault(key, pid)
    by_name: dict[Any, int] = {}
    people_keys = person_keys(people["name"].tolist(), people["company"].tolist())
    for pid, key in zip(ids, people_keys, strict=True):
        if key is not None:
            by_name.setdefault(key, pid)
    return by_email, by_url, by_name


def email_keys(records: pd.DataFrame) -> list[tuple[str, ...]]:
    """Each record's email addresses (the main one first), lower-cased."""
    keys: list[tuple[str, ...]] = [
        (e.strip().lower(),) if isinstance(e, str) and e.strip() else ()
        for e in records["email"].tolist()
    ]
    for i, others in enumerate(records["other_emails"].tolist()):
        if isinstance(others, str):
            keys[i] += tuple(e.strip().lower() for e in others.split(";") if e.strip())
    return keys


def shared_rows(
    rows: Sequence[int],
    keys: tuple[Sequence[Sequence[str]], Sequence[str | None], Sequence[str | None]],
    existing: tuple[Mapping[str, int], Mapping[str, int], Mapping[Any, int]],
) -> set[int]:
    """Which of ``rows`` hold a key (email, URL, name and company) that another row or the
    tracker also holds: only those can be duplicates. Any other row is new.

    >>> sorted(shared_rows([0, 1, 2], ([("a@x.org",), (), ("a@x.org",)],
    ...     ["u1", "u2", "u3"], [None, "k", None]), ({}, {"u2": 7}, {})))
    [0, 1, 2]
    >>> shared_rows([0, 1], ([(), ()], ["u1", "u2"], ["k1", "k2"]), ({}, {}, {}))
    set()
    """
    emails, urls, names = keys
    counts: Counter[Any] = Counter(itertools.chain.from_iterable(emails[i] for i in rows))
    counts.update(urls[i] for i in rows)
    counts.update(names[i] for i in rows)
    counts.pop(None, None)
    hot = {key for key, count in counts.items() if count > 1}
    for known in existing:
        hot.update(counts.keys() & known.keys())
    if not hot:
        return set()
    return {
        i for i in rows if urls[i] in hot or names[i] in hot or any(key in hot for key in emails[i])
    }


def duplicate(
    emails: Sequence[str],
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
