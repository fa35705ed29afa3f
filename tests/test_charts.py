"""Charts render with Agg, say what they show, and carry the numbers behind them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import matplotlib.colors as mcolors
import pandas as pd
import pytest

from infoview import network
from infoview.network import charts
from tests.test_network import (
    EMPTY_SUMMARY,
    MON,
    at,
    people_frame,
    referral_people,
    reply_case,
    summary_frame,
    touches_frame,
)

TODAY = date(2026, 3, 12)
OKABE = {mcolors.to_hex(c) for c in charts.OKABE_ITO}


def growth_people() -> pd.DataFrame:
    return people_frame(
        [
            {"id": 1, "name": "A", "source": "warm", "connected_on": date(2026, 1, 5)},
            {"id": 2, "name": "B", "source": "linkedin", "connected_on": date(2026, 1, 5)},
            {"id": 3, "name": "C", "source": "linkedin", "connected_on": date(2026, 2, 1)},
        ]
    )


def assert_labelled(chart: charts.Chart) -> None:
    """A title, both axis labels (the y label names its unit), and a PNG."""
    axes = chart.figure.axes[0]
    assert axes.get_title(loc="left") == chart.title
    assert axes.get_xlabel()
    assert "(" in axes.get_ylabel()
    assert chart.png().startswith(b"\x89PNG\r\n\x1a\n")
    assert chart.description.endswith(".")
    assert chart.description.count(". ") == 0  # one sentence


def test_growth_chart_stacks_the_growth_series() -> None:
    """The growth chart plots network.growth, stacked, in Okabe-Ito colours."""
    chart = charts.growth_chart(growth_people())
    pd.testing.assert_frame_equal(chart.data, network.growth(growth_people()))
    assert_labelled(chart)
    polys = chart.figure.axes[0].collections
    assert len(polys) == 2
    assert {mcolors.to_hex(p.get_facecolor()[0]) for p in polys} <= OKABE
    assert [t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()] == [
        "warm",
        "linkedin",
    ]
    assert chart.description == (
        "Your network grew from 2 people on 5 Jan 2026 to 3 people on 1 Feb 2026; "
        "the largest group by source is linkedin (2)."
    )


def test_growth_chart_tells_six_sources_apart_without_colour() -> None:
    """Each of the six source bands has its own hatching, and its legend entry shows it."""
    sources = ("cold", "warm", "linkedin", "vcard", "csv", "manual")
    chart = charts.growth_chart(
        people_frame(
            [
                {"id": n, "name": f"P{n}", "source": source, "connected_on": date(2026, 1, n)}
                for n, source in enumerate(sources, start=1)
            ]
        )
    )
    axes = chart.figure.axes[0]
    hatches = [band.get_hatch() or "" for band in axes.collections]
    assert len(hatches) == 6
    assert len(set(hatches)) == 6, hatches
    legend = axes.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == list(chart.data.columns)
    assert [h.get_hatch() or "" for h in legend.legend_handles] == hatches


def test_funnel_chart_bars_are_the_rates() -> None:
    """Bar heights are the funnel's shares of people contacted, in percent."""
    people = people_frame([{"id": 1, "name": "A"}, {"id": 2, "name": "B", "source": "warm"}])
    summary = summary_frame(
        [
            (1, "outreach", at(MON)),
            (2, "outreach", at(MON)),
            (2, "reply", at(MON + timedelta(days=1))),
            (2, "interview", at(MON + timedelta(days=8))),
        ]
    )
    chart = charts.funnel_chart(people, summary)
    assert_labelled(chart)
    heights = [bar.get_height() for bar in chart.figure.axes[0].patches]
    assert heights == [100.0, 0.0, 0.0, 0.0, 0.0, 100.0, 100.0, 100.0, 0.0, 0.0]
    assert chart.data.loc["met", "warm"] == 1
    assert chart.description == (
        "Of 1 person contacted cold, 0% replied and 0% met you; "
        "of 1 person contacted warm, 100% replied and 100% met you."
    )


def test_reply_times_chart_marks_day_eleven() -> None:
    """The histogram counts replies by day and draws the reminder line at day 11."""
    people, summary = reply_case()
    chart = charts.reply_times_chart(people, summary, today=TODAY)
    assert_labelled(chart)
    axes = chart.figure.axes[0]
    assert sum(bar.get_height() for bar in axes.patches) == 3
    assert [line.get_xdata()[0] for line in axes.get_lines()] == [11]
    assert chart.description == (
        "Half of the 3 replies came within 4 days, and all of them before the day-11 reminder; "
        "2 people have not replied."
    )


def test_respondents_chart_counts_types() -> None:
    """Stacked bars per respondent type add up to the counts behind them."""
    people, summary = reply_case()
    chart = charts.respondents_chart(people, summary, today=TODAY)
    assert_labelled(chart)
    assert sum(bar.get_height() for bar in chart.figure.axes[0].patches) == 5
    assert chart.data["all"].tolist() == [2, 1, 1, 1]
    assert chart.description == (
        "2 boosters replied within 3 business days, 1 obligate later, "
        "and 1 curmudgeon not at all; 1 still within the window."
    )


