"""Stages are derived from touches: the furthest step reached, declines, and giving up."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from infoview.journey import stage_after
from infoview.tracker import Tracker


@pytest.mark.parametrize(
    ("kinds", "stage"),
    [
        ([], "identified"),
        (["intro_requested"], "asked for intro"),
        (["intro_requested", "introduced"], "contacted"),
        (["outreach"], "contacted"),
        (["outreach", "reminder"], "reminded"),
        (["outreach", "reply"], "replied"),
        (["outreach", "reply", "scheduled"], "scheduled"),
        (["outreach", "reply", "scheduled", "confirmed"], "scheduled"),
        (["scheduled", "interview"], "met"),
        (["interview", "thank_you_email"], "thanked"),
        (["interview", "thank_you_email", "thank_you_card"], "thanked"),
        (["interview", "thank_you_email", "reply"], "keeping in touch"),
        (["interview", "thank_you_email", "update"], "keeping in touch"),
        (["outreach", "declined"], "declined"),
        (["outreach", "declined", "reply", "scheduled"], "scheduled"),
        (["outreach", "gift"], "contacted"),
    ],
)
def test_stage_after_touches(kinds: list[str], stage: str) -> None:
    """Each sequence of touches leads to the expected stage."""
    assert stage_after(kinds) == stage


def test_no_answer_after_two_unanswered_reminders(tracker: Tracker) -> None:
    """Two reminders with no reply for more than 10.5 days: the stage becomes 'no answer'."""
    pid = tracker.add_person("Quiet Person")
    start = date(2026, 1, 1)
    tracker.log(pid, "outreach", on=start)
    tracker.log(pid, "reminder", on=start + timedelta(days=11))
    tracker.log(pid, "reminder", on=start + timedelta(days=22))

    def stage(today: date) -> str:
        return str(tracker.journey(today=today).loc[0, "stage"])

    assert stage(start + timedelta(days=32)) == "reminded"
    assert stage(start + timedelta(days=33)) == "no answer"


def test_journey_columns_and_counts(tracker: Tracker) -> None:
    """The journey lists everyone with their touch counts, even people with no touches."""
    ana = tracker.add_person("Ana", company="Acme")
    tracker.add_person("Bo")
    tracker.log(ana, "outreach", on=date(2026, 2, 1))
    tracker.log(ana, "reminder", on=date(2026, 2, 12))
    journey = tracker.journey(today=date(2026, 2, 13))
    assert list(journey.columns) == [
        "person_id", "name", "company", "source", "tie", "stage",
        "touches", "reminders", "first_contact", "last_touch", "last_kind",
    ]  # fmt: skip
    assert journey[["name", "stage", "touches", "reminders"]].to_dict("records") == [
        {"name": "Ana", "stage": "reminded", "touches": 2, "reminders": 1},
        {"name": "Bo", "stage": "identified", "touches": 0, "reminders": 0},
    ]
    assert journey.loc[0, "last_kind"] == "reminder"
    assert pd.isna(journey.loc[1, "last_kind"])


def test_a_journey_as_of_a_day_ignores_what_came_after_it(tracker: Tracker) -> None:
    """An email sent a month later does not make the person "contacted" a month early."""
    ana = tracker.add_person("Ana")
    tracker.log(ana, "outreach", on=date(2026, 3, 2))
    tracker.log(ana, "reply", on=date(2026, 3, 9))
    stages = {
        day: tracker.journey(today=day).iloc[0]
        for day in (date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 9))
    }
    assert [row["stage"] for row in stages.values()] == [
        "identified",
        "contacted",
        "contacted",
        "replied",
    ]
    assert [row["touches"] for row in stages.values()] == [0, 1, 1, 2]
    assert pd.isna(stages[date(2026, 3, 1)]["last_touch"])
    assert stages[date(2026, 3, 8)]["last_kind"] == "outreach"
