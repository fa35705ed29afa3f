"""The infoview command: each subcommand works, and mistakes give one line and status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infoview.cli import main
from infoview.demo import open_demo
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[1]


def test_where_prints_the_tracker_path(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    """`infoview where` names the workspace tracker."""
    assert main(["where"]) == 0
    assert capsys.readouterr().out.strip() == str(workspace / "infoview.sqlite")


def test_backup_export_restore_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """backup, export csv and restore work from the command line on any tracker."""
    demo = open_demo(today=TODAY, folder=tmp_path / "demo")
    assert main(["backup", str(tmp_path / "b.sqlite"), "--tracker", str(demo.path)]) == 0
    assert main(["export", "csv", str(tmp_path / "csv"), "--tracker", str(demo.path)]) == 0
    assert main(["restore", str(tmp_path / "csv"), "--tracker", str(tmp_path / "r.sqlite")]) == 0
    out = capsys.readouterr().out
    assert f"restored {len(demo.people())} people" in out
    assert (tmp_path / "csv" / "people.csv").exists()


def test_due_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`infoview due` prints a table, CSV or JSON with the due list's columns."""
    demo = open_demo(today=TODAY, folder=tmp_path / "demo")
    expected = demo.due(today=TODAY)
    assert (
        main(["due", "--today", TODAY.isoformat(), "--format", "json", "--tracker", str(demo.path)])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(expected)
    assert (
        main(["due", "--today", TODAY.isoformat(), "--format", "csv", "--tracker", str(demo.path)])
        == 0
    )
    header = capsys.readouterr().out.splitlines()[0]
    assert header == "person_id,name,action,due_on,overdue_days,reason,rule"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["due", "--today", "yesterday"], "not a date like 2026-03-14"),
        (["due", "--format", "xml"], "invalid choice: 'xml'"),
        (["restore", "/no/such/backup"], "nothing to restore at /no/such/backup"),
        (["fly"], "invalid choice: 'fly'"),
    ],
)
def test_mistakes_give_one_line_and_status_2(argv: list[str], message: str) -> None:
    """A learner's mistake never shows a traceback: one line on stderr, exit status 2."""
    result = subprocess.run(
        [sys.executable, "-m", "infoview.cli", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("encoding", ["utf-8:strict", "ascii"])
def test_paths_that_are_not_text_print_without_a_traceback(encoding: str) -> None:
    """A file name with undecodable bytes is printed (with a replacement mark), never a crash."""
    result = subprocess.run(
        [sys.executable, "-m", "infoview.cli", "where", "--tracker", b"/tmp/\xff\xc3\xa9.sqlite"],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"/tmp/?")
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["export", "summary"], ["backup"], ["export", "csv"]])
def test_file_names_no_file_system_takes_are_one_line_errors(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A name with a broken surrogate (only Python can pass one) is refused, not a crash."""
    demo = open_demo(today=TODAY, folder=tmp_path / "demo")
    argv = [*command, str(tmp_path / "out-\ud800"), "--tracker", str(demo.path)]
    assert main(argv) == 2
    assert "broken surrogate" in capsys.readouterr().err
