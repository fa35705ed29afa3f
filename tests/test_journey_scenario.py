"""One contact's whole journey, day by day, with the due list checked on every day.

Ana is introduced by a friend, replies, meets Maya, refers her to Cleo, is thanked a day
late, hears how her advice worked out, and is kept in touch with for a year.

Each morning the due list is checked, then the day's events happen (as a learner looks at
the board first, then acts). The expectations are data: each entry in ``EXPECTED`` is a
window of mornings in which one rule has one person on the list. When another step's rules
join the due list, add their rule ids to ``COVERED_RULES`` and their windows to
``EXPECTED``: nothing else changes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from infoview.clock import local_zone
from infoview.due import due
from infoview.followup import Debrief, log_debrief
from infoview.rules import policy
from infoview.tracker import Tracker

START = date(2026, 1, 5)
MEETING_DAY = 13

# The rules checked; a later step adds its rule ids here with its windows below.
COVERED_RULES = {
    "contact.reminder",  # step 1
    "location.confirm",  # step 3
    "location.time",  # step 3
    "after.thanks_email",
    "after.referral",
    "after.update",
    "after.keep_in_touch",
}

# What happens, by day (days after START). Every entry is (day, who, what, details).
EVENTS: list[tuple[int, str, str, dict[str, object]]] = [
    (0, "ana", "intro_requested", {"via": "Fay"}),
    (2, "ana", "introduced", {"route": "warm"}),
    (5, "ana", "reply", {}),
    (6, "ana", "scheduled", {}),  # the meeting is on MEETING_DAY
    (12, "ana", "confirmed", {}),  # the confirmation, due the day before
    (MEETING_DAY, "ana", "debrief", {}),  # the interview, with a next step and a referral
    (15, "ana", "thank_you_email", {}),  # a day late: due on 14, overdue on 15
    (22, "cleo", "outreach", {"route": "warm"}),  # Cleo was due by day 20
    (35, "cleo", "reminder", {}),  # no answer for more than 10.5 days: due from day 33
    (40, "cleo", "reply", {}),
    (45, "ana", "update", {}),  # the next step was due on day 43
    (136, "ana", "update", {}),  # keep-in-touch due on day 135 (90 days after day 45)
    (150, "ana", "reply", {}),  # her reply restarts the clock: next due on day 240
    (240, "ana", "update", {}),
    (335, "ana", "update", {}),  # due on 330, sent five days late
]
LAST_DAY = 430

# (rule, who, first morning on the list, last morning on the list), from the defaults.
EXPECTED: list[tuple[str, str, int, int]] = [
    ("location.confirm", "ana", 12, 12),
    ("location.time", "ana", 13, 13),
    ("after.thanks_email", "ana", 14, 15),
    ("after.referral", "cleo", 20, 22),
    ("contact.reminder", "cleo", 33, 35),
    ("after.update", "ana", 43, 45),
    ("after.keep_in_touch", "ana", 135, 136),
    ("after.keep_in_touch", "ana", 240, 240),
    ("after.keep_in_touch", "ana", 330, 335),
    ("after.keep_in_touch", "ana", 425, LAST_DAY),
]


def expected_on(day: int) -> set[tuple[str, str]]:
    return {(rule, who) for rule, who, first, last in EXPECTED if first <= day <= last}


def _meeting(day: date, in_days: int) -> dict[str, object]:
    start = datetime.combine(day + timedelta(days=in_days), time(10, 0), tzinfo=local_zone())
    return {
        "start": start.isoformat(),
        "tz": str(local_zone()),
        "minutes": 30,
        "place_kind": "coffee",
        "location": "Corner café",
    }


def test_expectations_match_the_rule_numbers() -> None:
    """The windows above follow from the kit's default numbers."""
    rules = policy()
    assert rules["after.thanks_email"].number("days_after") == 1
    assert rules["after.referral"].number("within_days") == 7
    assert rules["after.update"].number("days_after") == 30
    assert rules["after.keep_in_touch"].number("every_days") == 90
    assert rules["contact.reminder"].number("wait_days") == 10.5
    assert rules["location.confirm"].number("days_before") == 1


def test_one_contact_day_by_day(tracker: Tracker) -> None:
    """Every morning of the journey the due list holds exactly the expected actions."""
    rules = policy()
    ids = {"fay": tracker.add_person("Fay Friend")}
    ids["ana"] = tracker.add_person(
        "Ana Ruiz", email="ana@example.org", introduced_by=ids["fay"], connected_on=START
    )
    names = {"ana": "Ana Ruiz", "cleo": "Cleo Park"}
    mismatches = []
    for offset in range(LAST_DAY + 1):
        day = START + timedelta(days=offset)
        table = due(tracker, today=day, rules=rules)  # the morning's board
        table = table[table["rule"].isin(COVERED_RULES) & table["name"].isin(names.values())]
        found = {
            (rule, who)
            for rule, name in zip(table["rule"], table["name"], strict=True)
            for who, full in names.items()
            if full == name
        }
        if found != expected_on(offset):
            mismatches.append((offset, sorted(found), sorted(expected_on(offset))))
        for when, who, what, details in EVENTS:  # then the day's events
            if when != offset:
                continue
            if what == "debrief":
                debrief = Debrief(
                    learned="research is a team sport",
                    next_step="join the research guild",
                    referrals=("Cleo Park, cleo@example.org",),
                )
                saved = log_debrief(tracker, ids["ana"], debrief, on=day)
                ids["cleo"] = saved.referred[0]
            elif what == "scheduled":
                tracker.log(ids[who], what, on=day, **_meeting(day, MEETING_DAY - when))
            else:
                tracker.log(ids[who], what, on=day, **details)
    assert mismatches == []
