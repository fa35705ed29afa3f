"""Step 3, picking a location: their place and time; you adapt, confirm, and arrive early.

A :class:`Meeting` holds who, when (always with a time zone), how long, and where:

>>> from zoneinfo import ZoneInfo
>>> lunch = Meeting(1, "Ana Ruiz", datetime(2026, 3, 30, 12, 30, tzinfo=ZoneInfo("Europe/London")),
...                 minutes=45, place_kind="lunch", location="Canteen, 1 Main Street")
>>> lunch.end.isoformat(), lunch.tz
('2026-03-30T13:15:00+01:00', 'Europe/London')
>>> meeting_details(lunch)["start"]
'2026-03-30T12:30:00+01:00'
>>> Meeting(1, "Ana Ruiz", datetime(2026, 3, 30, 12, 30), place_kind="lunch")
Traceback (most recent call last):
...
infoview.errors.InvalidValueError: meeting start 2026-03-30 12:30:00 has no time zone; ...

It is logged as a ``scheduled`` touch (then ``confirmed``), read back with :func:`meetings`,
and the due list reminds you to confirm it the day before.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from infoview.clock import resolve_today
from infoview.errors import InvalidValueError
from infoview.meeting.due import meeting_rows, start_of
from infoview.meeting.places import (
    PlaceOption,
    parse_place_kind,
    place,
)
from infoview.meeting.zones import (
    day_text,
    learner_zone,
    zone_label,
)
from infoview.model import require_aware
from infoview.rules import Finding, Policy, Review, Status, finding, policy
from infoview.validation import clean_text
from infoview.workspace import data_dir

if TYPE_CHECKING:
    from infoview.tracker import Tracker


MAX_MINUTES = 8 * 60

# ---------------------------------------------------------------- the meeting


@dataclass(frozen=True)
class Meeting:
    """An agreed meeting. ``start`` must carry a time zone; ``minutes`` is its length."""

    person_id: int
    person_name: str
    start: datetime
    minutes: int = 30
    place_kind: str = "coffee"
    location: str = ""
    person_email: str | None = None
    touch_id: int | None = field(default=None, compare=False)
    confirmed: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        require_aware(self.start, "meeting start")
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int):
            raise InvalidValueError(f"minutes must be a whole number (got {self.minutes!r})")
        if not 5 <= self.minutes <= MAX_MINUTES:
            raise InvalidValueError(
                f"minutes must be between 5 and {MAX_MINUTES} (got {self.minutes}); "
                "most informational interviews take 20 to 30"
            )
        name = clean_text(self.person_name, "person name", multiline=True)
        if not name:
            raise InvalidValueError("person name must not be empty")
        object.__setattr__(self, "person_name", name)
        object.__setattr__(self, "place_kind", parse_place_kind(self.place_kind))
        location = clean_text(self.location or "", "location", multiline=True) or ""
        object.__setattr__(self, "location", location)

    @property
    def end(self) -> datetime:
        """When it ends: counted in real minutes, so a clock change in between is respected."""
        return (self.start.astimezone(UTC) + timedelta(minutes=self.minutes)).astimezone(
            self.start.tzinfo
        )

    @property
    def tz(self) -> str:
        return zone_label(self.start.tzinfo, self.start)

    @property
    def place(self) -> PlaceOption:
        return place(self.place_kind)

    @property
    def title(self) -> str:
        return f"Informational interview with {' '.join(self.person_name.split())}"

    def local_day(self, zone: tzinfo | None = None) -> date:
        """The meeting's day in the learner's calendar (or in ``zone``)."""
        return self.start.astimezone(zone or learner_zone()).date()

    def when(self) -> str:
        """Day, time and zone as the person you meet would write them."""
        start, end = self.start, self.end
        return f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}-{end:%H:%M} ({self.tz})"

    def __repr__(self) -> str:
        where = f", {self.location}" if self.location else ""
        state = " · confirmed" if self.confirmed else ""
        return (
            f"Meeting({self.person_name}: {self.when()}, {self.minutes} min, "
            f"{self.place.label}{where}{state})"
        )

    def _repr_html_(self) -> str:
        return Meetings((self,))._repr_html_()


def meeting_details(meeting: Meeting) -> dict[str, Any]:
    """The ``scheduled`` touch's details, in the shape every step reads."""
    return {
        "start": meeting.start.isoformat(),
        "tz": meeting.tz,
        "minutes": meeting.minutes,
        "place_kind": meeting.place_kind,
        "location": meeting.location,
    }


