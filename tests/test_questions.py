"""Planning questions: order, time, slots, the job-ask flag, saving, checking and the sheet."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.errors import InvalidValueError
from infoview.questions import (
    QuestionPlan,
    check_plan,
    latest_plan,
    plan_questions,
    save_sheet,
    self_check,
    who_to_prepare_for,
)
from infoview.questions.bank import Phase, Question, load_bank
from infoview.questions.views import sheet_layout
from infoview.rules import Status, policy
from infoview.tracker import Tracker

BANK = load_bank()
GOOD = [
    "story.path",
    "day.typical_week",
    "trends.changing",
    "insights.wish_knew",
    "advice.in_my_shoes",
    "resources.who_else",
]
# Twelve questions with no links between them that would pull in others.
TWELVE = [
    "story.drew_you",
    "story.before",
    "day.team",
    "day.success",
    "day.culture",
    "day.remote",
    "trends.players",
    "trends.regulation",
    "insights.misconception",
    "advice.courses",
    "resources.follow",
    "resources.who_else",
]


# ---------------------------------------------------------------- order and suggestions


def test_plan_puts_the_line_in_order() -> None:
    """Story first, the role and field next, then advice, and who else to talk to last."""
    shuffled = [GOOD[i] for i in (5, 4, 1, 2, 3, 0)]
    plan = plan_questions(shuffled)
    assert plan.ids == tuple(GOOD)
    assert [item.number for item in plan] == [1, 2, 3, 4, 5, 6]
    assert next(item.question.phase for item in plan) is Phase.OPENING
    assert plan.items[-1].question.phase is Phase.CLOSING


def _visible_text(markup: str) -> str:
    """What a browser shows of some HTML: the text outside tags, attributes left out."""
    return re.sub(r"<[^>]+>", " ", markup)


def test_plan_suggests_missing_prerequisites() -> None:
    """A question whose footing is missing brings a suggestion naming who needs it."""
    plan = plan_questions(["day.time_split", "day.best_part", "story.drew_you"])
    suggested = {s.question.id: s.needed_by for s in plan.suggestions}
    assert suggested == {"day.typical_week": ("day.time_split", "day.best_part")}
    assert "Roughly how is your time split" in plan._repr_html_()
    assert "questions 2 and 3 build on it" in plan._repr_html_()
    assert "day.typical_week" not in _visible_text(plan._repr_html_())


def test_plan_drops_repeats_and_accepts_text_and_question_values() -> None:
    """The same id twice counts once; plain text and Question values become your own."""
    mine = Question("What would you ask in my place?", phase="closing", category="advice")
    plan = plan_questions(["story.path", "story.path", "What keeps you curious?", mine])
    assert len(plan) == 3
    assert plan.items[1].question.custom
    assert plan.items[1].question.phase is Phase.CORE
    assert plan.items[2].question == mine


def test_unknown_ids_and_odd_values_are_explained() -> None:
    """A typo in an id or a value of the wrong type gives a learner's error."""
    with pytest.raises(InvalidValueError, match=r"did you mean 'story\.path'"):
        plan_questions(["story.pat"])
    with pytest.raises(InvalidValueError, match="pick questions by bank id"):
        plan_questions([42])  # type: ignore[list-item]


def test_plan_never_changes_what_it_was_given() -> None:
    """The caller's list and person dict are unchanged, and a re-run gives an equal plan."""
    picked = list(reversed(GOOD))
    person = {"name": "Ana Ruiz", "company": "Acme", "role": None}
    first = plan_questions(picked, person=person)
    assert picked == list(reversed(GOOD))
    assert person == {"name": "Ana Ruiz", "company": "Acme", "role": None}
    assert plan_questions(picked, person=person) == first


# ---------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("minutes", "count", "fits"),
    [
        (30, 12, True),
        (30, 11, True),
        (30, 13, False),
        (20, 8, True),
        (20, 9, False),
        (25, 10, True),
    ],
)
def test_time_budget_boundaries(minutes: int, count: int, fits: bool) -> None:
    """At 2.5 minutes a question, 12 fit 30 minutes and 8 fit 20; one more does not."""
    ids = [*TWELVE, "day.balance"][:count]
    plan = plan_questions(ids, minutes=minutes)
    assert plan.total_minutes == count * 2.5
    assert plan.fits is fits
    assert check_plan(plan).status_of("questions.time") is (Status.PASS if fits else Status.WARN)
    assert ("questions.time" in {w.rule for w in plan.warnings}) is not fits


