"""Calendar files (.ics, RFC 5545) for meetings and their follow-ups, with icalendar.

Every event carries a UID, a DTSTAMP and tz-aware times: a named zone becomes a TZID with
its VTIMEZONE; any other offset is written in UTC. A time is never "floating" (Outlook
refuses those). Follow-ups are short timed events, not tasks, because Google and Apple
calendars ignore VTODO; a VALARM is only an extra. Text is escaped by icalendar, so a line
break in a name or a place can never add a property.

>>> from datetime import datetime, timezone
>>> event = CalendarEvent(
...     uid="demo-1@infoview",
...     start=datetime(2026, 4, 2, 9, 0, tzinfo=timezone.utc),
...     minutes=30,
...     summary="Coffee\\nATTENDEE:mailto:someone@example.org",
... )
>>> text = events_ics([event], stamp=datetime(2026, 3, 1, tzinfo=timezone.utc)).decode()
>>> "SUMMARY:Coffee\\\\nATTENDEE" in text, "\\nATTENDEE" in text
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from infoview.model import require_aware
from infoview.text import plural

if TYPE_CHECKING:
    from infoview.meeting import Meeting

PRODID = "-//infoview//Informational interviews//EN"
UID_DOMAIN = "infoview.invalid"
FOLLOWUP_MINUTES = 15
_LONGEST_GAP = timedelta(hours=3)  # a clock change skips an hour, rarely two
_UTC_NAMES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/GMT", "GMT", "Zulu", "Etc/Zulu"}


@dataclass(frozen=True)
class CalendarEvent:
    """One timed calendar event; ``alarm_minutes`` (minutes before start) adds a VALARM."""

    uid: str
    start: datetime
    minutes: int
    summary: str
    description: str = ""
    location: str = ""
    alarm_minutes: int | None = None


def _ical_time(moment: datetime) -> datetime:
    """A time icalendar writes with a TZID it can describe, or in UTC; never floating.

    A local time the clocks pass twice (when they go back) is written in UTC, so every
    calendar reads the same moment; one they skip (when they go forward) is refused.
    """
    require_aware(moment, "calendar time")
    zone = moment.tzinfo
    if isinstance(zone, ZoneInfo) and zone.key not in _UTC_NAMES:
        check_local_time(moment)
        if moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset():
            return moment.astimezone(UTC)
        return moment
    return moment.astimezone(UTC)


def check_local_time(moment: datetime) -> datetime:
    """``moment`` if its wall-clock time exists in its zone; else a learner's error.

    >>> from zoneinfo import ZoneInfo
    >>> check_local_time(datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/London")))
    Traceback (most recent call last):
    ...
    infoview.errors.InvalidValueError: 2026-03-29 01:30 does not exist in Europe/London: ...
    choose a time before 01:00 or from 02:00
    """
    zone = moment.tzinfo
    wall = moment.replace(tzinfo=None)
    if zone is None or _exists(wall, zone):
        return moment
    from infoview.errors import InvalidValueError

    minute = timedelta(minutes=1)
    start, end = wall, wall
    while not _exists(start - minute, zone) and wall - start < _LONGEST_GAP:
        start -= minute
    while not _exists(end, zone) and end - wall < _LONGEST_GAP:
        end += minute
    name = getattr(zone, "key", str(zone))
    raise InvalidValueError(
        f"{wall:%Y-%m-%d %H:%M} does not exist in {name}: the clocks go forward then; "
        f"choose a time before {start:%H:%M} or from {end:%H:%M}"
    )


def _exists(wall: datetime, zone: tzinfo) -> bool:
    """True when the wall-clock time ``wall`` (naive) happens in ``zone``."""
    moment = wall.replace(tzinfo=zone)
    return moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def _end(start: datetime, minutes: int) -> datetime:
    """The end in real elapsed minutes (right across a daylight-saving change)."""
    return (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(start.tzinfo)


def events_ics(events: Iterable[CalendarEvent], *, stamp: datetime | None = None) -> bytes:
    """A VCALENDAR (PRODID, VERSION 2.0) holding ``events`` and the VTIMEZONEs they use."""
    from icalendar import Alarm, Calendar, Event

    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar.new(prodid=PRODID, name="Informational interviews")
    days: list[date] = []
    for item in events:
        start = _ical_time(item.start)
        event = Event.new(
            uid=item.uid,
            stamp=stamp,
            start=start,
            end=_end(start, item.minutes),
            summary=item.summary,
            description=item.description or None,
            location=item.location or None,
        )
        if item.alarm_minutes is not None:
            event.add_component(
                Alarm.new_display(item.summary, trigger=timedelta(minutes=-item.alarm_minutes))
            )
        calendar.add_component(event)
        days.append(start.date())
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    ical: bytes = calendar.to_ical()
    return ical


# ---------------------------------------------------------------- meetings


def _uid(meeting: Meeting, what: str) -> str:
    moment = meeting.start.astimezone(UTC)
    return f"{what}-{meeting.person_id}-{moment:%Y%m%dT%H%M%SZ}@{UID_DOMAIN}"


def _name(meeting: Meeting) -> str:
    return " ".join(meeting.person_name.split())


def meeting_description(
    meeting: Meeting, *, plan_title: str | None = None, questions: Sequence[str] = ()
) -> str:
    """The event's notes: the place, the time limit, the question plan, who pays."""
    option = meeting.place
    lines = [
        (
            f"Informational interview with {_name(meeting)}: {option.label.lower()}, "
            "the place they chose."
        ),
        f"Length: {meeting.minutes} minutes. Arrive early and finish on time.",
    ]
    if plan_title or questions:
        title = f' "{" ".join((plan_title or "").split())}"' if plan_title else ""
        lines.append(
            f"Question plan{title}: {plural(len(questions), 'question')}. Bring the printed sheet."
        )
        lines += [f"{n}. {' '.join(q.split())}" for n, q in enumerate(questions, start=1)]
    else:
        lines.append(
            "Question plan: not saved yet. Draft it in notebook 02 (02_drafting_questions) "
            "and bring the printed sheet."
        )
    if option.you_pay:
        lines.append("You pay for the food or coffee.")
    lines.append("Confirm by email the day before. Send a thank-you the day after.")
    return "\n".join(lines)


def meeting_event(
    meeting: Meeting, *, plan_title: str | None = None, questions: Sequence[str] = ()
) -> CalendarEvent:
    """The meeting itself, in the zone it was agreed in, with an alarm an hour before."""
    return CalendarEvent(
        uid=_uid(meeting, "meeting"),
        start=meeting.start,
        minutes=meeting.minutes,
        summary=f"Informational interview with {_name(meeting)} ({meeting.place.label})",
        description=meeting_description(meeting, plan_title=plan_title, questions=questions),
        location=meeting.location,
        alarm_minutes=60,
    )


def _local(day: date, at: time, zone: tzinfo) -> datetime:
    moment = datetime.combine(day, at, tzinfo=zone)
    return moment.astimezone(UTC).astimezone(zone)  # moves a time in a DST gap forward


def followup_events(
    meeting: Meeting, *, zone: tzinfo | None = None, at: time = time(9, 0)
) -> list[CalendarEvent]:
    """The confirmation the day before and the thank-you the day after, at ``at`` local time."""
    zone = zone if zone is not None else meeting.start.tzinfo or UTC
    day = meeting.start.astimezone(zone).date()
    name = _name(meeting)
    return [
        CalendarEvent(
            uid=_uid(meeting, "confirm"),
            start=_local(day - timedelta(days=1), at, zone),
            minutes=FOLLOWUP_MINUTES,
            summary=f"Confirm tomorrow's meeting with {name}",
            description=(
                f"Send {name} a short email confirming tomorrow's meeting "
                f"({meeting.when()}). The planner in notebook 03 drafts it for you."
            ),
            alarm_minutes=0,
        ),
        CalendarEvent(
            uid=_uid(meeting, "thanks"),
            start=_local(day + timedelta(days=1), at, zone),
            minutes=FOLLOWUP_MINUTES,
            summary=f"Send {name} a thank-you",
            description=(
                f"Thank {name} for yesterday's conversation by email today; a card is a "
                "lovely extra. Notebook 04 helps you write it."
            ),
            alarm_minutes=0,
        ),
    ]


def meeting_ics(
    meeting: Meeting,
    *,
    plan_title: str | None = None,
    questions: Sequence[str] = (),
    stamp: datetime | None = None,
) -> bytes:
    """A calendar file with the meeting, its VTIMEZONE, and notes about the question plan."""
    return events_ics(
        [meeting_event(meeting, plan_title=plan_title, questions=questions)], stamp=stamp
    )


def followups_ics(
    meeting: Meeting,
    *,
    zone: tzinfo | None = None,
    at: time = time(9, 0),
    stamp: datetime | None = None,
) -> bytes:
    """A calendar file with the two follow-ups as short timed events."""
    return events_ics(followup_events(meeting, zone=zone, at=at), stamp=stamp)


def calendar_ics(
    meetings: Iterable[Meeting],
    *,
    not_before: date | None = None,
    zone: tzinfo | None = None,
    plans: Mapping[int, tuple[str, Sequence[str]]] | None = None,
    stamp: datetime | None = None,
) -> tuple[bytes, int]:
    """Meetings and follow-ups from ``not_before`` on, in one file; returns it and the count.

    ``plans`` maps a person id to the title and questions of their question plan. A
    confirmation is left out once the meeting is confirmed.
    """
    plans = plans or {}
    chosen: list[CalendarEvent] = []
    for meeting in meetings:
        title, questions = plans.get(meeting.person_id, (None, ()))
        events = [meeting_event(meeting, plan_title=title, questions=questions)]
        confirm, thanks = followup_events(meeting, zone=zone)
        events += [thanks] if meeting.confirmed else [confirm, thanks]
        chosen += [
            e
            for e in events
            if not_before is None or e.start.astimezone(zone or UTC).date() >= not_before
        ]
    return events_ics(chosen, stamp=stamp), len(chosen)
