"""Acting on the due list: the right draft for each item, "Done", and a calendar file.

Each due rule names a draft builder in :data:`DRAFT_BUILDERS` and the touch that marks it
done in :data:`DONE_KINDS`, so a new rule is one entry in each. A rule without a builder
gets a plain draft and a note saying so.

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

from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.clock import local_zone, resolve_today
from infoview.drafts import Draft
from infoview.due import resolve
from infoview.errors import InvalidValueError
from infoview.followup.debrief import latest_debrief
from infoview.followup.drafts import (
    keep_in_touch_email,
    plain_draft,
    referral_email,
    thank_you_email,
    update_email,
)
from infoview.model import TouchKind
from infoview.outreach.due import SECOND_PERSON, SECOND_PERSON_DONE

if TYPE_CHECKING:
    from infoview.tracker import Tracker

# ---------------------------------------------------------------- drafts and done, per due rule

DraftBuilder = Callable[["Tracker", int, date], Draft]

# Which builder drafts each due rule's action ("module:function", loaded when needed, like
# infoview.due.DUE_RULES). A rule without a builder gets a plain draft and a note.
DRAFT_BUILDERS: dict[str, str] = {
    "after.thanks_email": "infoview.followup.actions:thanks_draft_for",
    "after.referral": "infoview.followup.actions:referral_draft_for",
    "after.update": "infoview.followup.actions:update_draft_for",
    "after.keep_in_touch": "infoview.followup.actions:keep_in_touch_draft_for",
    "contact.reminder": "infoview.followup.actions:reminder_draft_for",
    "location.confirm": "infoview.followup.actions:confirmation_draft_for",
}

# The touch that "Done" logs for each due rule.
DONE_KINDS: dict[str, TouchKind] = {
    "after.thanks_email": TouchKind.THANK_YOU_EMAIL,
    "after.referral": TouchKind.OUTREACH,
    "after.update": TouchKind.UPDATE,
    "after.keep_in_touch": TouchKind.UPDATE,
    "contact.reminder": TouchKind.REMINDER,
    "location.confirm": TouchKind.CONFIRMED,
    "location.time": TouchKind.INTERVIEW,
}
_DONE_WORDS = (
    ("remind", TouchKind.REMINDER),
    ("confirm", TouchKind.CONFIRMED),
    ("meet", TouchKind.INTERVIEW),
    ("thank", TouchKind.THANK_YOU_EMAIL),
)


def thanks_draft_for(tracker: Tracker, person_id: int, today: date) -> Draft:
    found = latest_debrief(tracker, person_id)
    debrief, met_on = found if found else (None, None)
    person = tracker.person(person_id)
    return thank_you_email(tracker.profile, person, debrief, met_on=met_on, today=today)


def referral_draft_for(tracker: Tracker, person_id: int, today: date) -> Draft:
    person = tracker.person(person_id)
    referrer = tracker.person(person.introduced_by).name if person.introduced_by else "A friend"
    return referral_email(tracker.profile, person, referrer)


def update_draft_for(tracker: Tracker, person_id: int, today: date) -> Draft:
    found = latest_debrief(tracker, person_id)
    return update_email(tracker.profile, tracker.person(person_id), found[0] if found else None)


def keep_in_touch_draft_for(tracker: Tracker, person_id: int, today: date) -> Draft:
    return keep_in_touch_email(tracker.profile, tracker.person(person_id))


def reminder_draft_for(tracker: Tracker, person_id: int, today: date) -> Draft:
    """Step 1's reminder, which names the day and subject of your last email."""
    from infoview.outreach import draft_for as step1_draft_for

    return step1_draft_for(tracker, "reminder", person_id)


def _next_meeting(tracker: Tracker, person_id: int, today: date) -> Any:
    """The person's next unconfirmed meeting (step 3), or None."""
    from infoview.meeting import upcoming

    found = [m for m in upcoming(tracker, today) if m.person_id == person_id and not m.confirmed]
    return found[0] if found else None