def test_each_question_has_a_time_slot_and_spares_are_marked() -> None:
    """Starts go up by 2.5 minutes; the questions past the end are spares."""
    plan = plan_questions(TWELVE[:10], minutes=20, must_ask=[])
    assert [item.start for item in plan][:3] == [0.0, 2.5, 5.0]
    assert [item.fits for item in plan] == [True] * 8 + [False] * 2
    assert "the last 2 are spares" in check_plan(plan)["questions.time"].message


def test_minutes_per_question_comes_from_the_rules() -> None:
    """An advisor's 3 minutes a question makes 11 questions too many for 30 minutes."""
    rules = policy().adjust("questions.time", minutes_per_question=3)
    assert plan_questions(TWELVE[:10], rules=rules).fits
    assert not plan_questions(TWELVE[:11], rules=rules).fits


@pytest.mark.parametrize("minutes", [0, 4, -5, 200, "30", True, float("nan")])
def test_odd_meeting_lengths_are_refused(minutes: object) -> None:
    """Minutes must be a number from 5 to 180."""
    with pytest.raises(InvalidValueError, match="minutes must be a number"):
        plan_questions(GOOD, minutes=minutes)  # type: ignore[arg-type]


def test_too_many_questions_are_refused() -> None:
    """More than 25 questions is not a plan for one conversation."""
    with pytest.raises(InvalidValueError, match="25 at most"):
        plan_questions(list(BANK)[:26])


@pytest.mark.parametrize(
    ("count", "status"),
    [(0, Status.FAIL), (4, Status.FAIL), (5, Status.PASS), (10, Status.PASS), (11, Status.WARN)],
)
def test_question_count_boundaries(count: int, status: Status) -> None:
    """Fewer than five must be fixed; more than ten is a caution; five to ten is right."""
    plan = plan_questions(TWELVE[:count])
    assert check_plan(plan).status_of("questions.count") is status


# ---------------------------------------------------------------- slots


def test_slots_fill_from_a_tracker_person(tracker: Tracker) -> None:
    """A tracker Person fills company and role; the plan remembers who it is for."""
    pid = tracker.add_person("Ana Ruiz", company="Acme", role="Data Steward")
    plan = plan_questions(
        ["story.path", "story.drew_you"], person=tracker.person(pid), field="data"
    )
    assert plan.items[0].text == "How did you come to work as Data Steward at Acme?"
    assert plan.items[1].text == "What first drew you to data?"
    assert (plan.person_id, plan.person_name, plan.title) == (
        pid,
        "Ana Ruiz",
        "Questions for Ana Ruiz",
    )


def test_missing_person_data_reads_naturally(tracker: Tracker) -> None:
    """No person, or one without company and role, gets readable fallbacks."""
    pid = tracker.add_person("Bo Chen")
    for person in (None, tracker.person(pid), {"name": "Bo Chen", "company": "  "}):
        plan = plan_questions(["story.path", "story.drew_you"], person=person)
        assert plan.items[0].text == "How did you come to work in your role at your organisation?"
        assert plan.items[1].text == "What first drew you to your field?"
    assert plan_questions(GOOD).title == "Questions for your next conversation"


def test_dict_person_may_bring_the_field_and_bad_values_are_refused() -> None:
    """A dict's field fills {field}; a field argument wins; non-text values are refused."""
    person = {"name": "Ana", "field": "service design"}
    assert (
        plan_questions(["story.drew_you"], person=person).items[0].text.endswith("service design?")
    )
    assert (
        plan_questions(["story.drew_you"], person=person, field="UX").items[0].text.endswith("UX?")
    )
    with pytest.raises(InvalidValueError, match="person company must be text"):
        plan_questions(GOOD, person={"company": 3})
    with pytest.raises(InvalidValueError, match="person must be someone"):
        plan_questions(GOOD, person="Ana")  # type: ignore[arg-type]


# ---------------------------------------------------------------- asking for a job and must-ask


