"""Reminders: due from day 11 without an answer, at most two, and Dalton's optional 3B7."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoview.errors import InvalidChoiceError
from infoview.outreach import reminders_due
from infoview.rules import policy
from infoview.tracker import Tracker

SENT = date(2026, 3, 2)  # a Monday


def day(n: int) -> date:
    return SENT + timedelta(days=n)


def contacted(tracker: Tracker, name: str = "Ana Ruiz", company: str = "Acme") -> int:
    pid = tracker.add_person(name, email="ana@example.org", company=company)
    tracker.log(pid, "outreach", on=SENT, subject="Learning about UX research")
    return pid


def due_names(tracker: Tracker, when: date, **kwargs: object) -> list[str]:
    return list(reminders_due(tracker, when, **kwargs)["name"])  # type: ignore[arg-type]


def test_day_10_is_not_due_and_day_11_is(tracker: Tracker) -> None:
    """Ten days of silence is not yet a week and a half; from day 11 a reminder is due."""
    contacted(tracker)
    assert due_names(tracker, day(10)) == []
    table = reminders_due(tracker, day(11))
    assert list(table["name"]) == ["Ana Ruiz"]
    row = table.iloc[0]
    assert row["due_on"] == day(11)
    assert row["overdue_days"] == 0
    assert row["rule"] == "contact.reminder"
    assert row["action"] == "Send a friendly reminder"
    assert row["reason"] == "No answer 11 days after your email of 2026-03-02"
    assert reminders_due(tracker, day(15)).iloc[0]["overdue_days"] == 4


@pytest.mark.parametrize("answer", ["reply", "declined", "scheduled", "interview"])
def test_an_answer_on_day_5_means_never_due(tracker: Tracker, answer: str) -> None:
    """A reply, a no or a meeting stops the reminder clock for good."""
    pid = contacted(tracker)
    tracker.log(pid, answer, on=day(5))
    for later in (11, 30, 365):
        assert due_names(tracker, day(later)) == []


def test_a_reminder_restarts_the_clock(tracker: Tracker) -> None:
    """After a first reminder on day 11, the next (and last) is due from day 22."""
    pid = contacted(tracker)
    tracker.log(pid, "reminder", on=day(11))
    assert due_names(tracker, day(21)) == []
    row = reminders_due(tracker, day(22)).iloc[0]
    assert row["due_on"] == day(22)
    assert row["action"] == "Send a last, short reminder"


def test_a_third_reminder_is_never_due(tracker: Tracker) -> None:
    """After two reminders the person is never nagged again and the stage is 'no answer'."""
    pid = contacted(tracker)
    tracker.log(pid, "reminder", on=day(11))
    tracker.log(pid, "reminder", on=day(22))
    for later in (33, 34, 100, 400):
        assert due_names(tracker, day(later)) == []
    assert tracker.journey(today=day(34))["stage"].iloc[0] == "no answer"


def test_the_wait_is_data(tracker: Tracker) -> None:
    """An advisor who sets wait_days = 7 gets reminders from day 8."""
    contacted(tracker)
    rules = policy().adjust("contact.reminder", wait_days=7)
    assert due_names(tracker, day(7), rules=rules) == []
    assert due_names(tracker, day(8), rules=rules) == ["Ana Ruiz"]


def test_switching_the_rules_off(tracker: Tracker) -> None:
    """With contact.reminder off nothing is due; with contact.stop off a third is allowed."""
    pid = contacted(tracker)
    assert due_names(tracker, day(11), rules=policy().switch("contact.reminder", on=False)) == []
    tracker.log(pid, "reminder", on=day(11))
    tracker.log(pid, "reminder", on=day(22))
    no_stop = policy().switch("contact.stop", on=False)
    assert due_names(tracker, day(33), rules=no_stop) == ["Ana Ruiz"]


def test_an_introduction_starts_the_clock_but_an_intro_request_does_not(tracker: Tracker) -> None:
    """Waiting on a friend's introduction is not a reminder to the person; an introduction is."""
    asked = tracker.add_person("Cy Doe", company="Lumen")
    tracker.log(asked, "intro_requested", on=SENT)
    introduced = tracker.add_person("Di Lee", company="Quill")
    tracker.log(introduced, "introduced", on=SENT)
    assert due_names(tracker, day(11)) == ["Di Lee"]


