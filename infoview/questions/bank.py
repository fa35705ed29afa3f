"""The question bank: questions written for this kit, and a line of questioning that builds.

Each question has a category (story, day-to-day, the TIARA five), a phase of the
conversation (opening, core, closing), the questions it ``builds_on``, and follow-up
prompts. The bank ships as ``resources/questions.toml`` and is checked when it loads.

>>> bank = load_bank()
>>> len(bank) >= 80
True
>>> bank["day.typical_week"].builds_on
('story.path',)
>>> [q.id for q in order_questions([bank["day.typical_week"], bank["story.path"]], bank)]
['story.path', 'day.typical_week']
"""

from __future__ import annotations

import difflib
import hashlib
import heapq
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Self

from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.questions.text import fill_slots
from infoview.validation import clean_text

MAX_QUESTION_CHARS = 300
SLOTS = ("company", "role", "field")
_SLOT = re.compile(r"\{(\w+)\}")
_ID = re.compile(r"^[\w.-]{1,60}$")
_RECORD_KEYS = {"id", "category", "phase", "builds_on", "text", "follow_ups"}


class _Choice(StrEnum):
    @classmethod
    def parse(cls, value: object, what: str = "") -> Self:
        if isinstance(value, cls):
            return value
        wanted = re.sub(r"[^a-z]", "", str(value).lower())
        for member in cls:
            if wanted == re.sub(r"[^a-z]", "", member.value):
                return member
        raise InvalidChoiceError(what or cls.__name__.lower(), value, [m.value for m in cls])

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Category(_Choice):
    """What a question is about: their story, their days, or Dalton's TIARA five."""

    STORY = "story"
    DAY_TO_DAY = "day-to-day"
    TRENDS = "trends"
    INSIGHTS = "insights"
    ADVICE = "advice"
    RESOURCES = "resources"
    ASSIGNMENTS = "assignments"


class Phase(_Choice):
    """Where in the conversation a question belongs."""

    OPENING = "opening"
    CORE = "core"
    CLOSING = "closing"

    @property
    def rank(self) -> int:
        return list(Phase).index(self)


@dataclass(frozen=True)
class Question:
    """One question. Write your own with ``Question("...", phase="core", category="advice")``.

    Text may use the slots ``{company}``, ``{role}`` and ``{field}``. Your own questions get
    an id starting ``mine-`` unless you give one.
    """

    text: str
    category: Category = Category.INSIGHTS
    phase: Phase = Phase.CORE
    id: str = ""
    builds_on: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    custom: bool = True

    def __post_init__(self) -> None:
        text = clean_text(self.text, "a question")
        if not text:
            raise InvalidValueError("a question needs some text")
        if len(text) > MAX_QUESTION_CHARS:
            raise InvalidValueError(
                f"that question is {len(text)} characters long; keep it under "
                f"{MAX_QUESTION_CHARS} so the person can hold it in mind"
            )
        set_ = object.__setattr__
        set_(self, "text", text)
        set_(self, "category", Category.parse(self.category, "category"))
        set_(self, "phase", Phase.parse(self.phase, "phase"))
        set_(self, "builds_on", tuple(str(ref) for ref in self.builds_on))
        follow_ups = (clean_text(f, "a follow-up") for f in self.follow_ups)
        set_(self, "follow_ups", tuple(f for f in follow_ups if f))
        if not self.id:
            set_(self, "id", "mine-" + hashlib.sha1(text.encode()).hexdigest()[:8])  # noqa: S324
        if not _ID.match(self.id):
            raise InvalidValueError(
                f"question id {self.id!r} may only use letters, digits, '.', '_' and '-'"
            )

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "category": self.category.value,
            "phase": self.phase.value,
            "builds_on": list(self.builds_on),
            "follow_ups": list(self.follow_ups),
            "custom": self.custom,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Question:
        return cls(
            text=data["text"],
            category=data["category"],
            phase=data["phase"],
            id=data["id"],
            builds_on=tuple(data.get("builds_on", ())),
            follow_ups=tuple(data.get("follow_ups", ())),
            custom=bool(data.get("custom", True)),
        )


