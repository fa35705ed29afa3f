"""Step 2, drafting questions: a plan that builds, fits the time, and never asks for a job.

>>> plan = plan_questions(
...     ["resources.who_else", "advice.in_my_shoes", "day.typical_week", "story.path",
...      "trends.changing"],
...     minutes=20,
...     person={"name": "Ana Ruiz", "company": "Acme", "role": "Data Steward"},
... )
>>> [item.question.id for item in plan]
['story.path', 'day.typical_week', 'trends.changing', 'advice.in_my_shoes', 'resources.who_else']
>>> plan.items[0].text
'How did you come to work as Data Steward at Acme?'
>>> plan.total_minutes, plan.fits
(12.5, True)
>>> check_plan(plan).ok
True
>>> plan_questions(["story.path", "Are you hiring at the moment?"]).items[1].job_ask
'Are you hiring'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.clock import resolve_today
from infoview.errors import InfoviewError, InvalidValueError
from infoview.model import Person
from infoview.questions import views
from infoview.questions.bank import (
    Category,
    Question,
    QuestionBank,
    load_bank,
    order_questions,
)
from infoview.questions.checks import findings
from infoview.questions.text import asks_for_job, fill_slots
from infoview.rules import Finding, Policy, Review, Status, finding, policy
from infoview.workspace import output_path, unused_path, write_atomic

if TYPE_CHECKING:
    from infoview.tracker import Tracker


MAX_QUESTIONS = 25
MUST_ASK_COUNT = 3
# When picking must-ask questions: one from each category, in this order of value.
MUST_ASK_ORDER = (
    Category.ADVICE,
    Category.RESOURCES,
    Category.INSIGHTS,
    Category.TRENDS,
    Category.ASSIGNMENTS,
    Category.DAY_TO_DAY,
    Category.STORY,
)
PLAN_FORMAT = "infoview.question_plan/1"


@dataclass(frozen=True)
class PlannedQuestion:
    """One question in a plan: its words for this person, its time slot, and its flags."""

    question: Question
    number: int
    text: str
    follow_ups: tuple[str, ...]
    start: float
    minutes: float
    fits: bool
    must_ask: bool
    job_ask: str

    @property
    def end(self) -> float:
        return self.start + self.minutes


@dataclass(frozen=True)
class Suggestion:
    """A question worth adding because chosen questions build on it."""

    question: Question
    needed_by: tuple[str, ...]


@dataclass(frozen=True)
class QuestionPlan:
    """An ordered, timed list of questions for one conversation."""

    items: tuple[PlannedQuestion, ...]
    minutes: float
    minutes_per_question: float
    person_id: int | None = None
    person_name: str = ""
    company: str = ""
    role: str = ""
    field: str = ""
    suggestions: tuple[Suggestion, ...] = ()
    warnings: tuple[Finding, ...] = ()

    def __iter__(self) -> Iterator[PlannedQuestion]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.question.id for item in self.items)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(item.question for item in self.items)

    @property
    def total_minutes(self) -> float:
        return len(self.items) * self.minutes_per_question

    @property
    def fits(self) -> bool:
        return all(item.fits for item in self.items)

    @property
    def title(self) -> str:
        who = self.person_name or "your next conversation"
        return f"Questions for {who}"

    def __repr__(self) -> str:
        lines = [f"{self.title}: {views.summary_line(self)}"]
        for item in self.items:
            flags = " [must ask]" if item.must_ask else ""
            flags += "" if item.fits else " [no time]"
            flags += f" [asks for a job: {item.job_ask}]" if item.job_ask else ""
            lines.append(f"  {item.number}. {views.clock(item.start)} {item.text}{flags}")
        lines += [f"  {warning}" for warning in self.warnings]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return views.plan_html(self)

    def to_markdown(self) -> str:
        """The plan as Markdown, grouped by phase, with follow-ups and timings."""
        return views.plan_markdown(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, for ``tracker.save_plan(person_id, plan.to_dict())``."""
        return {
            "format": PLAN_FORMAT,
            "minutes": self.minutes,
            "minutes_per_question": self.minutes_per_question,
            "person": {
                "id": self.person_id,
                "name": self.person_name,
                "company": self.company,
                "role": self.role,
                "field": self.field,
            },
            # "text" and "follow_ups" are the words for this person; the templates follow.
            "questions": [
                {
                    **item.question.to_dict(),
                    "text": item.text,
                    "follow_ups": list(item.follow_ups),
                    "template": item.question.text,
                    "follow_up_templates": list(item.question.follow_ups),
                    "must_ask": item.must_ask,
                    "job_ask": item.job_ask,
                }
                for item in self.items
            ],
            "suggestions": [
                {**s.question.to_dict(), "needed_by": list(s.needed_by)} for s in self.suggestions
            ],
            "warnings": [
                {
                    "rule": w.rule,
                    "status": w.status.value,
                    "message": w.message,
                    "source": w.source,
                    "excerpt": w.excerpt,
                    "title": w.title,
                }
                for w in self.warnings
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuestionPlan:
        """A plan read back from :meth:`to_dict` (as the tracker stores it)."""
        if not isinstance(data, Mapping) or data.get("format") != PLAN_FORMAT:
            raise InvalidValueError("this is not a question plan saved by infoview")
        try:
            person, per = data["person"], float(data["minutes_per_question"])
            minutes = float(data["minutes"])
            items = tuple(
                _planned(
                    Question.from_dict(
                        {**q, "text": q["template"], "follow_ups": q["follow_up_templates"]}
                    ),
                    n,
                    text=q["text"],
                    follow_ups=tuple(q["follow_ups"]),
                    per=per,
                    minutes=minutes,
                    must_ask=bool(q["must_ask"]),
                    job_ask=str(q["job_ask"]),
                )
                for n, q in enumerate(data["questions"])
            )
            suggestions = tuple(
                Suggestion(Question.from_dict(s), tuple(s["needed_by"]))
                for s in data["suggestions"]
            )
            warnings = tuple(
                Finding(
                    w["rule"],
                    Status(w["status"]),
                    w["message"],
                    w["source"],
                    w["excerpt"],
                    str(w.get("title", "")),  # plans saved before titles were kept have none
                )
                for w in data["warnings"]
            )
            person_id = None if person["id"] is None else int(person["id"])
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, InfoviewError):
                raise
            raise InvalidValueError(f"this saved question plan is damaged ({exc!r})") from None
        return cls(
            items,
            minutes,
            per,
            person_id,
            str(person["name"]),
            str(person["company"]),
            str(person["role"]),
            str(person["field"]),
            suggestions,
            warnings,
        )


def _planned(
    question: Question,
    index: int,
    *,
    text: str,
    follow_ups: tuple[str, ...],
    per: float,
    minutes: float,
    must_ask: bool,
    job_ask: str,
) -> PlannedQuestion:
    return PlannedQuestion(
        question=question,
        number=index + 1,
        text=text,
        follow_ups=follow_ups,
        start=index * per,
        minutes=per,
        fits=(index + 1) * per <= minutes + 1e-9,
        must_ask=must_ask,
        job_ask=job_ask,
    )


# ---------------------------------------------------------------- planning


def plan_questions(
    selected: Iterable[str | Question] | str | Question,
    *,
    minutes: float = 30,
    person: Person | Mapping[str, Any] | None = None,
    rules: Policy | None = None,
    field: str | None = None,
    must_ask: Sequence[str] | None = None,
    bank: QuestionBank | None = None,
) -> QuestionPlan:
    """Order, time and check the questions you chose for one conversation.

    ``selected`` holds bank ids, your own :class:`Question` values, or plain text (taken
    as your own core question). ``person`` is a tracker ``Person`` or a dict with name,
    company, role (and field); ``field`` defaults to the person's. ``must_ask`` names up
    to three questions to mark; by default the kit picks three from the most valuable
    categories. Nothing you pass is changed.
    """
    rules = rules if rules is not None else policy()
    bank = bank if bank is not None else load_bank()
    chosen = _resolve(selected, bank)
    if len(chosen) > MAX_QUESTIONS:
        raise InvalidValueError(
            f"{len(chosen)} questions is more than one conversation can hold; keep it to "
            f"{MAX_QUESTIONS} at most (about 12 fit in 30 minutes)"
        )
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 5 <= minutes <= 180:
        raise InvalidValueError(f"minutes must be a number from 5 to 180 (got {minutes!r})")
    facts = _person_facts(person, field)
    line = order_questions(chosen, bank)
    slots = {k: facts[k] for k in ("company", "role", "field")}
    job_asks = {q.id: asks_for_job(fill_slots(q.text, **slots)) for q in line}
    marked = _must_ask([q for q in line if not job_asks[q.id]], must_ask, bank)
    per = rules["questions.time"].number("minutes_per_question")
    items = tuple(
        _planned(
            q,
            n,
            text=fill_slots(q.text, **slots),
            follow_ups=tuple(fill_slots(f, **slots) for f in q.follow_ups),
            per=per,
            minutes=float(minutes),
            must_ask=q.id in marked,
            job_ask=job_asks[q.id],
        )
        for n, q in enumerate(line)
    )
    plan = QuestionPlan(
        items=items,
        minutes=float(minutes),
        minutes_per_question=per,
        person_id=facts["id"],
        person_name=facts["name"] or "",
        company=facts["company"] or "",
        role=facts["role"] or "",
        field=facts["field"] or "",
        suggestions=_missing_prerequisites(line, bank),
    )
    warnings = tuple(f for f in findings(plan, rules) if f.status is not Status.PASS)
    return replace(plan, warnings=warnings)


def _resolve(
    selected: Iterable[str | Question] | str | Question, bank: QuestionBank
) -> list[Question]:
    if isinstance(selected, str | Question):
        selected = [selected]
    chosen: dict[str, Question] = {}
    for entry in selected:
        if isinstance(entry, Question):
            question = entry
        elif isinstance(entry, str) and entry.strip() in bank:
            question = bank[entry.strip()]
        elif isinstance(entry, str) and (" " in entry.strip() or entry.strip().endswith("?")):
            question = Question(entry)
        elif isinstance(entry, str):
            question = bank[entry.strip()]  # raises with "did you mean"
        else:
            raise InvalidValueError(
                f"pick questions by bank id, as Question values, or as text (got {entry!r})"
            )
        chosen.setdefault(question.id, question)
    return list(chosen.values())


def _person_facts(person: Person | Mapping[str, Any] | None, field: str | None) -> dict[str, Any]:
    facts: dict[str, Any] = {"id": None, "name": None, "company": None, "role": None}
    if isinstance(person, Person):
        facts.update(id=person.id, name=person.name, company=person.company, role=person.role)
    elif isinstance(person, Mapping):
        for key in ("name", "company", "role", "field"):
            value = person.get(key)
            if value is not None and not isinstance(value, str):
                raise InvalidValueError(f"person {key} must be text (got {value!r})")
            facts[key] = value
        facts["id"] = person.get("id")
    elif person is not None:
        raise InvalidValueError(
            f"person must be someone from tracker.person(id) or a dict (got {person!r})"
        )
    facts["field"] = field if field is not None else facts.get("field")
    return {k: v.strip() if isinstance(v, str) else v for k, v in facts.items()}


def _must_ask(
    line: Sequence[Question], wanted: Sequence[str] | None, bank: QuestionBank
) -> set[str]:
    ids = [q.id for q in line]
    if wanted is not None:
        wanted = [wanted] if isinstance(wanted, str) else list(wanted)
        missing = [w for w in wanted if w not in ids]
        if missing:
            raise InvalidValueError(
                f"must_ask names {missing[0]!r}, which is not in the plan (or asks for a job)"
            )
        if len(set(wanted)) > MUST_ASK_COUNT:
            raise InvalidValueError(f"pick at most {MUST_ASK_COUNT} must-ask questions")
        return set(wanted)
    marked: list[str] = []
    # Your own questions first (you wrote them for this person), then the bank's order.
    ranked = sorted(line, key=lambda q: (not q.custom, bank.position(q.id), ids.index(q.id)))
    while len(marked) < min(MUST_ASK_COUNT, len(line)):
        for category in MUST_ASK_ORDER:
            pick = next((q for q in ranked if q.category is category and q.id not in marked), None)
            if pick is not None and len(marked) < MUST_ASK_COUNT:
                marked.append(pick.id)
    return set(marked)


def _missing_prerequisites(line: Sequence[Question], bank: QuestionBank) -> tuple[Suggestion, ...]:
    chosen = {q.id for q in line}
    needed: dict[str, list[str]] = {}
    for question in line:
        for ref in question.builds_on:
            if ref not in chosen and ref in bank:
                needed.setdefault(ref, []).append(question.id)
    ordered = sorted(needed, key=bank.position)
    return tuple(Suggestion(bank[ref], tuple(needed[ref])) for ref in ordered)


# ---------------------------------------------------------------- checking


def check_plan(plan: QuestionPlan, rules: Policy | None = None) -> Review:
    """Friendly feedback on a plan: enough questions, a start and an end, no job ask, on time."""
    rules = rules if rules is not None else policy()
    return Review(findings=tuple(findings(plan, rules)), title=f"Check: {plan.title}")


# ---------------------------------------------------------------- the tracker and files


def latest_plan(tracker: Tracker, person_id: int | None = None) -> QuestionPlan | None:
    """The plan saved last for a person (or for anyone), or None when there is none."""
    plans = tracker.plans(person_id)
    if plans.empty:
        return None
    return QuestionPlan.from_dict(plans["plan"].iloc[-1])


def self_check(tracker: Tracker, rules: Policy | None = None) -> Review:
    """Feedback on the plan you saved last (the last cell of notebook 02 runs this)."""
    rules = rules if rules is not None else policy()
    title = "Self-check: your question plan"
    try:
        plan = latest_plan(tracker)
    except InvalidValueError as exc:
        return Review((finding(rules, "questions.prepare", Status.FAIL, str(exc)),), title)
    if plan is None:
        return Review(
            (
                finding(
                    rules,
                    "questions.prepare",
                    Status.FAIL,
                    "No saved plan yet: build one in the question builder and press "
                    "“Save plan”, then run this cell again",
                ),
            ),
            title,
        )
    if plan.person_id is None:
        who = finding(
            rules,
            "questions.prepare",
            Status.WARN,
            "Your latest plan is not for anyone in particular; pick the person you will meet, "
            "so notebook 04 can show these questions beside your notes",
        )
    else:
        who = finding(rules, "questions.prepare", Status.PASS, f"Saved: {plan.title}")
    review = check_plan(plan, rules)
    return Review((who, *review.findings), f"Self-check: {plan.title}")


def save_sheet(
    plan: QuestionPlan,
    *,
    name: str | None = None,
    folder: Path | None = None,
    today: date | None = None,
) -> Path:
    """Write a printable one-page sheet (HTML) into the workspace's ``sheets`` folder.

    An older sheet of the same name is kept: the new one gets ``-2``, ``-3``...
    """
    day = resolve_today(today)
    default = f"questions-{plan.person_name or 'plan'}-{day.isoformat()}"
    path = unused_path(output_path("sheets", name or default, ".html", folder=folder))
    return write_atomic(path, views.sheet_html(plan, today=day))


def who_to_prepare_for(tracker: Tracker, today: date | None = None) -> Person | None:
    """The person you most likely need questions for: a meeting set, else a recent reply."""
    journey = tracker.journey(today=today)
    for stage in ("scheduled", "replied"):
        rows = journey[journey["stage"] == stage]
        if not rows.empty:
            latest = rows.sort_values("last_touch", ascending=False).iloc[0]
            return tracker.person(int(latest["person_id"]))
    return None
