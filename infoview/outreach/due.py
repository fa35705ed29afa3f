"""Reminders: who is due a polite nudge, and when to stop.

The guide's rule: when more than a week and a half (10.5 days) has passed since your last
email or reminder with no reply, decline or meeting, a reminder is due, from day 11 on.
After two reminders the kit stops: the stage becomes "no answer" and nobody is nagged.
Dalton's optional 3B7 routine counts business days instead: after 3, try a second person
at the same organisation; after 7, follow up. Import from :mod:`infoview.outreach`.

>>> import tempfile, pathlib
>>> from infoview.tracker import open_tracker
>>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> ana = t.add_person("Ana Ruiz", company="Acme")
>>> _ = t.log(ana, "outreach", on=date(2026, 3, 2))
>>> len(reminders_due(t, date(2026, 3, 12))), len(reminders_due(t, date(2026, 3, 13)))
(0, 1)
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from infoview.clock import resolve_today
from infoview.due import (
    DUE_COLUMNS,
    DueContext,
    DueItem,
    DueRule,
    item_frame,
    items,
    local_days,
    log_done,
)
from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.model import Stage, TouchKind
from infoview.outreach.targets import company_key
from infoview.rules import Policy, policy

if TYPE_CHECKING:
    from datetime import datetime

    from infoview.drafts import Draft
    from infoview.tracker import Tracker

MODES = ("guide", "3b7")
# 3B7's suggestion to write to someone else; "Done" on it notes that on the email it follows.
SECOND_PERSON = "Try a second person at "
SECOND_PERSON_DONE = "second_person_done"
_REACH = ("outreach", "introduced", "reminder")
_FIRST_CONTACT = ("outreach", "introduced", "intro_requested")
_WAITING = (Stage.CONTACTED.value, Stage.REMINDED.value)


def reminders_due_items(ctx: DueContext) -> pd.DataFrame:
    """Reminders (or the 3B7 steps, when an advisor switches them on), as due-list rows."""
    mode = "3b7" if ctx.rules.enabled("contact.3b7") else "guide"
    return _items(ctx, mode)


def _guide_reminders(ctx: DueContext) -> pd.DataFrame:
    return items([]) if ctx.rules.enabled("contact.3b7") else _items(ctx, "guide")


def _three_b_seven_steps(ctx: DueContext) -> pd.DataFrame:
    return _items(ctx, "3b7") if ctx.rules.enabled("contact.3b7") else items([])


def _reminder_draft(tracker: Tracker, item: DueItem, today: date) -> Draft | None:
    """The reminder, naming the day and subject of your last email (none for a suggestion)."""
    if item.action.startswith(SECOND_PERSON):
        return None  # writing to someone else: a plain starting point, and a note
    from infoview.outreach.send import draft_for

    return draft_for(tracker, "reminder", item.person_id)


def _three_b_seven_done(
    tracker: Tracker, item: DueItem, draft: Draft | None, on: date | datetime | None
) -> int:
    """3B7's follow-up logs a reminder; its "try a second person" is noted on the email.

    Writing to someone else is not something that happened with this person, so their
    stage stays as it is and only the suggestion goes; the follow-up stays due.
    """
    if not item.action.startswith(SECOND_PERSON):
        return log_done(tracker, item, TouchKind.REMINDER, draft, on)
    day = resolve_today(on)
    sent = tracker.touches(item.person_id, kinds=("outreach", "introduced"))
    if sent.empty:
        raise InvalidValueError(
            f"{tracker.person(item.person_id).name} has no email on record to follow up; "
            "log the first email, then try again"
        )
    latest = sent.sort_values(["at", "id"]).iloc[-1]
    return tracker.update_touch(int(latest["id"]), **{SECOND_PERSON_DONE: day.isoformat()})


REMINDER = DueRule(
    "contact.reminder", find=_guide_reminders, draft=_reminder_draft, done=TouchKind.REMINDER
)
THREE_B_SEVEN = DueRule(
    "contact.3b7", find=_three_b_seven_steps, draft=_reminder_draft, done=_three_b_seven_done
)


def reminders_due(
    tracker: Tracker,
    today: date | None = None,
    *,
    mode: str = "guide",
    rules: Policy | None = None,
) -> pd.DataFrame:
    """Who is due a reminder by ``today``, longest waiting first.

    ``mode="guide"`` (the default) waits more than a week and a half; ``mode="3b7"`` follows
    Dalton's routine in business days.
    """
    if mode not in MODES:
        raise InvalidChoiceError("mode", mode, MODES)
    rules = rules if rules is not None else policy()
    if mode == "3b7":
        rules = rules.switch("contact.3b7", on=True)
    ctx = DueContext(tracker, resolve_today(today), rules)
    found = _items(ctx, mode)
    days = found["due_on"].to_numpy(dtype="datetime64[D]")
    by_today = days <= np.datetime64(ctx.today, "D")
    found = found[by_today]
    names = ctx.people.set_index("id")["name"]
    table = found.assign(
        name=found["person_id"].map(names),
        due_on=days[by_today].astype(object),
        overdue_days=(np.datetime64(ctx.today, "D") - days[by_today]).astype("int64"),
    )
    table = table.sort_values(["overdue_days", "person_id"], ascending=[False, True])
    return (
        table[DUE_COLUMNS]
        .reset_index(drop=True)
        .astype({"person_id": "int64", "overdue_days": "int64", "name": "str"})
    )


def _waiting(ctx: DueContext) -> pd.DataFrame:
    """People still waiting for an answer: person_id, company, reminders, day (local date)."""
    journey = ctx.journey
    if ctx.rules.enabled("contact.stop"):
        limit = ctx.rules["contact.stop"].number("max_reminders")
        chosen = journey["stage"].isin(_WAITING) & (journey["reminders"] < limit)
    else:  # without the stop rule, "no answer" people may be reminded again
        chosen = journey["stage"].isin((*_WAITING, Stage.NO_ANSWER.value))
    columns = ["person_id", "name", "company", "reminders", "day"]
    waiting = journey.loc[chosen.to_numpy(), columns[:-1]]
    if waiting.empty:
        return waiting.assign(day=pd.Series(dtype="datetime64[s]"))[columns]
    last = ctx.latest(_REACH).reindex(waiting["person_id"].to_numpy())
    reached = last.notna().to_numpy()
    return waiting[reached].assign(day=local_days(last[reached]))[columns]


def _items(ctx: DueContext, mode: str) -> pd.DataFrame:
    waiting = _waiting(ctx)
    if waiting.empty:
        return items([])
    if mode == "3b7":
        return _three_b_seven(ctx, waiting)
    if not ctx.rules.enabled("contact.reminder"):
        return items([])
    wait = ctx.rules["contact.reminder"].number("wait_days")
    days = waiting["day"].to_numpy(dtype="datetime64[D]")
    waited = (np.datetime64(ctx.today, "D") - days).astype("int64")
    last = np.zeros(len(waiting), dtype=bool)
    if ctx.rules.enabled("contact.stop"):
        limit = int(ctx.rules["contact.stop"].number("max_reminders"))
        last = waiting["reminders"].to_numpy() + 1 >= limit
    sent = np.datetime_as_string(days, unit="D").tolist()
    reason = [
        f"No answer {n} day{'' if n == 1 else 's'} after your email of {d}"
        for n, d in zip(waited.tolist(), sent, strict=True)
    ]
    return item_frame(
        waiting["person_id"],
        np.where(last, "Send a last, short reminder", "Send a friendly reminder"),
        days + np.timedelta64(math.floor(wait) + 1, "D"),
        reason,
        "contact.reminder",
    )


def _three_b_seven(ctx: DueContext, waiting: pd.DataFrame) -> pd.DataFrame:
    rule = ctx.rules["contact.3b7"]
    days = waiting["day"].to_numpy(dtype="datetime64[D]")
    waited = np.maximum(np.busday_count(days, np.datetime64(ctx.today, "D")), 0)
    reason = np.array(
        [
            f"{n} business day{'' if n == 1 else 's'} without an answer (3B7)"
            for n in waited.tolist()
        ],
        dtype=object,
    )
    follow = int(rule.number("follow_up_business_days"))
    follow_up = item_frame(
        waiting["person_id"],
        ["Follow up with a short reminder"] * len(waiting),
        np.busday_offset(days, follow, roll="forward"),
        reason,
        "contact.3b7",
    )
    keys = waiting["company"].map(company_key).fillna("")
    fresh = (waiting["reminders"].to_numpy() == 0) & (keys != "").to_numpy()
    chosen = fresh & ~_someone_else_contacted(ctx, waiting) & ~_second_person_done(ctx, waiting)
    if not chosen.any():
        return follow_up
    second = int(rule.number("second_contact_business_days"))
    picked = waiting[chosen]
    hint = _examples(ctx).reindex(keys[chosen].to_numpy(), fill_value="").to_numpy()
    action = SECOND_PERSON + picked["company"] + hint
    suggestion = item_frame(
        picked["person_id"],
        action,
        np.busday_offset(days[chosen], second, roll="forward"),
        reason[chosen],
        "contact.3b7",
    )
    return pd.concat([follow_up, suggestion], ignore_index=True)


def _second_person_done(ctx: DueContext, waiting: pd.DataFrame) -> np.ndarray:
    """For each waiting person: was "Done" pressed on the suggestion for the email they have?"""
    ids = waiting["person_id"].to_numpy()
    marked = [
        ctx.tracker.touch_details(kind, [SECOND_PERSON_DONE], people=ids)
        for kind in ("outreach", "introduced")
    ]
    done = pd.concat(marked, ignore_index=True)[["person_id", "at"]]
    if done.empty:
        return np.zeros(len(waiting), dtype=bool)
    marked_at = done.groupby("person_id")["at"].max().reindex(ids)
    found: np.ndarray = (marked_at >= ctx.latest(_REACH).reindex(ids)).to_numpy(dtype=bool)
    return found


def _someone_else_contacted(ctx: DueContext, waiting: pd.DataFrame) -> np.ndarray:
    """For each waiting person: was someone else at their company contacted since?"""
    first = ctx.latest(_FIRST_CONTACT)
    never = np.iinfo("int64").min  # NaT as int64: before any real moment

    def reached(ids: np.ndarray) -> np.ndarray:
        """Microseconds of each id's latest first contact (``never`` when none)."""
        stamps = first.reindex(ids).dt.tz_convert(None).to_numpy(dtype="datetime64[us]")
        micros: np.ndarray = stamps.view("int64")
        return micros

    people = pd.DataFrame(
        {
            "key": ctx.people["company"].map(company_key).to_numpy(),
            "reach": reached(ctx.people["id"].to_numpy()),
        }
    )
    people = people[(people["key"] != "") & (people["reach"] != never)]
    latest = people.groupby("key")["reach"].max()
    shared = people[people["reach"] == latest.reindex(people["key"]).to_numpy()]
    at_latest = shared.groupby("key").size()
    keys = waiting["company"].map(company_key)
    mine = reached(waiting["person_id"].to_numpy())
    top = latest.reindex(keys).fillna(never).to_numpy(dtype="int64")
    others = at_latest.reindex(keys).fillna(0).to_numpy() > 1
    known = (mine != never) & (top != never)
    moved: np.ndarray = known & ((mine < top) | ((mine == top) & others))
    return moved


def _examples(ctx: DueContext) -> pd.Series:
    """By company key, " (for example A or B)": two people there not contacted yet."""
    journey = ctx.journey
    fresh = journey[journey["stage"] == Stage.IDENTIFIED.value]
    frame = pd.DataFrame(
        {"key": fresh["company"].map(company_key).to_numpy(), "name": fresh["name"].to_numpy()}
    )
    frame = frame[frame["key"].fillna("") != ""]
    names = frame.groupby("key", sort=False).head(2).groupby("key")["name"].agg(" or ".join)
    return (" (for example " + names + ")").astype(object)
