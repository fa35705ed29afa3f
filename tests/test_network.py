"""Network metrics on small hand-made frames, with exact expected numbers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from infoview import network
from infoview.clock import local_zone
from infoview.errors import InvalidChoiceError
from infoview.rules import policy


def people_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A frame shaped like Tracker.people(), from a few dicts."""
    defaults = {
        "company": None,
        "source": "cold",
        "tie": "connection",
        "introduced_by": None,
        "connected_on": None,
        "created_at": pd.Timestamp("2026-06-01", tz="UTC"),
    }
    frame = pd.DataFrame([defaults | row for row in rows])
    frame["introduced_by"] = frame["introduced_by"].astype("Int64")
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=local_zone())


def summary_frame(touches: list[tuple[int, str, datetime]]) -> pd.DataFrame:
    """A frame shaped like Tracker.touch_summary(), from (person, kind, time) triples."""
    frame = pd.DataFrame(touches, columns=["person_id", "kind", "at"])
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return (
        frame.groupby(["person_id", "kind"], as_index=False)
        .agg(count=("at", "size"), last_at=("at", "max"), first_at=("at", "min"))
        .astype({"person_id": "int64", "count": "int64"})
    )


def touches_frame(touches: list[tuple[int, str, datetime]]) -> pd.DataFrame:
    frame = pd.DataFrame(touches, columns=["person_id", "kind", "at"])
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame


EMPTY_SUMMARY = summary_frame([])
MON = date(2026, 3, 2)  # a Monday


# ---------------------------------------------------------------- growth


def test_growth_counts_cumulatively_by_source() -> None:
    """Each day someone joined gets a row; counts add up per source."""
    people = people_frame(
        [
            {"id": 1, "name": "A", "source": "warm", "connected_on": date(2026, 1, 5)},
            {"id": 2, "name": "B", "source": "linkedin", "connected_on": date(2026, 1, 5)},
            {"id": 3, "name": "C", "source": "linkedin", "connected_on": date(2026, 2, 1)},
        ]
    )
    table = network.growth(people, by="source")
    assert list(table.columns) == ["warm", "linkedin"]
    assert table.index.tolist() == [pd.Timestamp("2026-01-05"), pd.Timestamp("2026-02-01")]
    assert table.to_dict("list") == {"warm": [1, 1], "linkedin": [1, 2]}


def test_growth_by_tie_uses_tie_order() -> None:
    """Grouping by tie lists connection, ally, mentor in that order."""
    people = people_frame(
        [
            {"id": 1, "name": "A", "tie": "mentor", "connected_on": date(2026, 1, 1)},
            {"id": 2, "name": "B", "tie": "connection", "connected_on": date(2026, 1, 2)},
        ]
    )
    table = network.growth(people, by="tie")
    assert list(table.columns) == ["connection", "mentor"]
    assert table.iloc[-1].tolist() == [1, 1]


def test_growth_falls_back_to_first_touch_then_added_day() -> None:
    """Without connected_on, the first touch dates a person; without touches, the day added."""
    people = people_frame(
        [
            {"id": 1, "name": "A", "created_at": pd.Timestamp("2026-05-20 10:00", tz="UTC")},
            {"id": 2, "name": "B", "created_at": pd.Timestamp("2026-05-20 10:00", tz="UTC")},
        ]
    )
    summary = summary_frame([(1, "outreach", at(date(2026, 4, 1)))])
    table = network.growth(people, summary)
    assert table.index.tolist() == [pd.Timestamp("2026-04-01"), pd.Timestamp("2026-05-20")]
    assert table["cold"].tolist() == [1, 2]


def test_growth_window_opens_with_earlier_people() -> None:
    """With start, those who joined before it show in a first row on the start day."""
    people = people_frame(
        [{"id": i, "name": f"P{i}", "connected_on": date(2026, 1, i)} for i in range(1, 6)]
    )
    table = network.growth(people, start=date(2026, 1, 3), end=date(2026, 1, 4))
    assert table.index.tolist() == [pd.Timestamp("2026-01-03"), pd.Timestamp("2026-01-04")]
    assert table["cold"].tolist() == [3, 4]
    later = network.growth(people, start=date(2026, 1, 10))
    assert later.index.tolist() == [pd.Timestamp("2026-01-10")]
    assert later["cold"].tolist() == [5]


