"""Every notebook runs top to bottom with nbval, on an empty workspace and on the demo persona.

Each run gets its own temporary workspace and a pinned date; the repository is left exactly
as it was (``git status`` before and after).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb"))
SANITIZE = Path(__file__).with_name("sanitize.cfg")
TODAY = "2026-11-26"


def _git_status() -> str | None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    result = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def notebook_env(workspace: Path, mode: str) -> dict[str, str]:
    """The environment of a notebook run: its own workspace, a pinned day, demo or not."""
    return {
        **os.environ,
        "INFOVIEW_DATA_DIR": str(workspace),
        "INFOVIEW_TODAY": TODAY,
        "INFOVIEW_DEMO": "1" if mode == "demo" else "",
        "MPLBACKEND": "agg",
        "JUPYTER_PLATFORM_DIRS": "1",
    }


def run_nbval(
    notebooks: list[Path],
    *,
    workspace: Path,
    mode: str,
    cwd: Path,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run notebooks under nbval in a fresh pytest process and return what it printed."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            f"--nbval-sanitize-with={SANITIZE}",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "-q",
            *map(str, notebooks),
        ],
        cwd=cwd,
        env={**notebook_env(workspace, mode), **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )


def test_there_are_notebooks() -> None:
    """The course has its start notebook (the parametrised runs below are not vacuous)."""
    assert ROOT / "notebooks" / "00_start_here.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("mode", ["empty", "demo"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(notebook: Path, mode: str, tmp_path: Path) -> None:
    """Run All works, with no error, on an empty workspace and on the demo persona."""
    before = _git_status()
    result = run_nbval([notebook], workspace=tmp_path / "workspace", mode=mode, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert _git_status() == before, "running the notebook changed files in the repository"


def test_notebooks_are_committed_without_outputs() -> None:
    """No notebook carries outputs or execution counts (they could hold personal data)."""
    dirty = []
    for notebook in NOTEBOOKS:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count")):
                dirty.append(f"{notebook.name} cell {index}")
    assert dirty == [], f"strip outputs (nbstripout) from: {dirty}"


STEP_NOTEBOOKS = [p for p in NOTEBOOKS if p.name[:2].isdigit()]


@pytest.mark.parametrize("notebook", STEP_NOTEBOOKS, ids=[p.stem for p in STEP_NOTEBOOKS])
def test_each_step_ends_with_a_locked_self_check_and_whats_next(notebook: Path) -> None:
    """The last code cell is a one-line, locked self-check; the last cell says what's next."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    last_code = [c for c in cells if c["cell_type"] == "code"][-1]
    source = "".join(last_code["source"]).strip()
    assert "\n" not in source
    assert "check" in source
    assert last_code["metadata"].get("editable") is False
    assert last_code["metadata"].get("deletable") is False
    assert "self-check" in last_code["metadata"].get("tags", [])
    assert "".join(cells[-1]["source"]).startswith("## What's next")
