"""The question bank: checked on load, a line that builds, slots, and the job-ask flag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.questions.bank import (
    SLOTS,
    Category,
    Phase,
    Question,
    QuestionBank,
    load_bank,
    order_conflict,
    order_questions,
    prerequisites,
    stage,
)
from infoview.questions.text import asks_for_job, fill_slots

BANK = load_bank()
IDS = list(BANK)


def _toml(*records: str) -> str:
    return "\n".join(f"[[question]]\n{r}\n" for r in records)


def _record(qid: str, builds_on: str = "", **extra: str) -> str:
    fields = {
        "id": f'"{qid}"',
        "category": '"insights"',
        "phase": '"core"',
        "builds_on": f"[{builds_on}]",
        "text": f'"What about {qid} in {{field}}?"',
        "follow_ups": '["Why?"]',
        **extra,
    }
    return "\n".join(f"{k} = {v}" for k, v in fields.items())


def _load(tmp_path: Path, text: str) -> QuestionBank:
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    return load_bank(path)


# ---------------------------------------------------------------- the shipped bank


def test_bank_has_at_least_80_questions_in_every_category_and_phase() -> None:
    """The bank holds 80+ questions and covers all seven categories and three phases."""
    assert len(BANK) >= 80
    assert {q.category for q in BANK.values()} == set(Category)
    assert {q.phase for q in BANK.values()} == set(Phase)
    assert len(BANK.in_category("trends")) == sum(
        q.category is Category.TRENDS for q in BANK.values()
    )


def test_every_bank_question_is_well_formed() -> None:
    """Each question has one or two follow-ups, known slots only, and links that exist."""
    for question in BANK.values():
        assert 1 <= len(question.follow_ups) <= 2, question.id
        assert not question.custom
        for piece in (question.text, *question.follow_ups):
            assert set(re.findall(r"\{(\w+)\}", piece)) <= set(SLOTS), question.id
        for ref in question.builds_on:
            assert BANK[ref].phase.rank <= question.phase.rank, question.id


def test_bank_fallback_wording_reads_naturally() -> None:
    """With no person data, every question still reads as English (no braces, no 'a your')."""
    for question in BANK.values():
        for piece in (question.text, *question.follow_ups):
            text = fill_slots(piece)
            assert "{" not in text, question.id
            assert not re.search(r"\b(a|an|the|as) your\b", text), (question.id, text)


def test_no_bank_question_asks_for_a_job() -> None:
    """The kit's own questions never trip the job-ask flag, filled in or not."""
    for question in BANK.values():
        filled = fill_slots(question.text, company="Acme", role="Head of Research", field="UX")
        assert asks_for_job(question.text) == "", question.id
        assert asks_for_job(filled) == "", question.id
        assert all(asks_for_job(f) == "" for f in question.follow_ups), question.id


def test_unknown_id_suggests_close_matches() -> None:
    """Asking for a misspelt id names the closest real ones."""
    with pytest.raises(InvalidValueError, match=r"did you mean 'story.path'"):
        BANK["story.pth"]


# ---------------------------------------------------------------- checking a bank file


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    """Two questions with one id give an error naming the id and both positions."""
    with pytest.raises(InvalidValueError, match=r"'a' appears twice \(questions 1 and 2\)"):
        _load(tmp_path, _toml(_record("a"), _record("a", text='"Another?"')))


def test_duplicate_text_is_refused(tmp_path: Path) -> None:
    """Two questions with the same words are a duplicate too."""
    same = '"Same words?"'
    with pytest.raises(InvalidValueError, match="same text"):
        _load(tmp_path, _toml(_record("a", text=same), _record("b", text=same)))


def test_unknown_builds_on_is_refused(tmp_path: Path) -> None:
    """A link to a missing id is an error that says which question and suggests a fix."""
    with pytest.raises(InvalidValueError, match=r"'b' builds on 'alpha'.*did you mean 'alpha1'"):
        _load(tmp_path, _toml(_record("alpha1"), _record("b", '"alpha"')))


@pytest.mark.parametrize(
    ("records", "circle"),
    [
        ((_record("a", '"a"'),), "a -> a"),
        ((_record("a", '"b"'), _record("b", '"a"')), "a -> b -> a"),
        ((_record("a", '"c"'), _record("b", '"a"'), _record("c", '"b"')), "a -> c -> b -> a"),
    ],
)
def test_cycles_are_refused_and_shown(
    tmp_path: Path, records: tuple[str, ...], circle: str
) -> None:
    """Questions that build on each other in a circle are an error showing the circle."""
    with pytest.raises(InvalidValueError, match=f"in a circle: {re.escape(circle)}"):
        _load(tmp_path, _toml(*records))


