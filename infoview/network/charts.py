"""Charts of the network, each with one sentence that says what it shows.

Every function returns a :class:`Chart`: a matplotlib ``Figure`` built directly (pyplot,
the backend and ``rcParams`` are never touched), the numbers behind it, and a one-sentence
description that the notebook shows beside it, for screen readers and for anyone in a
hurry. Colours come from the Okabe-Ito palette, which colour-blind readers can tell apart,
and series differ by hatching or marker as well as colour.

>>> import pandas as pd
>>> chart = growth_chart(pd.DataFrame(columns=["id", "name", "source", "tie",
...     "introduced_by", "connected_on", "created_at"]))
>>> chart.description
'Your network is empty so far: import your contacts or add someone to watch it grow.'
>>> chart.png()[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from infoview.network import metrics
from infoview.network.metrics import FUNNEL_STAGES
from infoview.text import days_text, plural

if TYPE_CHECKING:
    from infoview.rules import Policy
    from infoview.tracker import Tracker

# Okabe & Ito (2008), ordered so the pale yellow comes last.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442")
HATCHES = ("", "//", "..", "xx", "\\\\", "oo", "--", "++")
SIZE = (8.0, 4.5)


@dataclass(frozen=True)
class Chart:
    """A figure, the numbers behind it, and one sentence describing it."""

    title: str
    description: str
    figure: Any = field(repr=False)
    data: pd.DataFrame = field(repr=False)
    _png: dict[int, bytes] = field(default_factory=dict, repr=False, compare=False)

    def png(self, dpi: int = 100) -> bytes:
        """The chart as PNG bytes (made once per resolution)."""
        if dpi not in self._png:
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=dpi)
            self._png[dpi] = buffer.getvalue()
        return self._png[dpi]

    def save(self, path: str | Path, dpi: int = 100) -> Path:
        """Write the chart to ``path`` (PNG, SVG or PDF, from the suffix)."""
        target = Path(path)
        self.figure.savefig(target, dpi=dpi)
        return target

    def __repr__(self) -> str:
        return f"Chart({self.title!r}: {self.description})"

    def _repr_png_(self) -> bytes:
        return self.png()

    def _repr_html_(self) -> str:
        picture = base64.b64encode(self.png()).decode("ascii")
        text = html.escape(self.description)
        # The caption below says what the chart shows; the alt text names the picture,
        # so a screen reader does not read the same sentence twice.
        alt = html.escape(f"Chart: {self.title} (described below)")
        return (
            f'<figure class="iv-chart" style="margin:0 0 1em 0">'
            f'<img src="data:image/png;base64,{picture}" alt="{alt}" style="max-width:100%">'
            f'<figcaption class="iv-chart-description">{text}</figcaption></figure>'
        )


def _figure(title: str, xlabel: str, ylabel: str) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE)
    # Fixed margins: a layout engine would draw every chart twice.
    figure.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.13)
    axes = figure.add_subplot()
    # Plain counts on the y axis (never "1e6" above it), so the title's place is known:
    # an explicit ``y`` spares matplotlib measuring both axes again before every draw.
    axes.ticklabel_format(axis="y", style="plain", useOffset=False)
    axes.set_title(title, loc="left", fontweight="bold", y=1.0)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def _empty(axes: Any, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center", wrap=True, transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


def _day(stamp: Any) -> str:
    return f"{pd.Timestamp(stamp):%d %b %Y}".lstrip("0")


# ---------------------------------------------------------------- growth


def _thinned(days: np.ndarray, counts: np.ndarray, steps: int = 400) -> tuple[Any, Any]:
    """At most about ``steps`` steps to draw: finer ones fall between the pixels anyway.

    ``days`` are sorted datetime64 values, ``counts`` one row per day. Counts are
    cumulative, so each bin keeps its last value (at the bin's start); the first and last
    rows stay.
    """
    if len(days) <= steps:
        return days, counts
    first = days[0]
    width = ((pd.Timestamp(days[-1]) - pd.Timestamp(first)) / steps).value  # in ns
    bins = (days - first).astype("timedelta64[ns]").astype("int64") // width
    last = np.append(np.flatnonzero(bins[1:] != bins[:-1]), len(bins) - 1)[1:]
    starts = first + (bins[last] * width).astype("timedelta64[ns]")
    return (
        np.concatenate([days[:1], starts, days[-1:]]),
        np.concatenate([counts[:1], counts[last], counts[-1:]]),
    )


def growth_chart(
    people: pd.DataFrame,
    summary: pd.DataFrame | None = None,
    *,
    by: str = "source",
    start: date | None = None,
    end: date | None = None,
) -> Chart:
    """Network size over time, stacked by source (or by tie)."""
    import matplotlib.dates as mdates

    data = metrics.growth(people, summary, by=by, start=start, end=end)
    title = "Your network over time"
    figure, axes = _figure(title, "Date", "People in your network (count)")
    if data.empty:
        message = (
            "Your network is empty so far: import your contacts or add someone to watch it grow."
        )
        _empty(axes, message)
        return Chart(title, message, figure, data)
    # Hold the last step for a while (to ``end`` if given), so the latest people show.
    span = max((data.index[-1] - data.index[0]) / 40, pd.Timedelta(days=1))
    last = pd.Timestamp(end) if end is not None else data.index[-1] + span
    days, counts = _thinned(
        np.append(data.index.to_numpy(), last.to_datetime64()),
        np.concatenate([data.to_numpy(), data.to_numpy()[-1:]]),
    )
    bands = axes.stackplot(
        days,
        *counts.T,
        labels=list(data.columns),
        colors=OKABE_ITO,
        step="post",
    )
    # Each band has its own hatching too (and the legend repeats it): colour is never the
    # only way to tell the sources apart.
    for number, band in enumerate(bands):
        band.set_hatch(HATCHES[number % len(HATCHES)])
        band.set_edgecolor("#333333")
        band.set_linewidth(0.4)
    locator = axes.xaxis.get_major_locator()
    # matplotlib leaves ConciseDateFormatter unannotated
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.set_ylim(bottom=0)
    axes.legend(title=by.title(), loc="upper left", frameon=False)
    totals = data.sum(axis=1)
    top = data.iloc[-1].idxmax()
    message = (
        f"Your network grew from {plural(int(totals.iloc[0]), 'person')} on "
        f"{_day(data.index[0])} to {plural(int(totals.iloc[-1]), 'person')} on "
        f"{_day(data.index[-1])}; the largest group by {by} is {top} "
        f"({int(data[top].iloc[-1]):,})."
    )
    return Chart(title, message, figure, data)


# ---------------------------------------------------------------- funnel


def funnel_chart(people: pd.DataFrame, summary: pd.DataFrame, rules: Policy | None = None) -> Chart:
    """How many of those you contacted replied, met you, were thanked and kept in touch."""
    from infoview.rules import policy

    rules = rules if rules is not None else policy()
    data = metrics.funnel(people, summary)
    table: dict[str, dict[str, Any]] = {str(k): v for k, v in data.to_dict().items()}
    title = "From first email to keeping in touch"
    figure, axes = _figure(title, "Stage", "Share of the people you contacted (%)")
    if table["all"]["contacted"] == 0:
        message = (
            "Nobody contacted yet: once you log your first emails, "
            "this shows how many reply and meet you."
        )
        _empty(axes, message)
        return Chart(title, message, figure, data)
    positions = range(len(data))
    width = 0.38
    low = rules["network.reply_rate"].number("cold_low") * 100
    high = rules["network.reply_rate"].number("cold_high") * 100
    replied_at = FUNNEL_STAGES.index("replied")
    axes.hlines(
        [low, high],
        replied_at - 0.45,
        replied_at + 0.45,
        colors="black",
        linestyles=":",
        linewidth=1.5,
        zorder=3,
        label=f"usual cold reply rate ({low:.0f}-{high:.0f}%)",
    )
    for offset, route, colour, hatch in (
        (-1, "cold", OKABE_ITO[0], ""),
        (1, "warm", OKABE_ITO[1], "//"),
    ):
        shares = data[f"{route}_rate"] * 100
        bars = axes.bar(
            [p + offset * width / 2 for p in positions],
            shares,
            width=width,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=f"{route} (of {table[route]['contacted']} contacted)",
        )
        axes.bar_label(bars, labels=[f"{int(n)}" for n in data[route]], padding=2, fontsize=8)
    axes.set_xticks(list(positions), [s.capitalize() for s in data.index])
    axes.set_ylim(0, 110)
    axes.legend(loc="upper right", frameon=False, fontsize=9)
    parts = []
    for route in ("cold", "warm"):
        contacted, rates = int(table[route]["contacted"]), table[f"{route}_rate"]
        if contacted:
            parts.append(
                f"of {plural(contacted, 'person')} contacted {route}, "
                f"{rates['replied']:.0%} replied and {rates['met']:.0%} met you"
            )
    message = "; ".join(parts).capitalize() + "."
    return Chart(title, message, figure, data)


# ---------------------------------------------------------------- replies


def reply_times_chart(
    people: pd.DataFrame,
    summary: pd.DataFrame,
    today: date | None = None,
    rules: Policy | None = None,
) -> Chart:
    """How many days each reply took, with the day a reminder becomes due."""
    data = metrics.reply_times(people, summary, today, rules)
    day = metrics.reminder_day(rules)
    title = "How long replies take"
    figure, axes = _figure(
        title, "Days from your first email to their reply (days)", "Replies (count)"
    )
    replied = data["days"].dropna()
    if replied.empty:
        message = (
            "No replies logged yet: when someone answers, log it and their reply time shows here."
        )
        _empty(axes, message)
        return Chart(title, message, figure, data)
    last = max(int(replied.max()) + 2, day + 3)
    axes.hist(replied, bins=range(last + 1), color=OKABE_ITO[0], edgecolor="white")
    axes.axvline(day, color=OKABE_ITO[3], linestyle="--", linewidth=2)
    axes.annotate(
        f"day {day}: a reminder is due",
        (day, 1),
        xycoords=("data", "axes fraction"),
        xytext=(4, -14),
        textcoords="offset points",
        color=OKABE_ITO[3],
    )
    axes.yaxis.get_major_locator().set_params(integer=True)
    message = reply_times_message(replied, int(data["replied_on"].isna().sum()), day)
    return Chart(title, message, figure, data)


def reply_times_message(days: pd.Series, waiting: int, reminder_day: int) -> str:
    """What the reply-times chart shows, in words that fit one reply as well as many.

    >>> print(reply_times_message(pd.Series([0.2]), 0, 11))
    Your one reply came the same day, before the day-11 reminder; everyone you wrote to has
    replied.
    >>> print(reply_times_message(pd.Series([1.0, 3.0, 4.0, 14.0]), 1, 11))
    Half of the 4 replies came within 3.5 days, and 3 of them before the day-11 reminder; 1
    person has not replied.
    """
    early = int((days < reminder_day).sum())
    before = f"the day-{reminder_day} reminder"
    if len(days) == 1:
        only = float(days.iloc[0])
        when = "the same day" if only < 1 else f"after {days_text(round(only, 1))}"
        text = f"Your one reply came {when}, {'before' if early else 'after'} {before}"
    else:
        median = round(float(days.median()), 1)
        when = "the same day" if median < 1 else f"within {days_text(median)}"
        text = (
            f"Half of the {plural(len(days), 'reply')} came {when}, and "
            f"{'all' if early == len(days) else early} of them before {before}"
        )
    if waiting:
        has = "has" if waiting == 1 else "have"
        return f"{text}; {plural(waiting, 'person')} {has} not replied."
    return f"{text}; everyone you wrote to has replied."


def respondents_chart(
    people: pd.DataFrame,
    summary: pd.DataFrame,
    today: date | None = None,
    rules: Policy | None = None,
) -> Chart:
    """Boosters, obligates and curmudgeons (and who is still within the window), cold and warm."""
    replies = metrics.reply_times(people, summary, today, rules)
    data = metrics.respondent_types(replies)
    title = "Who answers, and how fast"
    figure, axes = _figure(title, "Kind of respondent", "People (count)")
    if replies.empty:
        message = (
            "Nobody contacted yet: reply speed sorts people into "
            "boosters, obligates and curmudgeons."
        )
        _empty(axes, message)
        return Chart(title, message, figure, data)
    bottom = pd.Series(0, index=data.index)
    for route, colour, hatch in (("cold", OKABE_ITO[0], ""), ("warm", OKABE_ITO[1], "//")):
        axes.bar(
            data.index,
            data[route],
            bottom=bottom,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=route,
        )
        bottom = bottom + data[route]
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(frameon=False)
    counts: dict[str, int] = {str(k): int(v) for k, v in data["all"].items()}
    waiting = f"; {counts['waiting']} still within the window" if counts["waiting"] else ""
    message = (
        f"{plural(counts['booster'], 'booster')} replied within 3 business days, "
        f"{plural(counts['obligate'], 'obligate')} later, and "
        f"{plural(counts['curmudgeon'], 'curmudgeon')} not at all{waiting}."
    )
    return Chart(title, message, figure, data)


# ---------------------------------------------------------------- referrals and activity


def referral_tree_chart(people: pd.DataFrame, *, max_labels: int = 60) -> Chart:
    """Who introduced whom: each branch starts with someone who opened a door."""
    data = metrics.referral_tree(people)
    title = "How warm introductions branch out"
    figure, axes = _figure(
        title, "People, branch by branch", "Introductions from the start (steps)"
    )
    if data.empty:
        message = (
            "No introductions yet: when someone introduces you to a person, the branch grows here."
        )
        _empty(axes, message)
        return Chart(title, message, figure, data)
    roots = list(dict.fromkeys(data["root"]))
    colour = {root: OKABE_ITO[i % len(OKABE_ITO[:-1])] for i, root in enumerate(roots)}
    places = {
        int(p): (float(x), int(d))
        for p, x, d in zip(data["person_id"], data["x"], data["depth"], strict=True)
    }
    for person, parent in zip(data["person_id"], data["introduced_by"], strict=True):
        if not pd.isna(parent) and int(parent) in places:
            (x0, y0), (x1, y1) = places[int(parent)], places[int(person)]
            axes.plot([x0, x1], [y0, y1], color="#888888", zorder=1)
    axes.scatter(
        data["x"],
        data["depth"],
        s=120,
        c=[colour[r] for r in data["root"]],
        edgecolors="black",
        zorder=2,
    )
    if len(data) <= max_labels:
        for name, x, depth in zip(data["name"], data["x"], data["depth"], strict=True):
            axes.annotate(
                name,
                (x, depth),
                xytext=(0, 10),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
            )
    axes.set_ylim(int(data["depth"].max()) + 0.5, -0.7)
    axes.set_xticks([])
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.grid(False)
    axes.margins(x=0.08)
    deepest = data.sort_values("depth", kind="stable").iloc[-1]
    start = data.loc[data["person_id"] == deepest["root"], "name"].iloc[0]
    message = (
        f"{plural(int((data['depth'] > 0).sum()), 'person')} came through "
        f"introductions in {plural(len(roots), 'branch')}; the longest chain runs "
        f"{plural(int(deepest['depth']), 'introduction')} from {start}."
    )
    return Chart(title, message, figure, data)


def activity_chart(
    touches: pd.DataFrame, *, start: date | None = None, end: date | None = None
) -> Chart:
    """What you did each week: reaching out, replies, meetings and follow-ups."""
    import matplotlib.dates as mdates

    data = metrics.weekly_activity(touches, start=start, end=end)
    title = "Your weekly activity"
    figure, axes = _figure(title, "Week starting (date)", "Things logged (count)")
    if data.to_numpy().sum() == 0:
        message = (
            "Nothing logged yet: each email, reply, meeting and thank-you adds to this week's bar."
        )
        _empty(axes, message)
        return Chart(title, message, figure, data)
    bottom = pd.Series(0, index=data.index)
    for (group, colour), hatch in zip(
        zip(data.columns, OKABE_ITO, strict=False), HATCHES, strict=False
    ):
        axes.bar(
            data.index,
            data[group],
            bottom=bottom,
            width=6,
            align="edge",
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=group,
        )
        bottom = bottom + data[group]
    locator = axes.xaxis.get_major_locator()
    # matplotlib leaves ConciseDateFormatter unannotated
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(frameon=False, fontsize=9, loc="upper left")
    totals = data.sum(axis=1)
    busiest = totals.index[int(totals.to_numpy().argmax())]
    logged = plural(int(totals.sum()), "touch")
    message = (
        f"Over {plural(len(data), 'week')} you logged {logged};"
        f" the busiest week began {_day(busiest)}, with {int(totals.max()):,}."
    )
    return Chart(title, message, figure, data)


CHART_NAMES = ("growth", "funnel", "replies", "respondents", "tree", "activity")


def draw(tracker: Tracker, which: str = "growth", *, today: date | None = None) -> Chart:
    """One chart of your tracker by name: growth, funnel, replies, respondents, tree, activity."""
    from infoview.errors import InvalidChoiceError

    if which not in CHART_NAMES:
        raise InvalidChoiceError("chart", which, CHART_NAMES)
    people = tracker.people()
    if which == "tree":
        return referral_tree_chart(people)
    if which == "activity":
        return activity_chart(tracker.touches())
    summary = tracker.touch_summary()
    if which == "growth":
        return growth_chart(people, summary)
    if which == "funnel":
        return funnel_chart(people, summary)
    if which == "replies":
        return reply_times_chart(people, summary, today)
    return respondents_chart(people, summary, today)