@dataclass(frozen=True)
class Meetings:
    """Meetings in time order; a table in Jupyter."""

    items: tuple[Meeting, ...]

    def __iter__(self) -> Iterator[Meeting]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Meeting:
        return self.items[index]

    def __repr__(self) -> str:
        if not self.items:
            return "No meetings yet."
        return "\n".join(repr(item) for item in self.items)

    def _repr_html_(self) -> str:
        if not self.items:
            return (
                '<p class="iv-meetings"><em>No meetings yet. When someone says yes, record '
                "the time and place they chose in the planner.</em></p>"
            )
        rows = "".join(
            f"<tr><td>{html.escape(m.person_name)}</td><td>{html.escape(m.when())}</td>"
            f"<td>{m.minutes} min</td><td>{html.escape(m.place.label)}</td>"
            f"<td>{html.escape(m.location)}</td>"
            f"<td>{'✔ confirmed' if m.confirmed else '○ not yet'}</td></tr>"
            for m in self.items
        )
        return (
            '<table class="iv-meetings iv-table"><thead><tr><th>With</th><th>When</th>'
            "<th>Length</th><th>Place</th><th>Where</th><th>Confirmed</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


# ---------------------------------------------------------------- tracker


def log_meeting(tracker: Tracker, meeting: Meeting, *, on: date | datetime | None = None) -> int:
    """Record the agreed meeting as a ``scheduled`` touch; returns the touch id."""
    return tracker.log(
        meeting.person_id,
        "scheduled",
        on=on,
        subject=f"{meeting.place.label}, {meeting.when()}",
        **meeting_details(meeting),
    )


def confirm(tracker: Tracker, meeting: Meeting, *, on: date | datetime | None = None) -> int:
    """Record that you confirmed the meeting (the email the day before)."""
    return tracker.log(
        meeting.person_id,
        "confirmed",
        on=on,
        channel="email",
        subject=f"Confirmed: {meeting.when()}",
        meeting_start=meeting.start.isoformat(),
    )


def _to_meeting(row: Any, names: pd.Series, emails: pd.Series) -> Meeting | None:
    details = row.details
    start = start_of(details)
    if start is None:
        return None
    try:
        return Meeting(
            person_id=int(row.person_id),
            person_name=str(names.get(row.person_id, f"person {row.person_id}")),
            start=start,
            minutes=int(details.get("minutes") or 30),
            place_kind=str(details.get("place_kind") or "office"),
            location=str(details.get("location") or ""),
            person_email=emails.get(row.person_id) or None,
            touch_id=int(row.touch_id),
            confirmed=bool(row.confirmed),
        )
    except InvalidValueError:  # a hand-edited touch the kit cannot read: leave it out
        return None


def meetings(tracker: Tracker, *, person_id: int | None = None) -> Meetings:
    """Every current meeting recorded in the tracker (moved ones replaced), in time order."""
    touches = tracker.touches(person_id, kinds=("scheduled", "confirmed", "interview"))
    rows = meeting_rows(touches)
    people = tracker.people().set_index("id")
    found = (_to_meeting(row, people["name"], people["email"]) for row in rows.itertuples())
    return Meetings(tuple(m for m in found if m is not None))


def upcoming(tracker: Tracker, today: date | None = None) -> Meetings:
    """Meetings on ``today`` or later (in the learner's calendar)."""
    day = resolve_today(today)
    return Meetings(tuple(m for m in meetings(tracker) if m.local_day() >= day))


def question_plan(tracker: Tracker, person_id: int) -> tuple[str, tuple[str, ...]] | None:
    """The title and questions of the latest plan saved for someone (notebook 02), if any."""
    frame = tracker.plans(person_id)
    if frame.empty:
        return None
    title, plan = str(frame["title"].iloc[-1]), frame["plan"].iloc[-1]
    raw = plan.get("questions", []) if isinstance(plan, dict) else []
    texts = [
        q if isinstance(q, str) else str(q.get("text") or q.get("question") or "")
        for q in raw
        if isinstance(q, str | dict)
    ]
    name = title or (str(plan.get("title") or "") if isinstance(plan, dict) else "")
    return name or "your question plan", tuple(t for t in texts if t.strip())


def confirmation_due_on(meeting: Meeting, rules: Policy | None = None) -> date:
    """The day to send the confirmation: the day before, in the learner's calendar."""
    rules = rules if rules is not None else policy()
    days = int(rules["location.confirm"].number("days_before"))
    return meeting.local_day() - timedelta(days=days)


# ---------------------------------------------------------------- calendar files


@dataclass(frozen=True)
class CalendarFile:
    """A written ``.ics`` file: where it is, and a link to download it from the notebook."""

    path: Path | None
    data: bytes
    events: int

    def data_uri(self) -> str:
        return "data:text/calendar;charset=utf-8;base64," + base64.b64encode(self.data).decode()

    def __repr__(self) -> str:
        if self.path is None:
            return "No calendar file: there is no upcoming meeting yet."
        return f"CalendarFile({self.path}, {self.events} events)"

    def _repr_html_(self) -> str:
        if self.path is None:
            return (
                '<p class="iv-calendar"><em>No upcoming meeting yet, so no calendar file. '
                "Record one in the planner above, then run this cell again.</em></p>"
            )
        name = html.escape(self.path.name, quote=True)
        return (
            f'<div class="iv-calendar"><p>✔ Saved {self.events} calendar events to '
            f"<code>{html.escape(str(self.path))}</code></p>"
            f'<p><a class="iv-download" download="{name}" href="{self.data_uri()}" '
            'style="color:#1a5fb4;text-decoration:underline">'
            f"⬇ Download {html.escape(self.path.name)}</a> and open it with your calendar."
            "</p></div>"
        )


def calendar_export(tracker: Tracker, today: date | None = None) -> tuple[bytes, int]:
    """Every upcoming meeting and follow-up as one ``.ics`` file's bytes, and the event count.

    Yesterday's meeting still counts: its thank-you is due today.
    """
    from infoview.meeting.calendar import calendar_ics

    day = resolve_today(today)
    coming = [m for m in meetings(tracker) if m.local_day() >= day - timedelta(days=1)]
    plans = {m.person_id: question_plan(tracker, m.person_id) for m in coming}
    return calendar_ics(
        coming,
        not_before=day,
        zone=learner_zone(),
        plans={pid: plan for pid, plan in plans.items() if plan is not None},
    )


def save_calendar(
    tracker: Tracker, today: date | None = None, *, name: str = "infoview-meetings"
) -> CalendarFile:
    """Write every upcoming meeting and its follow-ups to ``calendar/<name>.ics``."""
    from infoview.workspace import output_path, write_atomic

    data, count = calendar_export(tracker, today)
    if not count:
        return CalendarFile(None, b"", 0)
    path = write_atomic(output_path("calendar", name, ".ics"), data)
    return CalendarFile(path, data, count)


# ---------------------------------------------------------------- self-check


def self_check(tracker: Tracker, today: date | None = None, rules: Policy | None = None) -> Review:
    """Friendly feedback on step 3: a meeting recorded, confirmed, kept short, in a calendar."""
    rules = rules if rules is not None else policy()
    day = resolve_today(today)
    every = meetings(tracker)
    coming = [m for m in every if m.local_day() >= day]
    found: list[Finding] = []
    if every:
        latest = every[len(every) - 1]
        found.append(
            finding(
                rules,
                "location.theirs",
                Status.PASS,
                f"You have recorded {len(every)} meeting{'s' if len(every) > 1 else ''}; "
                f"the latest: {latest.place.label.lower()} with {latest.person_name}.",
            )
        )
    else:
        found.append(
            finding(
                rules,
                "location.theirs",
                Status.WARN,
                "No meeting recorded yet. When someone "
                "says yes, let them pick the place and time, then record it in the planner.",
            )
        )
    unconfirmed = [m for m in coming if not m.confirmed]
    if unconfirmed:
        first = unconfirmed[0]
        found.append(
            finding(
                rules,
                "location.confirm",
                Status.WARN,
                f"Confirm your meeting with "
                f"{first.person_name} on {day_text(confirmation_due_on(first, rules))}, "
                "the day before.",
            )
        )
    else:
        found.append(
            finding(
                rules,
                "location.confirm",
                Status.PASS,
                "Every upcoming meeting is confirmed."
                if coming
                else "No upcoming meeting is waiting for a confirmation.",
            )
        )
    longest = int(rules["questions.time"].number("max_minutes"))
    long_ones = [m for m in coming if m.minutes > longest]
    found.append(
        finding(
            rules,
            "location.time",
            Status.WARN,
            f"Your meeting with {long_ones[0].person_name}"
            f" is set for {long_ones[0].minutes} minutes: fine if they offered it; otherwise "
            f"keep to the {longest} minutes or less you asked for.",
        )
        if long_ones
        else finding(
            rules,
            "location.time",
            Status.PASS,
            "Your meetings fit the time you asked for; arrive early and finish on time.",
        )
    )
    folder = data_dir() / "calendar"
    saved = sorted(folder.glob("*.ics")) if folder.is_dir() else []
    found.append(
        finding(
            rules, "location.calendar", Status.PASS, f"Your calendar file is saved in {folder}."
        )
        if saved
        else finding(
            rules,
            "location.calendar",
            Status.WARN,
            "No calendar file yet: save one "
            "from the planner (or the cell above) and open it in your calendar.",
        )
    )
    return Review(tuple(found), title="Step 3 self-check")
