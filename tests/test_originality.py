"""The kit says things in its own words: no shipped text repeats the seed guide word for word."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The seed sits beside the checkout (``<repo>/../shared/seed``); a worktree nested one level
# deeper finds it further up.
SEED = next(
    (d / "shared" / "seed" for d in REPO.parents if (d / "shared" / "seed").is_dir()),
    REPO.parent / "shared" / "seed",
)
RUN = 8  # consecutive words that count as a copied sentence
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def _words(text: str) -> list[str]:
    """Lowercase words with punctuation stripped (curly apostrophes read as straight)."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells)


def _shipped() -> dict[str, str]:
    """Every text the kit ships to learners and advisors, by path."""
    texts = {str(p.relative_to(REPO)): _notebook_text(p) for p in REPO.glob("notebooks/*.ipynb")}
    files = [
        REPO / "README.md",
        *REPO.glob("docs/**/*.md"),
        *REPO.glob("infoview/resources/*.toml"),
        *REPO.glob("infoview/resources/templates/*.txt"),
    ]
    texts.update({str(p.relative_to(REPO)): p.read_text("utf-8") for p in files})
    return texts


def _seed_runs() -> set[tuple[str, ...]]:
    files = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not files:
        reason = f"the seed guide is not at {SEED}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must check originality")
        pytest.skip(reason)
    runs: set[tuple[str, ...]] = set()
    for path in files:
        runs |= _runs(path.read_text("utf-8"))
    return runs


def _copied(text: str, seed: set[tuple[str, ...]]) -> list[str]:
    return sorted(" ".join(run) for run in _runs(text) & seed)


def test_shipped_texts_share_no_eight_word_run_with_the_seed() -> None:
    """No notebook, rules file, template, doc or README repeats eight seed words in a row."""
    seed = _seed_runs()
    copied = {path: found for path, text in _shipped().items() if (found := _copied(text, seed))}
    assert copied == {}


def test_the_two_copied_runs_would_be_caught() -> None:
    """The two runs the kit once copied are found again if put back in a text."""
    seed = _seed_runs()
    for sentence in (
        "Your job is to keep pace, and to keep them interested in helping you.",
        "A GIFT is probably a step too far!",
    ):
        assert _copied(sentence, seed), sentence


def test_the_scan_covers_notebooks_rules_templates_and_docs() -> None:
    """The list of shipped texts holds every kind the originality rule names."""
    paths = set(_shipped())
    assert "infoview/resources/rules.toml" in paths
    assert "README.md" in paths
    assert any(p.startswith("notebooks/") for p in paths)
    assert any(p.startswith("infoview/resources/templates/") for p in paths)
    assert any(p.startswith("docs/") for p in paths)


def test_words_are_normalised_before_comparing() -> None:
    """Case and punctuation do not hide a copied run."""
    assert _words("A Gift, is \u201cprobably\u201d a step-too far.") == [
        "a",
        "gift",
        "is",
        "probably",
        "a",
        "step",
        "too",
        "far",
    ]
