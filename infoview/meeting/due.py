"""Reading meetings out of touches, and the step-3 rules of the due list.

A ``scheduled`` touch holds a meeting (see :func:`infoview.meeting.meeting_details`). A later
``scheduled`` touch made before that meeting's time means it moved, and replaces it; a
``confirmed`` or ``interview`` touch belongs to the latest scheduling before it.
:data:`CONFIRMATION` and :data:`MEETING_TODAY` are this step's rules of the due list.

>>> start_of({"start": "2026-04-02T08:00:00+09:00", "tz": "Asia/Tokyo"}).isoformat()
'2026-04-02T08:00:00+09:00'
>>> start_of({"start": "2026-04-02T08:00:00"}) is None  # no zone: not a usable meeting time
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pandas as pd

from infoview.clock import resolve_today
from infoview.due import DueItem, DueRule, log_done
from infoview.meeting.places import PLACE_KINDS, place
from infoview.meeting.zones import day_text, learner_zone, valid_zone, zone_label
from infoview.model import TouchKind

if TYPE_CHECKING:
    from infoview.drafts import Draft
    from infoview.due import DueContext
    from infoview.meeting.core import Meeting
    from infoview.tracker import Tracker


def start_of(details: dict[str, Any]) -> datetime | None:
    """The meeting start kept in a touch, in the zone the meeting was set in."""
    try:
        start = datetime.fromisoformat(str(details["start"]))
    except (KeyError, ValueError):
        return None
    if start.tzinfo is None:
        return None
    zone = str(details.get("tz") or "")
    return start.astimezone(ZoneInfo(zone)) if zone and valid_zone(zone) else start


# An ISO time that ends in an offset or Z; anything else has no zone and is left out.
MEETING_COLUMNS = ["touch_id", "person_id", "at", "start", "details", "confirmed", "met"]
_WITH_OFFSET = r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$"


def _start_times(text: pd.Series) -> pd.Series:
    """Meeting starts as UTC times; NaT for a start with no zone or that is not a time."""
    text = text.astype("str")
    with_zone = text.where(text.str.contains(_WITH_OFFSET, regex=True), "")
    return pd.to_datetime(with_zone, utc=True, format="ISO8601", errors="coerce")


def meeting_rows(touches: pd.DataFrame) -> pd.DataFrame:
    """Current meetings from scheduled/confirmed/interview touches (one row each).

    A later ``scheduled`` touch made before an earlier meeting's time replaces it (the
    meeting moved). A meeting is confirmed, or held, when a ``confirmed`` or ``interview``
    touch follows its scheduling and comes before the next one.
    """
    scheduled = touches[touches["kind"] == "scheduled"]
    text = scheduled["details"].map(lambda d: str(d.get("start") or ""))
    frame = pd.DataFrame(
        {
            "touch_id": scheduled["id"],
            "person_id": scheduled["person_id"],
            "at": scheduled["at"],
            "start": _start_times(text),
            "details": scheduled["details"],
        }
    )
    frame = frame[frame["start"].notna()].sort_values(["at", "touch_id"])
    if frame.empty:
        return pd.DataFrame(columns=MEETING_COLUMNS)
    next_at = frame.groupby("person_id")["at"].shift(-1)
    frame = frame[~(next_at.notna() & (next_at < frame["start"]))]
    for flag, kind in (("confirmed", "confirmed"), ("met", "interview")):
        later = touches[touches["kind"] == kind][["person_id", "at"]].sort_values("at")
        owner = pd.merge_asof(
            later,
            frame[["person_id", "at", "touch_id"]].sort_values("at"),
            on="at",
            by="person_id",
            direction="backward",
        )
        frame = frame.assign(**{flag: frame["touch_id"].isin(owner["touch_id"].dropna())})
    return frame[MEETING_COLUMNS].sort_values(["start", "touch_id"]).reset_index(drop=True)


@dataclass(frozen=True)
class _Due:
    """One current meeting as the due rules see it: the day and clock in the learner's zone."""

    person_id: int
    day: date
    clock: str  # such as "08:30 (America/Chicago)": the learner's zone, named
    minutes: int
    place: str
    confirmed: bool
    met: bool


