"""The one due list: step 4's rules, their boundaries, and how due() joins and sorts them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from infoview.due import DUE_COLUMNS, DueRule, due, due_list
from infoview.followup import Debrief, log_debrief
from infoview.rules import policy
from infoview.steps import DUE_RULES, due_rule
from infoview.tracker import Tracker

DAY = date(2026, 3, 2)


def actions(tracker: Tracker, today: date, horizon_days: int = 0) -> list[tuple[str, str]]:
    table = due(tracker, today=today, horizon_days=horizon_days)
    return list(zip(table["name"], table["rule"], strict=True))


def met(tracker: Tracker, name: str, on: date = DAY) -> int:
    pid = tracker.add_person(name)
    tracker.log(pid, "interview", on=on)
    return pid


# ---------------------------------------------------------------- shape and order


def test_columns_and_types_of_an_empty_list(tracker: Tracker) -> None:
    """An empty tracker gives an empty list with the standard columns."""
    table = due(tracker, today=DAY)
    assert list(table.columns) == DUE_COLUMNS
    assert table.empty


@pytest.mark.parametrize("rule", DUE_RULES, ids=lambda rule: rule.id)
def test_every_due_rule_is_a_rule_of_the_kit_with_a_way_to_be_done(rule: DueRule) -> None:
    """Each due rule is named as in rules.toml, finds items, and says what Done records."""
    assert rule.id in policy()
    assert callable(rule.find)
    assert rule.done is not None
    assert due_rule(rule.id) is rule


def test_due_rule_ids_are_unique_and_cover_every_step() -> None:
    ids = [rule.id for rule in DUE_RULES]
    assert len(ids) == len(set(ids))
    assert {rule_id.split(".")[0] for rule_id in ids} == {"contact", "location", "after"}
    for rule_id in ("after.thanks_email", "after.referral", "after.update", "after.keep_in_touch"):
        assert rule_id in ids


def test_an_unknown_due_rule_is_explained() -> None:
    with pytest.raises(ValueError, match=r"due rule must be one of .*after\.referral"):
        due_rule("after.refferal")


def test_due_joins_every_rule_and_sorts_by_urgency(tracker: Tracker) -> None:
    """Thanks, referrals, updates and nudges share one list, most overdue first."""
    ana = tracker.add_person("Ana")
    tracker.log(ana, "interview", on=DAY - timedelta(days=100))
    tracker.log(ana, "thank_you_email", on=DAY - timedelta(days=99))
    ben = tracker.add_person("Ben")
    log_debrief(
        tracker,
        ben,
        Debrief(next_step="read the book", referrals=("Cleo",)),
        on=DAY - timedelta(days=40),
    )
    tracker.log(ben, "thank_you_email", on=DAY - timedelta(days=39))
    met(tracker, "Dee", on=DAY - timedelta(days=3))
    table = due(tracker, today=DAY)
    assert list(table.columns) == DUE_COLUMNS
    assert set(table["rule"]) == {
        "after.keep_in_touch",
        "after.thanks_email",
        "after.referral",
        "after.update",
    }
    assert table["overdue_days"].is_monotonic_decreasing
    first = table.iloc[0]
    assert (first["name"], first["rule"], first["overdue_days"]) == ("Cleo", "after.referral", 33)
    assert all(isinstance(day, date) for day in table["due_on"])
    assert list(table["overdue_days"]) == [(DAY - d).days for d in table["due_on"]]


def test_ties_follow_the_registry_order(tracker: Tracker) -> None:
    """Items equally overdue are ordered as their rules are listed in DUE_RULES."""
    ana = met(tracker, "Ana", on=DAY - timedelta(days=31))  # update due today...
    tracker.log(ana, "thank_you_email", on=DAY - timedelta(days=30))
    tracker.log(ana, "interview", on=DAY - timedelta(days=1), next_step="apply")  # ...thanks too
    assert [rule for _, rule in actions(tracker, DAY)] == ["after.thanks_email"]
    bo = tracker.add_person("Bo", introduced_by=ana, connected_on=DAY - timedelta(days=7))
    assert tracker.person(bo).introduced_by == ana
    assert [rule for _, rule in actions(tracker, DAY)] == ["after.thanks_email", "after.referral"]


# ---------------------------------------------------------------- thanks


def test_interview_yesterday_without_thanks_is_due_today(tracker: Tracker) -> None:
    """An interview yesterday with no thanks is due today, not yet overdue."""
    met(tracker, "Ana", on=DAY - timedelta(days=1))
    table = due(tracker, today=DAY)
    assert table[["name", "rule", "overdue_days"]].to_dict("records") == [
        {"name": "Ana", "rule": "after.thanks_email", "overdue_days": 0}
    ]


def test_interview_today_is_due_tomorrow(tracker: Tracker) -> None:
    """On the day of the meeting the thanks is coming up, not due."""
    met(tracker, "Ana", on=DAY)
    assert actions(tracker, DAY) == []
    assert actions(tracker, DAY, horizon_days=1) == [("Ana", "after.thanks_email")]


def test_thanks_sent_means_not_due(tracker: Tracker) -> None:
    """A thank-you email (or card) on or after the meeting day clears it."""
    ana = met(tracker, "Ana", on=DAY - timedelta(days=1))
    tracker.log(ana, "thank_you_email", on=DAY - timedelta(days=1))
    bo = met(tracker, "Bo", on=DAY - timedelta(days=1))
    tracker.log(bo, "thank_you_card", on=DAY)
    assert actions(tracker, DAY) == []


def test_thanks_for_an_earlier_meeting_does_not_count(tracker: Tracker) -> None:
    """A second meeting needs its own thanks."""
    ana = met(tracker, "Ana", on=DAY - timedelta(days=60))
    tracker.log(ana, "thank_you_email", on=DAY - timedelta(days=59))
    tracker.log(ana, "interview", on=DAY - timedelta(days=3))
    table = due(tracker, today=DAY)
    assert table[["rule", "overdue_days"]].to_dict("records") == [
        {"rule": "after.thanks_email", "overdue_days": 2}
    ]


def test_switched_off_rule_adds_nothing(tracker: Tracker) -> None:
    """An advisor can switch a rule off; it then adds no items."""
    met(tracker, "Ana", on=DAY - timedelta(days=1))
    rules = policy().switch("after.thanks_email", on=False)
    assert due(tracker, today=DAY, rules=rules).empty


# ---------------------------------------------------------------- keep in touch


def thanked(tracker: Tracker, name: str, on: date) -> int:
    pid = met(tracker, name, on=on)
    tracker.log(pid, "thank_you_email", on=on)
    return pid


def test_89_days_not_due_90_days_due(tracker: Tracker) -> None:
    """The nudge comes 90 days after the last touch, not a day sooner."""
    thanked(tracker, "Ana", on=DAY)
    assert actions(tracker, DAY + timedelta(days=89)) == []
    assert actions(tracker, DAY + timedelta(days=90)) == [("Ana", "after.keep_in_touch")]


def test_any_touch_resets_the_clock(tracker: Tracker) -> None:
    """A reply (or any touch) with them restarts the 90 days."""
    ana = thanked(tracker, "Ana", on=DAY)
    tracker.log(ana, "reply", on=DAY + timedelta(days=80))
    assert actions(tracker, DAY + timedelta(days=90)) == []
    assert actions(tracker, DAY + timedelta(days=169)) == []
    assert actions(tracker, DAY + timedelta(days=170)) == [("Ana", "after.keep_in_touch")]


def test_people_not_met_are_never_nudged(tracker: Tracker) -> None:
    """Keep-in-touch nudges are only for people you have met."""
    ana = tracker.add_person("Ana")
    tracker.log(ana, "outreach", on=DAY)
    tracker.log(ana, "declined", on=DAY + timedelta(days=2))
    assert "after.keep_in_touch" not in {r for _, r in actions(tracker, DAY + timedelta(days=400))}


def test_at_most_four_nudges_a_year(tracker: Tracker) -> None:
    """With a 30-day rhythm, the fifth nudge waits until a year after the first."""
    rules = policy().adjust("after.keep_in_touch", every_days=30)
    ana = thanked(tracker, "Ana", on=DAY)
    sent: list[date] = []
    day = DAY
    for _ in range(6):
        upcoming = due(tracker, today=day, rules=rules, horizon_days=400)
        next_day = upcoming["due_on"].iloc[0]
        assert due(tracker, today=next_day - timedelta(days=1), rules=rules).empty
        tracker.log(ana, "update", on=next_day)
        sent.append(next_day)
        day = next_day
    assert sent[:4] == [DAY + timedelta(days=30 * n) for n in range(1, 5)]
    assert sent[4] == sent[0] + timedelta(days=365)
    assert sent[5] == sent[1] + timedelta(days=365)
    for start in sent:
        assert sum(start <= d < start + timedelta(days=365) for d in sent) <= 4


# ---------------------------------------------------------------- referrals and updates


def test_referral_from_a_debrief_is_a_new_person_and_a_due_action(tracker: Tracker) -> None:
    """A referral appears as a new person, due within the rule's days, until contacted."""
    ana = met(tracker, "Ana", on=DAY - timedelta(days=1))
    tracker.log(ana, "thank_you_email", on=DAY)
    saved = log_debrief(tracker, ana, Debrief(referrals=("Cleo Park",)), on=DAY)
    cleo = saved.referred[0]
    person = tracker.person(cleo)
    assert (person.name, person.introduced_by, person.source.value) == ("Cleo Park", ana, "warm")
    within = int(policy()["after.referral"].number("within_days"))
    assert actions(tracker, DAY, horizon_days=within) == [("Cleo Park", "after.referral")]
    assert actions(tracker, DAY + timedelta(days=within - 1)) == []
    assert actions(tracker, DAY + timedelta(days=within)) == [("Cleo Park", "after.referral")]
    tracker.log(cleo, "outreach", on=DAY + timedelta(days=within))
    assert actions(tracker, DAY + timedelta(days=within)) == []


