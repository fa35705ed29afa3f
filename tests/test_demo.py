"""The demo persona: large enough to show everything, fictional, current, and separate."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from infoview.demo import open_demo, sweep_demo_copies
from infoview.model import Source, Stage, Tie, TouchKind
from infoview.session import start
from infoview.tracker import open_tracker

TODAY = date(2026, 11, 26)


def test_persona_covers_every_source_tie_stage_and_kind() -> None:
    """About 40 people and 150 touches over six months, with every category represented."""
    demo = open_demo(today=TODAY)
    people, touches = demo.people(), demo.touches()
    assert 35 <= len(people) <= 45
    assert 130 <= len(touches) <= 170
    assert set(people["source"]) == {s.value for s in Source}
    assert set(people["tie"]) == {t.value for t in Tie}
    assert set(touches["kind"]) == {k.value for k in TouchKind}
    assert set(demo.journey(today=TODAY)["stage"]) == {s.value for s in Stage}
    span = touches["at"].max() - touches["at"].min()
    assert timedelta(days=150) <= span <= timedelta(days=200)


def test_referral_chain_is_several_people_long() -> None:
    """Somebody was introduced by somebody who was introduced by somebody... (at least 4 links)."""
    people = open_demo(today=TODAY).people().set_index("id")

    def depth(pid: int) -> int:
        parent = people.loc[pid, "introduced_by"]
        return 0 if pd.isna(parent) else 1 + depth(int(parent))

    assert max(depth(int(pid)) for pid in people.index) >= 4


def test_names_and_emails_are_fictional() -> None:
    """Every email is on example.org or a .test domain."""
    emails = open_demo(today=TODAY).people()["email"].dropna()
    assert emails.map(lambda e: e.endswith(("@example.org", ".test"))).all()


def test_timeline_is_laid_out_relative_to_today() -> None:
    """Two different todays give the same story shifted in time."""
    a = open_demo(today=TODAY).touches()["at"]
    b = open_demo(today=TODAY + timedelta(days=30)).touches()["at"]
    assert ((b - a) == timedelta(days=30)).all()


def test_demo_never_touches_the_learners_tracker(workspace: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Opening the demo (also through the notebook switch) leaves the workspace tracker alone."""
    with open_tracker() as mine:
        mine.add_person("My Own Contact")
    demo = open_demo(today=TODAY)
    assert workspace not in demo.path.parents
    monkeypatch.setenv("INFOVIEW_DEMO", "1")
    assert start().profile.name == "Maya Okafor"
    with open_tracker() as mine:
        assert list(mine.people()["name"]) == ["My Own Contact"]


def test_the_demo_copy_is_removed_with_its_tracker() -> None:
    """A demo opened without a folder leaves no temporary files behind once it is gone."""
    demo = open_demo(today=date(2026, 11, 26))
    folder = demo.path.parent
    assert folder.is_dir()
    demo.close()
    del demo
    gc.collect()
    assert not folder.exists()


_HOLD_A_DEMO = """
import os, signal, sys
from infoview.demo import open_demo
demo = open_demo()
print(demo.path.parent, flush=True)
if sys.argv[1] == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
sys.stdin.readline()
"""


def _demo_in_a_process(tmp: Path, how: str) -> tuple[subprocess.Popen[str], Path]:
    """A Python process (a stand-in for a kernel) that opens a demo in ``tmp``."""
    env = {**os.environ, "TMPDIR": str(tmp), "INFOVIEW_TODAY": TODAY.isoformat()}
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD_A_DEMO, how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_a_copy_left_by_a_killed_kernel_goes_when_the_next_demo_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A demo whose process was SIGKILLed leaves its copy; the next open_demo removes it."""
    process, left = _demo_in_a_process(tmp_path, "kill")
    process.communicate(timeout=60)
    assert process.returncode == -9
    assert (left / "demo.sqlite").exists()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    demo = open_demo(today=TODAY)
    assert not left.exists()
    assert [p.name for p in tmp_path.iterdir()] == [demo.path.parent.name]
    demo.close()


def test_a_copy_in_use_by_a_live_process_is_kept(tmp_path: Path) -> None:
    """The sweep spares a demo another live kernel is showing, and takes it once that ends."""
    process, held = _demo_in_a_process(tmp_path, "hold")
    try:
        assert sweep_demo_copies(tmp_path) == []
        assert (held / "demo.sqlite").exists()
    finally:
        process.kill()
        process.communicate(timeout=60)
    assert sweep_demo_copies(tmp_path) == [held]
    assert not held.exists()


def test_the_sweep_leaves_what_is_not_a_stale_demo_copy(tmp_path: Path) -> None:
    """Other names, files and a copy still being made are left; an old unmarked copy goes."""
    other = tmp_path / "someone-else"
    other.mkdir()
    a_file = tmp_path / "infoview-demo-notes.txt"
    a_file.write_text("not a folder", "utf-8")
    young = tmp_path / "infoview-demo-young"
    young.mkdir()
    old = tmp_path / "infoview-demo-old"
    old.mkdir()
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert sweep_demo_copies(tmp_path) == [old]
    assert other.is_dir() and a_file.is_file() and young.is_dir() and not old.exists()