def test_referral_tree_chart_draws_each_introduction() -> None:
    """One node per person in the tree, one line per introduction, names as labels."""
    chart = charts.referral_tree_chart(referral_people())
    assert_labelled(chart)
    axes = chart.figure.axes[0]
    assert len(axes.collections[0].get_offsets()) == 6
    assert len(axes.get_lines()) == 4
    names = {"Grace", "Tomás", "Fatima", "Inès", "Raj", "Lucía"}
    assert {t.get_text() for t in axes.texts} == names
    assert chart.description == (
        "4 people came through introductions in 2 branches; "
        "the longest chain runs 2 introductions from Grace."
    )


def test_activity_chart_stacks_weekly_groups() -> None:
    """Weekly bars stack the four groups; their total is every touch."""
    touches = touches_frame([(1, "outreach", at(MON)), (1, "reply", at(MON + timedelta(days=8)))])
    chart = charts.activity_chart(touches)
    assert_labelled(chart)
    assert sum(bar.get_height() for bar in chart.figure.axes[0].patches) == 2
    assert chart.description == (
        "Over 2 weeks you logged 2 touches; the busiest week began 2 Mar 2026, with 1."
    )


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, s, t: charts.growth_chart(p, s), "network is empty"),
        (lambda p, s, t: charts.funnel_chart(p, s), "Nobody contacted yet"),
        (lambda p, s, t: charts.reply_times_chart(p, s, TODAY), "No replies logged yet"),
        (lambda p, s, t: charts.respondents_chart(p, s, TODAY), "Nobody contacted yet"),
        (lambda p, s, t: charts.referral_tree_chart(p), "No introductions yet"),
        (lambda p, s, t: charts.activity_chart(t), "Nothing logged yet"),
    ],
)
def test_empty_charts_say_what_to_do(make, words: str) -> None:  # type: ignore[no-untyped-def]
    """On an empty workspace every chart still renders, with a friendly sentence."""
    people = people_frame([{"id": 1, "name": "x"}]).iloc[0:0]
    chart = make(people, EMPTY_SUMMARY, touches_frame([]))
    assert words in chart.description
    assert chart.png().startswith(b"\x89PNG")
    assert chart.figure.axes[0].texts[0].get_text() == chart.description


def test_chart_html_escapes_names_and_shows_the_description() -> None:
    """A hostile name never becomes markup; the description is the caption and alt text."""
    people = people_frame(
        [
            {"id": 1, "name": "<img src=x onerror=alert(1)>"},
            {"id": 2, "name": "B", "introduced_by": 1},
        ]
    )
    chart = charts.referral_tree_chart(people)
    page = chart._repr_html_()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<figcaption" in page
    assert repr(chart).startswith("Chart('How warm introductions branch out': ")


def test_chart_saves_png(tmp_path: Path) -> None:
    """save() writes the figure to a file."""
    target = charts.growth_chart(growth_people()).save(tmp_path / "growth.png")
    assert target.read_bytes().startswith(b"\x89PNG")


def test_charts_leave_matplotlib_global_state_alone() -> None:
    """Making every chart loads no pyplot and changes no rcParams (the backend included)."""
    code = """
import sys, matplotlib
before = {key: matplotlib.rcParams._get(key) for key in matplotlib.rcParams}
from tests.test_charts import growth_people
from tests.test_network import reply_case, referral_people, touches_frame
from infoview.network import charts
people, summary = reply_case()
made = (
    charts.growth_chart(growth_people()), charts.funnel_chart(people, summary),
    charts.reply_times_chart(people, summary), charts.respondents_chart(people, summary),
    charts.referral_tree_chart(referral_people()), charts.activity_chart(touches_frame([])),
)
for chart in made:
    chart.png()
assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
after = {key: matplotlib.rcParams._get(key) for key in matplotlib.rcParams}
assert after == before, "rcParams (or the backend) changed"
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_draw_names_each_chart_of_a_tracker(tmp_path: Path) -> None:
    """charts.draw(tracker, name) makes each chart; an unknown name lists the choices."""
    from infoview.demo import open_demo
    from infoview.errors import InvalidChoiceError

    demo = open_demo(today=date(2026, 11, 26), folder=tmp_path / "demo")
    titles = {
        name: charts.draw(demo, name, today=date(2026, 11, 26)).title for name in charts.CHART_NAMES
    }
    assert titles["respondents"] == "Who answers, and how fast"
    assert titles["tree"] == "How warm introductions branch out"
    assert len(set(titles.values())) == 6
    with pytest.raises(InvalidChoiceError, match="chart must be one of growth, funnel"):
        charts.draw(demo, "pie")