def test_building_on_a_later_phase_is_refused(tmp_path: Path) -> None:
    """An opening question cannot build on a closing one."""
    closing, opening = _record("a", phase='"closing"'), _record("b", '"a"', phase='"opening"')
    with pytest.raises(InvalidValueError, match="later closing question"):
        _load(tmp_path, _toml(closing, opening))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"category": '"gossip"'}, "category of .* must be one of story, day-to-day"),
        ({"phase": '"middle"'}, "phase of .* must be one of opening, core, closing"),
        ({"follow_ups": "[]"}, "one or two follow_ups"),
        ({"follow_ups": '["a", "b", "c"]'}, "one or two follow_ups"),
        ({"text": '"Where is {city}?"'}, r"uses the slot \{city\}"),
        ({"colour": '"red"'}, "unknown key 'colour'"),
    ],
)
def test_bad_fields_are_refused(tmp_path: Path, extra: dict[str, str], message: str) -> None:
    """Each malformed field gives an error that names the question and the problem."""
    with pytest.raises(InvalidValueError, match=message):
        _load(tmp_path, _toml(_record("a", **extra)))


def test_builds_on_must_be_a_list(tmp_path: Path) -> None:
    """A single id where a list belongs is explained."""
    text = _toml(_record("a")).replace("builds_on = []", 'builds_on = "x"')
    with pytest.raises(InvalidValueError, match="builds_on must be a list"):
        _load(tmp_path, text)


def test_not_toml_and_empty_files_are_refused(tmp_path: Path) -> None:
    """A file that is not TOML, or has no questions, says so."""
    with pytest.raises(InvalidValueError, match="not valid TOML"):
        _load(tmp_path, "[[question]\n")
    with pytest.raises(InvalidValueError, match=r"no \[\[question\]\] tables"):
        _load(tmp_path, "title = 'empty'\n")


def test_a_valid_custom_bank_loads(tmp_path: Path) -> None:
    """A small bank in the same format loads and keeps the file's order."""
    bank = _load(tmp_path, _toml(_record("a"), _record("b", '"a"')))
    assert list(bank) == ["a", "b"]
    assert bank["b"].builds_on == ("a",)


# ---------------------------------------------------------------- your own questions


def test_custom_question_parses_its_tags() -> None:
    """A learner's question accepts loose spellings of phase and category and gets an id."""
    question = Question("  What is a normal Monday like?  ", category="Day to day", phase="Core")
    assert question.text == "What is a normal Monday like?"
    assert question.category is Category.DAY_TO_DAY
    assert question.phase is Phase.CORE
    assert question.custom
    assert question.id.startswith("mine-")
    assert Question("What is a normal Monday like?").id == question.id


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"text": "   "}, InvalidValueError, "needs some text"),
        ({"text": "Why? " * 80}, InvalidValueError, "keep it under 300"),
        ({"text": "Why?", "phase": "middle"}, InvalidChoiceError, "phase must be one of"),
        ({"text": "Why?", "category": "chat"}, InvalidChoiceError, "category must be one of"),
        ({"text": "Why?", "id": "../x y"}, InvalidValueError, "may only use letters"),
        ({"text": "Line one\nline two"}, InvalidValueError, "single line"),
    ],
)
def test_custom_question_refuses_bad_input(
    kwargs: dict[str, str], error: type[Exception], message: str
) -> None:
    """Bad text, tags or ids give a learner's error."""
    with pytest.raises(error, match=message):
        Question(**kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- a line that builds

_SELECTIONS = st.lists(st.sampled_from(IDS), unique=True, min_size=0, max_size=30)


def _assert_builds(line: tuple[Question, ...], chosen: list[Question]) -> None:
    assert sorted(q.id for q in line) == sorted(q.id for q in chosen)
    ranks = [q.phase.rank for q in line]
    assert ranks == sorted(ranks), "phases out of order"
    assert [stage(q) for q in line] == sorted(stage(q) for q in line)
    position = {q.id: n for n, q in enumerate(line)}
    known = {**BANK, **{q.id: q for q in chosen}}
    for question in line:
        for ref in prerequisites(question, known):
            if ref in position:
                assert position[ref] < position[question.id], (ref, question.id)


@settings(max_examples=150, deadline=None)
@given(_SELECTIONS)
def test_order_respects_builds_on_for_any_selection(ids: list[str]) -> None:
    """Any pick of bank questions, in any order, comes out with phases in order and every
    question after all it builds on (directly or through others)."""
    chosen = [BANK[i] for i in ids]
    line = order_questions(chosen, BANK)
    _assert_builds(line, chosen)
    assert order_questions(list(line), BANK) == line, "ordering a built line changes nothing"


@settings(max_examples=100, deadline=None)
@given(
    _SELECTIONS,
    st.lists(
        st.tuples(st.sampled_from(list(Phase)), st.sampled_from(list(Category)), st.integers(0, 5)),
        max_size=4,
    ),
    st.randoms(use_true_random=False),
)
def test_order_respects_builds_on_with_custom_questions(
    ids: list[str], customs: list[tuple[Phase, Category, int]], rng: object
) -> None:
    """Own questions, some building on bank questions of their phase or earlier, fit the line."""
    chosen = [BANK[i] for i in ids]
    for n, (phase, category, pick) in enumerate(customs):
        earlier = [q.id for q in BANK.values() if q.phase.rank <= phase.rank]
        refs = (earlier[(pick * 7 + n) % len(earlier)],) if pick else ()
        chosen.append(Question(f"My question {n}?", category, phase, builds_on=refs))
    rng.shuffle(chosen)  # type: ignore[attr-defined]
    _assert_builds(order_questions(chosen, BANK), chosen)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_order_respects_links_in_any_acyclic_bank(data: st.DataObject) -> None:
    """On random banks (any acyclic links, phases never going backwards) the order holds."""
    size = data.draw(st.integers(1, 25))
    drawn = data.draw(st.lists(st.sampled_from(list(Phase)), min_size=size, max_size=size))
    phases = sorted(drawn, key=lambda p: p.rank)
    questions = []
    for n in range(size):
        refs = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=3)) if n else []
        questions.append(
            Question(
                f"Q{n}?",
                Category.STORY,
                phases[n],
                id=f"q{n}",
                builds_on=tuple(f"q{r}" for r in refs),
                custom=False,
            )
        )
    bank = QuestionBank(questions)
    picked = data.draw(st.permutations(questions))
    line = order_questions(picked, bank)
    position = {q.id: n for n, q in enumerate(line)}
    assert [q.phase.rank for q in line] == sorted(q.phase.rank for q in line)
    for question in line:
        assert all(position[ref] < position[question.id] for ref in prerequisites(question, bank))


