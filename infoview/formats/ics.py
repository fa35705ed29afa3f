"""Calendar files (.ics, RFC 5545) of timed events, with icalendar.

What goes in a meeting's events is step 3's business (:mod:`infoview.meeting.calendar`);
this module only writes them.

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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from infoview.model import require_aware

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
