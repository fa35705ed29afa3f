"""Step 4's due rules: thank-yous, referrals, updates and keep-in-touch nudges.

Each rule reads the shared :class:`~infoview.due.DueContext` (vectorised over the touch
summary and the journey, so a network of 50,000 people stays quick) and returns rows for
:func:`infoview.due.due`. Each is declared as a :class:`~infoview.due.DueRule` at the end
of this module, with its draft and what "Done" logs, and gathered in :mod:`infoview.steps`.

>>> import tempfile, pathlib
>>> from datetime import date
>>> from infoview.due import due
>>> from infoview.tracker import open_tracker
>>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> ana = t.add_person("Ana Ruiz")
>>> _ = t.log(ana, "interview", on=date(2026, 3, 2))
>>> due(t, today=date(2026, 3, 3))[["name", "action", "overdue_days"]].to_dict("records")
[{'name': 'Ana Ruiz', 'action': 'Send a thank-you email', 'overdue_days': 0}]
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from infoview.clock import local_zone
from infoview.due import DueItem, DueRule, item_frame, items, local_days, log_done
from infoview.followup.debrief import latest_debrief
from infoview.followup.drafts import (
    keep_in_touch_email,
    referral_email,
    thank_you_email,
    update_email,
)
from infoview.model import Stage, TouchKind

if TYPE_CHECKING:
    from infoview.drafts import Draft
    from infoview.due import DueContext
    from infoview.tracker import Tracker

THANKS_KINDS = (TouchKind.THANK_YOU_EMAIL.value, TouchKind.THANK_YOU_CARD.value)
MET_STAGES = (Stage.MET.value, Stage.THANKED.value, Stage.KEEPING_IN_TOUCH.value)
YEAR_DAYS = 365
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PENDING_UPDATES = "followup.pending_updates"


# ---------------------------------------------------------------- helpers


def _short(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def per_day(days: np.ndarray, text: Callable[[date], str]) -> np.ndarray:
    """``text(day)`` for each calendar day, computed once per distinct day (fast)."""
    values = np.asarray(days, dtype="datetime64[D]")
    if values.size == 0:
        return np.array([], dtype=object)
    where, distinct = pd.factorize(values.astype("int64"))  # hashing: no sort needed
    days = distinct.astype("datetime64[D]").astype(object)
    texts = np.array([text(day) for day in days], dtype=object)
    return texts[where]


def day_text(days: np.ndarray) -> np.ndarray:
    """Calendar days as short text such as ``3 Nov`` (locale-independent)."""
    return per_day(days, _short)


# ---------------------------------------------------------------- the rules


def thanks_due(ctx: DueContext) -> pd.DataFrame:
    """An interview with no thank-you on or after its day: due the day after at the latest."""
    if not ctx.rules.enabled("after.thanks_email"):
        return items([])
    met = ctx.latest((TouchKind.INTERVIEW.value,))
    if met.empty:
        return items([])
    thanked = ctx.latest(THANKS_KINDS).reindex(met.index)
    met_day = local_days(met)
    thanked_day = local_days(thanked)
    waiting = ~(thanked_day >= met_day)  # NaT compares False: never thanked is waiting
    if not waiting.any():
        return items([])
    met_day = met_day[waiting]
    days_after = int(ctx.rules["after.thanks_email"].number("days_after"))
    due_on = met_day + np.timedelta64(days_after, "D")
    reason = per_day(
        met_day,
        lambda d: f"You met on {_short(d)}; thank them by {_short(d + timedelta(days_after))}.",
    )
    return item_frame(
        met.index[waiting], "Send a thank-you email", due_on, reason, "after.thanks_email"
    )


def referrals_due(ctx: DueContext) -> pd.DataFrame:
    """Someone introduced to you and not yet contacted: reach out within a few days."""
    if not ctx.rules.enabled("after.referral"):
        return items([])
    people = ctx.people
    introduced = people.loc[
        people["introduced_by"].notna().to_numpy(),
        ["id", "introduced_by", "connected_on", "created_at"],
    ]
    fresh = introduced[~introduced["id"].isin(ctx.counts.index)]
    if fresh.empty:
        return items([])
    added = pd.to_datetime(fresh["connected_on"]).to_numpy(dtype="datetime64[D]")
    created = local_days(fresh["created_at"])
    added = np.where(np.isnat(added), created, added)
    within = int(ctx.rules["after.referral"].number("within_days"))
    due_on = added + np.timedelta64(within, "D")
    names = pd.Series(people["name"].to_numpy(), index=people["id"].to_numpy())
    referrer = fresh["introduced_by"].astype("int64").map(names).fillna("a contact")
    referrer = pd.Series(referrer.to_numpy(), dtype="str")
    action = "Write to them, mentioning " + referrer
    reason = (
        referrer
        + " pointed you to them on "
        + day_text(added)
        + "; reach out by "
        + day_text(due_on)
        + " while the introduction is fresh."
    )
    return item_frame(fresh["id"], action, due_on, reason, "after.referral")


def pending_updates(ctx: DueContext) -> pd.DataFrame:
    """Per person: the next step from their latest debrief, not yet followed by an update.

    Columns person_id, next_step, due_on (``datetime64[D]``). Cached on the context, since
    both :func:`updates_due` and :func:`keep_in_touch_due` use it.
    """
    cached = ctx._cache.get(_PENDING_UPDATES)
    if cached is not None:
        return cached
    found = _pending_updates(ctx)
    ctx._cache[_PENDING_UPDATES] = found
    return found


def _pending_updates(ctx: DueContext) -> pd.DataFrame:
    empty = pd.DataFrame(
        {
            "person_id": pd.Series(dtype="int64"),
            "next_step": pd.Series(dtype="str"),
            "due_on": pd.Series(dtype="datetime64[s]"),
        }
    )
    met = ctx.latest((TouchKind.INTERVIEW.value,))
    updated = ctx.latest((TouchKind.UPDATE.value,)).reindex(met.index)
    waiting = met[~(local_days(updated) >= local_days(met))]
    if waiting.empty:
        return empty
    # Only interviews with a next step are read, their keys extracted in SQL.
    steps = ctx.tracker.touch_details(
        TouchKind.INTERVIEW, ["next_step", "next_step_by"], since=waiting.min()
    )
    # The step must come from the latest interview with that person, not an earlier one.
    latest = steps[steps["at"].to_numpy() == steps["person_id"].map(waiting).to_numpy()]
    latest = latest.drop_duplicates("person_id", keep="last")
    next_step = latest["next_step"].fillna("").astype("str").str.strip()
    latest, next_step = latest[next_step != ""], next_step[next_step != ""]
    if latest.empty:
        return empty
    by = pd.to_datetime(latest["next_step_by"], errors="coerce", format="ISO8601")
    days_after = int(ctx.rules["after.update"].number("days_after"))
    default = local_days(latest["at"]) + np.timedelta64(days_after, "D")
    by_day = by.to_numpy(dtype="datetime64[D]")
    return pd.DataFrame(
        {
            "person_id": latest["person_id"].to_numpy(dtype="int64"),
            "next_step": next_step.to_numpy(),
            "due_on": np.where(np.isnat(by_day), default, by_day),
        }
    )


def updates_due(ctx: DueContext) -> pd.DataFrame:
    """You planned a next step from their advice: tell them how it went."""
    if not ctx.rules.enabled("after.update"):
        return items([])
    pending = pending_updates(ctx)
    if pending.empty:
        return items([])
    due_on = pending["due_on"].to_numpy(dtype="datetime64[D]")
    step = pending["next_step"].str.slice(0, 80)
    reason = "Your next step was: " + step + ". Tell them how their advice worked out."
    return item_frame(pending["person_id"], "Send an update", due_on, reason, "after.update")


def keep_in_touch_due(ctx: DueContext) -> pd.DataFrame:
    """People you have met, quiet for ``every_days``: a short note keeps the contact warm.

    Any touch restarts the clock; nudges (updates) are capped at ``max_per_year`` in any
    365 days.
    """
    if not ctx.rules.enabled("after.keep_in_touch"):
        return items([])
    rule = ctx.rules["after.keep_in_touch"]
    every = int(rule.number("every_days"))
    cap = int(rule.number("max_per_year"))
    journey = ctx.journey
    chosen = journey["stage"].isin(MET_STAGES) & journey["last_touch"].notna()
    met = journey.loc[chosen.to_numpy(), ["person_id", "last_touch"]]
    if ctx.rules.enabled("after.update"):
        met = met[~met["person_id"].isin(pending_updates(ctx)["person_id"])]
    if met.empty or cap <= 0:
        return items([])
    last_day = local_days(met["last_touch"])
    due_on = last_day + np.timedelta64(every, "D")
    due_on = _apply_cap(ctx, met["person_id"].to_numpy(dtype="int64"), due_on, cap)
    reason = per_day(
        last_day, lambda d: f"Last in touch on {_short(d)}; a short note keeps the contact warm."
    )
    return item_frame(met["person_id"], "Keep in touch", due_on, reason, "after.keep_in_touch")


def _apply_cap(ctx: DueContext, person_ids: np.ndarray, due_on: np.ndarray, cap: int) -> np.ndarray:
    """Push a nudge back until fewer than ``cap`` updates fall in the year before it."""
    updates = ctx.counts[TouchKind.UPDATE.value]
    busy = np.isin(person_ids, updates.index[updates.to_numpy() >= cap])
    if not busy.any():
        return due_on
    earliest = due_on[busy].min() - np.timedelta64(YEAR_DAYS, "D")
    since = pd.Timestamp(earliest).tz_localize(local_zone())
    recent = ctx.tracker.touch_details(TouchKind.UPDATE, since=since, people=person_ids[busy])
    # The cap-th latest update per person: the year must pass it before the next nudge.
    ranked = recent.assign(day=local_days(recent["at"])).sort_values("at", ascending=False)
    kth = ranked.groupby("person_id").nth(cap - 1)
    lookup = dict(
        zip(kth["person_id"].tolist(), kth["day"].to_numpy(dtype="datetime64[D]"), strict=True)
    )
    none = np.datetime64("NaT", "D")
    free_from = np.full(len(due_on), none, dtype="datetime64[D]")
    free_from[busy] = [lookup.get(int(pid), none) for pid in person_ids[busy]]
    free_from = free_from + np.timedelta64(YEAR_DAYS, "D")
    later = ~np.isnat(free_from) & (free_from > due_on)
    return np.where(later, free_from, due_on)


def as_date(day: np.datetime64) -> date:
    """One ``datetime64[D]`` as a :class:`datetime.date`."""
    value: date = day.astype("datetime64[D]").astype(object)
    return value


# ---------------------------------------------------------------- the rules, as values


def _thanks_draft(tracker: Tracker, item: DueItem, today: date) -> Draft:
    found = latest_debrief(tracker, item.person_id)
    debrief, met_on = found if found else (None, None)
    person = tracker.person(item.person_id)
    return thank_you_email(tracker.profile, person, debrief, met_on=met_on, today=today)


def _referral_draft(tracker: Tracker, item: DueItem, today: date) -> Draft:
    person = tracker.person(item.person_id)
    referrer = tracker.person(person.introduced_by).name if person.introduced_by else "A friend"
    return referral_email(tracker.profile, person, referrer)


def _referral_done(
    tracker: Tracker, item: DueItem, draft: Draft | None, on: date | datetime | None
) -> int:
    """Writing to someone you were referred to is a first email, warm, via who referred you."""
    via = tracker.person(item.person_id).introduced_by
    return log_done(tracker, item, TouchKind.OUTREACH, draft, on, route="warm", via=via)


def _update_draft(tracker: Tracker, item: DueItem, today: date) -> Draft:
    found = latest_debrief(tracker, item.person_id)
    person = tracker.person(item.person_id)
    return update_email(tracker.profile, person, found[0] if found else None)


def _keep_in_touch_draft(tracker: Tracker, item: DueItem, today: date) -> Draft:
    return keep_in_touch_email(tracker.profile, tracker.person(item.person_id))


THANKS = DueRule(
    "after.thanks_email", find=thanks_due, draft=_thanks_draft, done=TouchKind.THANK_YOU_EMAIL
)
REFERRAL = DueRule("after.referral", find=referrals_due, draft=_referral_draft, done=_referral_done)
UPDATE = DueRule("after.update", find=updates_due, draft=_update_draft, done=TouchKind.UPDATE)
KEEP_IN_TOUCH = DueRule(
    "after.keep_in_touch", find=keep_in_touch_due, draft=_keep_in_touch_draft, done=TouchKind.UPDATE
)