def test_a_job_ask_is_flagged_and_fails_the_check() -> None:
    """Your own question asking for a job is flagged in the plan and fails the check."""
    plan = plan_questions(
        [*GOOD, Question("Could you refer me for a position at {company}?")],
        person={"company": "Acme"},
    )
    flagged = [item for item in plan if item.job_ask]
    assert [item.job_ask for item in flagged] == ["refer me for a position"]
    review = check_plan(plan)
    assert review.status_of("questions.no_job") is Status.FAIL
    assert review["questions.no_job"].excerpt == "refer me for a position"
    assert not review.ok
    assert not flagged[0].must_ask
    assert "Asks for a job" in plan._repr_html_()


def test_three_must_ask_questions_from_the_most_valuable_categories() -> None:
    """By default advice, who-else and an insight are the must-ask three."""
    plan = plan_questions(GOOD)
    assert {i.question.id for i in plan if i.must_ask} == {
        "advice.in_my_shoes",
        "resources.who_else",
        "insights.wish_knew",
    }
    assert sum(i.must_ask for i in plan_questions(GOOD[:2])) == 2


def test_learner_can_name_the_must_ask_questions() -> None:
    """must_ask names up to three questions in the plan; others are explained."""
    plan = plan_questions(GOOD, must_ask=["story.path"])
    assert [i.question.id for i in plan if i.must_ask] == ["story.path"]
    assert not any(i.must_ask for i in plan_questions(GOOD, must_ask=[]))
    with pytest.raises(InvalidValueError, match="not in the plan"):
        plan_questions(GOOD, must_ask=["day.remote"])
    with pytest.raises(InvalidValueError, match="at most 3"):
        plan_questions(GOOD, must_ask=GOOD[:4])


def test_a_must_ask_question_past_the_time_is_warned_about() -> None:
    """If time would run out before a must-ask question, the time check says which."""
    plan = plan_questions(TWELVE, minutes=20)
    message = check_plan(plan)["questions.time"].message
    assert "must-ask question 9 would not be reached" in message
    assert check_plan(plan)["questions.time"].excerpt == plan.items[8].text


# ---------------------------------------------------------------- checking


def test_a_good_plan_passes_every_check() -> None:
    """Six questions, story to who-else, no job ask, on time: all pass."""
    review = check_plan(plan_questions(GOOD))
    assert review.ok
    assert {f.status for f in review} == {Status.PASS}
    assert [f.rule for f in review] == [
        "questions.count",
        "questions.order",
        "questions.build",
        "questions.no_job",
        "questions.time",
    ]


def test_missing_opening_and_closing_are_pointed_out() -> None:
    """Without a story question or a closing question the order check asks for them."""
    review = check_plan(plan_questions(TWELVE[2:10]))
    finding = review["questions.order"]
    assert finding.status is Status.WARN
    assert "opening question" in finding.message
    assert "closing question" in finding.message


def test_a_plan_edited_out_of_order_is_caught() -> None:
    """A saved plan whose order was changed by hand gets a build warning."""
    data = plan_questions(["story.path", "day.typical_week", *TWELVE[2:6]]).to_dict()
    data["questions"][0], data["questions"][1] = data["questions"][1], data["questions"][0]
    review = check_plan(QuestionPlan.from_dict(data))
    assert review.status_of("questions.build") is Status.WARN


# ---------------------------------------------------------------- values and saving


def test_round_trip_through_json_gives_an_equal_plan() -> None:
    """to_dict, JSON, from_dict: the same plan, warnings and suggestions included."""
    mine = Question("Is there a job for me?", phase="closing", category="resources")
    plan = plan_questions(
        [*TWELVE, "day.time_split", mine],
        minutes=25,
        person={"name": "Ana", "company": "Acme", "id": 4},
    )
    assert plan.warnings
    assert plan.suggestions
    assert QuestionPlan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(list(BANK)), unique=True, max_size=14),
    st.sampled_from([10, 20, 25, 30, 45]),
)
def test_round_trip_for_any_plan(ids: list[str], minutes: int) -> None:
    """Any plan survives to_dict/from_dict unchanged."""
    plan = plan_questions(ids, minutes=minutes, person={"name": "Bo", "role": "Lead"})
    assert QuestionPlan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


