"""Calendar files: parsed back by icalendar and by vobject, zones kept, text never injected."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from infoview.errors import InvalidValueError
from infoview.formats import ics
from infoview.meeting import Meeting
from infoview.meeting import calendar as meeting_calendar

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
STAMP = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def lunch(start: datetime | None = None, **changes: object) -> Meeting:
    values: dict[str, object] = {
        "person_id": 7,
        "person_name": "Ana Ruiz",
        "start": start or datetime(2026, 4, 2, 12, 30, tzinfo=LONDON),
        "minutes": 45,
        "place_kind": "lunch",
        "location": "Canteen, 1 Main Street",
    }
    values.update(changes)
    return Meeting(**values)  # type: ignore[arg-type]


def events(data: bytes) -> list[Calendar]:
    return Calendar.from_ical(data).walk("VEVENT")


def unfolded_lines(data: bytes) -> list[str]:
    return data.decode().replace("\r\n ", "").split("\r\n")


def event_lines(data: bytes) -> list[str]:
    """Unfolded lines inside VEVENTs (VTIMEZONE rules are local times by design)."""
    inside, found = False, []
    for line in unfolded_lines(data):
        inside = (inside or line == "BEGIN:VEVENT") and line != "END:VEVENT"
        if inside:
            found.append(line)
    return found


# ---------------------------------------------------------------- round trips


def test_meeting_round_trip_with_icalendar() -> None:
    """UID, DTSTAMP, zoned start and end with a VTIMEZONE, place, and question plan all survive."""
    meeting = lunch()
    data = meeting_calendar.meeting_ics(
        meeting, plan_title="Ana: paths", questions=["How did you start?"], stamp=STAMP
    )
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == ics.PRODID
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "meeting-7-20260402T113000Z@infoview.invalid"
    assert event["DTSTAMP"].dt == STAMP
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.start == meeting.start
    assert event.end == meeting.end
    assert str(event["LOCATION"]) == "Canteen, 1 Main Street"
    assert "Ana Ruiz" in str(event["SUMMARY"])
    description = str(event["DESCRIPTION"])
    assert 'Question plan "Ana: paths": 1 question.' in description
    assert "1. How did you start?" in description
    assert "You pay" in description
    assert not calendar.walk("VTODO")


def test_meeting_round_trip_with_vobject() -> None:
    """A second, independent parser reads the same UID, DTSTAMP and instants."""
    meeting = lunch()
    data = meeting_calendar.meeting_ics(meeting, stamp=STAMP)
    parsed = vobject.readOne(data.decode())
    event = parsed.vevent
    assert event.uid.value == "meeting-7-20260402T113000Z@infoview.invalid"
    assert event.dtstamp.value == STAMP
    assert event.dtstart.value == meeting.start
    assert event.dtend.value == meeting.end
    assert event.location.value == "Canteen, 1 Main Street"
    assert "not saved yet" in event.description.value


def test_no_time_is_ever_floating() -> None:
    """Every DTSTART/DTEND has a TZID or is in UTC, including a fixed-offset meeting."""
    fixed = lunch(datetime(2026, 4, 2, 12, 30, tzinfo=timezone(timedelta(hours=2))))
    data = meeting_calendar.meeting_ics(fixed, stamp=STAMP) + meeting_calendar.followups_ics(
        lunch(), stamp=STAMP
    )
    times = [line for line in event_lines(data) if line.startswith(("DTSTART", "DTEND", "DTSTAMP"))]
    assert times
    for line in times:
        assert ";TZID=" in line or line.endswith("Z"), line
    (event,) = events(meeting_calendar.meeting_ics(fixed, stamp=STAMP))
    assert event.start == fixed.start  # written in UTC, the same instant


def test_a_meeting_in_another_zone_keeps_that_zone_and_instant() -> None:
    """A New York meeting carries America/New_York; both parsers agree on the instant."""
    meeting = lunch(datetime(2026, 11, 3, 9, 0, tzinfo=NEW_YORK), place_kind="video")
    data = meeting_calendar.meeting_ics(meeting, stamp=STAMP)
    calendar = Calendar.from_ical(data)
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]
    (event,) = calendar.walk("VEVENT")
    assert event.start.astimezone(UTC) == datetime(2026, 11, 3, 14, 0, tzinfo=UTC)
    other = vobject.readOne(data.decode()).vevent
    assert other.dtstart.value.astimezone(UTC) == datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


def test_a_meeting_across_a_clock_change_lasts_its_real_length() -> None:
    """Two hours from 00:30 on London's spring-forward night end at 03:30 BST, 2 h later."""
    meeting = lunch(datetime(2026, 3, 29, 0, 30, tzinfo=LONDON), minutes=120)
    data = meeting_calendar.meeting_ics(meeting, stamp=STAMP)
    assert "DTEND;TZID=Europe/London:20260329T033000" in unfolded_lines(data)
    for start, end in [
        (events(data)[0].start, events(data)[0].end),
        (
            vobject.readOne(data.decode()).vevent.dtstart.value,
            vobject.readOne(data.decode()).vevent.dtend.value,
        ),
    ]:
        assert start.astimezone(UTC) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
        assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=2)


