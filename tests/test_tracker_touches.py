"""Changing a touch already logged: update_touch merges details in one transaction."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infoview.errors import InvalidValueError
from infoview.tracker import Tracker

DAY = date(2026, 11, 25)


def _snapshot(path: Path) -> bytes:
    """The database's content, independent of WAL state."""
    with closing(sqlite3.connect(path)) as con:
        return "\n".join(con.iterdump()).encode()


def test_update_touch_merges_the_given_keys(tracker: Tracker) -> None:
    """Given keys replace theirs, other keys stay, and kind, time and text are unchanged."""
    ana = tracker.add_person("Ana Ruiz")
    tid = tracker.log(ana, "interview", on=DAY, channel="video", notes="warm", advice="write")
    before = tracker.touches(ana).iloc[0]
    assert tracker.update_touch(tid, advice="write two case studies", answers={"q1": "x"}) == tid
    after = tracker.touches(ana).iloc[0]
    assert after["details"] == {
        "notes": "warm",
        "advice": "write two case studies",
        "answers": {"q1": "x"},
    }
    for column in ("id", "person_id", "kind", "at", "channel", "created_at"):
        assert after[column] == before[column]


def test_update_touch_is_seen_by_kept_frames(tracker: Tracker) -> None:
    """A frame read before the update is read afresh after it."""
    ana = tracker.add_person("Ana Ruiz")
    tid = tracker.log(ana, "interview", on=DAY)
    assert tracker.touch_details("interview", ["next_step"]).empty
    tracker.update_touch(tid, next_step="read the book")
    assert tracker.touch_details("interview", ["next_step"])["next_step"].tolist() == [
        "read the book"
    ]


def test_update_touch_only_changes_that_touch(tracker: Tracker) -> None:
    """Other touches, of the same person or others, keep their details."""
    ana, bo = tracker.add_person("Ana"), tracker.add_person("Bo")
    first = tracker.log(ana, "interview", on=DAY, notes="one")
    tracker.log(ana, "interview", on=date(2026, 12, 1), notes="two")
    tracker.log(bo, "interview", on=DAY, notes="three")
    tracker.update_touch(first, notes="one, more")
    assert [d["notes"] for d in tracker.touches()["details"]] == ["one, more", "three", "two"]


@pytest.mark.parametrize("touch_id", [999, 0, -1, 2**63, "1", True, None, 1.0])
def test_unknown_touch_id_is_named_and_nothing_changes(tracker: Tracker, touch_id: object) -> None:
    """A touch id that is not in the tracker is refused with a message naming it."""
    ana = tracker.add_person("Ana")
    tracker.log(ana, "interview", on=DAY, notes="kept")
    before = _snapshot(tracker.path)
    with pytest.raises(InvalidValueError, match=f"no touch with id {touch_id!r}"):
        tracker.update_touch(touch_id, notes="changed")  # type: ignore[arg-type]
    assert _snapshot(tracker.path) == before


def test_details_that_cannot_be_stored_change_nothing(tracker: Tracker) -> None:
    """A broken surrogate or a circular value is explained; the touch keeps its details."""
    ana = tracker.add_person("Ana")
    tid = tracker.log(ana, "interview", on=DAY, notes="kept")
    loop: list[object] = []
    loop.append(loop)
    before = _snapshot(tracker.path)
    with pytest.raises(InvalidValueError, match="cannot be stored"):
        tracker.update_touch(tid, notes="broken \ud800 text")
    with pytest.raises(InvalidValueError, match="plain values"):
        tracker.update_touch(tid, answers=loop)
    assert _snapshot(tracker.path) == before
    assert tracker.touches(ana).iloc[0]["details"] == {"notes": "kept"}


def test_update_touch_inside_a_batch_rolls_back_with_it(tracker: Tracker) -> None:
    """In a batch that fails later, the update is undone with the rest."""
    ana = tracker.add_person("Ana")
    tid = tracker.log(ana, "interview", on=DAY, notes="kept")

    def update_then_fail() -> None:
        with tracker.batch():
            tracker.update_touch(tid, notes="changed")
            tracker.add_person("Bad", email="not-an-email@")

    with pytest.raises(InvalidValueError):
        update_then_fail()
    assert tracker.touches(ana).iloc[0]["details"] == {"notes": "kept"}
    assert tracker.people()["name"].tolist() == ["Ana"]