def test_order_keeps_the_given_order_where_it_can() -> None:
    """Unrelated questions of one stage keep the learner's order (a stable order)."""
    ids = ["trends.players", "day.remote", "trends.regulation", "day.culture"]
    assert [q.id for q in order_questions([BANK[i] for i in ids], BANK)] == ids


def test_order_follows_links_through_unpicked_questions() -> None:
    """A question goes after one it builds on through a question not picked."""
    # insights.stand_out -> insights.good_at -> day.typical_week
    line = order_questions([BANK["insights.stand_out"], BANK["day.typical_week"]], BANK)
    assert [q.id for q in line] == ["day.typical_week", "insights.stand_out"]


def test_custom_question_cannot_build_on_a_later_phase_or_a_missing_id() -> None:
    """An opening question of your own that builds on a closing one is explained, not reordered."""
    early = Question("How did it start?", phase="opening", builds_on=("resources.who_else",))
    with pytest.raises(InvalidValueError, match="can only build on one asked earlier"):
        order_questions([early, BANK["resources.who_else"]], BANK)
    lost = Question("And then?", builds_on=("nope",))
    with pytest.raises(InvalidValueError, match="neither in the bank nor in your plan"):
        order_questions([lost], BANK)


def test_custom_questions_in_a_circle_are_refused() -> None:
    """Two own questions that build on each other cannot be ordered, and say so."""
    a = Question("First?", id="mine-a", builds_on=("mine-b",))
    b = Question("Second?", id="mine-b", builds_on=("mine-a",))
    with pytest.raises(InvalidValueError, match="in a circle"):
        order_questions([a, b], BANK)


def test_order_conflict_explains_links_phases_and_advice() -> None:
    """The explanation names the link, the phase, or the advice-comes-later rule."""
    five, now = BANK["trends.five_years"], BANK["trends.changing"]
    assert "builds on “What is changing fastest in your field" in order_conflict(five, now, BANK)
    slots = {"field": "UX research"}
    assert "in UX research" in order_conflict(five, now, BANK, slots=slots)
    week, path = BANK["day.typical_week"], BANK["story.path"]
    assert "opening questions such as “How did you come to work at" not in order_conflict(
        week, path, BANK
    )
    assert "is a core question" in order_conflict(week, path, BANK)
    assert "closing question" in order_conflict(
        BANK["resources.who_else"], BANK["day.remote"], BANK
    )
    assert "advice" in order_conflict(BANK["advice.courses"], BANK["day.remote"], BANK)
    assert order_conflict(BANK["day.remote"], BANK["day.culture"], BANK) == ""
    assert order_conflict(path, week, BANK) == ""
    assert order_conflict(now, five, BANK) == ""


def test_a_bank_file_that_is_not_utf8_is_explained(tmp_path: Path) -> None:
    """A question bank saved in another encoding gets a clear error, not a UnicodeDecodeError."""
    path = tmp_path / "bank.toml"
    path.write_bytes(b'[[question]]\nid = "caf\xe9"\n')
    with pytest.raises(InvalidValueError, match="is not UTF-8 text"):
        load_bank(path)
