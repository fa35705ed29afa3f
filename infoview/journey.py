"""Each person's stage in the journey, derived from their touches (never stored).

The stage is the furthest step reached, with two endings: *declined* when their latest
word was no, and *no answer* when every reminder allowed has gone unanswered.

>>> stage_after(["outreach", "reminder", "reply"])
'replied'
>>> stage_after(["outreach", "reply", "declined"])
'declined'
>>> stage_after(["scheduled", "interview", "thank_you_email", "update"])
'keeping in touch'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from infoview.model import Stage, TouchKind

if TYPE_CHECKING:
    from infoview.rules import Policy

K = TouchKind
# Each stage is reached by any of these kinds; later entries are further along.
_PROGRESSION: tuple[tuple[Stage, tuple[TouchKind, ...]], ...] = (
    (Stage.ASKED_FOR_INTRO, (K.INTRO_REQUESTED,)),
    (Stage.CONTACTED, (K.INTRODUCED, K.OUTREACH)),
    (Stage.REMINDED, (K.REMINDER,)),
    (Stage.REPLIED, (K.REPLY,)),
    (Stage.SCHEDULED, (K.SCHEDULED, K.CONFIRMED)),
    (Stage.MET, (K.INTERVIEW,)),
    (Stage.THANKED, (K.THANK_YOU_EMAIL, K.THANK_YOU_CARD)),
    (Stage.KEEPING_IN_TOUCH, (K.UPDATE,)),
)
_THANKS = (K.THANK_YOU_EMAIL, K.THANK_YOU_CARD)
# A "no" stands unless something positive came after it.
_POSITIVE = (K.REPLY, K.SCHEDULED, K.CONFIRMED, K.INTERVIEW, *_THANKS, K.UPDATE)

JOURNEY_COLUMNS = [
    "person_id",
    "name",
    "company",
    "source",
    "tie",
    "stage",
    "touches",
    "reminders",
    "first_contact",
    "last_touch",
    "last_kind",
]


def _last(summary: pd.DataFrame, kinds: Sequence[TouchKind]) -> pd.Series:
    """Per person (index), the latest time among ``kinds`` (NaT when none)."""
    cols = [summary[k.value] for k in kinds if k.value in summary]
    if not cols:
        return pd.Series(pd.NaT, index=summary.index, dtype="datetime64[ns, UTC]")
    return pd.concat(cols, axis=1).max(axis=1)


def journey_frame(
    people: pd.DataFrame, summary: pd.DataFrame, today: date, rules: Policy | None = None
) -> pd.DataFrame:
    """One row a person: their stage and the shape of their history, as of ``today``."""
    from infoview.rules import policy

    rules = rules if rules is not None else policy()
    last_at = summary.pivot_table(
        index="person_id", columns="kind", values="last_at", aggfunc="max"
    )
    counts = summary.pivot_table(index="person_id", columns="kind", values="count", aggfunc="sum")
    index = pd.Index(people["id"].to_numpy(), name="person_id")
    last_at = last_at.reindex(index)
    counts = counts.reindex(index).fillna(0).astype("int64")

    stage = pd.Series(Stage.IDENTIFIED.value, index=index, dtype="str")
    for reached, kinds in _PROGRESSION:
        hit = _last(last_at, kinds).notna()
        stage = stage.mask(hit, reached.value)

    thanked_at = _last(last_at, _THANKS)
    other_kinds = [k for k in TouchKind if k not in _THANKS]
    after_thanks = _last(last_at, other_kinds) > thanked_at
    stage = stage.mask(thanked_at.notna() & after_thanks, Stage.KEEPING_IN_TOUCH.value)

    declined_at = _last(last_at, (K.DECLINED,))
    positive_at = _last(last_at, _POSITIVE)
    declined = declined_at.notna() & ~(positive_at > declined_at)
    stage = stage.mask(declined, Stage.DECLINED.value)

    reminders = counts.get(K.REMINDER.value, 0)
    max_reminders = rules["contact.stop"].number("max_reminders")
    wait = timedelta(days=rules["contact.reminder"].number("wait_days"))
    reminder_at = _last(last_at, (K.REMINDER,))
    waiting = stage.isin([Stage.CONTACTED.value, Stage.REMINDED.value])
    end_of_today = pd.Timestamp(datetime.combine(today, datetime.max.time(), UTC))
    gave_up = (reminders >= max_reminders) & (end_of_today - reminder_at > wait)
    stage = stage.mask(waiting & gave_up, Stage.NO_ANSWER.value)

    all_kinds = list(TouchKind)
    last_touch = _last(last_at, all_kinds)
    first_contact = _first_contact(summary, index)
    kind_columns = [k.value for k in all_kinds if k.value in last_at]
    last_kind = (
        last_at[kind_columns].astype("int64").idxmax(axis=1).where(last_touch.notna(), None)
        if kind_columns
        else pd.Series(None, index=index, dtype=object)
    )
    frame = pd.DataFrame(
        {
            "person_id": index.to_numpy(),
            "name": people["name"].to_numpy(),
            "company": people["company"].to_numpy(),
            "source": people["source"].to_numpy(),
            "tie": people["tie"].to_numpy(),
            "stage": stage.to_numpy(),
            "touches": counts.sum(axis=1).to_numpy(dtype="int64"),
            "reminders": np.asarray(reminders, dtype="int64")
            if np.ndim(reminders)
            else np.zeros(len(index), dtype="int64"),
            "first_contact": first_contact.to_numpy(),
            "last_touch": last_touch.to_numpy(),
            "last_kind": last_kind.to_numpy(),
        }
    )
    frame["stage"] = frame["stage"].astype("str")
    frame["last_kind"] = frame["last_kind"].astype("str")
    return frame


def _first_contact(summary: pd.DataFrame, index: pd.Index) -> pd.Series:
    """When the learner first reached out (an intro request, introduction or outreach)."""
    reach = {K.INTRO_REQUESTED.value, K.INTRODUCED.value, K.OUTREACH.value}
    chosen = summary[summary["kind"].isin(reach)]
    return chosen.groupby("person_id")["first_at"].min().reindex(index)


def stage_after(kinds: Sequence[str], today: date | None = None) -> str:
    """The stage after touches of ``kinds`` in order, one day apart (for examples and tests)."""
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    rows = [
        {"person_id": 1, "kind": TouchKind.parse(k).value, "at": start + timedelta(days=i)}
        for i, k in enumerate(kinds)
    ]
    touches = pd.DataFrame(rows, columns=["person_id", "kind", "at"])
    summary = (
        touches.groupby(["person_id", "kind"], as_index=False)
        .agg(count=("at", "size"), last_at=("at", "max"), first_at=("at", "min"))
        .astype({"last_at": "datetime64[ns, UTC]", "first_at": "datetime64[ns, UTC]"})
    )
    people = pd.DataFrame(
        {"id": [1], "name": ["x"], "company": [None], "source": ["cold"], "tie": ["connection"]}
    )
    when = today if today is not None else (start + timedelta(days=len(kinds))).date()
    return str(journey_frame(people, summary, when)["stage"].iloc[0])
