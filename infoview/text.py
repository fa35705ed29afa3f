"""Counts and plurals in plain English, for every sentence the kit shows a learner.

A count is written with its noun in the right number, never as "email(s)":

>>> plural(1, "cold email"), plural(2, "cold email")
('1 cold email', '2 cold emails')
>>> plural(1, "reply"), plural(3, "reply"), plural(0, "booster")
('1 reply', '3 replies', '0 boosters')
>>> plural(2, "person"), plural(1, "person"), plural(4, "business day")
('2 people', '1 person', '4 business days')
>>> plural(2, "follow-up"), plural(5, "line"), plural(2, "match")
('2 follow-ups', '5 lines', '2 matches')

Only the last word of the noun changes; ``many`` gives an irregular plural of your own:

>>> plural(3, "mini-CV line"), plural(2, "criterion", many="criteria")
('3 mini-CV lines', '2 criteria')
>>> plural(2, "cold email", number=False), plural(1200, "person")
('cold emails', '1,200 people')

A wait in days reads as a person would say it:

>>> days_text(0), days_text(1), days_text(2.5), days_text(3)
('the same day', '1 day', '2.5 days', '3 days')
"""

from __future__ import annotations

import re

__all__ = ["days_text", "plural", "plural_word"]

# Words whose plural is not the regular one; keys are singular, in lower case.
_IRREGULAR = {
    "person": "people",
    "child": "children",
    "woman": "women",
    "man": "men",
    "is": "are",
    "was": "were",
    "has": "have",
}
_KEEP = {"series", "sheep", "staff"}


def plural_word(word: str) -> str:
    """The plural of one English word (or of the last word of a phrase).

    >>> plural_word("reply"), plural_word("day"), plural_word("box"), plural_word("person")
    ('replies', 'days', 'boxes', 'people')
    >>> plural_word("Person")
    'People'
    """
    head, _, last = word.rpartition(" ")
    lower = last.lower()
    if lower in _IRREGULAR:
        new = _IRREGULAR[lower]
        new = new.capitalize() if last[:1].isupper() else new
    elif lower in _KEEP or not lower:
        new = last
    elif re.search(r"[^aeiou]y$", lower):
        new = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", lower):
        new = last + "es"
    else:
        new = last + "s"
    return f"{head} {new}" if head else new


def plural(count: float, noun: str, *, many: str | None = None, number: bool = True) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is exactly one.

    ``many`` overrides the plural form; ``number=False`` leaves the count out.
    """
    word = noun if count == 1 else (many if many is not None else plural_word(noun))
    if not number:
        return word
    shown = f"{count:g}" if isinstance(count, float) else f"{count:,}"
    return f"{shown} {word}"


def days_text(days: float) -> str:
    """A number of days as words: "the same day" for zero, "1 day", "2.5 days"."""
    if days <= 0:
        return "the same day"
    return plural(float(days) if days != int(days) else int(days), "day")
