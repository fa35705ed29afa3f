"""Notebook 02: the question builder. It only wires controls to :mod:`infoview.questions`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from infoview.errors import InfoviewError
from infoview.questions import (
    QuestionPlan,
    load_bank,
    plan_questions,
    save_sheet,
    who_to_prepare_for,
)
from infoview.questions.bank import (
    Category,
    Phase,
    Question,
    QuestionBank,
    order_conflict,
)
from infoview.questions.plan import MUST_ASK_COUNT
from infoview.questions.text import asks_for_job, fill_slots
from infoview.text import plural
from infoview.ui.common import (
    LiveStatus,
    Panel,
    download_html,
    esc,
    person_picker,
    show_error,
    show_status,
    status_html,
)

if TYPE_CHECKING:
    from pathlib import Path

    from infoview.model import Person
    from infoview.tracker import Tracker

_EMPTY_NOTE = (
    "Nobody in your tracker yet. Add the people you hope to meet in notebook "
    "01_making_contact. You can still build a plan now: the questions will say "
    "“your organisation” and “your role” until you pick someone."
)
_WIDE = widgets.Layout(width="96%")


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h4 style='margin:0.6em 0 0.2em'>{esc(text)}</h4>")


def _button(description: str, css: str, icon: str = "", tooltip: str = "") -> widgets.Button:
    button = widgets.Button(
        description=description,
        icon=icon,
        tooltip=tooltip or description,
        layout=widgets.Layout(width="auto", min_width="7em"),
    )
    button.add_class(css)
    return button


class QuestionBuilder(Panel):
    """Pick a person, choose and order questions, and save the plan and a printable sheet.

    The controls are attributes, so a test can set ``.value`` and ``.click()`` them;
    ``plan`` is always the current :class:`~infoview.questions.QuestionPlan`.
    """

    def __init__(
        self,
        tracker: Tracker,
        *,
        bank: QuestionBank | None = None,
        sheet_folder: Path | None = None,
    ) -> None:
        self.tracker = tracker
        self.bank = bank if bank is not None else load_bank()
        self.sheet_folder = sheet_folder
        self.saved_sheet: Path | None = None
        self._chosen: list[Question] = []
        self._must: list[str] | None = None  # the learner's own must-ask picks; None: the kit's
        self.plan: QuestionPlan = plan_questions([], bank=self.bank)
        self._build_pickers()
        self._build_plan_controls()
        self.root = self._layout()
        if len(self.person.options) <= 1:
            self.empty_note.value = status_html("info", _EMPTY_NOTE)
        else:
            likely = who_to_prepare_for(tracker)
            self.person.value = likely.id if likely is not None else None
        self._wire()
        self._replan()

    def _build_pickers(self) -> None:
        self.person = person_picker(self.tracker, "Meeting")
        self.person.add_class("iv-person")
        # A number box, not a slider: its label names it (a slider's handle has no name).
        self.minutes = widgets.BoundedIntText(
            value=30,
            min=10,
            max=60,
            step=5,
            description="Minutes",
            style={"description_width": "5em"},
        )
        self.minutes.add_class("iv-minutes")
        self.empty_note = widgets.HTML()
        self.category = widgets.Dropdown(
            options=[("All categories", "all")] + [(c.label, c.value) for c in Category],
            value="all",
            description="Category",
        )
        self.category.add_class("iv-category")
        self.bank_list = widgets.SelectMultiple(
            options=[], rows=9, description="Bank", layout=_WIDE
        )
        self.bank_list.add_class("iv-bank")
        self.add_button = _button("Add to plan", "iv-add", "plus", "Add the questions picked above")
        self.custom_text = widgets.Text(
            placeholder="Write your own question…", description="Your own", layout=_WIDE
        )
        self.custom_text.add_class("iv-custom-text")
        self.custom_phase = widgets.Dropdown(
            options=[(p.label, p.value) for p in Phase], value="core", description="Phase"
        )
        self.custom_phase.add_class("iv-custom-phase")
        self.custom_category = widgets.Dropdown(
            options=[(c.label, c.value) for c in Category], value="insights", description="Category"
        )
        self.custom_category.add_class("iv-custom-category")
        self.add_custom_button = _button("Add my question", "iv-add-custom", "pencil")

    def _build_plan_controls(self) -> None:
        self.plan_list = widgets.Select(
            options=[],
            rows=10,
            description="Your plan",
            layout=widgets.Layout(width="auto", min_width="44em", max_width="100%"),
        )
        self.plan_list.add_class("iv-plan-list")
        self.up_button = _button("Up", "iv-up", "arrow-up", "Ask the picked question earlier")
        self.down_button = _button("Down", "iv-down", "arrow-down", "Ask it later")
        self.must_button = _button("Must ask", "iv-must", "star", "Mark or unmark as must-ask")
        self.remove_button = _button("Remove", "iv-remove", "trash", "Take it out of the plan")
        self.status = LiveStatus()
        self.status.add_class("iv-status-line")
        self.plan_view = widgets.HTML()
        self.plan_view.add_class("iv-plan-view")
        self.save_button = _button("Save plan", "iv-save", "save", "Save this plan to your tracker")
        self.save_button.button_style = "primary"
        self.sheet_button = _button(
            "Save printable sheet", "iv-sheet", "print", "Write a one-page sheet to print"
        )
        self.saved = LiveStatus()
        self.saved.add_class("iv-saved")

    def _layout(self) -> widgets.VBox:
        moves = widgets.VBox(
            [self.up_button, self.down_button, self.must_button, self.remove_button]
        )
        root = widgets.VBox(
            [
                _heading("1. Who are you meeting, and for how long?"),
                widgets.HBox([self.person, self.minutes]),
                self.empty_note,
                _heading("2. Pick questions from the bank (Ctrl or Shift picks several)"),
                self.category,
                self.bank_list,
                widgets.HBox([self.add_button]),
                _heading("3. Or write your own"),
                self.custom_text,
                widgets.HBox([self.custom_phase, self.custom_category, self.add_custom_button]),
                _heading("4. Put them in order"),
                widgets.HBox([self.plan_list, moves]),
                self.status,
                self.plan_view,
                _heading("5. Save"),
                widgets.HBox([self.save_button, self.sheet_button]),
                self.saved,
            ]
        )
        root.add_class("iv-question-builder")
        return root

    def _wire(self) -> None:
        self.person.observe(lambda _: self._replan(), names="value")
        self.minutes.observe(lambda _: self._replan(), names="value")
        self.category.observe(lambda _: self._refresh_bank(), names="value")
        self.add_button.on_click(lambda _: self.add_picked())
        self.add_custom_button.on_click(lambda _: self.add_custom())
        self.up_button.on_click(lambda _: self.move(-1))
        self.down_button.on_click(lambda _: self.move(+1))
        self.must_button.on_click(lambda _: self.toggle_must())
        self.remove_button.on_click(lambda _: self.remove())
        self.save_button.on_click(lambda _: self.save())
        self.sheet_button.on_click(lambda _: self.save_sheet())

    # ------------------------------------------------------------ state

    def _person(self) -> Person | None:
        return None if self.person.value is None else self.tracker.person(self.person.value)

    def _plan(self, chosen: list[Question]) -> QuestionPlan:
        return plan_questions(
            chosen,
            minutes=self.minutes.value,
            person=self._person(),
            field=self.tracker.profile.field or None,
            must_ask=None
            if self._must is None
            else [m for m in self._must if m in {q.id for q in chosen}],
            bank=self.bank,
        )

    def _replan(self, chosen: list[Question] | None = None) -> bool:
        """Plan ``chosen`` (default: the current questions) and show it; False on a problem."""
        try:
            plan = self._plan(self._chosen if chosen is None else chosen)
        except InfoviewError as exc:
            show_error(self.status, exc)
            return False
        self.plan = plan
        self._chosen = list(plan.questions)
        picked = self.plan_list.value
        self.plan_list.options = [
            (f"{item.number}. {'★ ' if item.must_ask else ''}{item.text}", item.question.id)
            for item in plan
        ]
        self.plan_list.value = picked if picked in plan.ids else None
        self.plan_view.value = plan._repr_html_()
        self._refresh_bank()
        return True

    def _slots(self) -> dict[str, str | None]:
        person = self._person()
        return {
            "company": person.company if person else None,
            "role": person.role if person else None,
            "field": self.tracker.profile.field or None,
        }

    def _refresh_bank(self) -> None:
        chosen = {q.id for q in self._chosen}
        slots = self._slots()
        every = self.category.value == "all"
        options = [
            ((f"{q.category.label}: " if every else "") + fill_slots(q.text, **slots), q.id)
            for q in self.bank.in_category(self.category.value)
            if q.id not in chosen
        ]
        self.bank_list.options = options
        # Names what the list shows, after the options, so a browser test can wait for it.
        for css in [c for c in self.bank_list._dom_classes if c.startswith("iv-bank-")]:
            self.bank_list.remove_class(css)
        self.bank_list.add_class(f"iv-bank-{self.category.value}")

    # ------------------------------------------------------------ actions

    def add_picked(self) -> None:
        picked = list(self.bank_list.value)
        if not picked:
            show_status(self.status, "info", "Pick one or more questions in the bank list first.")
            return
        if self._replan(self._chosen + [self.bank[qid] for qid in picked]):
            show_status(self.status, "ok", f"Added {plural(len(picked), 'question')} to your plan.")

    def add_custom(self) -> None:
        try:
            question = Question(
                self.custom_text.value,
                category=Category.parse(self.custom_category.value),
                phase=Phase.parse(self.custom_phase.value),
            )
        except InfoviewError as exc:
            show_error(self.status, exc)
            return
        if question.id in {q.id for q in self._chosen}:
            show_status(self.status, "info", "That question is already in your plan.")
            return
        if not self._replan([*self._chosen, question]):
            return
        self.custom_text.value = ""
        job = asks_for_job(question.text)
        if job:
            show_status(
                self.status,
                "warn",
                f"Added, but it asks for a job (“{job}”). An informational interview is for "
                "learning: ask what they know and who else to talk to instead.",
            )
        else:
            show_status(self.status, "ok", "Added your question to the plan.")

    def _picked_index(self) -> int | None:
        ids = [q.id for q in self._chosen]
        if self.plan_list.value not in ids:
            show_status(self.status, "info", "Pick a question in your plan first.")
            return None
        return ids.index(self.plan_list.value)

    def move(self, step: int) -> None:
        """Move the picked question up (-1) or down (+1), unless that breaks the line."""
        index = self._picked_index()
        if index is None:
            return
        other = index + step
        if not 0 <= other < len(self._chosen):
            show_status(self.status, "info", "It is already at that end of the plan.")
            return
        earlier, later = sorted((index, other))
        reason = order_conflict(
            self._chosen[later], self._chosen[earlier], self.bank, slots=self._slots()
        )
        if reason:
            show_status(self.status, "warn", f"Kept in place: {reason}")
            return
        trial = list(self._chosen)
        trial[index], trial[other] = trial[other], trial[index]
        if self._replan(trial):
            show_status(self.status, "ok", f"Moved to number {other + 1}.")

    def toggle_must(self) -> None:
        index = self._picked_index()
        if index is None:
            return
        qid = self._chosen[index].id
        must = [item.question.id for item in self.plan if item.must_ask]
        if qid in must:
            must.remove(qid)
        elif len(must) >= MUST_ASK_COUNT:
            show_status(self.status, "info", "Three must-ask questions at most: unmark one first.")
            return
        else:
            must.append(qid)
        self._must = must
        self._replan()

    def remove(self) -> None:
        index = self._picked_index()
        if index is None:
            return
        gone = self._chosen[index]
        if self._must is not None:
            self._must = [m for m in self._must if m != gone.id]
        if self._replan([q for q in self._chosen if q.id != gone.id]):
            show_status(self.status, "ok", "Removed it from your plan.")

    def save(self) -> None:
        if not self.plan.items:
            show_status(self.saved, "info", "Add some questions before saving.")
            return
        try:
            plan_id = self.tracker.save_plan(
                self.plan.person_id, self.plan.to_dict(), title=self.plan.title
            )
        except InfoviewError as exc:
            show_error(self.saved, exc)
            return
        if self.plan.person_id is None:
            show_status(
                self.saved,
                "warn",
                f"Saved as plan {plan_id}, but not for anyone in particular. Pick the person "
                "you will meet and save again, so the day-after notebook can show it.",
            )
        else:
            show_status(self.saved, "ok", f"Saved “{self.plan.title}” (plan {plan_id}).")

    def save_sheet(self) -> None:
        if not self.plan.items:
            show_status(self.saved, "info", "Add some questions before printing a sheet.")
            return
        try:
            path = save_sheet(self.plan, folder=self.sheet_folder)
        except (InfoviewError, OSError) as exc:
            show_status(self.saved, "error", f"Could not save the sheet: {exc}")
            return
        self.saved_sheet = path
        self.saved.value = (
            status_html("ok", "Sheet saved. Download it, open it in your browser and print it.")
            + download_html(path.read_bytes(), path.name, "text/html;charset=utf-8")
            + '<div style="color:#666">Saved in '
            + f'<code class="iv-sheet-path">{esc(path)}</code></div>'
        )
