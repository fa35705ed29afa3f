"""The meeting planner widget, driven without a browser: set values, click, check effects."""

from __future__ import annotations

import base64
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from infoview import meeting as mt
from infoview.tracker import Tracker
from infoview.ui.meeting import MeetingPlanner
from infoview.zones import system_zone_name

TODAY = date(2026, 11, 26)


@pytest.fixture
def tracker(tracker: Tracker) -> Tracker:
    """The shared empty tracker, with the learner's profile filled in."""
    tracker.set_profile(name="Maya Okafor", email="maya@example.org", field="UX research")
    return tracker


def planner_for_lunch(tracker: Tracker) -> tuple[MeetingPlanner, int]:
    pid = tracker.add_person("Ana Ruiz", email="ana@example.org", company="Acme")
    tracker.log(pid, "reply", on=date(2026, 11, 20))
    planner = MeetingPlanner(tracker, today=TODAY)
    planner.person.value = pid
    planner.kind.value = "lunch"
    planner.location.value = "Canteen <b>North</b>, 1 Main Street"
    planner.day.value = date(2026, 12, 3)
    planner.at.value = time(12, 30)
    planner.zone.value = "Europe/London"
    planner.minutes.value = 45
    return planner, pid


def test_an_empty_tracker_says_what_to_do(tracker: Tracker) -> None:
    """With nobody to pick, the planner explains how to add someone."""
    planner = MeetingPlanner(tracker, today=TODAY)
    assert planner.person.options == (("— choose someone —", None),)
    assert "Nobody in your tracker yet" in planner.empty_note.value
    planner.log_button.click()
    assert "choose the person" in planner.status.value
    assert tracker.touches().empty


def test_defaults_are_the_system_zone_and_the_length_you_asked_for(tracker: Tracker) -> None:
    """The zone starts at the computer's own; any IANA zone is offered; 20 minutes by default."""
    planner = MeetingPlanner(tracker, today=TODAY)
    assert planner.zone.value == system_zone_name()
    assert "Asia/Tokyo" in planner.zone.options
    assert planner.minutes.value == 20


def test_choosing_a_kind_shows_its_etiquette_and_checklist(tracker: Tracker) -> None:
    """Lunch shows lunch etiquette, a 'you pay' item and the address hint."""
    planner, _ = planner_for_lunch(tracker)
    assert 'data-kind="lunch"' in planner.etiquette.value
    assert "You pay for both lunches" in planner.checklist.value
    assert "Research Ana Ruiz" in planner.checklist.value
    assert "Wednesday 2 December" in planner.checklist.value  # confirm the day before
    assert planner.location.placeholder == mt.place("lunch").location_hint
    planner.kind.value = "video"
    assert 'data-kind="video"' in planner.etiquette.value
    assert "Test the link" in planner.checklist.value


def test_logging_records_the_meeting_and_the_stage_badge_changes(tracker: Tracker) -> None:
    """Log meeting writes one scheduled touch; the badge moves from replied to scheduled."""
    planner, pid = planner_for_lunch(tracker)
    assert 'data-stage="replied"' in planner.stage.value
    planner.log_button.click()
    (meeting,) = mt.meetings(tracker)
    assert meeting.person_id == pid
    assert meeting.start.tzinfo == ZoneInfo("Europe/London")
    assert meeting.place_kind == "lunch"
    assert meeting.minutes == 45
    assert 'data-stage="scheduled"' in planner.stage.value
    assert "Logged" in planner.status.value
    assert "Their upcoming meetings" in planner.upcoming.value
    planner.log_button.click()  # a second click does not log it twice
    assert len(tracker.touches(kinds=["scheduled"])) == 1
    assert "already" in planner.status.value


def test_missing_date_or_bad_zone_is_explained_and_nothing_is_logged(tracker: Tracker) -> None:
    """Without a date, or with a made-up zone, the status explains and the tracker is unchanged."""
    planner, _ = planner_for_lunch(tracker)
    planner.day.value = None
    planner.log_button.click()
    assert "pick the date they proposed" in planner.status.value
    planner.day.value = date(2026, 12, 3)
    planner.zone.value = "Mars/Olympus"
    planner.log_button.click()
    assert "IANA name" in planner.status.value
    assert tracker.touches(kinds=["scheduled"]).empty


def test_scheduling_reply_is_shown_with_its_review(tracker: Tracker) -> None:
    """The reply goes to their address and its review passes location.theirs."""
    planner, _ = planner_for_lunch(tracker)
    planner.reply_button.click()
    assert "ana@example.org" in planner.draft.value
    assert 'data-rule="location.theirs" data-status="pass"' in planner.draft.value
    planner.they_asked.value = True
    planner.reply_button.click()
    assert "how about Canteen &lt;b&gt;North&lt;/b&gt;" in planner.draft.value
    assert 'data-rule="location.theirs" data-status="pass"' in planner.draft.value


def test_confirmation_draft_says_when_to_send_it(tracker: Tracker) -> None:
    """The confirmation draft appears with the day to send it."""
    planner, _ = planner_for_lunch(tracker)
    planner.confirmation_button.click()
    assert 'data-kind="confirmation"' in planner.draft.value
    assert "Send this on Wednesday 2 December" in planner.status.value


def test_calendar_file_is_written_and_offered_for_download(
    tracker: Tracker, workspace: Path
) -> None:
    """The .ics lands in the workspace and the download link carries the same bytes."""
    planner, _ = planner_for_lunch(tracker)
    planner.ics_button.click()
    files = list((workspace / "calendar").glob("*.ics"))
    assert [f.name for f in files] == ["meeting-Ana-Ruiz-2026-12-03.ics"]
    data = files[0].read_bytes()
    calendar = Calendar.from_ical(data)
    assert len(calendar.walk("VEVENT")) == 3
    page = planner.download.value
    assert 'download="meeting-Ana-Ruiz-2026-12-03.ics"' in page
    encoded = page.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(encoded) == data
    assert "<b>North</b>" not in page


def test_marking_confirmed_records_it_once(tracker: Tracker) -> None:
    """'I sent the confirmation' logs confirmed for the next meeting, then says it is done."""
    planner, _ = planner_for_lunch(tracker)
    planner.confirmed_button.click()
    assert "log the meeting first" in planner.status.value
    planner.log_button.click()
    planner.confirmed_button.click()
    assert mt.meetings(tracker)[0].confirmed
    planner.confirmed_button.click()
    assert len(tracker.touches(kinds=["confirmed"])) == 1
    assert "already confirmed" in planner.status.value


def test_the_planner_displays_as_a_widget(tracker: Tracker) -> None:
    """Jupyter shows the planner through its root VBox's widget view."""
    planner = MeetingPlanner(tracker, today=TODAY)
    bundle = planner._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "iv-meeting-planner" in planner.root._dom_classes
