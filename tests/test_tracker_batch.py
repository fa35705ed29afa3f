"""Tracker.batch (several writes, one transaction) and the touches() filters."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from infoview.errors import InvalidChoiceError, InvalidValueError, UnknownPersonError
from infoview.tracker import Tracker


def test_batch_keeps_every_write(tracker: Tracker) -> None:
    """All writes inside a batch are kept together."""
    with tracker.batch():
        ana = tracker.add_person("Ana Ruiz")
        tracker.log(ana, "interview", on=date(2026, 3, 2))
    assert tracker.people()["name"].tolist() == ["Ana Ruiz"]
    assert tracker.touches()["kind"].tolist() == ["interview"]


def test_batch_error_changes_nothing(tracker: Tracker) -> None:
    """An error anywhere in a batch undoes the writes made before it."""

    def write_all() -> None:
        with tracker.batch():
            bo = tracker.add_person("Bo Lind")
            tracker.log(bo, "interview")
            tracker.log(bo, "intervew")

    with pytest.raises(InvalidChoiceError):
        write_all()
    assert tracker.people().empty
    assert tracker.touches().empty


def test_caught_error_inside_batch_undoes_only_that_write(tracker: Tracker) -> None:
    """A failed write that the caller catches inside a batch leaves the others alone."""
    with tracker.batch():
        bo = tracker.add_person("Bo Lind")
        with pytest.raises(UnknownPersonError):
            tracker.log(999, "update")
        tracker.log(bo, "update")
    assert tracker.touches()["kind"].tolist() == ["update"]


def test_nested_batches_roll_back_together(tracker: Tracker) -> None:
    """An error in an outer batch undoes what an inner batch wrote."""

    def write_then_fail() -> None:
        with tracker.batch():
            with tracker.batch():
                tracker.add_person("Cy")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert tracker.people().empty
    tracker.add_person("Di")  # the tracker is usable afterwards
    assert tracker.people()["name"].tolist() == ["Di"]


def test_touches_filter_by_kind_and_time(tracker: Tracker) -> None:
    """touches(kinds=..., since=...) returns only the touches asked for."""
    ana = tracker.add_person("Ana")
    tracker.log(ana, "interview", on=date(2026, 1, 10), notes="good")
    tracker.log(ana, "update", on=date(2026, 2, 1))
    tracker.log(ana, "update", on=date(2026, 3, 1))
    assert tracker.touches(kinds=["interview"])["details"].tolist() == [{"notes": "good"}]
    since = datetime(2026, 2, 15, tzinfo=UTC)
    assert len(tracker.touches(kinds=["update"], since=since)) == 1
    assert len(tracker.touches(ana, kinds=["update", "interview"])) == 3
    with pytest.raises(InvalidChoiceError):
        tracker.touches(kinds=["meeting"])


def test_log_keeps_a_person_id_detail(tracker: Tracker) -> None:
    """A referral touch can carry the new person's id as its person_id detail."""
    grace = tracker.add_person("Grace")
    fatima = tracker.add_person("Fatima", introduced_by=grace)
    tracker.log(grace, "referral", to="Fatima", person_id=fatima)
    touch = tracker.touches(grace).iloc[0]
    assert touch["person_id"] == grace
    assert touch["details"] == {"to": "Fatima", "person_id": fatima}


def test_touch_details_reads_keys_of_one_kind(tracker: Tracker) -> None:
    """touch_details returns only touches of that kind with one of the keys set."""
    ana = tracker.add_person("Ana")
    bo = tracker.add_person("Bo")
    tracker.log(ana, "interview", on=date(2026, 1, 10), next_step="read", next_step_by="2026-02-01")
    tracker.log(bo, "interview", on=date(2026, 1, 11), notes="nothing planned")
    tracker.log(bo, "update", on=date(2026, 1, 12), next_step="not an interview")
    found = tracker.touch_details("interview", ["next_step", "next_step_by"])
    assert found[["person_id", "next_step", "next_step_by"]].to_dict("records") == [
        {"person_id": ana, "next_step": "read", "next_step_by": "2026-02-01"}
    ]
    assert tracker.touch_details("interview")["person_id"].tolist() == [ana, bo]
    since = datetime(2026, 1, 11, tzinfo=UTC)
    assert tracker.touch_details("interview", since=since)["person_id"].tolist() == [bo]
    assert tracker.touch_details("interview", people=[bo])["person_id"].tolist() == [bo]
    assert tracker.touch_details("interview", people=[])["person_id"].tolist() == []


def test_touch_details_refuses_odd_keys(tracker: Tracker) -> None:
    """A detail key must be a simple name, never a JSON path or SQL."""
    with pytest.raises(InvalidValueError):
        tracker.touch_details("interview", ["x') OR 1=1 --"])
