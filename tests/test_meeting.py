"""Step 3: places, the meeting value, scheduling emails, the tracker round trip, due rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from infoview import meeting as mt
from infoview.cli import main
from infoview.due import due
from infoview.errors import InvalidChoiceError, InvalidValueError, UnknownPersonError
from infoview.meeting.zones import learner_zone
from infoview.model import Profile
from infoview.rules import Status
from infoview.tracker import Tracker

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def tracker(tracker: Tracker) -> Tracker:
    """The shared empty tracker, with the learner's profile filled in."""
    tracker.set_profile(name="Maya Okafor", email="maya@example.org", field="UX research")
    return tracker


def lunch_with(person_id: int, day: date, **changes: object) -> mt.Meeting:
    """A 45-minute lunch at 12:30 in the learner's own zone on ``day``."""
    values: dict[str, object] = {
        "person_id": person_id,
        "person_name": "Ana Ruiz",
        "start": datetime.combine(day, time(12, 30), tzinfo=learner_zone()),
        "minutes": 45,
        "place_kind": "lunch",
        "location": "Canteen, 1 Main Street",
    }
    values.update(changes)
    return mt.Meeting(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------- places


def test_five_kinds_of_place_each_with_etiquette_and_preparation() -> None:
    """Office, lunch, coffee, video and phone each come with notes and things to prepare."""
    kinds = [option.kind for option in mt.places()]
    assert kinds == ["office", "lunch", "coffee", "video", "phone"]
    for option in mt.places():
        assert option.etiquette
        assert option.prepare
        assert option.label
        assert option.location_hint


def test_you_pay_where_there_is_food_or_coffee() -> None:
    """Lunch and coffee are on you; an office or a call costs them nothing."""
    paid = {option.kind for option in mt.places() if option.you_pay}
    assert paid == {"lunch", "coffee"}


def test_place_kinds_accept_everyday_words_and_explain_bad_ones() -> None:
    """'Video call' means video; an unknown kind lists the five choices."""
    assert mt.place("Video call").kind == "video"
    assert mt.place("café").kind == "coffee"
    with pytest.raises(InvalidChoiceError, match="office, lunch, coffee, video, phone"):
        mt.place("park bench")


def test_place_guide_html_is_escaped_and_labelled() -> None:
    """The guide renders every kind, as HTML with headings."""
    page = mt.places()._repr_html_()
    assert page.count('class="iv-place"') == 5
    assert "Etiquette" in page


# ---------------------------------------------------------------- the meeting value


def test_naive_start_is_refused_with_the_reason() -> None:
    """A start without a zone is refused, and the message says why."""
    with pytest.raises(InvalidValueError, match="no time zone; a time without a zone"):
        mt.Meeting(1, "Ana", datetime(2026, 4, 2, 10, 0))  # noqa: DTZ001 - naive on purpose


@pytest.mark.parametrize("minutes", [0, 4, 481, True, 20.5])
def test_meeting_length_must_be_sensible_whole_minutes(minutes: object) -> None:
    """Lengths outside 5 minutes to 8 hours, or not whole numbers, are refused."""
    with pytest.raises(InvalidValueError, match="minutes"):
        mt.Meeting(1, "Ana", datetime(2026, 4, 2, 10, tzinfo=LONDON), minutes=minutes)  # type: ignore[arg-type]


def test_end_counts_real_minutes_across_a_clock_change() -> None:
    """Two hours from 00:30 on the night London's clocks go forward ends at 03:30 BST."""
    meeting = mt.Meeting(1, "Ana", datetime(2026, 3, 29, 0, 30, tzinfo=LONDON), minutes=120)
    assert meeting.end.isoformat() == "2026-03-29T03:30:00+01:00"
    assert meeting.end.astimezone(UTC) - meeting.start.astimezone(UTC) == timedelta(hours=2)


def test_meeting_at_builds_a_zoned_start_and_refuses_missing_times() -> None:
    """A day, a clock time and an IANA name make a start; a time skipped by DST is refused."""
    start = mt.meeting_at(date(2026, 7, 1), time(9, 15), "America/New_York")
    assert start.utcoffset() == timedelta(hours=-4)
    with pytest.raises(InvalidValueError, match="clocks go forward"):
        mt.meeting_at(date(2026, 3, 8), time(2, 30), "America/New_York")
    with pytest.raises(InvalidValueError, match="IANA name"):
        mt.meeting_at(date(2026, 7, 1), time(9, 15), "Mars/Olympus")


def test_meeting_html_escapes_what_the_learner_typed() -> None:
    """A location with markup shows as text, never as HTML."""
    meeting = lunch_with(1, date(2026, 4, 2), location="<script>alert(1)</script>")
    page = meeting._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_line_breaks_in_a_location_are_normalised() -> None:
    """CR/LF and CR become plain line breaks; other control characters are refused."""
    meeting = lunch_with(1, date(2026, 4, 2), location="1 Main St\r\nLeeds\rLS1")
    assert meeting.location == "1 Main St\nLeeds\nLS1"
    with pytest.raises(InvalidValueError, match="control character"):
        lunch_with(1, date(2026, 4, 2), location="bad\x07bell")


# ---------------------------------------------------------------- scheduling emails


def test_scheduling_reply_thanks_them_and_leaves_the_choice_to_them(tracker: Tracker) -> None:
    """The default reply thanks them, offers to come to them, and passes every check."""
    pid = tracker.add_person("Ana Ruiz", email="ana@example.org")
    draft = mt.scheduling_reply(tracker.profile, tracker.person(pid))
    assert draft.to == ("ana@example.org",)
    assert draft.kind == "scheduling"
    assert "Thank you" in draft.body
    assert "come to you" in draft.body
    assert "Maya Okafor" in draft.body
    review = mt.review_scheduling(draft)
    assert [f.status for f in review] == [Status.PASS, Status.PASS, Status.PASS]


def test_a_suggested_place_is_fine_only_when_they_asked() -> None:
    """A reply proposing a café passes when they asked for a suggestion, fails when not."""
    draft = mt.scheduling_reply(
        Profile(name="Maya"),
        "Ana",
        they_asked_for_suggestion=True,
        suggestion="Café Nero, Park Row",
    )
    assert "Café Nero, Park Row" in draft.body
    assert mt.review_scheduling(draft, they_asked=True).status_of("location.theirs") is Status.PASS
    assert mt.review_scheduling(draft).status_of("location.theirs") is Status.FAIL


@pytest.mark.parametrize(
    "text",
    [
        "Let's meet at the Station Café on Tuesday at 8.",
        "Meet me at reception at 9am sharp.",
        "I\u2019ve booked a table at Luigi's for 1pm.",  # a typographic apostrophe
        "We will meet in the library café.",
        "See you at Bean Counter on Friday!",
    ],
)
def test_a_draft_that_imposes_a_place_fails(text: str) -> None:
    """Choosing the place for them fails location.theirs, with the offending words quoted."""
    review = mt.review_scheduling(text)
    result = review["location.theirs"]
    assert result.status is Status.FAIL
    assert result.excerpt
    assert not review.ok


def test_imposing_even_after_they_asked_is_softened_to_a_suggestion() -> None:
    """If they asked, a booking is only a warning: put it as a suggestion they can change."""
    review = mt.review_scheduling("I've booked a table at Luigi's for 1pm.", they_asked=True)
    assert review.status_of("location.theirs") is Status.WARN


def test_a_draft_that_neither_imposes_nor_offers_the_choice_is_a_warning() -> None:
    """Silence about the place is not wrong, but the kit asks you to say they choose."""
    review = mt.review_scheduling("Thanks so much! Looking forward to our 20 minute chat.")
    assert review.status_of("location.theirs") is Status.WARN
    assert review.status_of("location.time") is Status.PASS


def test_food_without_offering_to_pay_and_no_length_are_warnings() -> None:
    """Mentioning coffee without paying, and no length, each draw a warning."""
    review = mt.review_scheduling("Whatever suits you: your office or a coffee nearby.")
    assert review.status_of("location.theirs") is Status.PASS
    assert review.status_of("location.pay") is Status.WARN
    assert review.status_of("location.time") is Status.WARN


def test_confirmation_draft_names_the_day_time_zone_place_and_length(tracker: Tracker) -> None:
    """The confirmation goes to them, says 'tomorrow', and repeats the agreed details."""
    pid = tracker.add_person("Ana Ruiz", email="ana@example.org")
    meeting = mt.Meeting(
        pid,
        "Ana Ruiz",
        datetime(2026, 4, 2, 12, 30, tzinfo=LONDON),
        45,
        "lunch",
        "Canteen",
        person_email="ana@example.org",
    )
    draft = mt.confirmation_draft(meeting, tracker.profile)
    assert draft.to == ("ana@example.org",)
    assert draft.kind == "confirmation"
    assert "tomorrow, Thursday 2 April at 12:30 (Europe/London), over lunch (Canteen)" in draft.body
    assert "45 minutes" in draft.body
    assert "<b>" not in draft._repr_html_().replace("<strong>", "")


# ---------------------------------------------------------------- checklist


def test_checklist_covers_research_questions_route_pay_time_and_arriving_early() -> None:
    """Every meeting's checklist has the six essentials plus the place's own preparation."""
    meeting = lunch_with(1, date(2026, 4, 2))
    items = mt.checklist(meeting)
    keys = [item.key for item in items]
    assert keys[:7] == ["research", "questions", "route", "pay", "time", "early", "confirm"]
    assert "Ana Ruiz" in items["research"].text
    assert "question sheet" in items["questions"].text
    assert "Canteen, 1 Main Street" in items["route"].text
    assert "spare" in items["route"].text
    assert items["pay"].text.startswith("You pay for both lunches")
    assert "45 minutes" in items["time"].text
    assert "Arrive 10 minutes early" in items["early"].text
    assert "Wednesday 1 April" in items["confirm"].text
    assert len(items) == 7 + len(mt.place("lunch").prepare)


def test_checklist_for_a_call_tests_the_link_and_has_nothing_to_pay() -> None:
    """On a video call the route is a tech check and there is no bill."""
    items = mt.checklist_for("video", minutes=25)
    assert "Test the link" in items["route"].text
    assert items["pay"].text.startswith("Nothing to pay")
    assert "ready 2 minutes early" in items["early"].text


# ---------------------------------------------------------------- the tracker


def test_log_meeting_keeps_the_details_contract(tracker: Tracker) -> None:
    """A scheduled touch stores start with offset, IANA tz, minutes, place kind and location."""
    pid = tracker.add_person("Ana Ruiz")
    meeting = mt.Meeting(
        pid, "Ana Ruiz", datetime(2026, 7, 2, 12, 30, tzinfo=LONDON), 45, "lunch", "Canteen"
    )
    mt.log_meeting(tracker, meeting, on=date(2026, 6, 20))
    touch = tracker.touches(pid).iloc[-1]
    assert touch["kind"] == "scheduled"
    assert touch["details"] == {
        "start": "2026-07-02T12:30:00+01:00",
        "tz": "Europe/London",
        "minutes": 45,
        "place_kind": "lunch",
        "location": "Canteen",
    }
    assert tracker.journey(today=date(2026, 6, 20))["stage"].tolist() == ["scheduled"]


def test_logging_for_someone_unknown_changes_nothing(tracker: Tracker) -> None:
    """An unknown person id is an error and no touch is written."""
    meeting = mt.Meeting(99, "Nobody", datetime(2026, 7, 2, 9, tzinfo=LONDON))
    with pytest.raises(UnknownPersonError):
        mt.log_meeting(tracker, meeting)
    assert tracker.touches().empty


def test_meetings_read_back_the_same_meeting_in_its_own_zone(tracker: Tracker) -> None:
    """A meeting set in Tokyo reads back equal, in Asia/Tokyo, with the person's email."""
    pid = tracker.add_person("Kenji Sato", email="kenji@example.org")
    meeting = mt.Meeting(
        pid,
        "Kenji Sato",
        datetime(2026, 4, 2, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
        30,
        "video",
        "https://meet.example.org/abc",
        person_email="kenji@example.org",
    )
    touch_id = mt.log_meeting(tracker, meeting, on=date(2026, 3, 20))
    (back,) = mt.meetings(tracker)
    assert back == meeting
    assert back.start.tzinfo == ZoneInfo("Asia/Tokyo")
    assert back.touch_id == touch_id
    assert not back.confirmed
    mt.confirm(tracker, back, on=date(2026, 4, 1))
    assert mt.meetings(tracker)[0].confirmed


def test_a_moved_meeting_replaces_the_old_one(tracker: Tracker) -> None:
    """Scheduling again before the first time came round moves the meeting."""
    pid = tracker.add_person("Ana Ruiz")
    first = lunch_with(pid, date(2026, 5, 5))
    mt.log_meeting(tracker, first, on=date(2026, 4, 20))
    mt.confirm(tracker, first, on=date(2026, 4, 21))
    moved = lunch_with(pid, date(2026, 5, 12))
    mt.log_meeting(tracker, moved, on=date(2026, 4, 28))
    (current,) = mt.meetings(tracker)
    assert current.start == moved.start
    assert not current.confirmed  # the confirmation was for the old time


def test_touches_can_be_filtered_by_kind_and_person_in_the_tracker(tracker: Tracker) -> None:
    """Tracker.touches(kinds=..., people=...) filters in SQL (the due rules rely on it)."""
    pid = tracker.add_person("Ana Ruiz")
    tracker.log(pid, "outreach", on=date(2026, 4, 1))
    mt.log_meeting(tracker, lunch_with(pid, date(2026, 5, 5)), on=date(2026, 4, 3))
    assert tracker.touches(kinds=["scheduled", "confirmed"])["kind"].tolist() == ["scheduled"]
    assert tracker.touches(kinds=[]).empty
    other = tracker.add_person("Bo Li")
    tracker.log(other, "outreach", on=date(2026, 4, 2))
    assert tracker.touches(kinds=["outreach"], people=[other])["person_id"].tolist() == [other]
    assert len(tracker.touches(people=[pid, other])) == 3
    assert tracker.touches(people=[]).empty


def test_question_plan_is_read_from_the_latest_saved_plan(tracker: Tracker) -> None:
    """The calendar notes can quote the plan: its title and its questions."""
    pid = tracker.add_person("Ana Ruiz")
    assert mt.question_plan(tracker, pid) is None
    plan = {"questions": [{"id": "story", "text": "How did you start?"}, "What surprised you?"]}
    tracker.save_plan(pid, plan, title="Ana: research paths")
    assert mt.question_plan(tracker, pid) == (
        "Ana: research paths",
        ("How did you start?", "What surprised you?"),
    )


# ---------------------------------------------------------------- due rules


def _due_rules(tracker: Tracker, today: date, horizon: int = 0) -> list[tuple[str, date]]:
    table = due(tracker, today=today, horizon_days=horizon)
    return [
        (rule, day)
        for rule, day in zip(table["rule"], table["due_on"], strict=True)
        if rule.startswith("location.")
    ]


def test_confirmation_boundaries(tracker: Tracker) -> None:
    """Two days before: not due; one day before: due; on the day and after: not due."""
    pid = tracker.add_person("Ana Ruiz")
    day = date(2026, 5, 14)
    mt.log_meeting(tracker, lunch_with(pid, day), on=date(2026, 5, 1))
    assert _due_rules(tracker, day - timedelta(days=2)) == []
    assert _due_rules(tracker, day - timedelta(days=2), horizon=1) == [
        ("location.confirm", day - timedelta(days=1))
    ]
    assert _due_rules(tracker, day - timedelta(days=1)) == [
        ("location.confirm", day - timedelta(days=1))
    ]
    assert _due_rules(tracker, day) == [("location.time", day)]
    assert _due_rules(tracker, day + timedelta(days=1)) == []


def test_a_confirmed_meeting_needs_no_confirmation(tracker: Tracker) -> None:
    """Once confirmed, the day before shows nothing; the day itself still lists the meeting."""
    pid = tracker.add_person("Ana Ruiz")
    day = date(2026, 5, 14)
    meeting = lunch_with(pid, day)
    mt.log_meeting(tracker, meeting, on=date(2026, 5, 1))
    mt.confirm(tracker, meeting, on=date(2026, 5, 13))
    assert _due_rules(tracker, day - timedelta(days=1)) == []
    table = due(tracker, today=day)
    zone = learner_zone().key
    assert table["action"].tolist() == [f"meeting today at 12:30 ({zone})"]
    assert table["name"].tolist() == ["Ana Ruiz"]


def test_a_held_meeting_is_not_listed_for_today(tracker: Tracker) -> None:
    """After the interview is logged, the meeting leaves the due list."""
    pid = tracker.add_person("Ana Ruiz")
    day = date(2026, 5, 14)
    mt.log_meeting(tracker, lunch_with(pid, day), on=date(2026, 5, 1))
    tracker.log(pid, "interview", on=datetime.combine(day, time(13, 30), tzinfo=learner_zone()))
    assert [r for r, _ in _due_rules(tracker, day)] == []


def test_the_due_day_is_the_learners_calendar_day(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """08:00 in Tokyo is the evening before in New York: confirm two New York days earlier."""
    monkeypatch.setenv("TZ", "America/New_York")
    pid = tracker.add_person("Kenji Sato")
    start = datetime(2026, 4, 2, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    meeting = mt.Meeting(pid, "Kenji Sato", start, 30, "video")
    mt.log_meeting(tracker, meeting, on=date(2026, 3, 20))
    assert meeting.local_day() == date(2026, 4, 1)
    assert mt.confirmation_due_on(meeting) == date(2026, 3, 31)
    assert _due_rules(tracker, date(2026, 3, 31)) == [("location.confirm", date(2026, 3, 31))]
    assert _due_rules(tracker, date(2026, 4, 1)) == [("location.time", date(2026, 4, 1))]
    assert "19:00" in due(tracker, today=date(2026, 4, 1))["action"].iloc[0]


def test_due_rules_add_nothing_to_a_tracker_without_meetings(tracker: Tracker) -> None:
    """No scheduled touches: the meeting rules stay silent."""
    pid = tracker.add_person("Ana Ruiz")
    tracker.log(pid, "outreach", on=date(2026, 4, 1))
    assert _due_rules(tracker, date(2026, 4, 2), horizon=30) == []


# ---------------------------------------------------------------- calendar file and self-check


def test_save_calendar_writes_into_the_workspace_with_a_download_link(
    tracker: Tracker, workspace: Path
) -> None:
    """The calendar file lands in calendar/ and its HTML offers an escaped download link."""
    pid = tracker.add_person("Ana <Ruiz>")
    mt.log_meeting(tracker, lunch_with(pid, date(2026, 5, 14)), on=date(2026, 5, 1))
    saved = mt.save_calendar(tracker, today=date(2026, 5, 2))
    assert saved.path == (workspace / "calendar" / "infoview-meetings.ics").resolve()
    assert saved.path.read_bytes() == saved.data
    assert saved.events == 3  # the meeting, the confirmation, the thank-you
    page = saved._repr_html_()
    assert 'download="infoview-meetings.ics"' in page
    assert 'href="data:text/calendar;charset=utf-8;base64,' in page


def test_save_calendar_with_nothing_upcoming_writes_nothing(
    tracker: Tracker, workspace: Path
) -> None:
    """No upcoming meeting: a friendly note and no file."""
    saved = mt.save_calendar(tracker, today=date(2026, 5, 2))
    assert saved.path is None
    assert "No upcoming meeting" in saved._repr_html_()
    assert not (workspace / "calendar").exists()


def test_self_check_guides_an_empty_tracker_and_praises_finished_work(tracker: Tracker) -> None:
    """Empty: friendly warnings. Recorded, confirmed and in a calendar: all OK."""
    first = mt.self_check(tracker, today=date(2026, 5, 2))
    assert first.status_of("location.theirs") is Status.WARN
    assert first.ok  # warnings guide; nothing fails
    pid = tracker.add_person("Ana Ruiz")
    meeting = lunch_with(pid, date(2026, 5, 14), minutes=30)
    mt.log_meeting(tracker, meeting, on=date(2026, 5, 1))
    middle = mt.self_check(tracker, today=date(2026, 5, 2))
    assert middle.status_of("location.confirm") is Status.WARN
    assert "Wednesday 13 May" in middle["location.confirm"].message
    mt.confirm(tracker, meeting, on=date(2026, 5, 2))
    mt.save_calendar(tracker, today=date(2026, 5, 2))
    done = mt.self_check(tracker, today=date(2026, 5, 2))
    assert [f.status for f in done] == [Status.PASS] * 4


def test_self_check_warns_about_a_long_meeting(tracker: Tracker) -> None:
    """Longer than the 30 minutes a learner usually asks for draws a gentle check."""
    pid = tracker.add_person("Ana Ruiz")
    mt.log_meeting(tracker, lunch_with(pid, date(2026, 5, 14), minutes=90), on=date(2026, 5, 1))
    assert mt.self_check(tracker, today=date(2026, 5, 2)).status_of("location.time") is Status.WARN


# ---------------------------------------------------------------- command line


def test_cli_export_ics_writes_upcoming_meetings(
    tracker: Tracker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`infoview export ics FILE` writes every upcoming meeting and follow-up."""
    pid = tracker.add_person("Ana Ruiz")
    mt.log_meeting(tracker, lunch_with(pid, date(2026, 5, 14)), on=date(2026, 5, 1))
    target = tmp_path / "out" / "meetings.ics"
    code = main(
        ["export", "ics", str(target), "--tracker", str(tracker.path), "--today", "2026-05-02"]
    )
    assert code == 0
    assert "wrote 3 calendar events" in capsys.readouterr().out
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 3


def test_cli_export_ics_with_nothing_upcoming_says_so(
    tracker: Tracker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No meetings: a plain message, exit 0, and no file."""
    target = tmp_path / "meetings.ics"
    assert main(["export", "ics", str(target), "--tracker", str(tracker.path)]) == 0
    assert "No upcoming meetings" in capsys.readouterr().out
    assert not target.exists()


def test_the_demo_persona_has_a_meeting_today_and_one_to_confirm() -> None:
    """On the demo's today, Ama's meeting is on and Chloé's needs confirming for tomorrow."""
    from infoview.demo import open_demo

    today = date(2026, 11, 26)
    table = open_demo(today=today).due(today=today)
    step3 = table[table["rule"].str.startswith("location.")]
    assert sorted(zip(step3["name"], step3["rule"], strict=True)) == [
        ("Ama Owusu", "location.time"),
        ("Chloé Martin", "location.confirm"),
    ]
