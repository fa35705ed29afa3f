"""One list of everything that needs doing, joined from every step's rules.

Each step declares its *due rules* as :class:`DueRule` values beside the rules themselves
(``infoview/<step>/due.py``): how items are found (a function of a :class:`DueContext`
returning rows of ``person_id, action, due_on, reason, rule``; see :func:`items`), the draft
that answers one, and what "Done" logs. :data:`infoview.steps.DUE_RULES` collects them in
order. :func:`due` joins them, adds names and how overdue each item is, and sorts the most
urgent first. A new due rule is one value in its step's file, one entry in that tuple, its
rule in ``rules.toml``, and a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from infoview.clock import local_zone, resolve_today

if TYPE_CHECKING:
    from infoview.drafts import Draft
    from infoview.model import TouchKind
    from infoview.rules import Policy
    from infoview.tracker import Tracker

ITEM_COLUMNS = ["person_id", "action", "due_on", "reason", "rule"]
DUE_COLUMNS = ["person_id", "name", "action", "due_on", "overdue_days", "reason", "rule"]


@dataclass(frozen=True)
class DueItem:
    """One row of the due list: who, what, by when, and which rule asks for it."""

    person_id: int
    rule: str
    action: str = ""
    reason: str = ""
    name: str = ""
    due_on: date | None = None
    overdue_days: int = 0

    @classmethod
    def of(cls, item: DueItem | Mapping[str, Any]) -> DueItem:
        """An item from itself or from a row of :func:`due` (a mapping of its columns)."""
        if isinstance(item, DueItem):
            return item
        overdue = item.get("overdue_days")
        return cls(
            person_id=int(item["person_id"]),
            rule=str(item["rule"]),
            action=str(item.get("action") or ""),
            reason=str(item.get("reason") or ""),
            name=str(item.get("name") or ""),
            due_on=item.get("due_on"),
            overdue_days=int(overdue) if overdue is not None else 0,
        )


DraftBuilder = Callable[["Tracker", DueItem, date], "Draft | None"]
DoneAction = Callable[["Tracker", DueItem, "Draft | None", "date | datetime | None"], int]


@dataclass(frozen=True)
class DueRule:
    """One rule of the due list: how its items are found, drafted and marked done.

    ``draft`` builds the email that answers an item (None, or a builder returning None: the
    learner gets a plain starting point and a note). ``done`` is the touch "Done" logs, or a
    function that records it some other way and returns the touch id.
    """

    id: str
    find: Callable[[DueContext], pd.DataFrame]
    done: TouchKind | DoneAction
    draft: DraftBuilder | None = None


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
        return self.tracker.journey(self.today, self.rules)

    @cached_property
    def touches(self) -> pd.DataFrame:
        return self.tracker.touches()

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Per person with touches (index) and kind (columns): how many."""
        return self.tracker.touch_counts()

    def latest(self, kinds: Iterable[str]) -> pd.Series:
        """Per person id, their latest touch among ``kinds`` (only people who have one)."""
        # NaT is the smallest int64, so the max over kinds skips it unless all are NaT.
        stamps = np.maximum.reduce([self._latest_by_kind[str(kind)] for kind in kinds])
        latest = stamps.view("datetime64[us]")
        found = ~np.isnat(latest)
        index = self._latest_touches.index[found]
        return pd.Series(latest[found], index=index).dt.tz_localize("UTC")

    @cached_property
    def _latest_touches(self) -> pd.DataFrame:
        return self.tracker.latest_touches()

    @cached_property
    def _latest_by_kind(self) -> dict[str, np.ndarray]:
        """Per kind, each touched person's latest touch as int64 microseconds."""
        table = self._latest_touches
        return {
            kind: table[kind].dt.tz_convert(None).to_numpy(dtype="datetime64[us]").view("int64")
            for kind in table.columns
        }