@pytest.mark.parametrize(
    "data", [{}, {"format": "something else"}, {"format": "infoview.question_plan/1"}, "text"]
)
def test_from_dict_refuses_what_is_not_a_plan(data: object) -> None:
    """Data that is not a saved plan, or is damaged, gives a clear error."""
    with pytest.raises(InvalidValueError, match="question plan"):
        QuestionPlan.from_dict(data)  # type: ignore[arg-type]


def test_saved_questions_carry_the_words_for_this_person() -> None:
    """In the saved data, "text" is what you will ask; the template is kept beside it."""
    plan = plan_questions(["story.path"], person={"company": "Acme", "role": "Data Steward"})
    saved = plan.to_dict()["questions"][0]
    assert saved["text"] == "How did you come to work as Data Steward at Acme?"
    assert saved["template"] == "How did you come to work as {role} at {company}?"
    assert saved["id"] == "story.path"


def test_saved_plan_reads_back_from_the_tracker(tracker: Tracker) -> None:
    """A plan saved with a person comes back as the latest plan for that person."""
    ana = tracker.add_person("Ana Ruiz", company="Acme")
    bo = tracker.add_person("Bo Chen")
    first = plan_questions(GOOD[:5], person=tracker.person(ana))
    second = plan_questions(GOOD, person=tracker.person(ana))
    for plan in (first, second):
        tracker.save_plan(ana, plan.to_dict(), title=plan.title)
    assert latest_plan(tracker, ana) == second
    assert latest_plan(tracker, bo) is None
    assert tracker.plans(ana)["title"].tolist() == ["Questions for Ana Ruiz"] * 2


def test_self_check_on_an_empty_tracker_says_what_to_do(tracker: Tracker) -> None:
    """With nothing saved, the self-check asks for a saved plan."""
    review = self_check(tracker)
    assert not review.ok
    assert "Save plan" in review["questions.prepare"].message


def test_self_check_reviews_the_latest_plan(tracker: Tracker) -> None:
    """The self-check reviews the plan saved last and says who it is for."""
    ana = tracker.add_person("Ana Ruiz")
    tracker.save_plan(None, plan_questions(GOOD[:2]).to_dict())
    review = self_check(tracker)
    assert review.status_of("questions.prepare") is Status.WARN
    assert review.status_of("questions.count") is Status.FAIL
    tracker.save_plan(ana, plan_questions(GOOD, person=tracker.person(ana)).to_dict())
    review = self_check(tracker)
    assert review.ok
    assert review.title == "Self-check: Questions for Ana Ruiz"


def test_self_check_reports_a_damaged_plan(tracker: Tracker) -> None:
    """A plan saved by something else is reported, not a crash."""
    tracker.save_plan(None, {"questions": ["?"]})
    assert "not a question plan" in self_check(tracker)["questions.prepare"].message


def test_who_to_prepare_for_prefers_a_set_meeting(tracker: Tracker) -> None:
    """Someone with a meeting set comes before someone who only replied; nobody gives None."""
    assert who_to_prepare_for(tracker) is None
    ana = tracker.add_person("Ana")
    bo = tracker.add_person("Bo")
    tracker.log(ana, "outreach", on=date(2026, 3, 1))
    tracker.log(ana, "reply", on=date(2026, 3, 4))
    assert who_to_prepare_for(tracker, today=date(2026, 3, 5)).id == ana  # type: ignore[union-attr]
    tracker.log(bo, "outreach", on=date(2026, 3, 1))
    tracker.log(bo, "scheduled", on=date(2026, 3, 2))
    assert who_to_prepare_for(tracker, today=date(2026, 3, 5)).id == bo  # type: ignore[union-attr]


# ---------------------------------------------------------------- showing and printing

NASTY = "<img src=x onerror=alert(1)>"


def test_html_markdown_and_repr_escape_what_the_learner_typed() -> None:
    """Names and own questions are escaped in HTML and Markdown; repr is plain text."""
    plan = plan_questions(
        [*GOOD, Question(f"Why {NASTY}?")], person={"name": NASTY, "company": "A&B"}
    )
    for shown in (plan._repr_html_(), plan.to_markdown()):
        assert "<img" not in shown
        assert "&lt;img src=x" in shown
    assert "A&amp;B" in plan._repr_html_()
    text = repr(plan)
    assert text.startswith(f"Questions for {NASTY}: 7 questions")
    assert "1. 0:00 How did you come to work in your role at A&B?" in text