def test_growth_of_nobody_is_empty() -> None:
    """No people, no rows."""
    assert network.growth(people_frame([{"id": 1, "name": "x"}]).iloc[0:0]).empty


def test_growth_refuses_unknown_grouping() -> None:
    """Only source and tie are groupings."""
    with pytest.raises(InvalidChoiceError, match="by must be one of source, tie"):
        network.growth(people_frame([{"id": 1, "name": "A"}]), by="colour")


def test_select_people_and_their_touches() -> None:
    """Filters keep the chosen sources and ties; for_people keeps their touches."""
    people = people_frame(
        [
            {"id": 1, "name": "A", "source": "warm", "tie": "ally"},
            {"id": 2, "name": "B", "source": "cold", "tie": "ally"},
            {"id": 3, "name": "C", "source": "warm", "tie": "mentor"},
        ]
    )
    chosen = network.select_people(people, sources=["Warm"], ties=["ally", "mentor"])
    assert chosen["id"].tolist() == [1, 3]
    assert network.select_people(people, ties=["ally"])["id"].tolist() == [1, 2]
    summary = summary_frame([(1, "outreach", at(MON)), (2, "outreach", at(MON))])
    assert network.for_people(summary, chosen)["person_id"].tolist() == [1]


# ---------------------------------------------------------------- funnel


def test_funnel_counts_each_stage_reached_cold_and_warm() -> None:
    """Each stage counts the people contacted with that stage logged; rates are shares of them."""
    people = people_frame(
        [
            {"id": 1, "name": "Cold, no reply"},
            {"id": 2, "name": "Cold, met"},
            {"id": 3, "name": "Warm, thanked", "source": "warm"},
            {"id": 4, "name": "Warm via intro", "introduced_by": 3},
            {"id": 5, "name": "Never contacted"},
        ]
    )
    summary = summary_frame(
        [
            (1, "outreach", at(MON)),
            (1, "reminder", at(MON + timedelta(days=11))),
            (2, "outreach", at(MON)),
            (2, "interview", at(MON + timedelta(days=9))),
            (3, "introduced", at(MON)),
            (3, "reply", at(MON + timedelta(days=1))),
            (3, "interview", at(MON + timedelta(days=8))),
            (3, "thank_you_email", at(MON + timedelta(days=9))),
            (3, "update", at(MON + timedelta(days=60))),
            (4, "outreach", at(MON)),
            (4, "declined", at(MON + timedelta(days=2))),
            (5, "intro_requested", at(MON)),
        ]
    )
    table = network.funnel(people, summary)
    assert table[["cold", "warm", "all"]].to_dict("list") == {
        "cold": [2, 0, 1, 0, 0],  # person 2 met, but no reply was logged
        "warm": [2, 2, 1, 1, 1],
        "all": [4, 2, 2, 1, 1],
    }
    assert table.index.tolist() == ["contacted", "replied", "met", "thanked", "ongoing"]
    assert table["cold_rate"].tolist() == [1.0, 0.0, 0.5, 0.0, 0.0]
    assert table["warm_rate"].tolist() == [1.0, 1.0, 0.5, 0.5, 0.5]
    assert table["all_rate"].tolist() == [1.0, 0.5, 0.5, 0.25, 0.25]


def test_funnel_never_shows_a_reply_nobody_logged() -> None:
    """Emails, a debrief and a thank-you but no reply logged: 0% replied, not 100%."""
    people = people_frame([{"id": 1, "name": "Rosa Vidal"}, {"id": 2, "name": "Tomás Reyes"}])
    summary = summary_frame(
        [
            (1, "outreach", at(MON)),
            (1, "interview", at(MON + timedelta(days=6))),
            (1, "thank_you_email", at(MON + timedelta(days=7))),
            (2, "outreach", at(MON)),
            (2, "interview", at(MON + timedelta(days=3))),  # met at an event, never written to
        ]
    )
    summary = summary[~((summary["person_id"] == 2) & (summary["kind"] == "outreach"))]
    table = network.funnel(people, summary)
    assert table["all"].tolist() == [1, 0, 1, 1, 0]
    assert table.loc["replied", "all_rate"] == 0.0
    assert table["all_rate"].max() <= 1.0


