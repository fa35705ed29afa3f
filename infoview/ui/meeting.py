"""The meeting planner for notebook 03: record the place and time they chose, then prepare.

Every control is an attribute, so tests drive it without a browser (set ``.value``, call
``.click()``, look at the tracker):

>>> import pathlib, tempfile
>>> from infoview.tracker import open_tracker
>>> tracker = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> planner = MeetingPlanner(tracker)
>>> "Nobody in your tracker yet" in planner.empty_note.value
True
>>> planner.person.options = [("Ana Ruiz", tracker.add_person("Ana Ruiz"))]
>>> planner.kind.value = "lunch"
>>> "You pay for both lunches" in planner.checklist.value
True
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from infoview import meeting as mt
from infoview.clock import resolve_today
from infoview.errors import InfoviewError, InvalidValueError
from infoview.meeting.calendar import calendar_ics
from infoview.meeting.core import MAX_MINUTES
from infoview.meeting.places import place_html
from infoview.meeting.zones import day_text, learner_zone
from infoview.rules import policy
from infoview.ui.common import (
    LiveStatus,
    Panel,
    esc,
    person_picker,
    show_error,
    show_status,
    single_choice,
    stage_html,
    status_html,
)
from infoview.workspace import output_path, write_atomic

if TYPE_CHECKING:
    from infoview.tracker import Tracker

_WIDE = widgets.Layout(width="30em")
_STYLE = {"description_width": "7em"}


def _button(label: str, css: str, icon: str, style: str = "") -> widgets.Button:
    button = widgets.Button(description=label, icon=icon, button_style=style, tooltip=label)
    button.layout.width = "auto"
    button.layout.margin = "0 0.4em 0.4em 0"
    button.add_class(css)
    return button


def _html(css: str) -> widgets.HTML:
    out = widgets.HTML()
    out.add_class(css)
    return out


class MeetingPlanner(Panel):
    """Choose the person, record what they proposed, see the etiquette, and log it."""

    def __init__(self, tracker: Tracker, *, today: date | None = None) -> None:
        self.tracker = tracker
        self.today = today
        self._build_inputs()
        self.etiquette = _html("iv-meeting-etiquette")
        self.checklist = _html("iv-meeting-checklist")
        self.status = LiveStatus()
        self.status.add_class("iv-meeting-status")
        self.draft = _html("iv-meeting-draft")
        self.download = _html("iv-meeting-download")
        self.upcoming = _html("iv-meeting-upcoming")
        self.stage = _html("iv-meeting-stage")
        self.empty_note = _html("iv-meeting-empty")
        self.reply_button = _button("Scheduling reply", "iv-meeting-reply", "reply")
        self.confirmation_button = _button(
            "Confirmation email", "iv-meeting-confirmation", "envelope"
        )
        self.ics_button = _button("Calendar file (.ics)", "iv-meeting-ics", "calendar")
        self.log_button = _button("Log meeting", "iv-meeting-log", "check", "primary")
        self.confirmed_button = _button("I sent the confirmation", "iv-meeting-confirmed", "check")
        self.reply_button.on_click(lambda _: self._guarded(self.show_reply))
        self.confirmation_button.on_click(lambda _: self._guarded(self.show_confirmation))
        self.ics_button.on_click(lambda _: self._guarded(self.save_ics))
        self.log_button.on_click(lambda _: self._guarded(self.log))
        self.confirmed_button.on_click(lambda _: self._guarded(self.mark_confirmed))
        for control in (self.person, self.kind, self.location, self.day, self.at, self.minutes):
            control.observe(self._refresh, names="value")
        self.root = self._layout()
        self._refresh()

    def _build_inputs(self) -> None:
        self.person = person_picker(self.tracker, "Meeting with")
        self.person.add_class("iv-meeting-person")
        self.kind = single_choice(
            [(option.label, option.kind) for option in mt.places()],
            "coffee",
            "They chose",
            style=_STYLE,
        )
        self.kind.add_class("iv-meeting-kind")
        self.location = widgets.Text(description="Where", layout=_WIDE, style=_STYLE)
        self.location.add_class("iv-meeting-location")
        self.day = widgets.DatePicker(description="Date", style=_STYLE)
        self.day.add_class("iv-meeting-date")
        self.at = widgets.TimePicker(description="Time", style=_STYLE)
        self.at.add_class("iv-meeting-time")
        self.zone = widgets.Combobox(
            options=mt.zone_names(),
            value=mt.system_zone_name(),
            ensure_option=True,
            description="Time zone",
            placeholder="e.g. Europe/London",
            layout=_WIDE,
            style=_STYLE,
        )
        self.zone.add_class("iv-meeting-zone")
        self.minutes = widgets.BoundedIntText(
            value=int(policy()["contact.ask"].number("minutes")),
            min=5,
            max=MAX_MINUTES,
            description="Minutes",
            style=_STYLE,
        )
        self.minutes.add_class("iv-meeting-minutes")
        self.they_asked = widgets.Checkbox(
            description="They asked me to suggest a place", indent=False
        )
        self.they_asked.add_class("iv-meeting-asked")

    def _layout(self) -> widgets.VBox:
        proposed = widgets.VBox(
            [
                widgets.HTML("<h4>What they proposed</h4>"),
                self.kind,
                self.location,
                widgets.HBox([self.day, self.at]),
                self.zone,
                self.minutes,
                self.they_asked,
                self.etiquette,
            ],
            layout=widgets.Layout(flex="1 1 34em"),
        )
        advice = widgets.VBox(
            [self.checklist], layout=widgets.Layout(flex="1 1 24em", margin="0 0 0 1.5em")
        )
        buttons = widgets.HBox(
            [
                self.reply_button,
                self.confirmation_button,
                self.ics_button,
                self.log_button,
                self.confirmed_button,
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        root = widgets.VBox(
            [
                widgets.HTML("<h3>Meeting planner</h3>"),
                self.empty_note,
                widgets.HBox(
                    [self.person, self.stage], layout=widgets.Layout(align_items="center")
                ),
                widgets.HBox([proposed, advice], layout=widgets.Layout(flex_flow="row wrap")),
                buttons,
                self.status,
                self.download,
                self.draft,
                self.upcoming,
            ]
        )
        root.add_class("iv-meeting-planner")
        return root

    # ------------------------------------------------------------ reading the controls

    def _guarded(self, action: Any) -> None:
        try:
            action()
        except InfoviewError as exc:
            show_error(self.status, exc)

    def _person_id(self) -> int:
        if self.person.value is None:
            raise InvalidValueError("choose the person you are meeting first")
        return int(self.person.value)

    def current_meeting(self) -> mt.Meeting:
        """The meeting the controls describe (errors say what is missing)."""
        person = self.tracker.person(self._person_id())
        if self.day.value is None:
            raise InvalidValueError("pick the date they proposed")
        if self.at.value is None:
            raise InvalidValueError("pick the time they proposed")
        start = mt.meeting_at(self.day.value, self.at.value, self.zone.value)
        return mt.Meeting(
            person.id,
            person.name,
            start,
            minutes=int(self.minutes.value),
            place_kind=self.kind.value,
            location=self.location.value,
            person_email=person.email,
        )

    # ------------------------------------------------------------ showing

    def _refresh(self, _change: object = None) -> None:
        option = mt.place(self.kind.value)
        self.location.placeholder = option.location_hint
        self.empty_note.value = (
            ""
            if len(self.person.options) > 1
            else status_html(
                "info",
                "Nobody in your tracker yet. Add the person who said yes (notebook 01, or "
                'tracker.add_person("Their Name")), then run this cell again.',
            )
        )
        self.etiquette.value = (
            f"<h4>Etiquette: {esc(option.label.lower())}</h4>"
            f"{place_html(option, heading=False, prepare=False)}"
        )
        try:
            items = mt.checklist(self.current_meeting())
        except InfoviewError:
            name = self.tracker.person(self.person.value).name if self.person.value else "them"
            items = mt.checklist_for(
                option.kind,
                minutes=int(self.minutes.value),
                person_name=name,
                location=self.location.value,
            )
        self.checklist.value = items._repr_html_()
        self._show_stage()

    def _show_stage(self) -> None:
        if self.person.value is None:
            self.stage.value = ""
            self.upcoming.value = ""
            return
        self.stage.value = stage_html(self.tracker, int(self.person.value), today=self.today)
        day = resolve_today(self.today)
        coming = [
            m
            for m in mt.meetings(self.tracker, person_id=int(self.person.value))
            if m.local_day() >= day
        ]
        self.upcoming.value = (
            "<h4>Their upcoming meetings</h4>" + mt.Meetings(tuple(coming))._repr_html_()
            if coming
            else ""
        )

    # ------------------------------------------------------------ actions

    def show_reply(self) -> None:
        """Draft the reply that thanks them and leaves the time and place to them."""
        person = self.tracker.person(self._person_id())
        asked = bool(self.they_asked.value)
        draft = mt.scheduling_reply(
            self.tracker.profile,
            person,
            they_asked_for_suggestion=asked,
            suggestion=(self.location.value or None) if asked else None,
            minutes=int(self.minutes.value),
        )
        review = mt.review_scheduling(draft, they_asked=asked)
        self.draft.value = draft._repr_html_() + review._repr_html_()
        show_status(
            self.status, "info", "Copy the reply into your mail app; the kit sends nothing."
        )

    def show_confirmation(self) -> None:
        """Draft the confirmation, and say which day to send it."""
        meeting = self.current_meeting()
        draft = mt.confirmation_draft(meeting, self.tracker.profile)
        send_on = mt.confirmation_due_on(meeting)
        self.draft.value = draft._repr_html_()
        show_status(self.status, "info", f"Send this on {day_text(send_on)}, the day before.")

    def save_ics(self) -> mt.CalendarFile:
        """Write the meeting and its follow-ups to a calendar file and offer it for download."""
        meeting = self.current_meeting()
        plan = mt.question_plan(self.tracker, meeting.person_id)
        data, count = calendar_ics(
            [meeting],
            zone=learner_zone(),
            plans={meeting.person_id: plan} if plan else None,
        )
        name = f"meeting-{meeting.person_name}-{meeting.start:%Y-%m-%d}"
        path = write_atomic(output_path("calendar", name, ".ics"), data)
        saved = mt.CalendarFile(path, data, count)
        self.download.value = saved._repr_html_()
        show_status(self.status, "ok", f"Calendar file saved: {path.name}")
        return saved

    def log(self) -> int | None:
        """Log the meeting as scheduled (once: a second click changes nothing)."""
        meeting = self.current_meeting()
        already = [
            m for m in mt.meetings(self.tracker, person_id=meeting.person_id) if m == meeting
        ]
        if already:
            show_status(self.status, "info", "This meeting is already in your tracker.")
            return None
        touch_id = mt.log_meeting(self.tracker, meeting)
        self._show_stage()
        show_status(
            self.status,
            "ok",
            f"Logged: {meeting.place.label.lower()} with {meeting.person_name}, {meeting.when()}. "
            f"Confirm it on {day_text(mt.confirmation_due_on(meeting))}.",
        )
        return touch_id

    def mark_confirmed(self) -> int | None:
        """Record that the confirmation went out for their next unconfirmed meeting."""
        person_id = self._person_id()
        day = resolve_today(self.today)
        coming = [m for m in mt.meetings(self.tracker, person_id=person_id) if m.local_day() >= day]
        if not coming:
            raise InvalidValueError("log the meeting first, then mark it as confirmed")
        waiting = [m for m in coming if not m.confirmed]
        if not waiting:
            show_status(self.status, "info", "Their upcoming meeting is already confirmed.")
            return None
        touch_id = mt.confirm(self.tracker, waiting[0])
        self._show_stage()
        show_status(self.status, "ok", f"Confirmed: {waiting[0].when()}.")
        return touch_id
