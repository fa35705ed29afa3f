"""No acknowledged write is ever lost, and two writers at once never lose or refuse a write.

The fast subset runs in ``make test``; ``make soak`` (``INFOVIEW_SOAK=1``) runs the full counts.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from infoview.errors import TrackerError
from infoview.tracker import Tracker, open_tracker
from infoview.tracker import schema as tracker_schema
from tests.conftest import SOAK, figure
from tests.trust import open_at_once

ROOT = Path(__file__).resolve().parents[1]
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
    figure(f"crash safety: {KILLS} SIGKILLs, {len(acknowledged)} acknowledged touches, 0 lost")


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
    figure(
        f"concurrency: 2 writers x {TOUCHES_EACH} touches, {len(touches)} stored, "
        "0 'database is locked'"
    )


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
    figure(f"backup under load: {len(copies)} copies during {writers} writers, all open, ok")


# ---------------------------------------------------------------- locks never reach the learner

_HOLD_LOCK = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("INSERT INTO meta (key, value) VALUES ('held', 'yes')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("ROLLBACK")
"""


def _hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another program holding the tracker's write lock (as a long write would)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_writer_waits_for_a_held_lock_and_succeeds(tmp_path: Path) -> None:
    """While a third process holds the write lock, another process's log waits, then succeeds."""
    path = tmp_path / "tracker.sqlite"
    with open_tracker(path) as tracker:
        person = tracker.add_person("Patient Person")
    holder = _hold_write_lock(path, 1.5)
    started = time.monotonic()
    writer = _writer(path, person, 3, "waiting")
    out, err = writer.communicate(timeout=120)
    waited = time.monotonic() - started
    holder.communicate(timeout=30)
    assert writer.returncode == 0, err
    assert err == ""  # nothing at all on stderr, so never "database is locked"
    assert out.count("ack ") == 3
    assert waited >= 1.0  # it really waited for the lock
    with open_tracker(path) as tracker:
        assert len(tracker.touches(person)) == 3
    figure(f"locks: a log waited {waited:.1f} s behind a held write lock, then succeeded")


def test_write_retries_beyond_the_busy_timeout(tracker: Tracker) -> None:
    """Tracker._write keeps retrying after SQLite's own busy wait gives up."""
    person = tracker.add_person("Retry Person")
    tracker._con.execute("PRAGMA busy_timeout = 50")  # SQLite alone would give up after 50 ms
    holder = _hold_write_lock(tracker.path, 1.0)
    tracker.log(person, "update", body="written once the lock is free")
    holder.communicate(timeout=30)
    assert list(tracker.touches(person)["body"]) == ["written once the lock is free"]


def test_a_lock_held_too_long_gives_a_learner_message(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock never freed gives 'busy in another program', and nothing is stored."""
    person = tracker.add_person("Blocked Person")
    tracker._con.execute("PRAGMA busy_timeout = 50")
    monkeypatch.setattr(tracker_schema, "_LOCK_RETRY_SECONDS", 0.3)
    holder = _hold_write_lock(tracker.path, 3.0)
    try:
        with pytest.raises(TrackerError) as raised:
            tracker.log(person, "update")
    finally:
        holder.kill()
        holder.communicate()
    message = str(raised.value)
    assert "busy in another program" in message
    assert "database is locked" not in message
    assert tracker.touches(person).empty


def test_notebooks_opening_a_new_tracker_at_once_all_succeed(tmp_path: Path) -> None:
    """Four processes create the same tracker at the same instant: no error, one schema."""
    rounds = 10 if SOAK else 2
    for number in range(rounds):
        path = tmp_path / f"new{number}.sqlite"
        open_at_once(path, 4, then="write")
        with open_tracker(path) as tracker:
            assert len(tracker.people()) == 4
        assert _integrity(path) == "ok"
    figure(f"first open: {rounds} rounds of 4 processes creating one tracker at once, 0 errors")


EDITS_EACH = 300


def test_two_programs_editing_one_person_never_revert_each_other(tmp_path: Path) -> None:
    """Two processes edit different fields of one person at once: no edit is ever undone."""
    path = tmp_path / "tracker.sqlite"
    with open_tracker(path) as tracker:
        person = tracker.add_person("Shared Person", company="start", role="start")
    editor = [sys.executable, "-m", "tests.editor_process", str(path), str(person)]
    editors = [
        subprocess.Popen(
            [*editor, field, str(EDITS_EACH)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for field in ("company", "role")
    ]
    lost = 0
    for editor in editors:
        out, err = editor.communicate(timeout=600)
        assert editor.returncode == 0, err
        lost += int(out.split()[-1])
    with open_tracker(path) as tracker:
        final = tracker.person(person)
    assert (final.company, final.role) == (f"company {EDITS_EACH - 1}", f"role {EDITS_EACH - 1}")
    assert lost == 0
    figure(f"lost updates: 2 programs x {EDITS_EACH} edits of one person at once, {lost} lost")