class QuestionBank(Mapping[str, Question]):
    """The checked bank, by id, in the order the file lists them (most useful first)."""

    def __init__(self, questions: Sequence[Question], origin: str = "questions.toml") -> None:
        self._questions = {q.id: q for q in questions}
        self._index = {qid: n for n, qid in enumerate(self._questions)}
        self.origin = origin

    def __getitem__(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except KeyError:
            raise InvalidValueError(unknown_id_message(question_id, self._questions)) from None

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._questions

    def __iter__(self) -> Iterator[str]:
        return iter(self._questions)

    def __len__(self) -> int:
        return len(self._questions)

    def in_category(self, category: Category | str | None) -> tuple[Question, ...]:
        """The questions of one category (all of them for None or "all")."""
        if category is None or category == "all":
            return tuple(self._questions.values())
        wanted = Category.parse(category, "category")
        return tuple(q for q in self._questions.values() if q.category is wanted)

    def position(self, question_id: str) -> int:
        """Where a question sits in the bank (the bank lists the most useful first)."""
        return self._index.get(question_id, len(self))

    def __repr__(self) -> str:
        counts = ", ".join(f"{c.value} {len(self.in_category(c))}" for c in Category)
        return f"QuestionBank({len(self)} questions: {counts})"

    def _repr_html_(self) -> str:
        from infoview.questions.views import bank_html

        return bank_html(self)


def unknown_id_message(question_id: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(question_id, list(known), n=3)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"there is no question {question_id!r} in the bank{hint} (see load_bank() for all ids)"


# ---------------------------------------------------------------- loading and checking


@cache
def _default_bank() -> QuestionBank:
    text = resources.files("infoview.resources").joinpath("questions.toml").read_text("utf-8")
    return bank_from_toml(text, "questions.toml")


def load_bank(path: str | Path | None = None) -> QuestionBank:
    """The kit's question bank, or a bank of your own from a TOML file in the same format."""
    if path is None:
        return _default_bank()
    path = Path(path).expanduser()
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InvalidValueError(f"cannot read the question bank {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise InvalidValueError(
            f"{path} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8"
        ) from None
    return bank_from_toml(text, str(path))


def bank_from_toml(text: str, origin: str) -> QuestionBank:
    """Parse and check a bank: every field valid, no duplicates, no unknown ids, no cycles."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidValueError(f"{origin} is not valid TOML: {exc}") from None
    records = data.get("question")
    if not isinstance(records, list) or not records:
        raise InvalidValueError(f"{origin} has no [[question]] tables")
    questions = [_from_record(record, origin, n) for n, record in enumerate(records, 1)]
    _check_unique(questions, origin)
    known = {q.id: q for q in questions}
    for question in questions:
        for ref in question.builds_on:
            if ref not in known:
                raise InvalidValueError(
                    f"{origin}: question {question.id!r} builds on {ref!r}, which is not in "
                    f"the bank{_close_hint(ref, known)}"
                )
            if known[ref].phase.rank > question.phase.rank:
                raise InvalidValueError(
                    f"{origin}: question {question.id!r} ({question.phase.value}) builds on "
                    f"{ref!r}, a later {known[ref].phase.value} question"
                )
    cycle = find_cycle(known)
    if cycle:
        raise InvalidValueError(
            f"{origin}: questions build on each other in a circle: {' -> '.join(cycle)}"
        )
    return QuestionBank(questions, origin)


def _close_hint(ref: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(ref, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _from_record(record: object, origin: str, number: int) -> Question:
    where = f"{origin}: question {number}"
    if not isinstance(record, dict):
        raise InvalidValueError(f"{where} is not a table")
    unknown = sorted(set(record) - _RECORD_KEYS)
    missing = sorted(_RECORD_KEYS - {"builds_on"} - set(record))
    if unknown or missing:
        problem = f"unknown key {unknown[0]!r}" if unknown else f"missing {missing[0]!r}"
        raise InvalidValueError(f"{where} ({record.get('id', '?')}): {problem}")
    where = f"{origin}: question {record['id']!r}"
    follow_ups, builds_on = record["follow_ups"], record.get("builds_on", [])
    if not isinstance(follow_ups, list) or not 1 <= len(follow_ups) <= 2:
        raise InvalidValueError(f"{where} needs one or two follow_ups")
    if not isinstance(builds_on, list):
        raise InvalidValueError(f"{where}: builds_on must be a list of ids")
    for piece in (record["text"], *follow_ups):
        bad = [slot for slot in _SLOT.findall(str(piece)) if slot not in SLOTS]
        if bad:
            raise InvalidValueError(
                f"{where} uses the slot {{{bad[0]}}}; the slots are {', '.join(SLOTS)}"
            )
    try:
        return Question(
            text=record["text"],
            category=Category.parse(record["category"], f"category of {where}"),
            phase=Phase.parse(record["phase"], f"phase of {where}"),
            id=str(record["id"]),
            builds_on=tuple(builds_on),
            follow_ups=tuple(follow_ups),
            custom=False,
        )
    except InvalidChoiceError:
        raise
    except InvalidValueError as exc:
        raise InvalidValueError(f"{where}: {exc}") from None


def _check_unique(questions: Sequence[Question], origin: str) -> None:
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, str] = {}
    for number, question in enumerate(questions, 1):
        if question.id in seen_ids:
            raise InvalidValueError(
                f"{origin}: question id {question.id!r} appears twice "
                f"(questions {seen_ids[question.id]} and {number})"
            )
        seen_ids[question.id] = number
        key = question.text.casefold()
        if key in seen_texts:
            raise InvalidValueError(
                f"{origin}: questions {seen_texts[key]!r} and {question.id!r} have the same text"
            )
        seen_texts[key] = question.id


def find_cycle(questions: Mapping[str, Question]) -> list[str]:
    """A circle of ``builds_on`` links (first id repeated at the end), or [] when none."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    path: list[str] = []

    def visit(qid: str) -> list[str]:
        state[qid] = 1
        path.append(qid)
        for ref in questions[qid].builds_on:
            if ref not in questions:
                continue
            if state.get(ref) == 1:
                return [*path[path.index(ref) :], ref]
            if ref not in state:
                found = visit(ref)
                if found:
                    return found
        state[qid] = 2
        path.pop()
        return []

    for qid in questions:
        if qid not in state:
            found = visit(qid)
            if found:
                return found
    return []


# ---------------------------------------------------------------- a line that builds


def prerequisites(question: Question, known: Mapping[str, Question]) -> set[str]:
    """Every id ``question`` builds on, directly or through others (ids in ``known`` only)."""
    found: set[str] = set()
    stack = [ref for ref in question.builds_on if ref in known]
    while stack:
        ref = stack.pop()
        if ref in found:
            continue
        found.add(ref)
        stack.extend(r for r in known[ref].builds_on if r in known and r not in found)
    return found


def stage(question: Question) -> int:
    """Where a question falls in the line: story, the role and the field, advice, who else."""
    if question.phase is Phase.CORE and question.category is Category.ADVICE:
        return 2
    return {Phase.OPENING: 0, Phase.CORE: 1, Phase.CLOSING: 3}[question.phase]


def order_questions(selected: Sequence[Question], bank: QuestionBank) -> tuple[Question, ...]:
    """The questions in a line that builds: phases in order, nothing before what it builds on.

    Within the core, advice follows the questions about the role and the field. The order
    is otherwise the one given (a stable topological order), so moving a question is kept
    unless it would break a link.
    """
    chosen = {q.id: q for q in selected}
    known: dict[str, Question] = {**bank, **chosen}
    needs: dict[str, set[str]] = {}
    for question in chosen.values():
        for ref in question.builds_on:
            if ref not in known:
                raise InvalidValueError(
                    f"the question {question.text!r} builds on {ref!r}, which is neither in "
                    "the bank nor in your plan"
                )
        needs[question.id] = prerequisites(question, known) & set(chosen)
        later = [r for r in needs[question.id] if chosen[r].phase.rank > question.phase.rank]
        if later:
            raise InvalidValueError(
                f"the {question.phase.value} question {question.text!r} builds on "
                f"{chosen[later[0]].text!r}, a {chosen[later[0]].phase.value} question; "
                "a question can only build on one asked earlier"
            )
    index = {qid: n for n, qid in enumerate(chosen)}
    waiting = {qid: len(refs) for qid, refs in needs.items()}
    followers: dict[str, list[str]] = {qid: [] for qid in chosen}
    for qid, refs in needs.items():
        for ref in refs:
            followers[ref].append(qid)
    ready = [(stage(chosen[q]), index[q], q) for q, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    line: list[Question] = []
    while ready:
        _, _, qid = heapq.heappop(ready)
        line.append(chosen[qid])
        for follower in followers[qid]:
            waiting[follower] -= 1
            if waiting[follower] == 0:
                heapq.heappush(ready, (stage(chosen[follower]), index[follower], follower))
    if len(line) < len(chosen):
        stuck = [chosen[q].text for q in chosen if waiting[q] > 0]
        raise InvalidValueError(f"these questions build on each other in a circle: {stuck}")
    return tuple(line)


def order_conflict(
    first: Question,
    second: Question,
    known: Mapping[str, Question],
    *,
    slots: Mapping[str, str | None] | None = None,
) -> str:
    """Why ``first`` cannot be asked before ``second`` ("" when it can).

    ``slots`` (company, role, field) fill the questions quoted in the explanation.
    """
    one, two = (_short(fill_slots(q.text, **(slots or {}))) for q in (first, second))
    if first.phase.rank > second.phase.rank:
        return (
            f"“{one}” is {_article(first.phase)} {first.phase.value} question, "
            f"so it comes after {second.phase.value} questions such as “{two}”."
        )
    if second.id in prerequisites(first, {**known, first.id: first, second.id: second}):
        return (
            f"“{one}” builds on “{two}”, so it stays after it: "
            "the answer to the one gives you the footing for the other."
        )
    if stage(first) > stage(second):
        return (
            f"“{one}” asks for advice, and advice lands better after the "
            f"questions about the role and the field, such as “{two}”."
        )
    return ""


def _article(phase: Phase) -> str:
    return "an" if phase.value[0] in "aeiou" else "a"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