def test_next_step_makes_an_update_due(tracker: Tracker) -> None:
    """A next step in the debrief brings an update due after the rule's days."""
    ana = thanked(tracker, "Ana", on=DAY)
    log_debrief(tracker, ana, Debrief(next_step="take the course"), on=DAY)
    days = int(policy()["after.update"].number("days_after"))
    assert actions(tracker, DAY + timedelta(days=days - 1)) == []
    table = due(tracker, today=DAY + timedelta(days=days))
    assert list(table["rule"]) == ["after.update"]
    assert "take the course" in table["reason"].iloc[0]
    tracker.log(ana, "update", on=DAY + timedelta(days=days))
    assert actions(tracker, DAY + timedelta(days=days)) == []


def test_next_step_by_a_date(tracker: Tracker) -> None:
    """A next step with a date is due on that date."""
    ana = tracker.add_person("Ana")
    tracker.log(ana, "thank_you_email", on=DAY)
    by = DAY + timedelta(days=10)
    log_debrief(tracker, ana, Debrief(next_step="apply", next_step_by=by), on=DAY)
    tracker.log(ana, "thank_you_email", on=DAY)
    assert actions(tracker, by - timedelta(days=1)) == []
    assert actions(tracker, by) == [("Ana", "after.update")]


def test_only_the_latest_debrief_counts(tracker: Tracker) -> None:
    """A later meeting without a next step replaces an earlier plan."""
    ana = tracker.add_person("Ana")
    log_debrief(tracker, ana, Debrief(next_step="apply"), on=DAY)
    log_debrief(tracker, ana, Debrief(notes="just a chat"), on=DAY + timedelta(days=5))
    tracker.log(ana, "thank_you_email", on=DAY + timedelta(days=5))
    assert actions(tracker, DAY + timedelta(days=60)) == []


