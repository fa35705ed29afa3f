"""The checks behind ``check_plan``: each returns one finding against a rule in rules.toml.

>>> from infoview.questions import plan_questions
>>> from infoview.rules import policy
>>> [f.status.value for f in findings(plan_questions(["story.path"]), policy())]
['fail', 'warn', 'pass', 'pass', 'pass']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview.question_bank import Phase
from infoview.question_views import fill_for, minutes_text
from infoview.rules import Finding, Policy, Status, finding

if TYPE_CHECKING:
    from infoview.questions import QuestionPlan

__all__ = ["findings"]


def findings(plan: QuestionPlan, rules: Policy) -> list[Finding]:
    """Count, order, build, no job ask, and time: one finding each, passes included."""
    return [
        _count(plan, rules),
        _phases(plan, rules),
        _builds(plan, rules),
        _no_job(plan, rules),
        _time(plan, rules),
    ]


def _count(plan: QuestionPlan, rules: Policy) -> Finding:
    low = int(rules["questions.count"].number("min_questions"))
    high = int(rules["questions.count"].number("max_questions"))
    n = len(plan)
    if n < low:
        return finding(
            rules,
            "questions.count",
            Status.FAIL,
            f"{n} question{'s' if n != 1 else ''} so far; prepare at least {low} so the "
            "conversation never runs dry",
        )
    if n > high:
        return finding(
            rules,
            "questions.count",
            Status.WARN,
            f"{n} questions; {low} to {high} is the usual range. Keep the extras as spares "
            "and put your must-ask questions first",
        )
    return finding(rules, "questions.count", Status.PASS, f"{n} questions: a good number")


def _phases(plan: QuestionPlan, rules: Policy) -> Finding:
    phases = {item.question.phase for item in plan}
    missing = []
    if Phase.OPENING not in phases:
        missing.append("an opening question about their story and path")
    if Phase.CLOSING not in phases:
        missing.append("a closing question, such as who else you could talk to")
    if missing:
        return finding(rules, "questions.order", Status.WARN, "Add " + " and ".join(missing))
    return finding(
        rules,
        "questions.order",
        Status.PASS,
        "Opens with their story and closes with resources and who else to talk to",
    )


def _builds(plan: QuestionPlan, rules: Policy) -> Finding:
    asked: set[str] = set()
    chosen = set(plan.ids)
    for item in plan:
        later = [r for r in item.question.builds_on if r in chosen and r not in asked]
        if later:
            return finding(
                rules,
                "questions.build",
                Status.WARN,
                f"Question {item.number} builds on one that comes later; ask that one first",
                item.text,
            )
        asked.add(item.question.id)
    if plan.suggestions:
        first = plan.suggestions[0].question
        return finding(
            rules,
            "questions.build",
            Status.PASS,
            "Each question follows the ones it builds on. To build up to them, you could "
            f"also ask: “{fill_for(plan, first.text)}”",
        )
    return finding(
        rules, "questions.build", Status.PASS, "Each question follows the ones it builds on"
    )


def _no_job(plan: QuestionPlan, rules: Policy) -> Finding:
    asking = [item for item in plan if item.job_ask]
    if asking:
        return finding(
            rules,
            "questions.no_job",
            Status.FAIL,
            f"Question {asking[0].number} asks for a job. Ask what they know, and who else "
            "to talk to, instead",
            asking[0].job_ask,
        )
    return finding(rules, "questions.no_job", Status.PASS, "Nothing asks for a job")


def _time(plan: QuestionPlan, rules: Policy) -> Finding:
    used = minutes_text(plan.total_minutes)
    have = minutes_text(plan.minutes)
    over = [item for item in plan if not item.fits]
    late_must = [item for item in over if item.must_ask]
    if late_must:
        return finding(
            rules,
            "questions.time",
            Status.WARN,
            f"{len(plan)} questions need about {used} minutes but you have {have}; must-ask "
            f"question {late_must[0].number} would not be reached. Drop one or two before it",
            late_must[0].text,
        )
    if over:
        return finding(
            rules,
            "questions.time",
            Status.WARN,
            f"{len(plan)} questions need about {used} minutes but you have {have}; "
            + ("the last one is a spare" if len(over) == 1 else f"the last {len(over)} are spares")
            + " if time allows",
        )
    return finding(
        rules,
        "questions.time",
        Status.PASS,
        f"About {used} of your {have} minutes, at "
        f"{minutes_text(plan.minutes_per_question)} minutes a question"
        if plan.items
        else f"Nothing to time yet: you have {have} minutes",
    )