def confirmation_draft_for(tracker: Tracker, person_id: int, today: date) -> Draft:
    """Step 3's confirmation for the person's next meeting (a plain draft if none is found)."""
    from infoview.meeting import confirmation_draft

    meeting = _next_meeting(tracker, person_id, today)
    if meeting is None:
        person = tracker.person(person_id)
        return plain_draft(tracker.profile, person, "Confirm our meeting", "no meeting found")
    return confirmation_draft(meeting, tracker.profile)


def _builder(rule: str) -> DraftBuilder | None:
    entry = DRAFT_BUILDERS.get(rule)
    if entry is None:
        return None
    builder: DraftBuilder = resolve(entry)
    return builder


def draft_for(
    tracker: Tracker, item: Mapping[str, Any], today: date | None = None
) -> tuple[Draft, str]:
    """The draft for one row of the due list, and a note (empty when the draft is the real one).

    A rule whose builder is not available gets a plain draft and a note saying so.
    """
    today = resolve_today(today)
    person_id, rule = int(item["person_id"]), str(item["rule"])
    build = _builder(rule)
    if build is not None:
        return build(tracker, person_id, today), ""
    person = tracker.person(person_id)
    note = (
        "A plain starting point: the kit has no ready-made draft for this action yet. "
        "Edit it before you send it."
    )
    action, reason = str(item.get("action", "")), str(item.get("reason", ""))
    return plain_draft(tracker.profile, person, action, reason), note


def done_kind(rule: str, action: str = "") -> TouchKind:
    """The touch that marks a due item done."""
    if rule in DONE_KINDS:
        return DONE_KINDS[rule]
    lowered = action.lower()
    return next((kind for word, kind in _DONE_WORDS if word in lowered), TouchKind.UPDATE)


def mark_done(
    tracker: Tracker,
    item: Mapping[str, Any],
    *,
    draft: Draft | None = None,
    on: date | datetime | None = None,
) -> int:
    """Log the touch that completes a due item (with the draft's subject and body, if any)."""
    person_id, rule = int(item["person_id"]), str(item["rule"])
    if rule == "contact.3b7" and str(item.get("action", "")).startswith(SECOND_PERSON):
        return _second_person_done(tracker, person_id, on)
    kind = done_kind(rule, str(item.get("action", "")))
    if rule == "location.confirm":  # step 3 records which meeting was confirmed
        from infoview.meeting import confirm

        day = on.date() if isinstance(on, datetime) else resolve_today(on)
        meeting = _next_meeting(tracker, person_id, day)
        if meeting is not None:
            return confirm(tracker, meeting, on=on)
    details: dict[str, Any] = {"done": rule}
    if kind is TouchKind.OUTREACH:
        introducer = tracker.person(person_id).introduced_by
        details.update(route="warm", via=introducer)
    if draft is not None:
        details["draft_kind"] = draft.kind
    return tracker.log(
        person_id,
        kind,
        on=on,
        channel="email" if draft is not None else None,
        subject=draft.subject if draft is not None else None,
        body=draft.body if draft is not None else None,
        **details,
    )


def _second_person_done(tracker: Tracker, person_id: int, on: date | datetime | None) -> int:
    """3B7's "try a second person", done: noted on the email still unanswered, not as a touch.

    Writing to someone else is not something that happened with this person, so their
    stage stays as it is and only the suggestion goes; the follow-up stays due.
    """
    day = on.date() if isinstance(on, datetime) else resolve_today(on)
    sent = tracker.touches(person_id, kinds=("outreach", "introduced"))
    if sent.empty:
        raise InvalidValueError(
            f"{tracker.person(person_id).name} has no email on record to follow up; "
            "log the first email, then try again"
        )
    latest = sent.sort_values(["at", "id"]).iloc[-1]
    return tracker.update_touch(int(latest["id"]), **{SECOND_PERSON_DONE: day.isoformat()})


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