def test_followups_are_short_timed_events_the_day_before_and_after() -> None:
    """Confirmation at 09:00 the day before, thank-you at 09:00 the day after; no VTODO."""
    meeting = lunch()
    data = meeting_calendar.followups_ics(meeting, zone=LONDON, stamp=STAMP)
    calendar = Calendar.from_ical(data)
    assert not calendar.walk("VTODO")
    confirm, thanks = calendar.walk("VEVENT")
    assert confirm.start == datetime(2026, 4, 1, 9, 0, tzinfo=LONDON)
    assert thanks.start == datetime(2026, 4, 3, 9, 0, tzinfo=LONDON)
    for event in (confirm, thanks):
        assert event.end - event.start == timedelta(minutes=ics.FOLLOWUP_MINUTES)
        assert event["DTSTAMP"].dt == STAMP
        assert len(event.walk("VALARM")) == 1  # an extra, inside the event
    assert str(confirm["SUMMARY"]) == "Confirm tomorrow's meeting with Ana Ruiz"
    assert str(confirm["UID"]) != str(thanks["UID"])
    again = Calendar.from_ical(meeting_calendar.followups_ics(meeting, zone=LONDON))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [
        str(confirm["UID"]),
        str(thanks["UID"]),
    ]


def test_followups_on_the_learners_clock_when_the_meeting_is_elsewhere() -> None:
    """A Tokyo meeting's reminders sit at 09:00 in the learner's zone, on its days."""
    meeting = lunch(datetime(2026, 4, 2, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    confirm, thanks = meeting_calendar.followup_events(meeting, zone=NEW_YORK)
    assert confirm.start == datetime(2026, 3, 31, 9, 0, tzinfo=NEW_YORK)
    assert thanks.start == datetime(2026, 4, 2, 9, 0, tzinfo=NEW_YORK)


def test_calendar_ics_leaves_out_past_events_and_sent_confirmations() -> None:
    """From today on only; a confirmed meeting needs no confirmation reminder."""
    upcoming = lunch(datetime(2026, 4, 10, 12, 30, tzinfo=LONDON), confirmed=True)
    tomorrow = lunch(datetime(2026, 4, 3, 12, 30, tzinfo=LONDON), person_id=8)
    data, count = meeting_calendar.calendar_ics(
        [upcoming, tomorrow], not_before=date(2026, 4, 2), zone=LONDON, stamp=STAMP
    )
    summaries = [str(e["SUMMARY"]) for e in events(data)]
    assert count == len(summaries) == 5
    assert sum(s.startswith("Confirm") for s in summaries) == 1
    later, n_later = meeting_calendar.calendar_ics(
        [tomorrow], not_before=date(2026, 4, 3), zone=LONDON
    )
    assert n_later == 2  # the confirmation day has passed
    assert events(later)[0].start == tomorrow.start


def test_naive_times_are_refused() -> None:
    """A calendar event without a zone is an error, never a floating time."""
    event = ics.CalendarEvent("x@infoview.invalid", datetime(2026, 4, 2, 9), 30, "Chat")  # noqa: DTZ001
    with pytest.raises(InvalidValueError, match="no time zone"):
        ics.events_ics([event])


# ---------------------------------------------------------------- injection


PAYLOADS = [
    "Ana\r\nATTENDEE:mailto:evil@example.org",
    "Ana\nATTENDEE;CN=Eve:mailto:eve@example.org",
    "Ana\rLOCATION:somewhere else",
    "Ana\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:extra",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_in_summary_can_never_add_a_property(payload: str) -> None:
    """CR/LF in a summary is escaped: one event, one SUMMARY, no ATTENDEE, text kept."""
    start = datetime(2026, 4, 2, 9, tzinfo=LONDON)
    data = ics.events_ics([ics.CalendarEvent("x@infoview.invalid", start, 30, payload)])
    (event,) = events(data)
    assert sorted(event) == ["DTEND", "DTSTAMP", "DTSTART", "SUMMARY", "UID"]
    assert str(event["SUMMARY"]) == payload.replace("\r\n", "\n").replace("\r", "\n")
    assert not any(line.startswith(("ATTENDEE", "LOCATION")) for line in unfolded_lines(data))
    assert len(vobject.readOne(data.decode()).vevent_list) == 1


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_in_location_can_never_add_a_property(payload: str) -> None:
    """A learner's location with line breaks stays one LOCATION; vobject agrees."""
    meeting = lunch(location=payload)
    data = meeting_calendar.meeting_ics(meeting, stamp=STAMP)
    (event,) = events(data)
    assert "ATTENDEE" not in event
    assert str(event["LOCATION"]) == meeting.location
    assert [line.split(":", 1)[0] for line in unfolded_lines(data)].count("LOCATION") == 1
    other = vobject.readOne(data.decode())
    assert len(other.vevent_list) == 1
    assert other.vevent.location.value == meeting.location
    assert "attendee" not in other.vevent.contents


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
def test_any_text_round_trips_as_one_property(text: str) -> None:
    """Whatever the summary, the event has the same properties and the text comes back."""
    start = datetime(2026, 4, 2, 9, tzinfo=LONDON)
    data = ics.events_ics([ics.CalendarEvent("x@infoview.invalid", start, 30, text or "x")])
    (event,) = events(data)
    assert sorted(event) == ["DTEND", "DTSTAMP", "DTSTART", "SUMMARY", "UID"]
    assert str(event["SUMMARY"]) == (text or "x").replace("\r\n", "\n").replace("\r", "\n")


def test_importing_the_kit_does_not_load_icalendar() -> None:
    """icalendar is imported only when a calendar is written, so `import infoview` stays fast."""
    code = (
        "import sys, infoview, infoview.meeting, infoview.formats.ics; "
        "print('icalendar' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_follow_up_times_in_a_dst_gap_move_forward() -> None:
    """A 02:30 reminder on the night clocks skip it lands at a real time, not a missing one."""
    meeting = lunch(datetime(2026, 3, 9, 10, 0, tzinfo=NEW_YORK))
    confirm, _ = meeting_calendar.followup_events(meeting, zone=NEW_YORK, at=time(2, 30))
    assert confirm.start.astimezone(UTC).astimezone(NEW_YORK) == confirm.start
    assert confirm.start.hour == 3


def test_a_meeting_in_the_hour_clocks_go_back_is_written_in_utc() -> None:
    """01:30 on the night clocks go back happens twice: the event names the one meant, in UTC."""
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)  # fold=0: the first 01:30, EDT
    second = first.replace(fold=1)  # the second 01:30, EST
    for start, utc_start in ((first, "20261101T053000Z"), (second, "20261101T063000Z")):
        data = meeting_calendar.meeting_ics(lunch(start), stamp=datetime(2026, 10, 1, tzinfo=UTC))
        lines = event_lines(data)
        assert f"DTSTART:{utc_start}" in lines
        (event,) = Calendar.from_ical(data).walk("VEVENT")
        assert event.start == start.astimezone(UTC)
        (card,) = vobject.readComponents(data.decode())
        assert card.vevent.dtstart.value == start.astimezone(UTC)


def test_a_time_the_clocks_skip_is_refused() -> None:
    """02:30 on the night clocks go forward never happens: refused with the times to choose."""
    missing = datetime(2026, 3, 8, 2, 30, tzinfo=NEW_YORK)
    with pytest.raises(
        InvalidValueError,
        match="2026-03-08 02:30 does not exist in America/New_York: the clocks go forward then; "
        "choose a time before 02:00 or from 03:00",
    ):
        meeting_calendar.meeting_ics(lunch(missing))
