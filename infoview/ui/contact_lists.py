"""Step 1 list widgets: the LAMP target list and the reminders that are due.

Also the small control builders the step 1 widgets share. They only wire controls to
:mod:`infoview.outreach`; every learner or imported string is escaped before it becomes HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from infoview import outreach
from infoview.errors import InfoviewError
from infoview.ui.common import LiveStatus, Panel, show_error, show_status, single_choice, table_html

if TYPE_CHECKING:
    from infoview.tracker import Tracker

WIDE = widgets.Layout(width="36em")
LABEL = {"description_width": "9em"}
_MOTIVATION = [("3: I would love to work there", 3), ("2: interested", 2), ("1: curious", 1)]


def text_box(description: str, css: str, placeholder: str = "", **kwargs: Any) -> widgets.Text:
    box = widgets.Text(
        description=description, placeholder=placeholder, layout=WIDE, style=LABEL, **kwargs
    )
    box.add_class(css)
    return box


def button(description: str, css: str, style: str = "") -> widgets.Button:
    button = widgets.Button(description=description, button_style=style)
    button.add_class(css)
    return button


def _yes_no(value: object) -> str:
    return "✔ yes" if bool(value) else "— no"


# ---------------------------------------------------------------- target list


def _tick(description: str) -> widgets.Checkbox:
    """A tick box whose whole label shows (ipywidgets cuts long ones off by default)."""
    return widgets.Checkbox(
        description=description,
        indent=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto"),
    )


class TargetList(Panel):
    """Add and score the organisations you want to learn from; see the order to approach them."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.organisation = text_box("Organisation", "iv-target-org", "e.g. Lumen Labs")
        self.contact = text_box("Person there", "iv-target-contact", "optional: whom to meet")
        self.motivation = widgets.Dropdown(
            options=_MOTIVATION, value=2, description="Motivation", layout=WIDE, style=LABEL
        )
        self.advocacy = _tick("I already know someone there")
        self.posting = _tick("They have an opening in my field")
        self.add = button("Add target", "iv-target-add", "primary")
        self.pick = widgets.Dropdown(description="Edit target", layout=WIDE, style=LABEL)
        self.pick.add_class("iv-target-pick")
        self.save = button("Save score", "iv-target-save")
        self.status = LiveStatus()
        self.table = widgets.HTML()
        self.table.add_class("iv-target-table")
        self.add.on_click(self._on_add)
        self.save.on_click(self._on_save)
        self.pick.observe(self._on_pick, names="value")
        self.root = widgets.VBox(
            [
                widgets.HTML("<h4>Your target list</h4>"),
                self.organisation,
                self.contact,
                self.motivation,
                self.advocacy,
                self.posting,
                widgets.HBox([self.add, self.pick, self.save]),
                self.status,
                self.table,
            ]
        )
        self.root.add_class("iv-target-list")
        self.refresh()

    def refresh(self) -> None:
        """Reload the ranked list and the edit picker from the tracker."""
        ranked = outreach.targets(self.tracker)
        options: list[tuple[str, int | None]] = [("— add a new one —", None)]
        options += [
            (str(org), int(tid))
            for tid, org in zip(ranked["id"], ranked["organisation"], strict=True)
        ]
        current = self.pick.value
        self.pick.options = options
        self.pick.value = current if current in {v for _, v in options} else None
        shown = pd.DataFrame(
            {
                "Rank": ranked["rank"],
                "Batch": ["★ first batch" if first else "" for first in ranked["first_batch"]],
                "Organisation": ranked["organisation"],
                "Person there": ranked["contact"].fillna(""),
                "Motivation": ranked["motivation"],
                "Posting": ranked["posting"].map(_yes_no),
                "Advocacy": ranked["advocacy"].map(_yes_no),
                "Could introduce you": ranked["introducers"],
            }
        )
        self.table.value = table_html(
            shown,
            empty="No targets yet. List the organisations whose people you would like to learn "
            "from, score each, and start with the top five.",
        )

    def _on_add(self, _: object = None) -> None:
        try:
            self.tracker.add_target(
                self.organisation.value,
                contact=self.contact.value or None,
                motivation=int(self.motivation.value),
                advocacy=self.advocacy.value,
                posting=self.posting.value,
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        show_status(self.status, "ok", f"Added {self.organisation.value.strip()}.")
        self._clear_form()
        self.refresh()

    def _clear_form(self) -> None:
        """Every field back to its start, so the next target gets nothing of this one's."""
        self.organisation.value = self.contact.value = ""
        self.motivation.value = 2
        self.advocacy.value = self.posting.value = False

    def _on_pick(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            self._clear_form()
            return
        row = self.tracker.targets().set_index("id").loc[change["new"]]
        self.motivation.value = int(row["motivation"])
        self.advocacy.value = bool(row["advocacy"])
        self.posting.value = bool(row["posting"])

    def _on_save(self, _: object = None) -> None:
        if self.pick.value is None:
            show_status(self.status, "info", "Choose a target under 'Edit target' first.")
            return
        try:
            self.tracker.update_target(
                int(self.pick.value),
                motivation=int(self.motivation.value),
                advocacy=self.advocacy.value,
                posting=self.posting.value,
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        show_status(self.status, "ok", "Score saved.")
        self.refresh()


# ---------------------------------------------------------------- reminders


class RemindersDue(Panel):
    """Who is due a reminder today, in the guide's rhythm or Dalton's 3B7; refresh after sending."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.mode = single_choice(
            [("Guide: after a week and a half", "guide"), ("Dalton's 3B7", "3b7")],
            "guide",
            "Rhythm",
            style=LABEL,
        )
        self.mode.add_class("iv-reminder-mode")
        self.refresh_button = button("Refresh", "iv-reminders-refresh")
        self.table = widgets.HTML()
        self.table.add_class("iv-reminders-table")
        self.mode.observe(self.refresh, names="value")
        self.refresh_button.on_click(self.refresh)
        self.root = widgets.VBox([widgets.HBox([self.mode, self.refresh_button]), self.table])
        self.root.add_class("iv-reminders")
        self.refresh()

    def refresh(self, _: object = None) -> None:
        """Recompute the list from the tracker."""
        due = outreach.reminders_due(self.tracker, mode=self.mode.value)
        shown = due.rename(
            columns={
                "name": "Who",
                "action": "What to do",
                "due_on": "Due on",
                "overdue_days": "Days overdue",
                "reason": "Why",
            }
        )
        self.table.value = table_html(
            shown,
            ["Who", "What to do", "Due on", "Days overdue", "Why"],
            empty="Nobody is waiting for a reminder today.",
        )
