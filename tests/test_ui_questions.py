"""The question builder widget, driven without a browser: set values, click, check effects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview.questions import latest_plan
from infoview.tracker import Tracker
from infoview.ui.questions import QuestionBuilder
from tests.test_ui_common import link_bytes

FIVE = (
    "resources.who_else",
    "advice.in_my_shoes",
    "trends.changing",
    "day.typical_week",
    "story.path",
)


@pytest.fixture
def tracker(tracker: Tracker) -> Tracker:
    """The shared empty tracker, with a learner exploring UX research."""
    tracker.set_profile(name="Maya", field="UX research")
    return tracker


@pytest.fixture
def ana(tracker: Tracker) -> int:
    return tracker.add_person("Ana Ruiz", company="Acme", role="Data Steward")


def _add(builder: QuestionBuilder, *ids: str) -> None:
    builder.bank_list.value = ids
    builder.add_button.click()


def test_empty_tracker_shows_a_friendly_note_and_still_plans(tracker: Tracker) -> None:
    """With nobody in the tracker the builder says what to do and plans with fallbacks."""
    builder = QuestionBuilder(tracker)
    assert "Nobody in your tracker yet" in builder.empty_note.value
    assert builder.person.options == (("— choose someone —", None),)
    assert "No questions yet" in builder.plan_view.value
    _add(builder, "story.path")
    assert (
        builder.plan.items[0].text == "How did you come to work in your role at your organisation?"
    )


def test_builder_picks_the_person_with_a_meeting(tracker: Tracker, ana: int) -> None:
    """The person with a meeting set is chosen to start with."""
    bo = tracker.add_person("Bo Chen")
    tracker.log(bo, "scheduled", on=date(2026, 11, 20))
    builder = QuestionBuilder(tracker)
    assert builder.person.value == bo
    assert builder.empty_note.value == ""


def test_adding_from_the_bank_orders_the_plan(tracker: Tracker, ana: int) -> None:
    """Five picked questions come out story first, who-else last, filled for the person."""
    builder = QuestionBuilder(tracker)
    builder.person.value = ana
    _add(builder, *FIVE)
    assert builder.plan.ids == (
        "story.path",
        "trends.changing",
        "day.typical_week",
        "advice.in_my_shoes",
        "resources.who_else",
    )
    assert builder.plan_list.options[0] == (
        "1. How did you come to work as Data Steward at Acme?",
        "story.path",
    )
    assert "What is changing fastest in UX research right now?" in builder.plan_view.value
    assert "Added 5 questions" in builder.status.value
    assert not set(FIVE) & {value for _, value in builder.bank_list.options}


def test_adding_nothing_says_how_to_pick(tracker: Tracker) -> None:
    """Clicking add with nothing picked explains how to pick."""
    builder = QuestionBuilder(tracker)
    builder.add_button.click()
    assert "Pick one or more questions" in builder.status.value
    assert len(builder.plan) == 0


def test_category_filter_limits_the_bank_list(tracker: Tracker) -> None:
    """Choosing a category shows only that category's questions."""
    builder = QuestionBuilder(tracker)
    builder.category.value = "trends"
    assert "iv-bank-trends" in builder.bank_list._dom_classes
    shown = [value for _, value in builder.bank_list.options]
    assert shown
    assert all(value.startswith("trends.") for value in shown)
    builder.category.value = "all"
    assert len(builder.bank_list.options) == len(builder.bank)


def test_own_question_is_added_with_its_tags(tracker: Tracker) -> None:
    """Your own question keeps the phase and category you gave it, and the box clears."""
    builder = QuestionBuilder(tracker)
    _add(builder, "story.path", "resources.who_else")
    builder.custom_text.value = "What would you change about how {company} hires researchers?"
    builder.custom_phase.value = "closing"
    builder.custom_category.value = "insights"
    builder.add_custom_button.click()
    mine = builder.plan.items[2].question
    assert mine.custom
    assert (mine.phase.value, mine.category.value) == ("closing", "insights")
    assert builder.custom_text.value == ""
    assert "Added your question" in builder.status.value
    builder.custom_text.value = "What would you change about how {company} hires researchers?"
    builder.add_custom_button.click()
    assert "already in your plan" in builder.status.value
    assert len(builder.plan) == 3


def test_own_question_asking_for_a_job_is_flagged(tracker: Tracker) -> None:
    """A job ask is added but flagged at once, with what to ask instead."""
    builder = QuestionBuilder(tracker)
    builder.custom_text.value = "Could you refer me for a position?"
    builder.add_custom_button.click()
    assert "asks for a job" in builder.status.value
    assert builder.plan.items[0].job_ask == "refer me for a position"
    assert "Asks for a job" in builder.plan_view.value


def test_empty_own_question_shows_an_error_and_adds_nothing(tracker: Tracker) -> None:
    """An empty question is refused inline."""
    builder = QuestionBuilder(tracker)
    builder.custom_text.value = "   "
    builder.add_custom_button.click()
    assert "needs some text" in builder.status.value
    assert len(builder.plan) == 0


def test_move_that_breaks_a_link_is_explained_and_refused(tracker: Tracker) -> None:
    """Moving a question above the one it builds on keeps the order and says why."""
    builder = QuestionBuilder(tracker)
    _add(builder, "trends.changing", "trends.five_years")
    builder.plan_list.value = "trends.five_years"
    builder.up_button.click()
    assert builder.plan.ids == ("trends.changing", "trends.five_years")
    assert "builds on" in builder.status.value
    assert "What is changing fastest in UX research right now?" in builder.status.value


def test_move_across_phases_is_explained(tracker: Tracker) -> None:
    """A closing question cannot move above a core one, and the status says so."""
    builder = QuestionBuilder(tracker)
    _add(builder, "day.remote", "resources.who_else")
    builder.plan_list.value = "resources.who_else"
    builder.up_button.click()
    assert builder.plan.ids == ("day.remote", "resources.who_else")
    assert "closing question" in builder.status.value


