"""A meeting as calendar events: the meeting itself, then a confirmation and a thank-you.

The events say what to do and when (the kit's etiquette); :mod:`infoview.formats.ics`
writes them as a file any calendar opens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from infoview.formats.ics import FOLLOWUP_MINUTES, UID_DOMAIN, CalendarEvent, events_ics
from infoview.text import plural

if TYPE_CHECKING:
    from infoview.meeting.core import Meeting


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
