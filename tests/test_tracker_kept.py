"""Frames the tracker keeps in memory: always the file's current data, never shared by callers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from infoview.journey import journey_frame
from infoview.tracker import Tracker, open_tracker

DAY = date(2026, 3, 2)


def _two_people(tracker: Tracker) -> tuple[int, int]:
    ana, bo = tracker.add_person("Ana Ruiz"), tracker.add_person("Bo Lind")
    tracker.log(ana, "outreach", on=date(2026, 2, 1))
    tracker.log(ana, "reply", on=date(2026, 2, 3))
    tracker.log(ana, "reminder", on=date(2026, 2, 2))
    tracker.log(bo, "interview", on=date(2026, 2, 20))
    return ana, bo


def test_a_write_here_is_seen_by_the_next_read(tracker: Tracker) -> None:
    """Every kind of kept frame shows a touch logged just after it was read."""
    ana, _ = _two_people(tracker)
    before = (tracker.touch_summary(), tracker.touch_counts(), tracker.journey(today=DAY))
    tracker.log(ana, "interview", on=date(2026, 2, 25))
    assert len(tracker.touch_summary()) == len(before[0]) + 1
    assert tracker.touch_counts().loc[ana, "interview"] == 1
    assert before[1].loc[ana, "interview"] == 0
    journey = tracker.journey(today=DAY).set_index("person_id")
    assert journey.loc[ana, "stage"] == "met"
    assert before[2].set_index("person_id").loc[ana, "stage"] == "replied"


def test_a_write_by_another_program_is_seen_too(tmp_path: Path) -> None:
    """Two trackers on one file: what one writes, the other reads at once."""
    with open_tracker(tmp_path / "t.sqlite") as here, open_tracker(tmp_path / "t.sqlite") as there:
        ana = here.add_person("Ana Ruiz")
        assert here.people()["name"].tolist() == ["Ana Ruiz"]
        assert here.latest_touches().empty
        there.add_person("Bo Lind")
        there.log(ana, "outreach", on=DAY)
        assert here.people()["name"].tolist() == ["Ana Ruiz", "Bo Lind"]
        assert here.latest_touches().loc[ana, "outreach"].date() == DAY


def test_changing_a_returned_frame_never_changes_the_tracker(tracker: Tracker) -> None:
    """A caller may edit what it got; the next caller still sees the file's data."""
    ana, _ = _two_people(tracker)
    people = tracker.people()
    people.loc[0, "name"] = "Changed"
    people["company"] = "Changed"
    summary = tracker.touch_summary()
    summary["count"] = 99
    assert tracker.people()["name"].tolist() == ["Ana Ruiz", "Bo Lind"]
    assert tracker.people()["company"].isna().all()
    assert tracker.touch_summary()["count"].max() == 1
    assert tracker.touch_counts().loc[ana].sum() == 3


def test_kept_journey_is_read_per_day(tracker: Tracker) -> None:
    """The journey kept for one day is not reused for another (stages change with time)."""
    ana = tracker.add_person("Ana Ruiz")
    tracker.log(ana, "outreach", on=date(2026, 1, 1))
    tracker.log(ana, "reminder", on=date(2026, 1, 13))
    tracker.log(ana, "reminder", on=date(2026, 1, 25))
    assert tracker.journey(today=date(2026, 1, 26))["stage"].tolist() == ["reminded"]
    assert tracker.journey(today=date(2026, 3, 1))["stage"].tolist() == ["no answer"]
    assert tracker.journey(today=date(2026, 1, 26))["stage"].tolist() == ["reminded"]


def test_latest_touches_and_counts_match_the_summary(tracker: Tracker) -> None:
    """The wide views hold exactly the summary's last times and counts, NaT and 0 elsewhere."""
    ana, bo = _two_people(tracker)
    tracker.log(ana, "reply", on=date(2026, 2, 10))
    latest, counts = tracker.latest_touches(), tracker.touch_counts()
    assert list(latest.index) == [ana, bo] == list(counts.index)
    assert latest.loc[ana, "reply"] == pd.Timestamp(
        "2026-02-10 12:00", tz="UTC"
    )  # a date is logged at noon
    assert counts.loc[ana, "reply"] == 2
    assert pd.isna(latest.loc[bo, "reply"]) and counts.loc[bo, "reply"] == 0
    assert counts.to_numpy().sum() == len(tracker.touches())
    for row in tracker.touch_summary().itertuples():
        assert latest.loc[row.person_id, row.kind] == row.last_at
        assert counts.loc[row.person_id, row.kind] == row.count


def test_the_journey_matrix_ignores_summary_rows_of_unknown_people() -> None:
    """A summary row for someone not in the people frame is left out, not misplaced."""
    people = pd.DataFrame(
        {"id": [7], "name": ["x"], "company": [None], "source": ["cold"], "tie": ["connection"]}
    )
    at = pd.Timestamp("2026-01-05", tz="UTC")
    summary = pd.DataFrame(
        {
            "person_id": [7, 8],
            "kind": ["outreach", "interview"],
            "count": [1, 1],
            "last_at": [at, at],
            "first_at": [at, at],
        }
    )
    frame = journey_frame(people, summary, DAY)
    assert frame["stage"].tolist() == ["contacted"]
    assert frame["touches"].tolist() == [1]
    assert np.array_equal(frame["first_contact"].to_numpy(), pd.Series([at]).to_numpy())


def test_frames_read_inside_a_batch_that_rolls_back_are_not_kept(tracker: Tracker) -> None:
    """A batch that fails leaves no trace, not even in frames read while it ran."""
    ana = tracker.add_person("Ana Ruiz")
    assert tracker.people()["name"].tolist() == ["Ana Ruiz"]
    try:
        with tracker.batch():
            bo = tracker.add_person("Bo Lind")
            tracker.log(bo, "outreach", on=DAY)
            assert tracker.people()["name"].tolist() == ["Ana Ruiz", "Bo Lind"]
            assert len(tracker.touch_summary()) == 1
            assert tracker.journey(today=DAY)["stage"].tolist() == ["identified", "contacted"]
            raise RuntimeError("the learner's code failed half way")
    except RuntimeError:
        pass
    assert tracker.people()["name"].tolist() == ["Ana Ruiz"]
    assert tracker.touch_summary().empty
    assert tracker.journey(today=DAY)["stage"].tolist() == ["identified"]
    assert tracker.latest_touches().empty and ana in tracker.people()["id"].tolist()
