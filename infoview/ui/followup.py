"""Step 4 widgets: the debrief form, the thank-you composer and the follow-up board.

They only wire controls to :mod:`infoview.followup` and :mod:`infoview.followup.actions`;
every string shown goes through :func:`infoview.ui.common.esc`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from infoview.clock import resolve_today
from infoview.drafts import Draft, address_of
from infoview.due import due
from infoview.errors import InfoviewError
from infoview.followup import (
    Debrief,
    Referral,
    debrief_on,
    future_meeting_message,
    latest_debrief,
    log_debrief,
    prepared_questions,
    review_thanks,
    thank_you_card,
    thank_you_email,
)
from infoview.followup.actions import (
    draft_for,
    mark_done,
    save_followups_calendar,
)
from infoview.model import TouchKind
from infoview.rules import review_html
from infoview.text import plural
from infoview.ui.common import (
    LiveStatus,
    Panel,
    esc,
    person_picker,
    refresh_picker,
    retire,
    show_error,
    show_status,
    stage_html,
)

if TYPE_CHECKING:
    from infoview.tracker import Tracker

_WIDE = widgets.Layout(width="46em")
_LABEL = {"description_width": "9em"}
_EMPTY_PEOPLE = (
    "Nobody in your tracker yet. Add the person you met in notebook 01 (or ask your advisor "
    "to open the demo persona), then come back."
)


def _text_area(description: str, placeholder: str, rows: int = 3) -> widgets.Textarea:
    return widgets.Textarea(
        description=description,
        placeholder=placeholder,
        rows=rows,
        layout=_WIDE,
        style=_LABEL,
    )


def _text(description: str, placeholder: str) -> widgets.Text:
    return widgets.Text(
        description=description, placeholder=placeholder, layout=_WIDE, style=_LABEL
    )


def urgency(overdue_days: int) -> tuple[str, str]:
    """(kind, text) for how urgent an item is, in words as well as colour."""
    if overdue_days > 0:
        return "error", f"{plural(overdue_days, 'day')} overdue"
    if overdue_days == 0:
        return "warn", "due today"
    if overdue_days == -1:
        return "info", "due tomorrow"
    return "info", f"due in {-overdue_days} days"


_ICONS = {"error": "⚠", "warn": "●", "info": "○"}
_COLOURS = {"error": "#b2182b", "warn": "#b35806", "info": "#2166ac"}


class DebriefForm(Panel):
    """Notes after a meeting: one box per prepared question, then what you learned."""

    def __init__(self, tracker: Tracker, today: date | None = None) -> None:
        self.tracker = tracker
        self.today = resolve_today(today)
        self.person = person_picker(tracker, "Who you met")
        self.person.add_class("iv-debrief-person")
        self.met_on = widgets.DatePicker(description="Met on", value=self.today, style=_LABEL)
        self.stage = widgets.HTML()
        self.questions_intro = widgets.HTML()
        self.question_boxes: dict[str, widgets.Textarea] = {}
        self.questions = widgets.VBox()
        self.notes = _text_area("Free notes", "Anything else worth remembering", rows=4)
        self.learned = _text("Learned", "The one most useful thing you learned")
        self.advice = _text_area("Their advice", "What they advised you to do", rows=2)
        self.next_step = _text("Your next step", "What you will do with it")
        self.referrals = _text_area(
            "Referrals", "One per line: Name, email (optional), company (optional)", rows=2
        )
        self.save = widgets.Button(description="Save debrief", button_style="primary", icon="check")
        self.status = LiveStatus()
        for control, css in (
            (self.notes, "iv-debrief-notes"),
            (self.learned, "iv-debrief-learned"),
            (self.advice, "iv-debrief-advice"),
            (self.next_step, "iv-debrief-next-step"),
            (self.referrals, "iv-debrief-referrals"),
            (self.save, "iv-debrief-save"),
        ):
            control.add_class(css)
        self.person.observe(self._on_person, names="value")
        self.met_on.observe(self._show_saved, names="value")
        for control in (self.person, self.met_on, self.notes, self.learned, self.advice):
            control.observe(self._changed, names="value")
        for control in (self.next_step, self.referrals):
            control.observe(self._changed, names="value")
        self.save.on_click(self._on_save)
        self.logged: Any = None
        self._prefilled = False
        self.root = widgets.VBox(
            [
                widgets.HTML("<h4>Debrief a meeting</h4>"),
                self.person,
                self.met_on,
                self.stage,
                self.questions_intro,
                self.questions,
                self.notes,
                self.learned,
                self.advice,
                self.next_step,
                self.referrals,
                self.save,
                self.status,
            ]
        )
        self.root.add_class("iv-debrief-form")
        if len(self.person.options) <= 1:
            show_status(self.status, "info", _EMPTY_PEOPLE)

    def _changed(self, _: object = None) -> None:
        self.save.disabled = False

    def _on_person(self, _: object = None) -> None:
        pid = self.person.value
        self.question_boxes = {}
        if pid is None:
            self.questions.children, self.questions_intro.value, self.stage.value = (), "", ""
            return
        self.stage.value = stage_html(self.tracker, pid, self.today)
        prepared = prepared_questions(self.tracker, pid)
        if not prepared:
            self.questions_intro.value = (
                "<p><em>No question plan saved for this person, so there is one box for "
                "free notes below. (Notebook 02 builds a plan.)</em></p>"
            )
        else:
            self.questions_intro.value = "<p><strong>Your prepared questions</strong></p>"
        for qid, _ in prepared:
            box = _text_area("Notes", "What they said", rows=2)
            box.add_class("iv-debrief-answer")
            box.observe(self._changed, names="value")
            self.question_boxes[qid] = box
        # Numbered as in the plan, by their words: the question ids are the kit's own.
        self.questions.children = tuple(
            widgets.VBox([widgets.HTML(f"<div>{number}. {esc(text)}</div>"), box])
            for number, ((_, text), box) in enumerate(
                zip(prepared, self.question_boxes.values(), strict=True), start=1
            )
        )
        self._show_saved()

    def _show_saved(self, _: object = None) -> None:
        """A debrief saved before for this meeting comes back into the boxes, to add to."""
        pid, day = self.person.value, self.met_on.value
        if pid is not None and day and day > self.today:
            show_status(self.status, "warn", future_meeting_message(day))
            return
        saved = debrief_on(self.tracker, pid, day) if pid is not None and day else None
        if saved is None:
            if self._prefilled:  # another meeting now: don't carry that one's notes over
                self._prefilled = False
                self._fill(Debrief())
                self.status.value = ""
            return
        self._prefilled = True
        self._fill(saved)
        show_status(
            self.status,
            "info",
            "Your debrief of this meeting, saved before: add to it, then save again "
            "(it updates that meeting, it does not log a second one).",
        )

    def _fill(self, debrief: Debrief) -> None:
        self.notes.value, self.learned.value = debrief.notes, debrief.learned
        self.advice.value, self.next_step.value = debrief.advice, debrief.next_step
        self.referrals.value = "\n".join(r.name for r in debrief.referrals)
        for qid, box in self.question_boxes.items():
            box.value = debrief.answers.get(qid, "")

    def debrief(self) -> Debrief:
        """The debrief as typed so far."""
        lines = [line for line in self.referrals.value.splitlines() if line.strip()]
        return Debrief(
            notes=self.notes.value,
            answers={qid: box.value for qid, box in self.question_boxes.items()},
            learned=self.learned.value,
            advice=self.advice.value,
            next_step=self.next_step.value,
            referrals=tuple(Referral.parse(line) for line in lines),
        )

    def _on_save(self, _: object = None) -> None:
        if self.save.disabled:  # already saved, unchanged since
            return
        pid = self.person.value
        if pid is None:
            show_status(self.status, "warn", "Choose the person you met first.")
            return
        try:
            self.logged = log_debrief(
                self.tracker, pid, self.debrief(), on=self.met_on.value, today=self.today
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        after = (
            "That day's meeting was saved before: your new notes were added to it."
            if self.logged.updated
            else "Next: thank them."
        )
        show_status(self.status, "ok", f"{self.logged.text}. {after}")
        retire(self.save, self.person)  # saved, and unchanged since: on to the next meeting
        self.stage.value = stage_html(self.tracker, pid, self.today)


class ThanksComposer(Panel):
    """The thank-you email from your debrief, its live review, a card, and "I sent it"."""

    def __init__(self, tracker: Tracker, today: date | None = None) -> None:
        self.tracker = tracker
        self.today = resolve_today(today)
        self.person = person_picker(tracker, "Thank")
        self.person.add_class("iv-thanks-person")
        self.to = widgets.HTML()
        self.subject = _text("Subject", "")
        self.body = _text_area("Email", "", rows=14)
        self.body.add_class("iv-thanks-body")
        self.review = widgets.HTML()
        self.review.add_class("iv-thanks-review")
        self.card = widgets.HTML()
        self.card_button = widgets.Button(description="Card text too", icon="envelope")
        self.sent = widgets.Button(description="I sent it", button_style="success", icon="check")
        self.sent.add_class("iv-thanks-sent")
        self.status = LiveStatus()
        self._debrief: Debrief | None = None
        self._met_on: date | None = None
        self.person.observe(self._on_person, names="value")
        self.body.observe(self._on_edit, names="value")
        self.subject.observe(self._on_edit, names="value")
        self.card_button.on_click(self._on_card)
        self.sent.on_click(self._on_sent)
        self.root = widgets.VBox(
            [
                widgets.HTML("<h4>Say thank you</h4>"),
                self.person,
                self.to,
                self.subject,
                self.body,
                self.review,
                widgets.HBox([self.sent, self.card_button]),
                self.card,
                self.status,
            ]
        )
        self.root.add_class("iv-thanks")
        if len(self.person.options) <= 1:
            show_status(self.status, "info", _EMPTY_PEOPLE)

    def refresh(self) -> None:
        """Reload the people (after a debrief added someone)."""
        refresh_picker(self.person, self.tracker)

    def _on_person(self, _: object = None) -> None:
        pid = self.person.value
        self.card.value = ""
        if pid is None:
            self.subject.value = self.body.value = self.to.value = self.review.value = ""
            return
        found = latest_debrief(self.tracker, pid)
        self._debrief, self._met_on = found if found else (None, None)
        if found is None:
            show_status(self.status, "info", "No meeting logged with them yet: debrief it first.")
        draft = thank_you_email(
            self.tracker.profile,
            self.tracker.person(pid),
            self._debrief,
            met_on=self._met_on,
            today=self.today,
        )
        to = ", ".join(draft.to) or "(no email yet)"
        self.to.value = f"<div><strong>To:</strong> {esc(to)}</div>"
        self.subject.value = draft.subject
        self.body.value = draft.body

    def draft(self) -> Draft | None:
        """The email as edited, or None when nobody is chosen."""
        pid = self.person.value
        if pid is None:
            return None
        to = address_of(self.tracker.person(pid))
        return Draft(to, (), self.subject.value, self.body.value, "thank_you_email")

    def _on_edit(self, _: object = None) -> None:
        self.sent.disabled = False
        draft = self.draft()
        if draft is None or not draft.body.strip():
            self.review.value = ""
            return
        found = review_thanks(draft, debrief=self._debrief, met_on=self._met_on, sent_on=self.today)
        self.review.value = review_html(found)

    def _on_card(self, _: object = None) -> None:
        pid = self.person.value
        if pid is None:
            return
        card = thank_you_card(self.tracker.profile, self.tracker.person(pid), self._debrief)
        self.card.value = card._repr_html_()

    def _on_sent(self, _: object = None) -> None:
        if self.sent.disabled:  # already logged, unchanged since
            return
        draft = self.draft()
        if draft is None:
            show_status(self.status, "warn", "Choose whom you are thanking first.")
            return
        try:
            self.tracker.log(
                self.person.value,
                TouchKind.THANK_YOU_EMAIL,
                on=self.today,
                channel="email",
                subject=draft.subject,
                body=draft.body,
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        show_status(
            self.status,
            "ok",
            f"Thank-you logged for {self.tracker.person(self.person.value).name}.",
        )
        retire(self.sent, self.body)  # logged: a second click would log it twice


class _Row(Panel):
    """One due item: how urgent, who, what, why, and its two buttons."""

    def __init__(self, item: dict[str, Any]) -> None:
        self.item = item
        kind, words = urgency(int(item["overdue_days"]))
        self.label = widgets.HTML(
            f'<div class="iv-due-item" style="border-left:4px solid {_COLOURS[kind]};'
            'padding-left:0.5em;line-height:1.4">'
            f'<span class="iv-urgency iv-urgency-{kind}" style="color:{_COLOURS[kind]}">'
            f'<span aria-hidden="true">{_ICONS[kind]}</span> <strong>{esc(words)}</strong></span>'
            f" · <strong>{esc(item['name'])}</strong>: {esc(_capital(item['action']))}"
            f"<br><small>{esc(_capital(item['reason']))}</small></div>",
            layout=widgets.Layout(width="34em"),
        )
        name, action = str(item["name"]), _capital(item["action"])
        # Each name says whose item it is: fourteen plain "Done" buttons tell a screen
        # reader's list of buttons nothing (WCAG 2.4.6).
        self.draft_button = widgets.Button(
            description=f"Draft it: {name}",
            icon="pencil",
            tooltip=f"Draft it: {action} ({name})",
            layout=widgets.Layout(width="auto"),
        )
        self.draft_button.add_class("iv-draft-it")
        self.done_button = widgets.Button(
            description=f"Done: {name}",
            icon="check",
            button_style="success",
            tooltip=f"Done: {action} ({name})",
            layout=widgets.Layout(width="auto"),
        )
        self.done_button.add_class("iv-done")
        self.root = widgets.HBox([self.label, self.draft_button, self.done_button])
        self.root.add_class("iv-due-row")


class FollowUpBoard(Panel):
    """The one due list: overdue first, each with "Draft it" and "Done"."""

    def __init__(
        self, tracker: Tracker, today: date | None = None, *, horizon_days: int = 7
    ) -> None:
        self.tracker = tracker
        self.today = resolve_today(today)
        self.horizon_days = horizon_days
        self.summary = widgets.HTML()
        self.summary.add_class("iv-board-summary")
        self.rows: list[_Row] = []
        self.rows_box = widgets.VBox()
        self.draft_title = widgets.HTML()
        self.note = widgets.HTML()
        self.subject = _text("Subject", "")
        self.body = _text_area("Draft", "", rows=12)
        self.body.add_class("iv-board-draft")
        self.review = widgets.HTML()
        self.draft_box = widgets.VBox(
            [self.draft_title, self.note, self.subject, self.body, self.review]
        )
        self.draft_box.add_class("iv-board-draft-box")
        self.draft_box.layout.display = "none"
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh")
        self.refresh_button.add_class("iv-board-refresh")
        self.refresh_button.on_click(self._on_refresh)
        self.ics_button = widgets.Button(
            description="Save .ics of follow-ups", icon="calendar", layout={"width": "auto"}
        )
        self.ics_button.add_class("iv-board-ics")
        self.ics_button.on_click(self._on_ics)
        self.status = LiveStatus()
        self.status.add_class("iv-board-status")
        self.current: dict[str, Any] | None = None
        self._draft: Draft | None = None
        self.body.observe(self._on_edit, names="value")
        self.root = widgets.VBox(
            [
                widgets.HTML("<h4>Your follow-up board</h4>"),
                self.summary,
                self.rows_box,
                widgets.HBox([self.refresh_button, self.ics_button]),
                self.status,
                self.draft_box,
            ]
        )
        self.root.add_class("iv-board")
        self.refresh()

    @property
    def items(self) -> list[dict[str, Any]]:
        """The due items shown, most urgent first."""
        return [row.item for row in self.rows]

    def refresh(self) -> None:
        """Reload the due list from the tracker."""
        table = due(self.tracker, today=self.today, horizon_days=self.horizon_days)
        # Rows still due keep their widgets, so a keyboard user's place survives a refresh.
        kept = {_key(row.item): row for row in self.rows}
        rows = []
        for record in table.to_dict("records"):
            item = {str(k): v for k, v in record.items()}
            row = kept.get(_key(item))
            if row is None or row.item != item:
                row = _Row(item)
                row.draft_button.on_click(lambda _, r=row: self.open_draft(r.item))
                row.done_button.on_click(lambda _, r=row: self.done(r.item))
            rows.append(row)
        self.rows = rows
        self.rows_box.children = tuple(row.root for row in self.rows)
        overdue = sum(item["overdue_days"] > 0 for item in self.items)
        today = sum(item["overdue_days"] == 0 for item in self.items)
        later = len(self.rows) - overdue - today
        if not self.rows:
            self.summary.value = (
                "<p>✔ <strong>Nothing due</strong> in the next "
                f"{plural(self.horizon_days, 'day')}. Well done: enjoy the quiet.</p>"
            )
        else:
            self.summary.value = (
                f"<p>⚠ <strong>{overdue} overdue</strong> · ● <strong>{today} due today</strong>"
                f" · ○ {later} coming up in the next {plural(self.horizon_days, 'day')}</p>"
            )

    def _on_refresh(self, _: object = None) -> None:
        self.refresh()
        show_status(self.status, "info", f"Board refreshed: {len(self.rows)} due.")

    def open_draft(self, item: dict[str, Any]) -> Draft:
        """Show the draft for one item, ready to edit and copy."""
        draft, note = draft_for(self.tracker, item, today=self.today)
        self.current, self._draft = item, draft
        to = ", ".join(draft.to) or "(no email address yet)"
        self.draft_title.value = (
            f"<p><strong>Draft: {esc(item['action'])} ({esc(item['name'])})</strong><br>"
            f"To: {esc(to)}</p>"
        )
        self.note.value = f"<p><em>\u2139 {esc(note)}</em></p>" if note else ""
        self.subject.value = draft.subject
        self.body.value = draft.body
        self._on_edit()
        self.draft_box.layout.display = None
        show_status(self.status, "info", f"Draft ready below: {item['action']} ({item['name']}).")
        return draft

    def edited_draft(self) -> Draft | None:
        if self._draft is None:
            return None
        return self._draft.with_text(subject=self.subject.value, body=self.body.value)

    def _on_edit(self, _: object = None) -> None:
        draft = self.edited_draft()
        if draft is None or draft.kind != "thank_you_email":
            self.review.value = ""
            return
        self.review.value = review_html(review_thanks(draft))

    def done(self, item: dict[str, Any]) -> None:
        """Log the touch that completes an item; the board reloads and the row leaves."""
        same = self.current is not None and _same(self.current, item)
        try:
            mark_done(
                self.tracker, item, draft=self.edited_draft() if same else None, on=self.today
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        if same:
            self.current, self._draft = None, None
            self.draft_box.layout.display = "none"
        show_status(self.status, "ok", f"Logged: {item['action']} ({item['name']}).")
        place = next((i for i, row in enumerate(self.rows) if _same(row.item, item)), 0)
        self.refresh()
        # Focus moves to the next item's Done (or to Refresh when the board is clear),
        # rather than falling to the top of the page with the row that left.
        following = self.rows[min(place, len(self.rows) - 1)].done_button if self.rows else None
        (following or self.refresh_button).focus()

    def _on_ics(self, _: object = None) -> None:
        try:
            path = save_followups_calendar(self.tracker, self.today, horizon_days=30)
        except (InfoviewError, OSError) as error:
            show_status(self.status, "error", str(error))
            return
        show_status(self.status, "ok", f"Saved {path}: import it into your calendar.")


def _capital(text: object) -> str:
    """Each step words its actions its own way; on the board they all start with a capital."""
    words = str(text)
    return words[:1].upper() + words[1:]


def _key(item: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(item[k] for k in ("person_id", "rule", "due_on"))


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a[k] == b[k] for k in ("person_id", "rule", "due_on"))
