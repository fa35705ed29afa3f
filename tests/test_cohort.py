"""Participant summaries carry nothing personal; cohort reports add them up exactly."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview.errors import ImportProblem
from infoview.formats.summary import (
    KINDS,
    MILESTONE_KEYS,
    ROUTES,
    STAGES,
    build_summary,
    participant_summary_keys,
    rate,
    read_summary,
    validate_summary,
)
from infoview.tracker import Tracker
from infoview.workshop import (
    cohort_report,
    export_summary,
    generate_summaries,
    participant_summary,
)
from tests.conftest import TODAY

# ---------------------------------------------------------------- nothing personal leaves


class Canaries:
    """Unique marker strings, one per text field, remembered so a test can look for them."""

    def __init__(self) -> None:
        self.used: list[str] = []

    def __call__(self, field: str) -> str:
        value = f"zq{len(self.used):03d}{field.replace('_', '')}canary"
        self.used.append(value)
        return value


def _fill_with_canaries(tracker: Tracker) -> Canaries:
    """A tracker in which every text field a learner can type holds its own canary."""
    c = Canaries()
    tracker.set_profile(
        name=c("profile_name"),
        email=f"{c('profile_email')}@{c('profile_domain')}.example.org",
        field=c("profile_field"),
        goal=c("profile_goal"),
        synopsis=f"{c('synopsis_one')}\n{c('synopsis_two')}\n{c('synopsis_three')}",
    )
    friend = tracker.add_person(
        c("friend_name"),
        email=f"{c('friend_email')}@{c('friend_domain')}.example.org",
        company=c("friend_company"),
        role=c("friend_role"),
        url=f"https://{c('friend_url')}.example.org/{c('friend_path')}",
        source="warm",
        tie="mentor",
        connected_on=date(2026, 9, 1),
        notes=c("friend_notes"),
    )
    people = [friend]
    for index, source in enumerate(["cold", "linkedin", "vcard", "csv", "manual"]):
        people.append(
            tracker.add_person(
                c(f"name{index}"),
                email=f"{c(f'email{index}')}@{c(f'domain{index}')}.example.org",
                company=c(f"company{index}"),
                role=c(f"role{index}"),
                url=f"https://{c(f'url{index}')}.example.org",
                source=source,
                introduced_by=friend if index == 1 else None,
                notes=c(f"notes{index}"),
            )
        )
    for index, pid in enumerate(people):
        day = datetime(2026, 10, 1 + index, 9, 30, tzinfo=UTC)
        tracker.log(
            pid,
            "outreach",
            on=day,
            channel="email",
            subject=c(f"subject{index}"),
            body=f"{c(f'body{index}')}\n{c(f'body_more{index}')}",
            route="warm" if index % 2 else "cold",
            via=str(friend),
            draft=c(f"draft{index}"),
        )
        if index % 3 == 0:
            tracker.log(pid, "reply", on=day.replace(day=day.day + 2), body=c(f"reply{index}"))
    tracker.log(
        friend,
        "scheduled",
        on=datetime(2026, 10, 5, 10, tzinfo=UTC),
        start="2026-10-12T10:00:00+01:00",
        tz="Europe/London",
        minutes=30,
        place_kind="coffee",
        location=c("location"),
    )
    tracker.log(
        friend,
        "interview",
        on=datetime(2026, 10, 12, 10, tzinfo=UTC),
        notes=c("interview_notes"),
        answers={"q1": c("answer")},
        advice=c("advice"),
        next_step=c("next_step"),
        referrals=[c("referral_name")],
    )
    tracker.log(friend, "thank_you_email", on=date(2026, 10, 13), subject=c("thanks_subject"))
    tracker.log(friend, "referral", on=date(2026, 10, 13), to=c("referral_to"))
    tracker.save_plan(friend, {"questions": [c("question_text")]}, title=c("plan_title"))
    tracker.add_target(c("organisation"), contact=c("target_contact"), notes=c("target_notes"))
    return c


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


ALLOWED_KEYS = (
    set(participant_summary_keys())
    | set(STAGES)
    | set(KINDS)
    | set(ROUTES)
    | {"contacted", "replied", "rate", "median", "replies", "reached", "count", "of"}
)


def test_the_summary_holds_nothing_personal(tracker: Tracker, tmp_path: Path) -> None:
    """Every text field holds a canary; none, and no email or id, reaches the summary file."""
    canaries = _fill_with_canaries(tracker)
    path = export_summary(tracker, tmp_path / "summary.json", today=TODAY)
    text = path.read_text("utf-8")
    data = json.loads(text)

    assert data["people"] == 6 and data["reply_rates"]["cold"]["contacted"] > 0  # not vacuous
    assert len(canaries.used) > 50
    leaked = [canary for canary in canaries.used if canary in text]
    assert leaked == []
    assert "canary" not in text and "zq0" not in text
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "an email-like string leaked"
    assert "example.org" not in text and "http" not in text
    assert _keys(data) <= ALLOWED_KEYS, _keys(data) - ALLOWED_KEYS
    assert not {"id", "person_id", "name", "email", "via", "to"} & _keys(data)
    vocabulary = set(STAGES) | set(KINDS) | set(ROUTES) | set(MILESTONE_KEYS)
    for value in _strings(data):
        assert (
            value in vocabulary
            or value in {"infoview-participant-summary", TODAY.isoformat(), "0.1.0"}
            or re.fullmatch(r"[0-9a-f]{16}", value)
        ), f"unexpected text in the summary: {value!r}"


def test_the_cli_summary_holds_nothing_personal(tracker: Tracker, tmp_path: Path) -> None:
    """The file written by `infoview export summary` passes the same canary check."""
    from infoview.cli import main

    canaries = _fill_with_canaries(tracker)
    target = tmp_path / "from-cli.json"
    assert main(["export", "summary", str(target), "--tracker", str(tracker.path)]) == 0
    text = target.read_text("utf-8")
    assert [c for c in canaries.used if c in text] == []
    assert read_summary(target)["people"] == 6


def test_tokens_are_random_and_unlinkable(tracker: Tracker) -> None:
    """Two exports of the same tracker carry different participant tokens."""
    first = participant_summary(tracker, today=TODAY)["participant"]
    second = participant_summary(tracker, today=TODAY)["participant"]
    assert first != second and re.fullmatch(r"[0-9a-f]{16}", first)


# ---------------------------------------------------------------- one participant's numbers


def test_participant_summary_counts_routes_replies_and_waits(tracker: Tracker) -> None:
    """Cold and warm are told apart; answers include a no and a meeting; waits are in days."""
    at = lambda day, hour=12: datetime(2026, 1, day, hour, tzinfo=UTC)  # noqa: E731
    tracker.set_profile(name="Jo", synopsis="one line")
    ana = tracker.add_person("Ana")  # cold, answers after 2 days
    tracker.log(ana, "outreach", on=at(1))
    tracker.log(ana, "reply", on=at(3))
    bo = tracker.add_person("Bo", source="warm")  # introduced, a meeting after 4 days
    tracker.log(bo, "introduced", on=at(2))
    tracker.log(bo, "scheduled", on=at(6))
    cy = tracker.add_person("Cy")  # cold, never answers
    tracker.log(cy, "outreach", on=at(1))
    tracker.log(cy, "reminder", on=at(12))
    di = tracker.add_person("Di", source="linkedin")  # written to through a friend: warm
    tracker.log(di, "outreach", on=at(1), route="warm")
    tracker.log(di, "declined", on=at(3, 0))
    tracker.add_person("Ed")  # only identified

    summary = participant_summary(tracker, today=date(2026, 1, 14), token="abcdef0123456789")  # noqa: S106 - a made-up participant token
    assert summary["participant"] == "abcdef0123456789"
    assert summary["people"] == 5 and summary["touches"] == 8
    assert summary["reply_rates"] == {
        "cold": {"contacted": 2, "replied": 1, "rate": 0.5},
        "warm": {"contacted": 2, "replied": 2, "rate": 1.0},
    }
    assert summary["days_to_first_reply"] == {"median": 2.0, "replies": 3}  # 2, 4 and 1.5
    assert summary["stages"]["identified"] == 1
    assert summary["stages"]["replied"] == 1
    assert summary["stages"]["scheduled"] == 1
    assert summary["stages"]["declined"] == 1
    assert summary["stages"]["reminded"] == 1
    assert sum(summary["stages"].values()) == 5
    assert summary["touch_kinds"]["outreach"] == 3 and summary["touch_kinds"]["gift"] == 0
    assert summary["milestones"] == {
        "reached": ["profile", "outreach", "meeting"],
        "count": 3,
        "of": 5,
    }


def test_an_empty_tracker_gives_an_empty_summary(tracker: Tracker) -> None:
    """A participant who did nothing yet still exports a valid summary of zeros."""
    summary = participant_summary(tracker, today=TODAY)
    assert summary["people"] == 0 and summary["milestones"]["count"] == 0
    assert summary["days_to_first_reply"] == {"median": None, "replies": 0}
    assert summary["reply_rates"]["cold"] == {"contacted": 0, "replied": 0, "rate": None}


# ---------------------------------------------------------------- the cohort report


def _hand_made(
    token: str, people: int, milestones: list[str], cold: tuple[int, int], warm: tuple[int, int]
) -> dict[str, Any]:
    replied = cold[1] + warm[1]
    days = {"a1": [], "b2": [1.0, 3.0, 5.0], "c3": [2.0, 6.0]}[token[:2]]
    return build_summary(
        token=token,
        version="0.1.0",
        as_of=TODAY,
        people=people,
        touches=cold[0] + warm[0] + replied,
        question_plans=0,
        stages={
            "identified": people - cold[0] - warm[0],
            "contacted": cold[0] + warm[0] - replied,
            "replied": replied,
        },
        touch_kinds={"outreach": cold[0] + warm[0], "reply": replied},
        reply_rates={"cold": rate(*cold), "warm": rate(*warm)},
        days=days,
        milestones=milestones,
    )


@pytest.fixture
def summary_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "summaries"
    folder.mkdir()
    cohort = [
        _hand_made("a1000000", 2, ["profile"], (0, 0), (0, 0)),
        _hand_made("b2000000", 9, ["profile", "outreach", "questions"], (4, 1), (2, 2)),
        _hand_made("c3000000", 12, list(MILESTONE_KEYS), (6, 2), (1, 0)),
    ]
    for summary in cohort:
        (folder / f"{summary['participant']}.json").write_text(json.dumps(summary), "utf-8")
    return folder


def test_cohort_report_adds_up_exactly(summary_folder: Path) -> None:
    """Histogram, reach, pooled reply rates and the median wait match hand-made summaries."""
    report = cohort_report([summary_folder])
    assert report.participants == 3
    assert report.sources == ("a1000000.json", "b2000000.json", "c3000000.json")
    assert report.milestone_histogram().to_dict() == {0: 0, 1: 1, 2: 0, 3: 1, 4: 0, 5: 1}
    assert report.milestone_reach().tolist() == [3, 2, 2, 1, 1]
    rates = report.reply_rates()
    assert rates.loc["cold"].to_dict() == {
        "participants": 2,
        "contacted": 10,
        "replied": 3,
        "rate": 0.3,
    }
    assert rates.loc["warm", "contacted"] == 3 and rates.loc["warm", "replied"] == 2
    assert rates.loc["warm", "rate"] == pytest.approx(2 / 3)
    assert report.median_days_to_first_reply == 3.5  # medians 3.0 and 4.0
    assert report.stage_totals()["identified"] == 2 + 3 + 5
    assert repr(report) == (
        "CohortReport(3 participants): 1 reached all five milestones; "
        "cold reply rate 30% (3/10); warm reply rate 67% (2/3); "
        "median wait for a first reply 3.5 days"
    )
    frame = report.frame()
    assert frame["replied_cold"].tolist() == [0, 1, 2]
    assert frame["median_days_to_reply"].isna().tolist() == [True, False, False]


def test_cohort_report_takes_files_folders_and_loaded_summaries(summary_folder: Path) -> None:
    """A list of files, a folder, and dicts already in memory give the same report."""
    files = sorted(summary_folder.glob("*.json"))
    loaded = [json.loads(f.read_text("utf-8")) for f in files]
    by_files, by_folder = cohort_report(files), cohort_report([summary_folder])
    by_dicts = cohort_report(loaded)
    for report in (by_files, by_dicts):
        assert report.reply_rates().equals(by_folder.reply_rates())
        assert report.milestone_histogram().equals(by_folder.milestone_histogram())


def test_cohort_figures_show_the_numbers(summary_folder: Path) -> None:
    """The charts' bars are the report's numbers, and the HTML embeds both with alt text."""
    report = cohort_report([summary_folder])
    bars = [p.get_height() for p in report.milestones_figure().axes[0].patches]
    assert bars == [0, 1, 0, 1, 0, 1]
    rate_bars = report.reply_rates_figure().axes[0].patches
    heights = [p.get_height() for p in rate_bars if p.get_width() < 1]  # the band is wider
    assert heights == pytest.approx([30.0, 200 / 3])
    page = report._repr_html_()
    assert page.count("<img") == 2
    assert "Reply rates: cold 3 of 10; warm 2 of 3" in page
    assert "Cohort summary: 3 participants" in page


def test_an_empty_cohort_reports_calmly() -> None:
    """No summaries: zero participants, a friendly HTML line, no crash."""
    report = cohort_report([])
    assert report.participants == 0
    assert "No summaries yet" in report._repr_html_()
    assert "no replies" in repr(report)


def test_generated_summaries_are_valid_and_repeatable() -> None:
    """The same seed gives the same cohort; every generated summary validates."""
    first = generate_summaries(30, seed=7, as_of=TODAY)
    assert first == generate_summaries(30, seed=7, as_of=TODAY)
    assert first != generate_summaries(30, seed=8, as_of=TODAY)
    assert len(first) == 30 and len({s["participant"] for s in first}) == 30
    for summary in first:
        assert validate_summary(summary)["people"] == summary["people"]
    report = cohort_report(first)
    warm, cold = report.reply_rates().loc["warm", "rate"], report.reply_rates().loc["cold", "rate"]
    assert warm > cold  # the model answers warm emails more often


# ---------------------------------------------------------------- bad files


def _good() -> dict[str, Any]:
    return _hand_made("b2000000", 9, ["profile", "outreach"], (4, 1), (2, 2))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: {**d, "name": "Ana Ruiz"}, "unexpected field 'name'"),
        (lambda d: {**d, "schema": "something"}, "not a participant summary"),
        (lambda d: {**d, "schema_version": 99}, "made by a newer infoview"),
        (lambda d: {k: v for k, v in d.items() if k != "stages"}, "missing field 'stages'"),
        (lambda d: {**d, "participant": "Ana Ruiz"}, "random token"),
        (lambda d: {**d, "people": 10}, "do not add up"),
        (lambda d: {**d, "people": -1}, "people must be a whole number"),
        (lambda d: {**d, "stages": {**d["stages"], "hired": 1}}, "unknown name 'hired'"),
        (
            lambda d: {**d, "reply_rates": {**d["reply_rates"], "cold": rate(1, 2)}},
            "replied must be a count no larger than contacted",
        ),
        (
            lambda d: {**d, "milestones": {"reached": ["hired"]}},
            "unknown milestone 'hired'",
        ),
        (lambda d: {**d, "as_of": "yesterday"}, "as_of must be a date"),
        (lambda d: [d], "expected a JSON object"),
    ],
)
def test_bad_summaries_are_refused_with_the_file_named(
    tmp_path: Path, change: Any, message: str
) -> None:
    """Each kind of damage gives one clear error that names the file."""
    path = tmp_path / "bad-summary.json"
    path.write_text(json.dumps(change(_good())), "utf-8")
    with pytest.raises(ImportProblem, match=re.escape(message)) as caught:
        cohort_report([path])
    assert str(path) in str(caught.value)


def test_files_that_are_not_summaries_are_refused(tmp_path: Path) -> None:
    """Broken JSON names its line; binary, missing files and empty folders are explained."""
    broken = tmp_path / "broken.json"
    broken.write_text('{\n "schema": \n}', "utf-8")
    with pytest.raises(ImportProblem, match=r"broken\.json, line 3: .*invalid JSON"):
        read_summary(broken)
    binary = tmp_path / "tracker.sqlite"
    binary.write_bytes(b"SQLite format 3\x00\xff\xfe")
    with pytest.raises(ImportProblem, match="not UTF-8"):
        read_summary(binary)
    with pytest.raises(ImportProblem, match="no such file"):
        cohort_report([tmp_path / "missing.json"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportProblem, match=r"holds no \.json summary files"):
        cohort_report([empty])
    big = tmp_path / "big.json"
    big.write_text(" " * 300_000, "utf-8")
    with pytest.raises(ImportProblem, match="too large"):
        read_summary(big)


def test_the_summary_file_names_the_milestones_progress_counts() -> None:
    """The summary format fixes its milestone names; they are progress's, in its order."""
    from infoview.formats.summary import MILESTONE_KEYS
    from infoview.progress import MILESTONES

    assert tuple(key for key, _, _ in MILESTONES) == MILESTONE_KEYS
