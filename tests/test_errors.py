"""Disk and SQLite failures reach the learner as the kit's own errors: the file, and what to do."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from infoview.cli import main
from infoview.errors import StorageError
from infoview.tracker import Tracker, open_tracker

ROOT = Path(__file__).resolve().parents[1]


def _damage(path: Path) -> None:
    """Overwrite every page after the first two with junk, as a failing disk might."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page :] = b"\xa5" * (len(data) - 2 * page)
    path.write_bytes(bytes(data))


def test_a_damaged_tracker_says_restore_from_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged page gives a message naming the file and backups/, never a traceback."""
    path = tmp_path / "tracker.sqlite"
    with open_tracker(path) as tracker:
        tracker.add_people([{"name": f"Person {n}", "notes": "x" * 300} for n in range(300)])
    _damage(path)
    assert main(["due", "--tracker", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "damaged" in err and "Restore from backups/" in err, err
    with pytest.raises(StorageError, match="damaged"), open_tracker(path) as tracker:
        tracker.people()


def test_a_full_disk_is_named_and_changes_nothing(tracker: Tracker) -> None:
    """SQLite's 'database or disk is full' becomes the kit's error; no person is added."""
    tracker.add_person("Ana")
    (pages,) = tracker._con.execute("PRAGMA page_count").fetchone()
    tracker._con.execute(f"PRAGMA max_page_count = {pages}")  # the file may grow no more
    many = [{"name": f"Person {n}", "notes": "x" * 500} for n in range(2000)]
    with pytest.raises(StorageError, match=r"is full\. Nothing was changed; free some space"):
        tracker.add_people(many)
    assert list(tracker.people()["name"]) == ["Ana"]


def test_a_data_dir_that_is_a_file_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """INFOVIEW_DATA_DIR naming a file gives the learner's message, in the library and the CLI."""
    not_a_folder = tmp_path / "data.txt"
    not_a_folder.write_text("my notes")
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(not_a_folder))
    with pytest.raises(StorageError, match=r"INFOVIEW_DATA_DIR \(.*data.txt\) is a file"):
        open_tracker()
    assert main(["due"]) == 2
    assert "is a file, not a folder; point INFOVIEW_DATA_DIR" in capsys.readouterr().err
    assert not_a_folder.read_text() == "my notes"


_READ_ONLY_SCRIPT = """
set -e
mount --bind "$1" "$1"
mount -o remount,bind,ro "$1"
cd "$2"
"$3" -m infoview.cli due --tracker "$1/tracker.sqlite" 2>&1 || echo "exit $?"
"$3" -m infoview.cli backup "$1/copy.sqlite" --tracker "$1/tracker.sqlite" 2>&1 || echo "exit $?"
INFOVIEW_DATA_DIR="$1/new" "$3" -m infoview.cli due 2>&1 || echo "exit $?"
"""


def test_a_read_only_mount_is_named_not_called_foreign(tmp_path: Path) -> None:
    """A tracker (and a workspace) on a read-only mount: 'read-only', never a traceback."""
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "unshare", "-rm", "true"], capture_output=True, check=False)
    if unshare is None or probe.returncode != 0:
        pytest.skip("this machine cannot make a read-only mount (unshare -rm)")
    folder = tmp_path / "mounted"
    folder.mkdir()
    with open_tracker(folder / "tracker.sqlite") as tracker:
        tracker.add_person("Ana")
    before = (folder / "tracker.sqlite").read_bytes()
    arguments = [str(folder), str(ROOT), sys.executable]
    run = subprocess.run(
        [unshare, "-rm", "sh", "-c", _READ_ONLY_SCRIPT, "sh", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "Traceback" not in run.stdout and "not an infoview tracker" not in run.stdout, lines
    assert lines.count("exit 2") == 3, lines
    assert sum("read-only" in line for line in lines) == 3, lines
    assert (folder / "tracker.sqlite").read_bytes() == before
