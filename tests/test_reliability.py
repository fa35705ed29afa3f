"""No acknowledged write is ever lost, and two writers at once never lose or refuse a write.

The fast subset runs in ``make test``; ``make soak`` (``INFOVIEW_SOAK=1``) runs the full counts.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from infoview.tracker import open_tracker

ROOT = Path(__file__).resolve().parents[1]
SOAK = bool(os.environ.get("INFOVIEW_SOAK"))
KILLS = 100 if SOAK else 20
TOUCHES_EACH = 500 if SOAK else 200


def _writer(path: Path, person_id: int, count: int, name: str = "w") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.writer_process", str(path), str(person_id), str(count), name],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as con:
        (result,) = con.execute("PRAGMA integrity_check").fetchone()
        return str(result)


def test_sigkill_never_loses_an_acknowledged_touch(tmp_path: Path) -> None:
    """SIGKILL a writer mid-stream again and again: every acknowledged touch survives."""
    path = tmp_path / "tracker.sqlite"
    with open_tracker(path) as tracker:
        person = tracker.add_person("Crash Test")
    chooser = random.Random(20261126)
    acknowledged: set[int] = set()
    for _ in range(KILLS):
        writer = _writer(path, person, 10_000)
        assert writer.stdout is not None
        for _ in range(chooser.randint(1, 25)):
            line = writer.stdout.readline()
            assert line.startswith("ack "), writer.stderr.read() if writer.stderr else line
            acknowledged.add(int(line.split()[1]))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        if writer.stderr:
            writer.stderr.close()
        with open_tracker(path) as tracker:  # no leftover lock stops the next open
            stored = set(tracker.touches(person)["id"])
        assert acknowledged <= stored
    assert _integrity(path) == "ok"
    print(f"\nreliability: {KILLS} SIGKILLs, {len(acknowledged)} acknowledged touches, 0 lost")  # noqa: T201


def test_two_writers_at_once_store_every_touch(tmp_path: Path) -> None:
    """Two processes (two open notebooks) log at the same time; all touches are stored."""
    path = tmp_path / "tracker.sqlite"
    with open_tracker(path) as tracker:
        person = tracker.add_person("Busy Person")
    writers = [_writer(path, person, TOUCHES_EACH, name) for name in ("left", "right")]
    for writer in writers:
        out, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
        assert "database is locked" not in err
        assert out.count("ack ") == TOUCHES_EACH
    with open_tracker(path) as tracker:
        touches = tracker.touches(person)
    assert len(touches) == 2 * TOUCHES_EACH
    by_writer = touches["details"].map(lambda d: d["writer"]).value_counts().to_dict()
    assert by_writer == {"left": TOUCHES_EACH, "right": TOUCHES_EACH}
    assert _integrity(path) == "ok"
    print(f"\nconcurrency: 2 writers x {TOUCHES_EACH} touches, {len(touches)} stored")  # noqa: T201


@pytest.mark.parametrize("writers", [2])
def test_backup_during_writes_is_consistent(tmp_path: Path, writers: int) -> None:
    """A backup taken while others write opens cleanly and passes the integrity check."""
    path = tmp_path / "tracker.sqlite"
    with open_tracker(path) as tracker:
        person = tracker.add_person("Backup Person")
    running = [_writer(path, person, 150, f"w{i}") for i in range(writers)]
    with open_tracker(path) as tracker:
        copies = [tracker.backup(tmp_path / f"copy{i}.sqlite") for i in range(5)]
    for writer in running:
        writer.communicate(timeout=600)
    for copy in copies:
        assert _integrity(copy) == "ok"
        with open_tracker(copy) as restored:
            assert restored.person(person).name == "Backup Person"
