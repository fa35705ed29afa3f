"""Charts and HTML for a cohort report (matplotlib is imported only when a chart is drawn).

Figures are built with :class:`matplotlib.figure.Figure` directly, never through pyplot, so
drawing one changes no global state and leaves no figure open.

>>> import pandas as pd
>>> fig = milestones_figure(pd.Series([1, 0, 2, 3, 0, 4]))
>>> [text.get_text() for text in fig.axes[0].texts]
['1', '0', '2', '3', '0', '4']
"""

from __future__ import annotations

import base64
import html
import io
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from infoview.cohort import CohortReport

_BLUE = "#2166ac"
_ORANGE = "#b35806"


def milestones_figure(histogram: pd.Series) -> Figure:
    """Bars: participants by the number of milestones they reached (0 to 5)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.5, 3.2), layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(histogram)))
    values = [int(v) for v in histogram]
    bars = ax.bar(positions, values, color=_BLUE)
    ax.bar_label(bars, labels=[str(v) for v in values], padding=2)
    ax.set_xticks(positions, [str(p) for p in positions])
    ax.set_xlabel("milestones reached (of 5)")
    ax.set_ylabel("participants")
    ax.set_title("How far people got")
    ax.set_ylim(0, max([*values, 1]) * 1.2)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def reply_rates_figure(rates: pd.DataFrame, expected: tuple[float, float] | None = None) -> Figure:
    """Bars: the share of people who answered, cold against warm, with counts on each bar.

    ``expected`` is the usual range for cold emails (from the rule ``network.reply_rate``),
    drawn as a band so a group can see whether its results are ordinary.
    """
    from matplotlib.figure import Figure

    if expected is None:
        expected = _expected_cold_range()
    fig = Figure(figsize=(5.5, 3.2), layout="constrained")
    ax = fig.add_subplot()
    routes = list(rates.index)
    shares = [0.0 if math.isnan(r) else float(r) * 100 for r in rates["rate"]]
    bars = ax.bar(routes, shares, color=[_BLUE, _ORANGE][: len(routes)], zorder=2)
    labels = [
        f"{s:.0f}% ({int(rep)}/{int(con)})" if con else "none sent"
        for s, rep, con in zip(shares, rates["replied"], rates["contacted"], strict=True)
    ]
    ax.bar_label(bars, labels=labels, padding=2)
    low, high = expected
    ax.axhspan(
        low * 100, high * 100, color="#999999", alpha=0.25, zorder=1, label="usual for cold emails"
    )
    ax.set_ylim(0, 100)
    ax.set_ylabel("people who answered (%)")
    ax.set_title("Reply rates: cold against warm")
    ax.legend(loc="upper left", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _expected_cold_range() -> tuple[float, float]:
    from infoview.rules import policy

    rule = policy()["network.reply_rate"]
    return float(rule.number("cold_low")), float(rule.number("cold_high"))


def figure_png(fig: Figure) -> str:
    """A figure as base64 PNG text, for an ``<img>`` tag."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _img(fig: Figure, alt: str) -> str:
    return (
        f'<img src="data:image/png;base64,{figure_png(fig)}" alt="{html.escape(alt)}"'
        ' style="max-width:48%;min-width:320px">'
    )


def report_html(report: CohortReport, headlines: list[str]) -> str:
    """The report as escaped HTML: headline numbers, two charts, and two small tables."""
    if not report.participants:
        return '<div class="iv-cohort"><p><em>No summaries yet.</em></p></div>'
    histogram = report.milestone_histogram()
    rates = report.reply_rates()
    reach = report.milestone_reach().reset_index()
    rate_table = rates.assign(
        rate=[
            f"{r:.0%}" if c else "—" for r, c in zip(rates["rate"], rates["contacted"], strict=True)
        ]
    ).reset_index()
    hist_alt = "Participants by milestones reached: " + ", ".join(
        f"{k}: {int(v)}" for k, v in histogram.items()
    )
    rate_alt = "Reply rates: " + "; ".join(
        f"{route} {int(row['replied'])} of {int(row['contacted'])}"
        for route, row in rates.iterrows()
    )
    items = "".join(f"<li>{html.escape(line)}</li>" for line in headlines)
    return (
        '<div class="iv-cohort">'
        f"<p><strong>Cohort summary: {report.participants} participants</strong></p>"
        f"<ul>{items}</ul>"
        f"<div>{_img(report.milestones_figure(), hist_alt)} "
        f"{_img(report.reply_rates_figure(), rate_alt)}</div>"
        "<p><small>Each participant's file holds counts only (no names, emails or notes); "
        "a random token stands for the person.</small></p>"
        + reach.to_html(index=False, escape=True, border=0, classes="iv-table")
        + rate_table.to_html(index=False, escape=True, border=0, classes="iv-table")
        + "</div>"
    )
