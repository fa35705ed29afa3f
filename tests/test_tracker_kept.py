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


# ---------------------------------------------------------------- carried over after own writes


def _frames(tracker: Tracker, today: date) -> dict[str, pd.DataFrame]:
    """Every kind of kept frame, as the due list and the journey read them."""
    return {
        "people": tracker.people(),
        "summary": tracker.touch_summary(),
        "summary until": tracker.touch_summary(until=today),
        "latest": tracker.latest_touches(),
        "counts": tracker.touch_counts(),
        "journey": tracker.journey(today=today),
        "details": tracker.touch_details("interview", ["learned"]),
        "due": tracker.due(today=today),
    }


def _assert_same_frames(kept: Tracker, fresh_path: Path, today: date) -> None:
    with open_tracker(fresh_path) as fresh:  # its own connection, nothing kept yet
        expected = _frames(fresh, today)
    for name, frame in _frames(kept, today).items():
        pd.testing.assert_frame_equal(frame, expected[name], obj=name)


def test_frames_carried_over_after_own_writes_equal_a_fresh_read(tmp_path: Path) -> None:
    """300 writes of every kind the kit makes; after each, every frame is what a reread gives.

    The writes the frames do not depend on (profile, plans, targets, details) and those
    they do (people, touches, at any time, earlier than the rest too) are carried over
    without rereading the file; this checks they come out exactly as a reread would.
    """
    import random

    pick = random.Random(17)
    path = tmp_path / "t.sqlite"
    today = date(2026, 6, 1)
    kinds = ["outreach", "reply", "reminder", "scheduled", "interview", "thank_you_email", "update"]
    carried = 0
    with open_tracker(path) as tracker:
        people = [tracker.add_person(name) for name in ("Ana Ruiz", "Bo Lind", "Chidi Okafor")]
        tracker.log(people[0], "outreach", on=date(2026, 1, 5))
        for step in range(300):
            _frames(tracker, today)  # read everything, so there is something to carry
            roll = pick.random()
            if roll < 0.1:
                people.append(tracker.add_person(f"Person {step}", company=pick.choice("ABC")))
            elif roll < 0.2:
                tracker.update_person(pick.choice(people), tie=pick.choice(["ally", "mentor"]))
            elif roll < 0.25:
                tracker.set_profile(goal=f"Goal {step}")
            elif roll < 0.3:
                tracker.save_plan(pick.choice(people), {"questions": [f"q{step}"]})
            elif roll < 0.35:
                tracker.add_target(f"Org {step}")
            elif roll < 0.45:
                touches = tracker.touches()
                tracker.update_touch(int(pick.choice(touches["id"].tolist())), note=str(step))
            else:
                day = date(2026, 1, 1) + pd.Timedelta(days=pick.randrange(150)).to_pytimedelta()
                kind = pick.choice(kinds)
                extra = {"learned": f"lesson {step}"} if kind == "interview" else {}
                tracker.log(pick.choice(people), kind, on=day, **extra)
            carried += tracker._frames_revision == tracker.revision and bool(tracker._frames)
            if step % 10 == 0 or step > 290:
                _assert_same_frames(tracker, path, today)
        _assert_same_frames(tracker, path, today)
    assert carried > 250  # the frames really were carried over, not just read again


def test_a_write_by_another_program_between_is_never_missed(tmp_path: Path) -> None:
    """When another program wrote too, nothing is carried over: all is read afresh."""
    path = tmp_path / "t.sqlite"
    with open_tracker(path) as here, open_tracker(path) as there:
        ana = here.add_person("Ana Ruiz")
        here.log(ana, "outreach", on=date(2026, 2, 1))
        assert len(here.touch_summary()) == 1
        there.log(ana, "reply", on=date(2026, 2, 3))
        here.log(ana, "interview", on=date(2026, 2, 10))
        assert sorted(here.touch_summary()["kind"]) == ["interview", "outreach", "reply"]
        there.update_person(ana, company="Acme")
        here.update_person(ana, role="Designer")
        row = here.people().iloc[0]
        assert (row["company"], row["role"]) == ("Acme", "Designer")
