"""Acting on the due list: the right draft for each item, "Done", and a calendar file.

What each item's draft is and what "Done" records come from its rule's
:class:`~infoview.due.DueRule` (see :data:`infoview.steps.DUE_RULES`). A rule without a
draft of its own gives a plain starting point and a note saying so.

>>> import tempfile, pathlib
>>> from infoview.tracker import open_tracker
>>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> ben = t.add_person("Ben Harlow", email="ben@example.org")
>>> _ = t.log(ben, "interview", on=date(2026, 11, 25), learned="curiosity gets you hired")
>>> item = t.due(today=date(2026, 11, 26)).iloc[0].to_dict()
>>> draft, note = draft_for(t, item, today=date(2026, 11, 26))
>>> draft.kind, "curiosity gets you hired" in draft.body, note
('thank_you_email', True, '')
>>> _ = mark_done(t, item, draft=draft, on=date(2026, 11, 26))
>>> t.due(today=date(2026, 11, 26)).empty
True
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.clock import local_zone, resolve_today
from infoview.drafts import Draft
from infoview.due import DueItem, log_done
from infoview.followup.drafts import plain_draft
from infoview.model import TouchKind
from infoview.steps import due_rule

if TYPE_CHECKING:
    from infoview.tracker import Tracker

_PLAIN_NOTE = (
    "A plain starting point: the kit has no ready-made draft for this action yet. "
    "Edit it before you send it."
)


def draft_for(
    tracker: Tracker, item: DueItem | Mapping[str, Any], today: date | None = None
) -> tuple[Draft, str]:
    """The draft for one item of the due list, and a note (empty when the draft is the real one).

    An item whose rule has no draft of its own gets a plain draft and a note saying so.
    """
    today = resolve_today(today)
    item = DueItem.of(item)
    build = due_rule(item.rule).draft
    draft = build(tracker, item, today) if build is not None else None
    if draft is not None:
        return draft, ""
    person = tracker.person(item.person_id)
    return plain_draft(tracker.profile, person, item.action, item.reason), _PLAIN_NOTE


def done_kind(rule: str) -> TouchKind | None:
    """The touch that "Done" logs for a rule's items (None: the rule records it its own way)."""
    done = due_rule(rule).done
    return done if isinstance(done, TouchKind) else None


def mark_done(
    tracker: Tracker,
    item: DueItem | Mapping[str, Any],
    *,
    draft: Draft | None = None,
    on: date | datetime | None = None,
) -> int:
    """Record that a due item was done, as its rule says (with the draft's words, if any)."""
    item = DueItem.of(item)
    done = due_rule(item.rule).done
    if isinstance(done, TouchKind):
        return log_done(tracker, item, done, draft, on)
    return done(tracker, item, draft, on)


# ---------------------------------------------------------------- calendar of follow-ups


def save_followups_calendar(
    tracker: Tracker, today: date | None = None, *, horizon_days: int = 30
) -> Path:
    """Write the follow-ups due in the next ``horizon_days`` as a .ics file in the workspace.

    Each is a short timed event at 9:00 on its day (overdue ones today). Returns the path.
    """
    from infoview.due import due
    from infoview.formats import ics
    from infoview.workspace import output_path, write_atomic

    today = resolve_today(today)
    table = due(tracker, today=today, horizon_days=horizon_days)
    events = []
    for row in table.to_dict("records"):
        due_on: date = row["due_on"]
        start = datetime.combine(max(due_on, today), time(9, 0), tzinfo=local_zone())
        uid = f"followup-{row['person_id']}-{row['rule']}-{due_on.isoformat()}@infoview.invalid"
        summary = f"{row['action']}: {row['name']}"
        events.append(
            ics.CalendarEvent(
                uid=uid, start=start, minutes=15, summary=summary, description=str(row["reason"])
            )
        )
    path = output_path("calendar", "follow-ups", ".ics")
    write_atomic(path, ics.events_ics(events))
    return path
