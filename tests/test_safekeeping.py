"""Backups, Excel-safe CSV exports, and restores that give back identical frames."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from infoview.demo import open_demo
from infoview.errors import TrackerError
from infoview.safekeeping import restore
from infoview.tracker import Tracker, open_tracker

HOSTILE = ["=1+1", "+44 20 7946 0000", "-2", "@SUM(A1)", "\tx", "'quoted", "plain"]


def _frames(tracker: Tracker) -> dict[str, pd.DataFrame]:
    return {
        "people": tracker.people(),
        "touches": tracker.touches(),
        "plans": tracker.plans(),
        "targets": tracker.targets(),
    }


def _assert_same(a: Tracker, b: Tracker) -> None:
    assert a.profile == b.profile
    for name, frame in _frames(a).items():
        pd.testing.assert_frame_equal(frame, _frames(b)[name], obj=name)


def test_export_then_restore_gives_identical_frames(tmp_path: Path) -> None:
    """The demo persona survives an export to CSV and a restore, frame for frame."""
    demo = open_demo(today=date(2026, 11, 26), folder=tmp_path / "demo")
    pid = int(demo.people()["id"].iloc[0])
    for value in HOSTILE:
        demo.log(
            pid,
            "update",
            on=datetime(2026, 11, 1, tzinfo=UTC),
            subject=value.strip() or "x",
            body=f"{value}\nline two",
        )
    demo.save_plan(pid, {"questions": ["a", "b"]}, title="=plan")
    demo.add_target("=Acme", contact="@someone", motivation=3, notes="-note")
    demo.export_csv(tmp_path / "export")
    with restore(tmp_path / "export", tmp_path / "restored.sqlite") as restored:
        _assert_same(demo, restored)


def test_export_is_excel_safe(tracker: Tracker, tmp_path: Path) -> None:
    """Cells that start like formulas get an apostrophe; files are UTF-8 with a BOM."""
    tracker.add_person('=HYPERLINK("http://x")', company="-Acme", notes="Zoë @ café")
    files = tracker.export_csv(tmp_path / "out")
    assert {f.name for f in files} == {
        "profile.csv",
        "people.csv",
        "touches.csv",
        "plans.csv",
        "targets.csv",
    }
    raw = (tmp_path / "out" / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    with (tmp_path / "out" / "people.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["name"] == '\'=HYPERLINK("http://x")'
    assert row["company"] == "'-Acme"
    assert row["notes"] == "Zoë @ café"  # only a risky first character is neutralised


def test_backup_then_open_gives_identical_frames(tmp_path: Path) -> None:
    """A backup file opens as a tracker with exactly the same data."""
    demo = open_demo(today=date(2026, 11, 26), folder=tmp_path / "demo")
    copy = demo.backup(tmp_path / "copy.sqlite")
    with open_tracker(copy) as reopened:
        _assert_same(demo, reopened)
    with restore(copy, tmp_path / "restored.sqlite") as restored:
        _assert_same(demo, restored)


def test_restore_never_overwrites_data(tracker: Tracker, tmp_path: Path) -> None:
    """Restoring onto a tracker that holds data is refused, and it is left as it was."""
    tracker.add_person("Keep Me")
    backup = tracker.backup(tmp_path / "b.sqlite")
    with pytest.raises(TrackerError, match="already holds data"):
        restore(backup, tracker.path)
    assert list(tracker.people()["name"]) == ["Keep Me"]


def test_restore_explains_missing_or_foreign_sources(tmp_path: Path) -> None:
    """A missing source or a folder that is not an export is named in the error."""
    with pytest.raises(TrackerError, match="nothing to restore"):
        restore(tmp_path / "nope", tmp_path / "t.sqlite")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TrackerError, match=r"no people\.csv"):
        restore(tmp_path / "empty", tmp_path / "t2.sqlite")
