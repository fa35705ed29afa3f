"""Shared fixtures: every test gets its own workspace and a pinned calendar day."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from infoview.tracker import Tracker, open_tracker

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever reads or writes the real ~/infoview-data."""
    workspace = tmp_path / "workspace"
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(workspace))
    monkeypatch.setenv("INFOVIEW_TODAY", TODAY.isoformat())
    monkeypatch.delenv("INFOVIEW_DEMO", raising=False)
    return workspace


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    with open_tracker(tmp_path / "tracker.sqlite") as opened:
        yield opened


def widgets_under(root: Any) -> list[Any]:
    """A widget and every widget in its containers, outermost first (what the page shows)."""
    found = [root]
    for child in getattr(root, "children", ()):
        found += widgets_under(child)
    return found


# ---------------------------------------------------------------- trust checks (issue 9)
# `make test` runs every trust check at a fast size; INFOVIEW_SOAK=1 runs them at full size.
# Each check records one figure; they are printed together at the end of the run.

SOAK = bool(os.environ.get("INFOVIEW_SOAK"))
FIGURES: list[str] = []

settings.register_profile(
    "infoview",
    deadline=None,  # SQLite commits fsync; their time varies with the machine's load
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "infoview-soak", parent=settings.get_profile("infoview"), max_examples=1000
)
# In CI the generated cases are fixed (derandomized), so a run can be reproduced exactly;
# developers' runs and the soak keep exploring new cases.
settings.register_profile("infoview-ci", parent=settings.get_profile("infoview"), derandomize=True)
settings.load_profile(
    "infoview-soak" if SOAK else "infoview-ci" if os.environ.get("CI") else "infoview"
)


def examples(fast: int, soak: int) -> int:
    """How many generated cases a property test runs: ``fast`` in make test, ``soak`` in soak."""
    return soak if SOAK else fast


def figure(line: str) -> None:
    """Record one measured figure (for example ``bad input: 1200 cases, 0 crashes``)."""
    FIGURES.append(line)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("trust figures" + (" (soak)" if SOAK else " (fast subset)"))
        for line in FIGURES:
            terminalreporter.write_line(line)
