"""Network metrics: pure functions over the tracker's frames.

Each takes ``people`` (:meth:`Tracker.people`), ``summary`` (:meth:`Tracker.touch_summary`)
or ``touches`` (:meth:`Tracker.touches`) and returns a small frame that a chart, a table or
a test can read. Nothing here reads the clock unless given ``today``, or writes anything.

>>> people = pd.DataFrame({"id": [1, 2, 3], "name": ["Grace", "Tomás", "Inès"],
...     "source": ["warm", "warm", "cold"], "tie": ["mentor", "ally", "connection"],
...     "introduced_by": [None, 1, 2], "connected_on": [date(2026, 1, 5), date(2026, 2, 2),
...     date(2026, 2, 2)], "created_at": pd.to_datetime(["2026-03-01"] * 3, utc=True)})
>>> growth(people, by="source")
            cold  warm
day
2026-01-05     0     1
2026-02-02     1     2
>>> referral_tree(people)[["name", "depth", "descendants"]].to_dict("records")
[{'name': 'Grace', 'depth': 0, 'descendants': 2}, {'name': 'Tomás', 'depth': 1, 'descendants': 1},
 {'name': 'Inès', 'depth': 2, 'descendants': 0}]
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from infoview.clock import local_zone, resolve_today
from infoview.errors import InvalidChoiceError
from infoview.model import Source, Tie, TouchKind
from infoview.text import plural

if TYPE_CHECKING:
    from infoview.rules import Finding, Policy, Review
    from infoview.tracker import Tracker

K = TouchKind
FUNNEL_STAGES = ("contacted", "replied", "met", "thanked", "ongoing")
# The kinds that show a person reached each funnel stage; a later stage implies the earlier.
_STAGE_KINDS: dict[str, tuple[TouchKind, ...]] = {
    "contacted": (K.INTRODUCED, K.OUTREACH, K.REMINDER),
    "replied": (K.REPLY, K.DECLINED, K.SCHEDULED, K.CONFIRMED),
    "met": (K.INTERVIEW,),
    "thanked": (K.THANK_YOU_EMAIL, K.THANK_YOU_CARD),
    "ongoing": (K.UPDATE,),
}
_FIRST_CONTACT = (K.OUTREACH, K.INTRODUCED)
_FIRST_REPLY = (K.REPLY, K.DECLINED, K.SCHEDULED)
RESPONDENT_TYPES = ("booster", "obligate", "curmudgeon", "waiting")
ROUTES = ("cold", "warm")
ACTIVITY_GROUPS: dict[str, tuple[TouchKind, ...]] = {
    "reaching out": (K.INTRO_REQUESTED, K.INTRODUCED, K.OUTREACH, K.REMINDER),
    "replies": (K.REPLY, K.DECLINED),
    "meetings": (K.SCHEDULED, K.CONFIRMED, K.INTERVIEW),
    "following up": (K.THANK_YOU_EMAIL, K.THANK_YOU_CARD, K.GIFT, K.UPDATE, K.REFERRAL),
}
GROUPINGS = {"source": [s.value for s in Source], "tie": [t.value for t in Tie]}


def local_day(moments: pd.Series) -> pd.Series:
    """UTC timestamps as the learner's calendar days (naive midnight timestamps)."""
    days: pd.Series = moments.dt.tz_convert(local_zone()).dt.tz_localize(None).dt.normalize()
    return days