def test_funnel_before_any_contact_has_zero_rates() -> None:
    """Nobody contacted: counts and rates are all zero, not NaN."""
    table = network.funnel(people_frame([{"id": 1, "name": "A"}]), EMPTY_SUMMARY)
    assert table.to_numpy().sum() == 0
    assert not table.isna().to_numpy().any()


# ---------------------------------------------------------------- replies


def reply_case() -> tuple[pd.DataFrame, pd.DataFrame]:
    people = people_frame(
        [
            {"id": 1, "name": "Thursday reply"},
            {"id": 2, "name": "Friday reply"},
            {"id": 3, "name": "Silent", "source": "warm"},
            {"id": 4, "name": "Friday to Wednesday"},
            {"id": 5, "name": "Contacted late"},
        ]
    )
    friday = MON + timedelta(days=4)
    summary = summary_frame(
        [
            (1, "outreach", at(MON, 9)),
            (1, "reply", at(MON + timedelta(days=3), 15)),
            (2, "outreach", at(MON, 9)),
            (2, "reply", at(friday, 9)),
            (3, "introduced", at(MON, 9)),
            (4, "outreach", at(friday, 12)),
            (4, "reply", at(friday + timedelta(days=5), 12)),
            (5, "outreach", at(date(2026, 3, 11), 12)),
        ]
    )
    return people, summary


def test_reply_times_in_days_and_business_days() -> None:
    """Days are exact; business days skip weekends (numpy busday_count)."""
    people, summary = reply_case()
    table = network.reply_times(people, summary, today=date(2026, 3, 12))
    assert table["person_id"].tolist() == [1, 2, 3, 4, 5]
    assert table["days"].round(4).tolist()[:2] == [3.25, 4.0]
    assert np.isnan(table["days"].iloc[2])
    assert table["business_days"].tolist()[:2] == [3, 4]
    assert table["business_days"].iloc[3] == 3
    assert table["business_days"].isna().tolist() == [False, False, True, False, True]
    assert table["route"].tolist() == ["cold", "cold", "warm", "cold", "cold"]


def test_respondent_types_follow_three_business_days() -> None:
    """Within 3 business days: booster; later: obligate; none after 3: curmudgeon, else waiting."""
    people, summary = reply_case()
    table = network.reply_times(people, summary, today=date(2026, 3, 12))
    assert table["type"].tolist() == ["booster", "obligate", "curmudgeon", "booster", "waiting"]
    counts = network.respondent_types(table)
    assert counts.to_dict("index") == {
        "booster": {"cold": 2, "warm": 0, "all": 2},
        "obligate": {"cold": 1, "warm": 0, "all": 1},
        "curmudgeon": {"cold": 0, "warm": 1, "all": 1},
        "waiting": {"cold": 1, "warm": 0, "all": 1},
    }


def test_respondent_window_is_a_rule_number() -> None:
    """An advisor can widen the booster window in rules, and the types follow."""
    people, summary = reply_case()
    wider = policy().adjust("network.respondents", booster_business_days=4)
    table = network.reply_times(people, summary, today=date(2026, 3, 12), rules=wider)
    assert table["type"].tolist()[:2] == ["booster", "booster"]


def test_reminder_day_is_eleven_by_default() -> None:
    """More than a week and a half (10.5 days) means the reminder line sits on day 11."""
    assert network.reminder_day() == 11
    assert network.reminder_day(policy().adjust("contact.reminder", wait_days=7)) == 7


# ---------------------------------------------------------------- referrals


def referral_people() -> pd.DataFrame:
    return people_frame(
        [
            {"id": 1, "name": "Grace"},
            {"id": 2, "name": "Tomás", "introduced_by": 1},
            {"id": 3, "name": "Fatima", "introduced_by": 1},
            {"id": 4, "name": "Inès", "introduced_by": 2},
            {"id": 5, "name": "Raj"},
            {"id": 6, "name": "Lucía", "introduced_by": 5},
        ]
    )


