"""Counts and plurals in the kit's sentences: right for one, for many, and for irregular words."""

from __future__ import annotations

import pytest

from infoview.text import days_text, plural, plural_word


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "cold email", "1 cold email"),
        (2, "cold email", "2 cold emails"),
        (0, "cold email", "0 cold emails"),
        (1, "booster", "1 booster"),
        (1, "reply", "1 reply"),
        (2, "reply", "2 replies"),
        (2, "day", "2 days"),  # a vowel before the y: just an s
        (1, "person", "1 person"),
        (3, "person", "3 people"),
        (2, "branch", "2 branches"),
        (2, "touch", "2 touches"),
        (2, "line", "2 lines"),
        (2, "follow-up", "2 follow-ups"),
        (12_000, "person", "12,000 people"),
    ],
)
def test_plural_matches_the_count(count: int, noun: str, expected: str) -> None:
    """The noun is singular for exactly one, plural otherwise."""
    assert plural(count, noun) == expected


def test_an_irregular_plural_can_be_given() -> None:
    """``many`` wins over the kit's own rules."""
    assert plural(2, "criterion", many="criteria") == "2 criteria"
    assert plural(1, "criterion", many="criteria") == "1 criterion"


def test_only_the_last_word_of_a_phrase_changes_and_capitals_are_kept() -> None:
    """'first email' becomes 'first emails'; 'Person' becomes 'People'."""
    assert plural_word("first email") == "first emails"
    assert plural_word("Person") == "People"


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, "the same day"), (0.0, "the same day"), (1, "1 day"), (1.0, "1 day"), (3.5, "3.5 days")],
)
def test_days_read_as_a_person_says_them(days: float, expected: str) -> None:
    """Zero days is 'the same day'; a whole number of days has no decimal point."""
    assert days_text(days) == expected