def select_people(
    people: pd.DataFrame,
    *,
    sources: Iterable[str] | None = None,
    ties: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The people whose source and tie are among those given (None means any)."""
    keep = pd.Series(True, index=people.index)
    if sources is not None:
        keep &= people["source"].isin([Source.parse(s).value for s in sources])
    if ties is not None:
        keep &= people["tie"].isin([Tie.parse(t).value for t in ties])
    return people[keep]


def for_people(frame: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Rows of a touches or summary frame that belong to ``people``."""
    return frame[frame["person_id"].isin(people["id"])]


def _kind_times(summary: pd.DataFrame, kinds: Iterable[TouchKind], column: str) -> pd.Series:
    """Per person, the earliest ``first_at`` (or latest ``last_at``) among ``kinds``."""
    chosen = summary[summary["kind"].isin([k.value for k in kinds])]
    grouped = chosen.groupby("person_id")[column]
    return grouped.min() if column == "first_at" else grouped.max()


# ---------------------------------------------------------------- growth


def join_days(people: pd.DataFrame, summary: pd.DataFrame | None = None) -> pd.Series:
    """When each person joined the network: connected on, else first touch, else added.

    A Series of naive day timestamps indexed like ``people``.
    """
    days = pd.to_datetime(people["connected_on"], errors="coerce")
    if summary is not None and len(summary) and days.isna().any():
        first = summary.groupby("person_id")["first_at"].min()
        days = days.fillna(local_day(people["id"].map(first)))
    if days.isna().any():
        days = days.fillna(local_day(people["created_at"]))
    return days.astype("datetime64[ns]")


def growth(
    people: pd.DataFrame,
    summary: pd.DataFrame | None = None,
    *,
    by: str = "source",
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """Network size over time: one row per day someone joined, one column per group.

    Counts are cumulative. With ``start``, people who joined earlier are counted in a
    first row on ``start``; rows after ``end`` are dropped.
    """
    if by not in GROUPINGS:
        raise InvalidChoiceError("by", by, list(GROUPINGS))
    names = GROUPINGS[by]
    group = pd.Index(names).get_indexer(pd.Index(people[by]))  # -1: a value not among names
    # Sorted distinct days (a missing one last, as np.unique has it), by hashing: no sort of
    # every person.
    row, days = pd.factorize(
        join_days(people, summary).to_numpy(), sort=True, use_na_sentinel=False
    )
    known = group >= 0  # the tracker allows no other values; a hand-made frame might
    cells = np.bincount(
        row[known] * len(names) + group[known], minlength=len(days) * len(names)
    ).reshape(len(days), len(names))
    present = [name for name, total in zip(names, cells.sum(axis=0), strict=True) if total]
    counts = pd.DataFrame(
        cells.cumsum(axis=0), index=pd.DatetimeIndex(days, name="day"), columns=names
    )[present]
    if start is not None:
        first = pd.Timestamp(start)
        before = counts[counts.index < first]
        counts = counts[counts.index >= first]
        if len(before) and (not len(counts) or counts.index[0] != first):
            opening = before.iloc[[-1]].set_axis(pd.DatetimeIndex([first], name="day"))
            counts = pd.concat([opening, counts])
    if end is not None:
        counts = counts[counts.index <= pd.Timestamp(end)]
    return counts.astype("int64")


# ---------------------------------------------------------------- the funnel


def routes(people: pd.DataFrame, summary: pd.DataFrame) -> pd.Series:
    """'warm' for people reached through someone (introduced, or source warm), else 'cold'."""
    asked = summary[summary["kind"].isin([K.INTRO_REQUESTED.value, K.INTRODUCED.value])]
    warm = (
        people["introduced_by"].notna()
        | (people["source"] == Source.WARM.value)
        | people["id"].isin(asked["person_id"])
    )
    return pd.Series(np.where(warm, "warm", "cold"), index=people.index, dtype="str")


def stage_levels(people: pd.DataFrame, summary: pd.DataFrame) -> pd.Series:
    """How far each person got: 0 not contacted, 1 contacted ... 5 ongoing."""
    level = pd.Series(0, index=people["id"].to_numpy(), dtype="int64")
    for number, stage in enumerate(FUNNEL_STAGES, start=1):
        reached = summary.loc[
            summary["kind"].isin([k.value for k in _STAGE_KINDS[stage]]), "person_id"
        ]
        level[level.index.isin(reached)] = number
    return level


def funnel(people: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """How many people reached each stage, cold and warm, and the share of those contacted.

    Columns: cold, warm, all (people) and cold_rate, warm_rate, all_rate (0 to 1).

    Only what was logged counts: someone is at a stage when they were contacted *and* a
    touch of that stage was logged. A meeting debriefed with no reply logged counts as met,
    not as replied, so the chart never claims a reply nobody recorded.
    """
    ids = people["id"].to_numpy()
    reached = {
        stage: np.isin(
            ids, summary.loc[summary["kind"].isin([k.value for k in kinds]), "person_id"]
        )
        for stage, kinds in _STAGE_KINDS.items()
    }
    contacted = reached["contacted"]
    route = routes(people, summary).to_numpy()
    table = pd.DataFrame(index=pd.Index(FUNNEL_STAGES, name="stage"))
    for name, mask in (*((r, route == r) for r in ROUTES), ("all", np.ones(len(route), bool))):
        table[name] = [int((reached[s] & contacted & mask).sum()) for s in FUNNEL_STAGES]
    for name in (*ROUTES, "all"):
        contacted = table[name].iloc[0]
        table[f"{name}_rate"] = table[name] / contacted if contacted else 0.0
    return table


# ---------------------------------------------------------------- replies


def reminder_day(rules: Policy | None = None) -> int:
    """The first day a reminder is due after sending (day 11: more than a week and a half)."""
    from infoview.rules import policy

    rules = rules if rules is not None else policy()
    return math.ceil(rules["contact.reminder"].number("wait_days"))


def reply_times(
    people: pd.DataFrame,
    summary: pd.DataFrame,
    today: date | None = None,
    rules: Policy | None = None,
) -> pd.DataFrame:
    """For each person contacted: when, the first reply, days and business days between,
    and the respondent type (booster, obligate, curmudgeon, or waiting)."""
    from infoview.rules import policy

    rules = rules if rules is not None else policy()
    limit = int(rules["network.respondents"].number("booster_business_days"))
    today = resolve_today(today)
    contacted = _kind_times(summary, _FIRST_CONTACT, "first_at")
    replied = _kind_times(summary, _FIRST_REPLY, "first_at").reindex(contacted.index)
    replied = replied.where(replied.isna() | (replied >= contacted), contacted)
    chosen = people.set_index("id").reindex(contacted.index)
    contact_day = local_day(contacted.astype("datetime64[ns, UTC]"))
    reply_day = local_day(replied.astype("datetime64[ns, UTC]"))
    begin = contact_day.to_numpy().astype("datetime64[D]")
    has_reply = reply_day.notna().to_numpy()
    finish = np.where(
        has_reply, reply_day.to_numpy().astype("datetime64[D]"), np.datetime64(today, "D")
    )
    business = np.busday_count(begin, finish) if len(begin) else np.zeros(0, "int64")
    kind = np.select(
        [has_reply & (business <= limit), has_reply, business > limit],
        ["booster", "obligate", "curmudgeon"],
        "waiting",
    )
    frame = pd.DataFrame(
        {
            "person_id": contacted.index.to_numpy(dtype="int64"),
            "name": chosen["name"].to_numpy(),
            "route": routes(people, summary).set_axis(people["id"]).reindex(contacted.index),
            "contacted_on": contact_day.to_numpy(),
            "replied_on": reply_day.to_numpy(),
            "days": ((replied - contacted).dt.total_seconds() / 86_400).to_numpy(),
            "business_days": pd.array(np.where(has_reply, business, -1)).astype("Int64"),
            "type": kind,
        }
    )
    frame.loc[~has_reply, "business_days"] = pd.NA
    return frame.reset_index(drop=True)


def respondent_types(replies: pd.DataFrame) -> pd.DataFrame:
    """How many boosters, obligates, curmudgeons (and people still waiting), cold and warm."""
    table = pd.crosstab(replies["type"], replies["route"]).reindex(
        index=list(RESPONDENT_TYPES), columns=list(ROUTES), fill_value=0
    )
    table["all"] = table.sum(axis=1)
    table.index.name, table.columns.name = "type", None
    return table.astype("int64")


# ---------------------------------------------------------------- referrals


def referrals(people: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """Per person met or who introduced someone: meetings held and people they referred."""
    meetings = summary[summary["kind"] == K.INTERVIEW.value].groupby("person_id")["count"].sum()
    introduced = people["introduced_by"].dropna().astype("int64").value_counts()
    logged = summary[summary["kind"] == K.REFERRAL.value].groupby("person_id")["count"].sum()
    ids = sorted(set(meetings.index) | set(introduced.index) | set(logged.index))
    ids = [i for i in ids if i in set(people["id"])]
    names = people.set_index("id")["name"]
    frame = pd.DataFrame(
        {
            "person_id": pd.Series(ids, dtype="int64"),
            "name": [names[i] for i in ids],
            "meetings": [int(meetings.get(i, 0)) for i in ids],
            "referrals": [max(int(introduced.get(i, 0)), int(logged.get(i, 0))) for i in ids],
        }
    )
    return frame


def referrals_per_meeting(people: pd.DataFrame, summary: pd.DataFrame) -> float:
    """People referred by those you met, per meeting held (0.0 before any meeting)."""
    table = referrals(people, summary)
    met = table[table["meetings"] > 0]
    total = int(met["meetings"].sum())
    return float(met["referrals"].sum() / total) if total else 0.0


def referral_tree(people: pd.DataFrame) -> pd.DataFrame:
    """Who introduced whom, laid out as a tree (everyone introduced, and who introduced them).

    Columns: person_id, name, introduced_by, root, depth, descendants, and ``x`` (leaves
    one apart, parents centred over their children) for drawing.
    """
    parent = {
        int(p): int(i)
        for p, i in zip(people["id"], people["introduced_by"], strict=True)
        if not pd.isna(i) and int(i) != int(p)
    }
    names = dict(zip(people["id"].astype("int64"), people["name"], strict=True))
    members = sorted((set(parent) | set(parent.values())) & set(names))
    children: dict[int, list[int]] = {m: [] for m in members}
    roots = []
    for member in members:
        up = parent.get(member)
        if up is None or up not in names or _in_cycle(member, parent):
            roots.append(member)
        else:
            children[up].append(member)
    order: list[tuple[int, int, int]] = []  # (person, root, depth) in pre-order
    stack = [(root, root, 0) for root in reversed(roots)]
    while stack:
        node, root, depth = stack.pop()
        order.append((node, root, depth))
        stack.extend((child, root, depth + 1) for child in reversed(children[node]))
    x: dict[int, float] = {}
    leaves = iter(range(len(order)))
    for node, _, _ in order:
        if not children[node]:
            x[node] = float(next(leaves))
    below: dict[int, int] = {}
    for node, _, _ in reversed(order):
        kids = children[node]
        below[node] = sum(1 + below[k] for k in kids)
        if kids:
            x[node] = (x[kids[0]] + x[kids[-1]]) / 2
    frame = pd.DataFrame(
        [
            (node, names[node], parent.get(node), root, depth, below[node], x[node])
            for node, root, depth in order
        ],
        columns=["person_id", "name", "introduced_by", "root", "depth", "descendants", "x"],
    )
    return frame.astype(
        {
            "person_id": "int64",
            "introduced_by": "Int64",
            "root": "int64",
            "depth": "int64",
            "descendants": "int64",
            "x": "float64",
        }
    )


def _in_cycle(start: int, parent: dict[int, int]) -> bool:
    """True when following introducers from ``start`` comes back to it."""
    seen, node = {start}, parent.get(start)
    while node is not None and node not in seen:
        seen.add(node)
        node = parent.get(node)
    return node == start


# ---------------------------------------------------------------- activity


def weekly_activity(
    touches: pd.DataFrame, *, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """Touches per week (weeks start on Monday), in four groups; quiet weeks show 0."""
    group_of = {k.value: g for g, kinds in ACTIVITY_GROUPS.items() for k in kinds}
    days = local_day(touches["at"])
    weeks = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    table = pd.crosstab(weeks, touches["kind"].map(group_of)) if len(touches) else pd.DataFrame()
    table = table.reindex(columns=list(ACTIVITY_GROUPS), fill_value=0)
    first = _monday(start) if start else (table.index.min() if len(table) else None)
    last = _monday(end) if end else (table.index.max() if len(table) else None)
    if first is None or last is None or first > last:
        index = pd.DatetimeIndex([], name="week")
    else:
        index = pd.date_range(first, last, freq="7D", name="week")
    table = table.reindex(index, fill_value=0)
    table.columns.name = None
    return table.astype("int64")


def _monday(day: date) -> pd.Timestamp:
    stamp = pd.Timestamp(day)
    return stamp - pd.Timedelta(days=stamp.weekday())


# ---------------------------------------------------------------- self-check


def self_check(tracker: Tracker, today: date | None = None) -> Review:
    """Friendly feedback on your growing network: its size, its ties, replies, introductions."""
    from infoview.rules import Review, Status, finding, policy

    rules, today = policy(), resolve_today(today)
    people, summary = tracker.people(), tracker.touch_summary()
    found = []
    if people.empty:
        found.append(
            finding(
                rules,
                "network.ties",
                Status.WARN,
                (
                    "Your network is empty so far: import your contacts above, or add the people "
                    "you already know."
                ),
            )
        )
        return Review(findings=tuple(found), title="Your network: self-check")
    sources = people["source"].nunique()
    close = int(people["tie"].isin([Tie.ALLY.value, Tie.MENTOR.value]).sum())
    found.append(
        finding(
            rules,
            "network.ties",
            Status.PASS if close else Status.WARN,
            (
                f"{plural(len(people), 'person')} from {plural(sources, 'source')}, "
                f"{close} of them allies or mentors."
                if close
                else f"{plural(len(people), 'person')}, all connections so far: when someone goes "
                "out of their way for you, mark them as an ally or mentor."
            ),
        )
    )
    replies = reply_times(people, summary, today, rules)
    if replies.empty:
        found.append(
            finding(
                rules,
                "network.respondents",
                Status.WARN,
                "Nobody contacted yet: step 01 helps you write the first email.",
            )
        )
    else:
        kinds = replies["type"].value_counts()
        found.append(
            finding(
                rules,
                "network.respondents",
                Status.PASS,
                (
                    f"{plural(int(kinds.get('booster', 0)), 'booster')}, "
                    f"{plural(int(kinds.get('obligate', 0)), 'obligate')}, "
                    f"{plural(int(kinds.get('curmudgeon', 0)), 'curmudgeon')}: "
                    "follow up with your boosters first."
                ),
            )
        )
        found.append(_reply_rate_finding(people, summary, rules))
    tree = referral_tree(people)
    warm = int((tree["depth"] > 0).sum())
    found.append(
        finding(
            rules,
            "contact.route",
            Status.PASS if warm else Status.WARN,
            (
                f"{plural(warm, 'person')} reached you through introductions."
                if warm
                else "No introductions yet: at the end of each conversation, "
                "ask who else you should talk to."
            ),
        )
    )
    return Review(findings=tuple(found), title="Your network: self-check")


def _reply_rate_finding(people: pd.DataFrame, summary: pd.DataFrame, rules: Policy) -> Finding:
    from infoview.rules import Status, finding

    table = funnel(people, summary)
    contacted, rate = int(table["cold"].iloc[0]), float(table["cold_rate"].iloc[1])
    low = rules["network.reply_rate"].number("cold_low")
    high = rules["network.reply_rate"].number("cold_high")
    band = f"{low:.0%}-{high:.0%}"
    if contacted < 5:
        return finding(
            rules,
            "network.reply_rate",
            Status.PASS,
            (
                f"{plural(contacted, 'cold email')} so far; after five or more you can compare "
                f"your reply rate with the usual {band}."
            ),
        )
    if rate < low:
        return finding(
            rules,
            "network.reply_rate",
            Status.WARN,
            (
                f"{rate:.0%} of your cold emails got a reply, below the usual {band}: "
                "try a shorter email, a clearer ask, or an introduction."
            ),
        )
    return finding(
        rules,
        "network.reply_rate",
        Status.PASS,
        f"{rate:.0%} of your cold emails got a reply ({band} is typical).",
    )
