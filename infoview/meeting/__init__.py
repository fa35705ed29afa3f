"""Step 3, picking a location: their place and time; you adapt, confirm, and arrive early.

Every name here comes from a smaller module: ``core`` (the :class:`Meeting`, logging it,
reading it back, the calendar file and the self-check), ``places`` (the kinds of place and
their checklists), ``scheduling`` (the reply that lets them choose, the confirmation and
their review), ``zones`` (time zones) and ``due`` (confirmations and today's meetings).

>>> [option.kind for option in places()]
['office', 'lunch', 'coffee', 'video', 'phone']
"""

from __future__ import annotations

from infoview.drafts import Draft
from infoview.meeting.core import (
    CalendarFile,
    Meeting,
    Meetings,
    calendar_export,
    confirm,
    confirmation_due_on,
    log_meeting,
    meeting_details,
    meetings,
    question_plan,
    save_calendar,
    self_check,
    upcoming,
)
from infoview.meeting.due import confirmations_due, meetings_today
from infoview.meeting.places import (
    PLACE_KINDS,
    Checklist,
    PlaceOption,
    checklist,
    checklist_for,
    place,
    places,
)
from infoview.meeting.scheduling import confirmation_draft, review_scheduling, scheduling_reply
from infoview.meeting.zones import meeting_at, system_zone_name, zone_names

__all__ = [
    "PLACE_KINDS",
    "CalendarFile",
    "Checklist",
    "Draft",
    "Meeting",
    "Meetings",
    "PlaceOption",
    "calendar_export",
    "checklist",
    "checklist_for",
    "confirm",
    "confirmation_draft",
    "confirmation_due_on",
    "confirmations_due",
    "log_meeting",
    "meeting_at",
    "meeting_details",
    "meetings",
    "meetings_today",
    "place",
    "places",
    "question_plan",
    "review_scheduling",
    "save_calendar",
    "scheduling_reply",
    "self_check",
    "system_zone_name",
    "upcoming",
    "zone_names",
]