def local_days(moments: pd.Series) -> np.ndarray:
    """UTC timestamps as the learner's calendar days (``datetime64[D]``; NaT stays NaT).

    A helper for due rules, which work in the learner's days. Each instant is converted with
    the zone's rules for that instant (summer or winter time), not today's offset.
    """
    stamps = pd.to_datetime(moments, utc=True)
    zone = local_zone()
    if zone.key in ("UTC", "Etc/UTC"):  # no offset at all: plain truncation, much faster
        return stamps.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    local = stamps.dt.tz_convert(zone).dt.tz_localize(None)
    return local.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def items(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Due-rule rows as a frame with the standard columns (helper for rule functions).

    Each row's ``due_on`` is a :class:`datetime.date`; the frame holds it as a day
    (``datetime64``), as every rule's frame does, so :func:`due` can sort many quickly.
    """
    frame = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    return frame.assign(due_on=np.array(frame["due_on"].tolist(), dtype="datetime64[D]"))


def item_frame(person_ids: Any, action: Any, due_on: Any, reason: Any, rule: str) -> pd.DataFrame:
    """Due-rule rows built column by column, for rules that find many at once.

    ``action`` and ``reason`` are a text each or one per row; ``due_on`` holds days.

    >>> rows = item_frame([3, 5], "Keep in touch", ["2026-03-01", "2026-03-02"], ["a", "b"], "r")
    >>> rows["action"].tolist(), rows["due_on"].dt.day.tolist()
    (['Keep in touch', 'Keep in touch'], [1, 2])
    """
    ids = np.asarray(person_ids, dtype="int64")

    def texts(values: Any) -> Any:
        if isinstance(values, str):
            values = [values] * len(ids)
        return pd.array(np.asarray(values, dtype=object), dtype="str")

    return pd.DataFrame(
        {
            "person_id": ids,
            "action": texts(action),
            "due_on": np.asarray(due_on, dtype="datetime64[D]"),
            "reason": texts(reason),
            "rule": rule,
        },
        columns=ITEM_COLUMNS,
    )


def log_done(
    tracker: Tracker,
    item: DueItem,
    kind: TouchKind,
    draft: Draft | None,
    on: date | datetime | None,
    **details: Any,
) -> int:
    """What "Done" usually logs: the rule's touch, with the draft's subject and words if any."""
    details = {"done": item.rule, **details}
    if draft is not None:
        details["draft_kind"] = draft.kind
    return tracker.log(
        item.person_id,
        kind,
        on=on,
        channel="email" if draft is not None else None,
        subject=draft.subject if draft is not None else None,
        body=draft.body if draft is not None else None,
        **details,
    )


def due(
    tracker: Tracker,
    today: date | None = None,
    rules: Policy | None = None,
    *,
    horizon_days: int = 0,
) -> pd.DataFrame:
    """Everything due by ``today`` (plus ``horizon_days`` ahead), most urgent first."""
    from infoview.rules import policy
    from infoview.steps import DUE_RULES  # the steps build on this module: read them late

    context = DueContext(tracker, resolve_today(today), rules if rules is not None else policy())
    frames = []
    for order, rule in enumerate(DUE_RULES):
        found = rule.find(context)
        if not found.empty:
            frames.append(found.assign(_order=order))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in DUE_COLUMNS})
    table = pd.concat(frames, ignore_index=True)
    day = table["due_on"].to_numpy(dtype="datetime64[D]")
    this_day = np.datetime64(context.today, "D")
    chosen = np.flatnonzero(day <= this_day + np.timedelta64(horizon_days, "D"))
    # Most overdue (earliest due) first, then the rule's place in DUE_RULES, then as found.
    urgency = day[chosen].astype("int64") * len(DUE_RULES) + table["_order"].to_numpy()[chosen]
    table = table.take(chosen[np.argsort(urgency, kind="stable")])
    day = table["due_on"].to_numpy(dtype="datetime64[D]")
    people = context.people
    where = pd.Index(people["id"].to_numpy()).get_indexer(table["person_id"].to_numpy())
    return pd.DataFrame(
        {
            "person_id": table["person_id"].to_numpy(dtype="int64"),
            "name": people["name"].take(where).array,
            "action": table["action"].array,
            "due_on": day.astype(object),
            "overdue_days": (this_day - day).astype("int64"),
            "reason": table["reason"].array,
            "rule": table["rule"].array,
        }
    ).astype(_DTYPES)


_DTYPES = {
    "person_id": "int64",
    "name": "str",
    "action": "str",
    "due_on": "object",
    "overdue_days": "int64",
    "reason": "str",
    "rule": "str",
}


# ---------------------------------------------------------------- the learner's view


def when_text(due_on: date, today: date) -> str:
    """A due day in words, relative to today.

    >>> today = date(2026, 12, 4)
    >>> when_text(today, today), when_text(date(2026, 12, 5), today)
    ('Fri 4 Dec, today', 'Sat 5 Dec, tomorrow')
    >>> when_text(date(2026, 12, 8), today), when_text(date(2026, 12, 1), today)
    ('Tue 8 Dec, in 4 days', 'Tue 1 Dec, 3 days overdue')
    """
    from infoview.text import plural

    day = f"{due_on:%a} {due_on.day} {due_on:%b}"
    ahead = (due_on - today).days
    if ahead == 0:
        return f"{day}, today"
    if ahead == 1:
        return f"{day}, tomorrow"
    if ahead > 1:
        return f"{day}, in {plural(ahead, 'day')}"
    return f"{day}, {plural(-ahead, 'day')} overdue"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class DueList:
    """What is due, as the follow-up board shows it: when, who, what to do, and why.

    ``frame`` is the table :func:`due` returns, for code; a learner sees the view (times in
    their own zone, named), never the frame's ids or column names.
    """

    frame: pd.DataFrame
    today: date
    horizon_days: int = 0

    def __len__(self) -> int:
        return len(self.frame)

    def _rows(self) -> list[tuple[str, str, str, str]]:
        return [
            (
                when_text(due_on, self.today),
                str(name),
                _capital(str(action)),
                _capital(str(reason)),
            )
            for due_on, name, action, reason in zip(
                self.frame["due_on"],
                self.frame["name"],
                self.frame["action"],
                self.frame["reason"],
                strict=True,
            )
        ]

    def _empty_text(self) -> str:
        from infoview.text import plural

        ahead = f" or in the next {plural(self.horizon_days, 'day')}" if self.horizon_days else ""
        return f"Nothing is due today{ahead}."

    def __repr__(self) -> str:
        if self.frame.empty:
            return self._empty_text()
        return "\n".join(f"{when} · {who}: {what} ({why})" for when, who, what, why in self._rows())

    def _repr_html_(self) -> str:
        import html

        if self.frame.empty:
            return f'<p class="iv-due-list"><em>{html.escape(self._empty_text())}</em></p>'
        cell = "padding:0.25em 0.8em 0.25em 0;text-align:left;vertical-align:top"
        head = "".join(
            f'<th scope="col" style="{cell}">{title}</th>'
            for title in ("When", "Who", "What to do", "Why")
        )
        body = "".join(
            "<tr>" + "".join(f'<td style="{cell}">{html.escape(v)}</td>' for v in row) + "</tr>"
            for row in self._rows()
        )
        return (
            '<table class="iv-due-list" style="border-collapse:collapse">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def due_list(
    tracker: Tracker,
    today: date | None = None,
    rules: Policy | None = None,
    *,
    horizon_days: int = 0,
) -> DueList:
    """Everything due (see :func:`due`), as a list a learner reads: when, who, what, why."""
    day = resolve_today(today)
    return DueList(due(tracker, day, rules, horizon_days=horizon_days), day, horizon_days)