def _upcoming_rows(ctx: DueContext) -> pd.DataFrame:
    """Meeting rows for people who have a meeting from yesterday on (two small SQL reads)."""
    starts = ctx.tracker.touch_details("scheduled", ["start"])  # only touches with a start
    when = _start_times(starts["start"])
    soon = pd.Timestamp(datetime.combine(ctx.today - timedelta(days=1), time(0, 0), tzinfo=UTC))
    people = set(starts.loc[(when >= soon).to_numpy(), "person_id"].tolist())
    if not people:
        return pd.DataFrame(columns=MEETING_COLUMNS)
    kinds = ("scheduled", "confirmed", "interview")
    return meeting_rows(ctx.tracker.touches(kinds=kinds, people=people))


def _current(ctx: DueContext) -> list[_Due]:
    """This tracker's current meetings (read once per due list, and only if any exist)."""
    key = "infoview.meeting"
    if key not in ctx._cache:
        ctx._cache[key] = _upcoming_rows(ctx)
    rows = ctx._cache[key]
    zone = learner_zone()
    today_starts = pd.Timestamp(datetime.combine(ctx.today, time(0, 0), tzinfo=zone))
    rows = rows[rows["start"] >= today_starts] if not rows.empty else rows
    found = []
    for person_id, start, details, confirmed, met in zip(
        rows["person_id"].tolist(),
        rows["start"].tolist(),
        rows["details"].tolist(),
        rows["confirmed"].tolist(),
        rows["met"].tolist(),
        strict=True,
    ):
        local = start.astimezone(zone)
        found.append(
            _Due(
                int(person_id),
                local.date(),
                f"{local:%H:%M} ({zone_label(zone, local)})",
                int(details.get("minutes") or 30),
                _place_text(details),
                bool(confirmed),
                bool(met),
            )
        )
    return found


def _place_text(details: dict[str, Any]) -> str:
    kind = str(details.get("place_kind") or "")
    label = place(kind).label if kind in PLACE_KINDS else "Meeting"
    location = " ".join(str(details.get("location") or "").split())
    return f"{label}{f', {location}' if location else ''}"


def confirmations_due(ctx: DueContext) -> pd.DataFrame:
    """The day before each unconfirmed meeting: send a short confirmation (``location.confirm``)."""
    from infoview.due import items

    if not ctx.rules.enabled("location.confirm"):
        return items([])
    days = int(ctx.rules["location.confirm"].number("days_before"))
    return items(
        [
            {
                "person_id": m.person_id,
                "action": "confirm the meeting by email",
                "due_on": m.day - timedelta(days=days),
                "reason": f"you meet on {day_text(m.day, short=True)}, {m.clock}: {m.place}; "
                "confirm the day before",
                "rule": "location.confirm",
            }
            for m in _current(ctx)
            if not m.confirmed and not m.met and m.day > ctx.today
        ]
    )


def meetings_today(ctx: DueContext) -> pd.DataFrame:
    """Meetings in the learner's calendar today: arrive early, keep to time."""
    from infoview.due import items

    return items(
        [
            {
                "person_id": m.person_id,
                "action": f"meeting today at {m.clock}",
                "due_on": m.day,
                "reason": f"{m.place}; arrive early and keep to the {m.minutes} minutes",
                "rule": "location.time",
            }
            for m in _current(ctx)
            if not m.met and m.day == ctx.today
        ]
    )


# ---------------------------------------------------------------- the rules, as values


def _next_unconfirmed(tracker: Tracker, person_id: int, today: date) -> Meeting | None:
    from infoview.meeting.core import upcoming

    found = [m for m in upcoming(tracker, today) if m.person_id == person_id and not m.confirmed]
    return found[0] if found else None


def _confirmation_draft(tracker: Tracker, item: DueItem, today: date) -> Draft | None:
    """The confirmation of the person's next meeting (none found: a plain starting point)."""
    from infoview.meeting.scheduling import confirmation_draft

    meeting = _next_unconfirmed(tracker, item.person_id, today)
    return None if meeting is None else confirmation_draft(meeting, tracker.profile)


def _confirmation_done(
    tracker: Tracker, item: DueItem, draft: Draft | None, on: date | datetime | None
) -> int:
    """The confirmation is recorded against the meeting it confirms."""
    from infoview.meeting.core import confirm

    meeting = _next_unconfirmed(tracker, item.person_id, resolve_today(on))
    if meeting is None:
        return log_done(tracker, item, TouchKind.CONFIRMED, draft, on)
    return confirm(tracker, meeting, on=on)


MEETING_TODAY = DueRule("location.time", find=meetings_today, done=TouchKind.INTERVIEW)
CONFIRMATION = DueRule(
    "location.confirm", find=confirmations_due, draft=_confirmation_draft, done=_confirmation_done
)
