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
_REACH = (K.INTRO_REQUESTED, K.INTRODUCED, K.OUTREACH)
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


_KINDS = [k.value for k in TouchKind]
_NEVER = np.iinfo("int64").min  # the int64 value of NaT
_NEVER_FIRST = np.iinfo("int64").max


class _Matrix:
    """The touch summary as person x kind arrays (rows in people order, kinds in enum order).

    Times are int64 nanoseconds since the epoch; a person with no touch of a kind holds
    ``_NEVER`` in ``last`` and ``_NEVER_FIRST`` in ``first``, so max and min skip them.
    """

    def __init__(self, summary: pd.DataFrame, index: pd.Index) -> None:
        rows = index.get_indexer(pd.Index(summary["person_id"].to_numpy()))
        cols = pd.Categorical(summary["kind"], categories=_KINDS).codes
        keep = (rows >= 0) & (cols >= 0)
        rows, cols = rows[keep], cols[keep]
        shape = (len(index), len(_KINDS))
        self.last = np.full(shape, _NEVER, dtype="int64")
        self.first = np.full(shape, _NEVER_FIRST, dtype="int64")
        self.count = np.zeros(shape, dtype="int64")
        np.maximum.at(self.last, (rows, cols), _nanoseconds(summary["last_at"])[keep])
        np.minimum.at(self.first, (rows, cols), _nanoseconds(summary["first_at"])[keep])
        np.add.at(self.count, (rows, cols), summary["count"].to_numpy(dtype="int64")[keep])

    def latest(self, kinds: Sequence[TouchKind]) -> np.ndarray:
        """Per person, the latest time among ``kinds`` (``_NEVER`` when none)."""
        latest: np.ndarray = self.last[:, [_KINDS.index(k.value) for k in kinds]].max(axis=1)
        return latest

    def earliest(self, kinds: Sequence[TouchKind]) -> np.ndarray:
        """Per person, the earliest time among ``kinds`` (``_NEVER_FIRST`` when none)."""
        earliest: np.ndarray = self.first[:, [_KINDS.index(k.value) for k in kinds]].min(axis=1)
        return earliest


def _nanoseconds(moments: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(moments, utc=True)
    return stamps.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]").astype("int64")


def _moments(nanoseconds: np.ndarray, missing: int) -> pd.Series:
    values = np.where(nanoseconds == missing, _NEVER, nanoseconds).astype("datetime64[ns]")
    moments: pd.Series = pd.Series(values).dt.tz_localize(UTC).astype("datetime64[us, UTC]")
    return moments


def _settings(rules: Policy) -> tuple[float, float]:
    """The only rule numbers :func:`journey_frame` reads: max reminders, days to wait."""
    return (
        rules["contact.stop"].number("max_reminders"),
        rules["contact.reminder"].number("wait_days"),
    )


def depends_on(today: date, rules: Policy) -> tuple[object, ...]:
    """Everything besides the tracker's data that :func:`journey_frame` reads."""
    return (today, *_settings(rules))


def journey_frame(
    people: pd.DataFrame, summary: pd.DataFrame, today: date, rules: Policy | None = None
) -> pd.DataFrame:
    """One row a person: their stage and the shape of their history, as of ``today``."""
    from infoview.rules import policy

    rules = rules if rules is not None else policy()
    index = pd.Index(people["id"].to_numpy(), name="person_id")
    touched = _Matrix(summary, index)
    stage = np.full(len(index), Stage.IDENTIFIED.value, dtype=object)
    for reached, kinds in _PROGRESSION:
        stage[touched.latest(kinds) != _NEVER] = reached.value

    thanked_at = touched.latest(_THANKS)
    after_thanks = touched.latest([k for k in TouchKind if k not in _THANKS]) > thanked_at
    stage[(thanked_at != _NEVER) & after_thanks] = Stage.KEEPING_IN_TOUCH.value

    declined_at = touched.latest((K.DECLINED,))
    stage[(declined_at != _NEVER) & ~(touched.latest(_POSITIVE) > declined_at)] = (
        Stage.DECLINED.value
    )

    reminders = touched.count[:, _KINDS.index(K.REMINDER.value)]
    max_reminders, wait_days = _settings(rules)
    wait = pd.Timedelta(days=wait_days).value
    reminder_at = touched.latest((K.REMINDER,))
    end_of_today = pd.Timestamp(datetime.combine(today, datetime.max.time(), UTC)).value
    gave_up = (reminders >= max_reminders) & (reminder_at != _NEVER)
    gave_up &= end_of_today - np.where(reminder_at == _NEVER, 0, reminder_at) > wait
    waiting = np.isin(stage, [Stage.CONTACTED.value, Stage.REMINDED.value])
    stage[waiting & gave_up] = Stage.NO_ANSWER.value

    last_touch = touched.last.max(axis=1)
    last_kind = np.asarray(_KINDS, dtype=object)[touched.last.argmax(axis=1)]
    last_kind[last_touch == _NEVER] = None
    first_contact = touched.earliest(_REACH)
    return pd.DataFrame(
        {
            "person_id": index.to_numpy(),
            "name": people["name"].to_numpy(),
            "company": people["company"].to_numpy(),
            "source": people["source"].to_numpy(),
            "tie": people["tie"].to_numpy(),
            "stage": pd.array(stage, dtype="str"),
            "touches": touched.count.sum(axis=1),
            "reminders": reminders,
            "first_contact": _moments(first_contact, _NEVER_FIRST),
            "last_touch": _moments(last_touch, _NEVER),
            "last_kind": pd.array(last_kind, dtype="str"),
        }
    )


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
