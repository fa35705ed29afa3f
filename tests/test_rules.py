"""Rules are data: every COACHING.md rule is present, and advisors can adjust or switch them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.rules import Finding, Review, Status, finding, policy, review_html

COACHING_IDS = [
    "contact.targets", "contact.route", "contact.intro_by_email", "contact.channel",
    "contact.ask", "contact.synopsis", "contact.relate", "contact.no_questions",
    "contact.connection_first", "contact.short", "contact.about_them", "contact.subject",
    "contact.no_cv", "contact.reminder", "contact.3b7", "contact.stop",
    "questions.prepare", "questions.build", "questions.order", "questions.tiara",
    "questions.count", "questions.time", "questions.no_job",
    "location.theirs", "location.pay", "location.confirm", "location.time",
    "after.thanks_email", "after.card", "after.no_gift", "after.familiar", "after.keep_in_touch",
    "network.ties", "network.respondents",
]  # fmt: skip


def test_every_coaching_rule_is_defined_with_a_source() -> None:
    """Each rule id of COACHING.md exists, with a message and a source."""
    rules = policy()
    for rule_id in COACHING_IDS:
        assert rules[rule_id].message and rules[rule_id].source, rule_id


def test_numbers_match_the_coaching_guide() -> None:
    """The thresholds are COACHING.md's numbers."""
    rules = policy()
    assert rules["contact.reminder"].number("wait_days") == 10.5
    assert rules["contact.short"].numbers == {
        "ideal_words": 75,
        "warn_words": 150,
        "fail_words": 250,
    }
    assert rules["contact.stop"].number("max_reminders") == 2
    assert rules["after.keep_in_touch"].number("every_days") == 90
    assert rules["network.respondents"].number("booster_business_days") == 3
    assert not rules["contact.3b7"].enabled  # an optional mode


def test_adjust_and_switch_return_new_policies() -> None:
    """Changing a policy never changes the original."""
    rules = policy()
    changed = rules.adjust("contact.reminder", wait_days=7).switch("contact.3b7", on=True)
    assert changed["contact.reminder"].number("wait_days") == 7
    assert changed.enabled("contact.3b7")
    assert rules["contact.reminder"].number("wait_days") == 10.5
    with pytest.raises(InvalidChoiceError, match=r"number of rule contact\.reminder"):
        rules.adjust("contact.reminder", wait_weeks=1)


def test_workspace_override_file(workspace: Path) -> None:
    """An advisor's rules.toml in the workspace changes only what it names."""
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "rules.toml").write_text(
        '[rules."contact.short"]\nwarn_words = 120\n[rules."after.card"]\nenabled = false\n'
    )
    rules = policy()
    assert rules["contact.short"].number("warn_words") == 120
    assert rules["contact.short"].number("fail_words") == 250
    assert not rules.enabled("after.card")


def test_bad_override_files_are_explained(workspace: Path) -> None:
    """An unknown rule id or broken TOML is named in the error."""
    workspace.mkdir(parents=True, exist_ok=True)
    override = workspace / "rules.toml"
    override.write_text('[rules."contact.shrt"]\nwarn_words = 1\n')
    with pytest.raises(InvalidChoiceError, match=r"contact\.shrt"):
        policy()
    override.write_text("[rules\n")
    with pytest.raises(InvalidValueError, match="not valid TOML"):
        policy()


def test_review_shows_status_by_icon_and_word_and_escapes_text() -> None:
    """A review's HTML never relies on colour alone and never injects markup."""
    review = Review(
        (
            Finding("contact.short", Status.PASS, "Short <b>enough</b>", "Dalton"),
            Finding(
                "contact.no_cv",
                Status.FAIL,
                "No CV",
                "RCEL",
                excerpt="<img src=x onerror=alert(1)>",
            ),
        )
    )
    page = review._repr_html_()
    assert "✔" in page and "OK" in page and "✖" in page and "Fix" in page
    assert "<img" not in page and "&lt;img" in page and "<b>" not in page
    assert not review.ok
    assert review.status_of("contact.short") is Status.PASS
    assert "1 ok, 0 to check, 1 to fix" in repr(review)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not text", "is not UTF-8 text"),
        (b"rules = 5\n", "must hold tables"),
        (b'[rules]\n"contact.short" = 3\n', "must be a table of settings"),
    ],
)
def test_a_broken_override_file_is_explained(tmp_path: Path, content: bytes, message: str) -> None:
    """A rules.toml that is not UTF-8, or not shaped like tables of rules, gets a clear error."""
    path = tmp_path / "rules.toml"
    path.write_bytes(content)
    with pytest.raises(InvalidValueError, match=message):
        policy(path)


def test_a_mistyped_rule_id_suggests_the_closest() -> None:
    """Among dozens of rules, the error names the closest few instead of listing them all."""
    with pytest.raises(InvalidChoiceError, match=r"such as contact\.short") as raised:
        policy()["contact.shortt"]
    assert len(str(raised.value)) < 200


def test_a_finding_shows_its_rule_in_words_and_the_id_only_as_a_tooltip() -> None:
    """A learner reads "A three-line mini-CV · source: the ... guide"; the id is for advisors."""
    rules = policy()
    found = Review(
        (
            finding(rules, "contact.synopsis", Status.PASS, "A mini-CV of 2 lines."),
            finding(rules, "contact.short", Status.WARN, "180 words: aim for 150 or fewer."),
        )
    )
    markup = review_html(found)
    visible = re.sub(r"<[^>]+>", " ", markup)
    assert "A three-line mini-CV · source: the informational-interview guide" in visible
    assert rules["contact.short"].title in visible
    assert "contact.synopsis" not in visible
    assert "contact.short" not in visible
    assert 'title="Rule contact.synopsis"' in markup  # the advisor's tooltip
    assert found["contact.synopsis"].title == "A three-line mini-CV"
