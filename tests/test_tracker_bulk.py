"""Tracker.add_people_frame: the bulk path imports use, with the checks of add_people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.errors import InvalidChoiceError, InvalidValueError, UnknownPersonError
from infoview.tracker import Tracker, open_tracker
from infoview.validation import clean_email, clean_emails, clean_text, texts_pass

RECORDS = [
    {
        "name": "  Ana Ruiz ",
        "email": "Ana@Example.ORG",
        "company": "Acme, Inc.",
        "role": "UX Lead",
        "url": "https://www.linkedin.example.org/in/ana",
        "source": "linkedin",
        "tie": "ally",
        "connected_on": date(2026, 8, 12),
        "notes": "line one\r\nline two",
    },
    {"name": "Bo Chen", "email": None, "company": None, "source": "vcard", "connected_on": None},
    {"name": "Cy Diaz", "connected_on": "2026-01-05"},
]


def _tracker(tmp_path: Path) -> Tracker:
    return open_tracker(tmp_path / "t.sqlite")


def _comparable(tracker: Tracker) -> list[dict[str, object]]:
    frame = tracker.people().drop(columns=["id", "created_at"])
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_frame_rows_equal_add_people_rows(tmp_path: Path) -> None:
    """The bulk path stores exactly what add_people stores for the same records."""
    one = open_tracker(tmp_path / "one.sqlite")
    two = open_tracker(tmp_path / "two.sqlite")
    one.add_people(RECORDS)
    ids = two.add_people_frame(pd.DataFrame(RECORDS))
    assert ids == [1, 2, 3]
    assert _comparable(one) == _comparable(two)
    assert two.person(1).notes == "line one\nline two"


def test_ids_follow_existing_people(tmp_path: Path) -> None:
    """New ids continue after the people already there; introduced_by may point to them."""
    tracker = _tracker(tmp_path)
    first = tracker.add_person("Grace Adeyemi")
    ids = tracker.add_people_frame(pd.DataFrame([{"name": "Tomás", "introduced_by": first}]))
    assert ids == [first + 1]
    assert tracker.person(ids[0]).introduced_by == first


def test_empty_frame_adds_nothing(tmp_path: Path) -> None:
    """An empty frame is fine and adds nobody."""
    tracker = _tracker(tmp_path)
    assert tracker.add_people_frame(pd.DataFrame({"name": []})) == []
    assert tracker.people().empty


@pytest.mark.parametrize(
    ("row", "error", "words"),
    [
        ({"name": "  "}, InvalidValueError, "name must not be empty"),
        ({"name": "Ana", "company": "Acme\x07"}, InvalidValueError, "control character"),
        ({"name": "Ana", "role": "two\nlines"}, InvalidValueError, "single line"),
        ({"name": "Ana", "email": "ana@"}, InvalidValueError, "not a valid email"),
        ({"name": "Ana", "tie": "frend"}, InvalidChoiceError, "tie must be one of"),
        ({"name": "Ana", "source": "fax"}, InvalidChoiceError, "source must be one of"),
        ({"name": "Ana", "connected_on": "12/08/2026"}, InvalidValueError, "connected_on"),
        ({"name": "Ana", "introduced_by": 99}, UnknownPersonError, "99"),
        ({"name": "Ana", "notes": "x" * 100_001}, InvalidValueError, "limit"),
        ({"name": "Ana\x85Ruiz"}, InvalidValueError, "control character"),
        ({"name": "Ana", "company": "Acme\u2028Labs"}, InvalidValueError, "single line"),
        ({"name": "Ana", "notes": "broken \ud800 text"}, InvalidValueError, "control character"),
        ({"name": "Ana", "role": 7}, InvalidValueError, "role must be text"),
    ],
)
def test_a_bad_row_changes_nothing(
    tmp_path: Path, row: dict[str, object], error: type[Exception], words: str
) -> None:
    """One bad value anywhere refuses the whole frame, with add_person's message."""
    tracker = _tracker(tmp_path)
    good = {"name": "Good Person", "email": "good@example.org"}
    with pytest.raises(error, match=words):
        tracker.add_people_frame(pd.DataFrame([good, row]))
    assert tracker.people().empty


def test_clean_emails_keeps_order_and_gaps() -> None:
    """Each address is checked once; None stays None; order is kept."""
    assert clean_emails(["B@X.ORG", None, "b@x.org"]) == ["B@x.org", None, "b@x.org"]


_ATOM = st.text(alphabet="abcXYZ019_%+-.", min_size=1, max_size=12)
_LABEL = st.text(alphabet="abcXYZ09-", min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    local=_ATOM,
    labels=st.lists(_LABEL, min_size=1, max_size=3),
    tld=st.sampled_from(
        ["org", "ORG", "test", "localhost", "invalid", "co", "museum", "onion", "x1"]
    ),
)
def test_fast_emails_agree_with_clean_email(local: str, labels: list[str], tld: str) -> None:
    """The fast path gives clean_email's answer or error for every address."""
    address = f"{local}@{'.'.join(labels)}.{tld}"
    try:
        expected: str | None = clean_email(address)
    except InvalidValueError:
        expected = None
    if expected is None:
        with pytest.raises(InvalidValueError):
            clean_emails([address])
    else:
        assert clean_emails([address]) == [expected]


def test_revision_changes_with_every_write(tmp_path: Path) -> None:
    """revision moves on after a write by this tracker or by another one on the same file."""
    tracker = _tracker(tmp_path)
    before = tracker.revision
    assert tracker.revision == before
    tracker.add_person("Ana Ruiz")
    after_own = tracker.revision
    assert after_own != before
    other = open_tracker(tracker.path)
    other.add_person("Bo Chen")
    assert tracker.revision != after_own


_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZ \t\n\r\x00\x1f\x7f\x85\x9f\xa0\u2028\u2029\ud800é"),
        st.characters(),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_TEXT, max_size=4), multiline=st.booleans())
def test_texts_pass_only_when_clean_text_accepts_each(texts: list[str], multiline: bool) -> None:
    """The many-at-once screen never lets through a text clean_text would refuse."""
    if texts_pass(texts, multiline=multiline):
        for text in texts:
            clean_text(text, "notes", multiline=multiline)