def test_markdown_groups_by_phase_with_times_and_follow_ups() -> None:
    """The Markdown has a heading per phase, numbered questions, timings and follow-ups."""
    text = plan_questions(GOOD, minutes=20).to_markdown()
    assert text.startswith("# Questions for your next conversation\n")
    assert "## Opening: their story and path" in text
    assert "## Closing: resources and who else to talk to" in text
    assert "6. **Who else would you suggest I talk to, to learn more?** (12:30, must ask)" in text
    assert "   - Follow-up: May I mention that you suggested them?" in text


def test_empty_plan_shows_a_friendly_note() -> None:
    """A plan with no questions says what to do rather than showing an empty table."""
    plan = plan_questions([])
    assert "No questions yet" in plan._repr_html_()
    assert "No questions yet" in plan.to_markdown()


def test_sheet_is_written_inside_the_workspace(workspace: Path) -> None:
    """The sheet goes into the workspace's sheets folder, even with a hostile name."""
    plan = plan_questions(GOOD, person={"name": "Ana Ruiz", "company": "Acme"})
    path = save_sheet(plan, today=date(2026, 11, 26))
    assert path.parent == (workspace / "sheets").resolve()
    assert path.name == "questions-Ana-Ruiz-2026-11-26.html"
    odd = save_sheet(plan, name="../../etc/passwd")
    assert odd.parent == (workspace / "sheets").resolve()
    page = path.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "@page" in page
    assert page.count('class="notes"') == len(GOOD)
    assert "26 November 2026" in page
    assert "★ Must ask" in page


def test_sheet_escapes_and_marks_spares(workspace: Path) -> None:
    """A hostile name is escaped on the sheet; questions past the time say 'spare'."""
    plan = plan_questions(TWELVE, minutes=20, person={"name": NASTY})
    page = save_sheet(plan).read_text("utf-8")
    assert "<img" not in page
    assert page.count(">spare<") == 4


def test_sheet_layout_shrinks_to_fit_one_page() -> None:
    """Notes boxes shrink as questions are added; long plans drop to a smaller type."""
    sizes = [sheet_layout(plan_questions(TWELVE[:n])) for n in (5, 8, 12)]
    assert sizes[0][2] > sizes[1][2] > sizes[2][2] >= 9
    assert {zoom for *_, zoom in sizes} == {1.0}
    longest = [Question(f"{n} " + "Why does this matter so much to you? " * 7) for n in range(25)]
    font, follow_ups, notes, zoom = sheet_layout(plan_questions(longest))
    assert font < 10.5
    assert not follow_ups
    assert notes >= 5
    assert 0.4 < zoom < 1


def test_demo_persona_has_saved_plans_that_pass(tmp_path: Path) -> None:
    """The demo persona's saved plans read back for their people and pass the check."""
    from infoview.demo import open_demo

    demo = open_demo(today=date(2026, 11, 26), folder=tmp_path / "demo")
    plans = demo.plans()
    assert len(plans) == 2
    for person_id in plans["person_id"]:
        plan = latest_plan(demo, int(person_id))
        assert plan is not None
        assert plan.person_name == demo.person(int(person_id)).name
        assert check_plan(plan).ok
    assert any(item.question.custom for item in latest_plan(demo))  # type: ignore[union-attr]


def test_cli_prints_the_latest_plan_and_writes_its_sheet(
    tmp_path: Path, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`infoview questions` prints the latest plan; --sheet writes the page into the workspace."""
    from infoview.cli import main
    from infoview.demo import open_demo

    demo = open_demo(today=date(2026, 11, 26), folder=tmp_path / "demo")
    ama = int(demo.plans()["person_id"].iloc[0])
    assert main(["questions", "--tracker", str(demo.path)]) == 0
    assert capsys.readouterr().out.startswith("# Questions for Chloé Martin\n")
    assert main(["questions", "--person", str(ama), "--sheet", "--tracker", str(demo.path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Questions for Ama Owusu\n")
    assert f"Printable sheet: {(workspace / 'sheets').resolve()}" in out
    assert main(["questions", "--person", "999", "--tracker", str(demo.path)]) == 2
    assert main(["questions", "--tracker", str(tmp_path / "empty.sqlite")]) == 0
    assert "No question plan saved yet" in capsys.readouterr().out