# ---------------------------------------------------------------- the learner's view


def _chicago_breakfast(tracker: Tracker) -> int:
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from infoview import meeting

    pid = tracker.add_person("Rosa Vidal")
    start = datetime.combine(date(2026, 12, 8), time(8, 30), tzinfo=ZoneInfo("America/Chicago"))
    booked = meeting.Meeting(
        person_id=pid, person_name="Rosa Vidal", start=start, minutes=30, place_kind="coffee"
    )
    meeting.log_meeting(tracker, booked, on=date(2026, 12, 1))
    return pid


@pytest.mark.parametrize(
    ("zone", "shown"),
    [("America/Chicago", "Tue 8 Dec, 08:30 (America/Chicago)"), ("UTC", "Tue 8 Dec, 14:30 (UTC)")],
)
def test_the_due_list_says_when_in_the_learners_zone_by_name(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch, zone: str, shown: str
) -> None:
    """A meeting's time is given in the learner's own zone, and the zone is named."""
    monkeypatch.setenv("INFOVIEW_TZ", zone)
    _chicago_breakfast(tracker)
    listed = due_list(tracker, today=date(2026, 12, 4), horizon_days=7)
    assert len(listed) == 1
    assert shown in repr(listed)
    assert shown in listed._repr_html_()


def test_the_due_list_is_the_boards_view_never_a_raw_frame(tracker: Tracker) -> None:
    """Plain column names and words; no index, ids, snake_case columns or rule ids."""
    import re

    _chicago_breakfast(tracker)
    met(tracker, "Tomás Reyes", on=date(2026, 12, 3))
    listed = due_list(tracker, today=date(2026, 12, 4), horizon_days=7)
    markup = listed._repr_html_()
    visible = re.sub(r"<[^>]+>", " ", markup)
    for header in ("When", "Who", "What to do", "Why"):
        assert f">{header}</th>" in markup
    assert "Fri 4 Dec, today" in visible  # the thank-you for yesterday's meeting
    assert "Mon 7 Dec, in 3 days" in visible  # the confirmation, the day before
    for raw in ("person_id", "overdue_days", "due_on", "rule", "after.thanks_email"):
        assert raw not in visible
    assert not re.search(r"<t[dh][^>]*>\s*\d+\s*</t[dh]>", markup)  # no bare index or id cell


def test_an_empty_due_list_says_so_in_words(tracker: Tracker) -> None:
    """Nothing due: a sentence, not an empty table."""
    listed = due_list(tracker, today=DAY, horizon_days=7)
    assert repr(listed) == "Nothing is due today or in the next 7 days."
    assert "<table" not in listed._repr_html_()


def test_the_due_list_escapes_names(tracker: Tracker) -> None:
    """A name with markup in it is shown as text."""
    met(tracker, "<b onmouseover=alert(1)>Eve</b>", on=DAY - timedelta(days=1))
    markup = due_list(tracker, today=DAY)._repr_html_()
    assert "<b onmouseover" not in markup
    assert "&lt;b onmouseover=alert(1)&gt;Eve&lt;/b&gt;" in markup
