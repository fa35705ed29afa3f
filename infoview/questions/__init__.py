"""Step 2, drafting questions: a plan that builds, fits the time, and never asks for a job.

Every name here comes from a smaller module: ``plan`` (:func:`plan_questions`, the
:class:`QuestionPlan`, its check, the sheet and the self-check), ``bank`` (the question
bank), ``text`` (filling slots, spotting a job ask), ``checks`` (the plan's findings) and
``views`` (the plan as HTML, Markdown and a printable sheet).

>>> asks_for_job("Are you hiring at the moment?")
'Are you hiring'
"""

from __future__ import annotations

from infoview.questions.bank import Category, Phase, Question, load_bank
from infoview.questions.plan import (
    PlannedQuestion,
    QuestionPlan,
    Suggestion,
    check_plan,
    latest_plan,
    plan_questions,
    save_sheet,
    self_check,
    who_to_prepare_for,
)
from infoview.questions.text import asks_for_job

__all__ = [
    "Category",
    "Phase",
    "PlannedQuestion",
    "Question",
    "QuestionPlan",
    "Suggestion",
    "asks_for_job",
    "check_plan",
    "latest_plan",
    "load_bank",
    "plan_questions",
    "save_sheet",
    "self_check",
    "who_to_prepare_for",
]
