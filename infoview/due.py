"""One list of everything that needs doing, joined from every step's rules.

Each step contributes a *due rule*: a function that takes a :class:`DueContext` and returns
rows of ``person_id, action, due_on, reason, rule``. Adding a rule is one entry in
:data:`DUE_RULES`. :func:`due` joins them, adds names and how overdue each item is, and
sorts the most urgent first.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd

from infoview.workspace import resolve_today

if TYPE_CHECKING:
    from infoview.rules import Policy
    from infoview.tracker import Tracker

ITEM_COLUMNS = ["person_id", "action", "due_on", "reason", "rule"]
DUE_COLUMNS = ["person_id", "name", "action", "due_on", "overdue_days", "reason", "rule"]

# "module:function" for each rule, in the order ties are broken (earlier is more pressing).
DUE_RULES: tuple[str, ...] = (
    "infoview.meeting:meetings_today",
    "infoview.meeting:confirmations_due",
    "infoview.followup:thanks_due",
    "infoview.outreach:reminders_due_items",
    "infoview.followup:referrals_due",
    "infoview.followup:updates_due",
    "infoview.followup:keep_in_touch_due",
)


@dataclass
class DueContext:
    """What every due rule may read, each frame loaded once and only when asked for."""

    tracker: Tracker
    today: date
    rules: Policy
    # Frames that several rules of one step share, computed once per due() call.
    _cache: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @cached_property
    def people(self) -> pd.DataFrame:
        return self.tracker.people()

    @cached_property
    def summary(self) -> pd.DataFrame:
        return self.tracker.touch_summary()

    @cached_property
    def journey(self) -> pd.DataFrame:
        from infoview.journey import journey_frame

        return journey_frame(self.people, self.summary, self.today, self.rules)

    @cached_property
    def touches(self) -> pd.DataFrame:
        return self.tracker.touches()


def items(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Due-rule rows as a frame with the standard columns (helper for rule functions)."""
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def resolve(entry: str) -> Any:
    """The function a ``"module:function"`` registry entry names (imported on first use).

    >>> resolve("infoview.journey:stage_after").__name__
    'stage_after'
    """
    module_name, _, function = entry.partition(":")
    return getattr(importlib.import_module(module_name), function)


def due(
    tracker: Tracker,
    today: date | None = None,
    rules: Policy | None = None,
    *,
    horizon_days: int = 0,
) -> pd.DataFrame:
    """Everything due by ``today`` (plus ``horizon_days`` ahead), most urgent first."""
    from infoview.rules import policy

    context = DueContext(tracker, resolve_today(today), rules if rules is not None else policy())
    frames = []
    for order, entry in enumerate(DUE_RULES):
        rule_function: Callable[[DueContext], pd.DataFrame] = resolve(entry)
        found = rule_function(context)
        if not found.empty:
            frames.append(found.assign(_order=order))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in DUE_COLUMNS})
    table = pd.concat(frames, ignore_index=True)
    limit = context.today.toordinal() + horizon_days
    table = table[table["due_on"].map(date.toordinal) <= limit]
    names = context.people.set_index("id")["name"]
    table = table.assign(
        name=table["person_id"].map(names),
        overdue_days=[context.today.toordinal() - d.toordinal() for d in table["due_on"]],
    )
    table = table.sort_values(["overdue_days", "_order", "due_on"], ascending=[False, True, True])
    table = table[DUE_COLUMNS].reset_index(drop=True)
    return table.astype({"person_id": "int64", "overdue_days": "int64", "name": "str"})


_DTYPES = {
    "person_id": "int64",
    "name": "str",
    "action": "str",
    "due_on": "object",
    "overdue_days": "int64",
    "reason": "str",
    "rule": "str",
}
