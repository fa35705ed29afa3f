"""The words of a question: slots filled with readable fallbacks, and the job-ask flag."""

from __future__ import annotations

import pytest

from infoview.question_text import asks_for_job, fill_slots

# ---------------------------------------------------------------- slots


def test_slots_fill_from_the_given_details() -> None:
    """Company, role and field go where their slots are."""
    text = "How did you come to work as {role} at {company}, in {field}?"
    filled = fill_slots(text, company="Acme", role="Data Steward", field="data")
    assert filled == "How did you come to work as Data Steward at Acme, in data?"


@pytest.mark.parametrize("missing", [None, "", "   "])
def test_missing_details_use_readable_fallbacks(missing: str | None) -> None:
    """Missing or blank details become 'your organisation', 'in your role', 'your field'."""
    text = "How did you come to work as {role} at {company}, in {field}?"
    filled = fill_slots(text, company=missing, role=missing, field=missing)
    assert filled == "How did you come to work in your role at your organisation, in your field?"


def test_unknown_slots_and_stray_braces_are_left_alone() -> None:
    """A learner's own braces never break filling."""
    assert fill_slots("Is {name} around? {", company="Acme") == "Is {name} around? {"


# ---------------------------------------------------------------- asking for a job


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Are there any openings on your team?", "any openings"),
        ("Would you hire me?", "hire me"),
        ("Is there a job for me at Acme?", "job for me"),
        ("Could you refer me for a position?", "refer me for a position"),
        ("Can you refer me to the role you posted?", "refer me to the role"),
        ("Are you hiring?", "Are you hiring"),
        ("Is Lumen Labs hiring right now?", "Is Lumen Labs hiring"),
        ("Could you pass my CV to your manager?", "pass my CV"),
        ("Would you put in a good word for me?", "put in a good word"),
        ("Could you help me get a job there?", "help me get a job"),
        ("Could I work for you?", "work for you"),
        ("Any vacancies coming up?", "Any vacancies"),
        ("Would you take me on as an intern?", "take me on"),
    ],
)
def test_job_asks_are_flagged(text: str, phrase: str) -> None:
    """Questions that ask for a job, an opening or a referral for a post are flagged."""
    assert phrase.lower() in asks_for_job(text).lower()


@pytest.mark.parametrize(
    "text",
    [
        "Who else would you suggest I talk to?",
        "Who else would you refer me to, to learn more?",
        "How is hiring changing in UX research?",
        "How is the hiring process at your organisation?",
        "How did you get your first job in research?",
        "Which roles do you find most rewarding?",
        "What does your job involve day to day?",
    ],
)
def test_learning_questions_are_not_flagged(text: str) -> None:
    """Questions about work, hiring trends or who else to meet are not job asks."""
    assert asks_for_job(text) == ""


def test_curly_apostrophes_and_spacing_do_not_hide_a_job_ask() -> None:
    """Typographic quotes and extra spaces are read like plain ones."""
    assert asks_for_job("Would you   HIRE\nme? It\u2019s my dream") != ""