def test_calendar_days_are_the_learners_own(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An email sent late in the UTC evening counts from the next day in Auckland."""
    rules_helpers = sys.modules["infoview.due"]  # where every due rule turns times into days
    monkeypatch.setattr(rules_helpers, "local_zone", lambda: ZoneInfo("Pacific/Auckland"))
    pid = tracker.add_person("Ana Ruiz")
    tracker.log(pid, "outreach", on=datetime(2026, 3, 2, 20, 0, tzinfo=UTC))
    assert reminders_due(tracker, date(2026, 3, 14)).iloc[0]["due_on"] == date(2026, 3, 14)
    assert due_names(tracker, date(2026, 3, 13)) == []


def test_longest_waiting_comes_first(tracker: Tracker) -> None:
    """The table is sorted by how overdue each reminder is."""
    contacted(tracker, "Ana Ruiz")
    later = tracker.add_person("Bo Chen")
    tracker.log(later, "outreach", on=day(3))
    assert due_names(tracker, day(20)) == ["Ana Ruiz", "Bo Chen"]


def test_the_due_list_picks_up_reminders(tracker: Tracker) -> None:
    """Tracker.due (and so `infoview due`) lists the reminder through the due-rule registry."""
    contacted(tracker)
    table = tracker.due(today=day(11))
    assert list(table["rule"]) == ["contact.reminder"]
    assert list(table["name"]) == ["Ana Ruiz"]
    assert tracker.due(today=day(10)).empty


# ---------------------------------------------------------------- Dalton's 3B7


def test_3b7_counts_business_days(tracker: Tracker) -> None:
    """Sent on a Monday: a second contact on Thursday (3 business days), a follow-up 7 later."""
    contacted(tracker)
    tracker.add_person("Cy Doe", company="Acme Inc.")
    assert reminders_due(tracker, day(2), mode="3b7").empty
    thursday = reminders_due(tracker, day(3), mode="3b7")
    assert list(thursday["action"]) == ["Try a second person at Acme (for example Cy Doe)"]
    assert list(thursday["rule"]) == ["contact.3b7"]
    assert len(reminders_due(tracker, day(8), mode="3b7")) == 1
    both = reminders_due(tracker, day(9), mode="3b7")  # the next Wednesday
    assert sorted(both["action"]) == [
        "Follow up with a short reminder",
        "Try a second person at Acme (for example Cy Doe)",
    ]


def test_3b7_skips_the_weekend(tracker: Tracker) -> None:
    """An email sent on a Friday gets its second-contact suggestion on Wednesday."""
    pid = tracker.add_person("Ana Ruiz", company="Acme")
    tracker.log(pid, "outreach", on=date(2026, 3, 6))
    assert reminders_due(tracker, date(2026, 3, 10), mode="3b7").empty
    assert len(reminders_due(tracker, date(2026, 3, 11), mode="3b7")) == 1


def test_3b7_drops_the_suggestion_once_a_second_person_is_contacted(tracker: Tracker) -> None:
    """After you write to someone else at the organisation, only the follow-up remains."""
    contacted(tracker)
    cy = tracker.add_person("Cy Doe", company="ACME")
    tracker.log(cy, "outreach", on=day(3))
    assert reminders_due(tracker, day(3), mode="3b7").empty
    table = reminders_due(tracker, day(9), mode="3b7")
    assert list(table[table["name"] == "Ana Ruiz"]["action"]) == ["Follow up with a short reminder"]


def test_3b7_copes_with_a_reminder_logged_without_its_first_email(tracker: Tracker) -> None:
    """Only a reminder on record (the first email was never logged): a follow-up, no crash."""
    pid = tracker.add_person("Ana Ruiz", company="Acme")
    tracker.log(pid, "reminder", on=SENT)
    tracker.add_person("Cy Doe", company="Acme")
    table = reminders_due(tracker, day(9), mode="3b7")
    assert list(table["action"]) == ["Follow up with a short reminder"]


def test_3b7_can_be_switched_on_by_an_advisor(tracker: Tracker) -> None:
    """With contact.3b7 enabled in the policy, the due list follows 3B7."""
    contacted(tracker)
    rules = policy().switch("contact.3b7", on=True)
    assert set(tracker.due(today=day(9), rules=rules)["rule"]) == {"contact.3b7"}


def test_an_unknown_mode_is_refused(tracker: Tracker) -> None:
    """The mode is guide or 3b7."""
    with pytest.raises(InvalidChoiceError, match="mode must be one of guide, 3b7"):
        reminders_due(tracker, mode="weekly")


def test_an_empty_tracker_has_nothing_due(tracker: Tracker) -> None:
    """No people, no reminders, and the columns are still there."""
    table = reminders_due(tracker, SENT)
    assert table.empty
    assert list(table.columns) == [
        "person_id",
        "name",
        "action",
        "due_on",
        "overdue_days",
        "reason",
        "rule",
    ]


def test_the_cli_lists_reminders_and_takes_a_mode(
    tracker: Tracker, capsys: pytest.CaptureFixture[str]
) -> None:
    """`infoview due` shows the reminder; `--mode 3b7` switches to Dalton's routine."""
    from infoview.cli import main

    contacted(tracker)
    args = ["due", "--tracker", str(tracker.path), "--today", day(11).isoformat()]
    assert main([*args, "--format", "csv"]) == 0
    assert "contact.reminder" in capsys.readouterr().out
    assert main([*args, "--format", "csv", "--mode", "3b7"]) == 0
    out = capsys.readouterr().out
    assert "contact.3b7" in out
    assert "contact.reminder" not in out


def test_done_on_try_a_second_person_keeps_the_person_waiting(tracker: Tracker) -> None:
    """Done on 3B7's suggestion drops it; it logs nothing on Ana, and her follow-up stays due."""
    from infoview.followup.actions import mark_done

    contacted(tracker)
    tracker.add_person("Cy Doe", company="Acme")
    rules = policy().switch("contact.3b7", on=True)
    (suggestion,) = tracker.due(today=day(3), rules=rules).to_dict("records")
    assert suggestion["action"].startswith("Try a second person at Acme")
    touches = len(tracker.touches())

    mark_done(tracker, suggestion, on=day(3))

    assert len(tracker.touches()) == touches
    assert tracker.journey(today=day(3)).iloc[0]["stage"] == "contacted"
    assert tracker.due(today=day(3), rules=rules).empty
    later = tracker.due(today=day(9), rules=rules)
    assert list(later["action"]) == ["Follow up with a short reminder"]
    assert list(later["name"]) == ["Ana Ruiz"]


def test_a_new_email_brings_the_second_person_suggestion_back(tracker: Tracker) -> None:
    """The note belongs to the email it followed: after a new first email, 3B7 suggests again."""
    from infoview.followup.actions import mark_done

    ana = contacted(tracker)
    rules = policy().switch("contact.3b7", on=True)
    (suggestion,) = tracker.due(today=day(3), rules=rules).to_dict("records")
    mark_done(tracker, suggestion, on=day(3))
    tracker.log(ana, "outreach", on=day(4))
    actions = tracker.due(today=day(9), rules=rules)["action"].tolist()
    assert any(action.startswith("Try a second person") for action in actions)
