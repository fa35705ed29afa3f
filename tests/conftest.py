"""Shared fixtures: every test gets its own workspace and a pinned calendar day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

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
