"""Backups, Excel-safe CSV exports, and restores that give back identical frames."""

from __future__ import annotations

import csv
import re
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from infoview.demo import open_demo
from infoview.errors import ImportProblem, InfoviewError, TrackerError
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


# ---------------------------------------------------------------- restore never crashes (issue 9)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_restore_keeps_empty_required_text(tracker: Tracker, tmp_path: Path) -> None:
    """A profile with only a name and a plan without a title survive export and restore."""
    tracker.set_profile(name="Jo")
    pid = tracker.add_person("Ana")
    tracker.save_plan(pid, {"questions": []})
    tracker.export_csv(tmp_path / "export")
    with restore(tmp_path / "export", tmp_path / "restored.sqlite") as restored:
        _assert_same(tracker, restored)


def _damaged_export(tmp_path: Path, people_csv: bytes) -> Path:
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "people.csv").write_bytes(people_csv)
    return folder


_HEADER = b"id,name,source,tie,created_at\r\n"


@pytest.mark.parametrize(
    ("people_csv", "message"),
    [
        (
            _HEADER + b"abc,Ana,cold,ally,2026-01-01T00:00:00+00:00\r\n",
            "line 2: id must be a whole",
        ),
        (_HEADER + b"1,Ana,cold\r\n", "line 2: has 3 cells but the header names 5"),
        (_HEADER + b"1,Ana,cold,frend,2026-01-01T00:00:00+00:00\r\n", "does not fit the tracker"),
        (_HEADER + b"1,Ana,cold,ally,not a date\r\n", "it is damaged"),
        (_HEADER + b"1,Ana\xff,cold,ally,x\r\n", "is not UTF-8 text"),
        (_HEADER + b"99999999999999999999,Ana,cold,ally,x\r\n", "too large a number"),
        (
            b"id,name) VALUES (1, 'x'); --,source,tie,created_at\r\n1,a,b,cold,ally,x\r\n",
            "unknown column",
        ),
    ],
)
def test_a_damaged_export_is_explained_and_leaves_nothing(
    tmp_path: Path, people_csv: bytes, message: str
) -> None:
    """Bad cells, short rows, foreign columns (even SQL in a header) give an ImportProblem."""
    source = _damaged_export(tmp_path, people_csv)
    before = _leftovers(tmp_path)
    with pytest.raises(InfoviewError, match=re.escape(message)) as raised:
        restore(source, tmp_path / "restored.sqlite")
    assert "people.csv" in str(raised.value) or "damaged" in str(raised.value)
    assert _leftovers(tmp_path) == before  # no tracker, no half-built copy


def test_links_to_missing_people_are_refused(tmp_path: Path) -> None:
    """Touches of a person who is not in people.csv are refused as a whole."""
    source = _damaged_export(tmp_path, _HEADER + b"1,Ana,cold,ally,2026-01-01T00:00:00+00:00\r\n")
    (source / "touches.csv").write_text(
        "id,person_id,kind,at,details,created_at\r\n"
        "1,7,update,2026-01-02T00:00:00+00:00,{},2026-01-02T00:00:00+00:00\r\n"
    )
    with pytest.raises(ImportProblem, match="point to people who are not in it"):
        restore(source, tmp_path / "restored.sqlite")
    assert not (tmp_path / "restored.sqlite").exists()


def test_a_foreign_database_is_not_left_at_the_target(tmp_path: Path) -> None:
    """Restoring another program's SQLite file names that file and creates nothing."""
    other = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(other)) as con:
        con.execute("CREATE TABLE things (x)")
    with pytest.raises(TrackerError, match=f"{re.escape(str(other))} is not an infoview tracker"):
        restore(other, tmp_path / "restored.sqlite")
    assert not (tmp_path / "restored.sqlite").exists()
    with pytest.raises(TrackerError, match="not an infoview backup"):
        restore(_junk(tmp_path), tmp_path / "r.sqlite")
    assert not (tmp_path / "r.sqlite").exists()


def _junk(tmp_path: Path) -> Path:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database " * 100)
    return junk


def test_restore_from_a_relative_path(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`infoview restore backup.sqlite` works from the folder the backup is in."""
    tracker.add_person("Ana")
    tracker.backup(tmp_path / "backup.sqlite")
    monkeypatch.chdir(tmp_path)
    with restore("backup.sqlite", "restored.sqlite") as restored:
        assert list(restored.people()["name"]) == ["Ana"]


def test_restore_replaces_an_empty_tracker(tracker: Tracker, tmp_path: Path) -> None:
    """An empty tracker (as a first notebook run leaves) is replaced by the restored one."""
    tracker.add_person("Ana")
    backup = tracker.backup(tmp_path / "backup.sqlite")
    open_tracker(tmp_path / "empty.sqlite").close()
    with restore(backup, tmp_path / "empty.sqlite") as restored:
        assert list(restored.people()["name"]) == ["Ana"]


def test_a_backup_never_replaces_a_tracker_in_use(tracker: Tracker, tmp_path: Path) -> None:
    """Backing up onto the tracker itself, or onto one that is open, is refused untouched."""
    tracker.add_person("Ana")
    with pytest.raises(TrackerError, match="is this tracker itself"):
        tracker.backup(tracker.path)
    with open_tracker(tmp_path / "other.sqlite") as other:
        other.add_person("Keep me")
        with pytest.raises(TrackerError, match="is a tracker in use"):
            tracker.backup(other.path)
        assert list(other.people()["name"]) == ["Keep me"]
    assert list(tracker.people()["name"]) == ["Ana"]


def test_a_damaged_export_is_explained_briefly(tracker: Tracker, tmp_path: Path) -> None:
    """A very long unreadable date in an edited export gives a short message, never a flood."""
    tracker.add_person("Ana", connected_on=date(2026, 1, 5))
    tracker.export_csv(tmp_path / "export")
    people = tmp_path / "export" / "people.csv"
    people.write_text(
        people.read_text(encoding="utf-8-sig").replace("2026-01-05", "é" * 2000),
        encoding="utf-8-sig",
    )
    with pytest.raises(InfoviewError) as caught:
        restore(tmp_path / "export", tmp_path / "restored.sqlite")
    assert "cannot be restored: it is damaged" in str(caught.value)
    assert len(str(caught.value)) < 300


def test_restore_into_a_tracker_open_in_another_notebook_keeps_its_later_writes(
    tmp_path: Path,
) -> None:
    """The other notebook sees the restored data, and what it logs next is not lost."""
    with open_demo(today=date(2026, 11, 26)) as demo:
        backup = demo.backup(tmp_path / "backup.sqlite")
        people = len(demo.people())
    target = tmp_path / "tracker.sqlite"
    with open_tracker(target) as other_notebook:
        assert other_notebook.people().empty
        with restore(backup, target) as restored:
            assert len(restored.people()) == people
        assert len(other_notebook.people()) == people
        first = int(other_notebook.people()["id"].iloc[0])
        other_notebook.log(first, "update", on=date(2026, 11, 26))
        touches = len(other_notebook.touches())
    with open_tracker(target) as reopened:
        assert len(reopened.touches()) == touches
        assert len(reopened.people()) == people


def test_a_tracker_restored_in_place_shows_what_it_now_holds(tmp_path: Path) -> None:
    """Frames read before a restore into this very tracker are not served after it."""
    with open_tracker(tmp_path / "source.sqlite") as source:
        source.add_person("Ana")
        with open_tracker(tmp_path / "empty.sqlite") as empty:
            assert empty.people().empty  # read, and kept
            before = empty.revision
            empty.take_contents_of(source)
            assert empty.revision != before
            assert list(empty.people()["name"]) == ["Ana"]