def test_free_moves_change_the_order(tracker: Tracker) -> None:
    """Unlinked questions of one stage move up and down freely."""
    builder = QuestionBuilder(tracker)
    _add(builder, "day.remote", "day.culture", "day.team")
    builder.plan_list.value = "day.team"
    builder.up_button.click()
    assert builder.plan.ids == ("day.remote", "day.team", "day.culture")
    builder.down_button.click()
    builder.down_button.click()
    assert builder.plan.ids == ("day.remote", "day.culture", "day.team")
    assert "already at that end" in builder.status.value
    assert builder.plan_list.value == "day.team"


def test_move_without_a_pick_asks_for_one(tracker: Tracker) -> None:
    """Up with nothing picked asks the learner to pick a question first."""
    builder = QuestionBuilder(tracker)
    _add(builder, "day.remote")
    builder.plan_list.value = None
    builder.up_button.click()
    assert "Pick a question in your plan first" in builder.status.value


def test_must_ask_toggle_marks_and_unmarks(tracker: Tracker) -> None:
    """The star button swaps the kit's must-ask picks for the learner's, three at most."""
    builder = QuestionBuilder(tracker)
    _add(builder, *FIVE)
    kit_picks = {i.question.id for i in builder.plan if i.must_ask}
    assert kit_picks == {"advice.in_my_shoes", "resources.who_else", "trends.changing"}
    builder.plan_list.value = "story.path"
    builder.must_button.click()
    assert "Three must-ask questions at most" in builder.status.value
    builder.plan_list.value = "trends.changing"
    builder.must_button.click()
    builder.plan_list.value = "story.path"
    builder.must_button.click()
    assert {i.question.id for i in builder.plan if i.must_ask} == {
        "advice.in_my_shoes",
        "resources.who_else",
        "story.path",
    }
    assert builder.plan_list.options[0][0].startswith("1. ★ ")


def test_remove_takes_a_question_out(tracker: Tracker) -> None:
    """Remove drops the picked question and it returns to the bank list."""
    builder = QuestionBuilder(tracker)
    _add(builder, "day.remote", "day.team")
    builder.plan_list.value = "day.remote"
    builder.remove_button.click()
    assert builder.plan.ids == ("day.team",)
    assert "day.remote" in {value for _, value in builder.bank_list.options}


def test_minutes_and_person_update_the_plan_live(tracker: Tracker, ana: int) -> None:
    """Changing the minutes or the person re-plans at once."""
    builder = QuestionBuilder(tracker)
    _add(builder, *FIVE)
    builder.minutes.value = 10
    assert builder.plan.minutes == 10
    assert "questions.time" in {w.rule for w in builder.plan.warnings}
    builder.person.value = ana
    assert builder.plan.person_name == "Ana Ruiz"
    assert "Data Steward at Acme" in builder.plan_view.value


def test_save_stores_the_plan_for_the_person(tracker: Tracker, ana: int) -> None:
    """Save plan writes the plan to the tracker; it reads back equal."""
    builder = QuestionBuilder(tracker)
    builder.person.value = ana
    _add(builder, *FIVE)
    builder.save_button.click()
    assert latest_plan(tracker, ana) == builder.plan
    assert "Saved “Questions for Ana Ruiz”" in builder.saved.value


def test_save_without_a_person_warns(tracker: Tracker) -> None:
    """Saving with nobody picked works but says to pick the person."""
    builder = QuestionBuilder(tracker)
    _add(builder, *FIVE)
    builder.save_button.click()
    assert len(tracker.plans()) == 1
    assert "not for anyone in particular" in builder.saved.value


def test_save_with_no_questions_saves_nothing(tracker: Tracker) -> None:
    """An empty plan is not saved, and the learner is told why."""
    builder = QuestionBuilder(tracker)
    builder.save_button.click()
    builder.sheet_button.click()
    assert tracker.plans().empty
    assert "Add some questions" in builder.saved.value
    assert builder.saved_sheet is None


def test_sheet_is_saved_into_the_workspace_and_its_path_shown(
    tracker: Tracker, ana: int, workspace: Path
) -> None:
    """The sheet is written to the sheets folder, its path shown and a link offers it."""
    builder = QuestionBuilder(tracker)
    builder.person.value = ana
    _add(builder, *FIVE)
    builder.sheet_button.click()
    assert builder.saved_sheet is not None
    assert builder.saved_sheet.parent == (workspace / "sheets").resolve()
    assert builder.saved_sheet.name == "questions-Ana-Ruiz-2026-11-26.html"
    assert str(builder.saved_sheet) in builder.saved.value
    assert link_bytes(builder.saved.value) == builder.saved_sheet.read_bytes()
    assert "How did you come to work as Data Steward at Acme?" in builder.saved_sheet.read_text()


def test_hostile_names_are_escaped_in_the_widget(tracker: Tracker) -> None:
    """A name or company carrying HTML never reaches the page as markup."""
    pid = tracker.add_person("<img src=x onerror=alert(1)>", company="<b>Evil</b>")
    builder = QuestionBuilder(tracker)
    builder.person.value = pid
    _add(builder, "story.path")
    builder.custom_text.value = "<script>alert(1)</script>?"
    builder.add_custom_button.click()
    for shown in (builder.plan_view.value, builder.status.value):
        assert "<img" not in shown
        assert "<script" not in shown
        assert "<b>Evil" not in shown


def test_builder_displays_as_a_widget(tracker: Tracker) -> None:
    """The builder shows itself through its root box in Jupyter."""
    bundle = QuestionBuilder(tracker)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # type: ignore[operator]