def test_referrals_per_meeting() -> None:
    """Referrals made by people you met, divided by the meetings held."""
    people = referral_people()
    summary = summary_frame(
        [
            (1, "interview", at(MON)),
            (1, "interview", at(MON + timedelta(days=30))),
            (2, "interview", at(MON)),
            (4, "interview", at(MON)),
            (5, "referral", at(MON)),
        ]
    )
    table = network.referrals(people, summary)
    assert table.to_dict("list") == {
        "person_id": [1, 2, 4, 5],
        "name": ["Grace", "Tomás", "Inès", "Raj"],
        "meetings": [2, 1, 1, 0],
        "referrals": [2, 1, 0, 1],
    }
    assert network.referrals_per_meeting(people, summary) == 3 / 4
    assert network.referrals_per_meeting(people, EMPTY_SUMMARY) == 0.0


def test_referral_tree_depths_and_layout() -> None:
    """Branches start at whoever opened the door; parents sit over their children."""
    tree = network.referral_tree(referral_people())
    assert tree.to_dict("list") == {
        "person_id": [1, 2, 4, 3, 5, 6],
        "name": ["Grace", "Tomás", "Inès", "Fatima", "Raj", "Lucía"],
        "introduced_by": [None, 1, 2, 1, None, 5],
        "root": [1, 1, 1, 1, 5, 5],
        "depth": [0, 1, 2, 1, 0, 1],
        "descendants": [3, 1, 0, 0, 1, 0],
        "x": [0.5, 0.0, 0.0, 1.0, 2.0, 2.0],
    }


def test_referral_tree_survives_cycles_and_long_chains() -> None:
    """A loop of introductions and a 3,000-person chain are laid out without hanging."""
    loop = people_frame(
        [
            {"id": 1, "name": "A", "introduced_by": 2},
            {"id": 2, "name": "B", "introduced_by": 1},
            {"id": 3, "name": "C", "introduced_by": 2},
        ]
    )
    tree = network.referral_tree(loop)
    assert sorted(tree["person_id"]) == [1, 2, 3]
    assert tree.set_index("person_id").loc[3, "depth"] == 1
    chain = people_frame(
        [
            {"id": i, "name": f"P{i}", "introduced_by": i - 1 if i > 1 else None}
            for i in range(1, 3001)
        ]
    )
    assert network.referral_tree(chain)["depth"].max() == 2999


def test_referral_tree_of_nobody_introduced_is_empty() -> None:
    """Without introductions there is no tree."""
    assert network.referral_tree(people_frame([{"id": 1, "name": "A"}])).empty


# ---------------------------------------------------------------- activity


def test_weekly_activity_groups_and_fills_quiet_weeks() -> None:
    """Touches are counted per Monday-started week and group; quiet weeks show zeros."""
    touches = touches_frame(
        [
            (1, "outreach", at(MON + timedelta(days=2))),
            (1, "reply", at(MON + timedelta(days=6))),
            (1, "interview", at(MON + timedelta(days=14))),
            (1, "thank_you_email", at(MON + timedelta(days=15))),
            (2, "intro_requested", at(MON + timedelta(days=16))),
        ]
    )
    table = network.weekly_activity(touches)
    assert table.index.tolist() == [
        pd.Timestamp("2026-03-02"),
        pd.Timestamp("2026-03-09"),
        pd.Timestamp("2026-03-16"),
    ]
    assert table.to_dict("list") == {
        "reaching out": [1, 0, 1],
        "replies": [1, 0, 0],
        "meetings": [0, 0, 1],
        "following up": [0, 0, 1],
    }
    window = network.weekly_activity(touches, start=date(2026, 2, 25), end=date(2026, 3, 4))
    assert window.index.tolist() == [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-03-02")]
    assert window.sum(axis=1).tolist() == [0, 2]


def test_weekly_activity_of_nothing_is_empty() -> None:
    """No touches, no weeks, but the four groups are there."""
    table = network.weekly_activity(touches_frame([]))
    assert table.empty
    assert list(table.columns) == ["reaching out", "replies", "meetings", "following up"]
