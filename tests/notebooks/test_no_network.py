"""The whole notebook suite runs with the network blocked, and not one attempt is made.

nbval runs every notebook (empty workspace and demo persona) in a subprocess whose
``PYTHONPATH`` starts with ``tests/netguard.py`` installed as ``sitecustomize``: the pytest
process and every kernel it starts refuse any non-loopback connection or name lookup and log
it. Loopback stays open (kernels talk to nbval over loopback ZeroMQ). The test asserts the log
holds no ``blocked`` line, and a ``loaded`` line from a kernel (so the guard really ran there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import netguard
from tests.conftest import figure
from tests.notebooks.test_notebooks import NOTEBOOKS, run_nbval

ROOT = Path(__file__).resolve().parents[2]


def _run_guarded(
    notebooks: list[Path], tmp_path: Path, mode: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``notebooks`` with nbval, the guard installed in every process; return the log."""
    guard = tmp_path / "netguard"
    guard.mkdir()
    shutil.copyfile(Path(netguard.__file__), guard / "sitecustomize.py")
    log = tmp_path / "network.log"
    result = run_nbval(
        notebooks,
        workspace=tmp_path / "workspace",
        mode=mode,
        cwd=tmp_path,
        extra_env={
            "PYTHONPATH": os.pathsep.join([str(guard), str(ROOT)]),
            netguard.LOG_VARIABLE: str(log),
        },
    )
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, lines


def _kernels(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("loaded") and "ipykernel" in line]


@pytest.mark.parametrize("mode", ["empty", "demo"])
def test_all_notebooks_run_with_the_network_blocked(mode: str, tmp_path: Path) -> None:
    """Every notebook runs top to bottom; no process tried to reach another machine."""
    result, lines = _run_guarded(NOTEBOOKS, tmp_path, mode)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert [line for line in lines if line.startswith("blocked")] == []
    kernels = _kernels(lines)
    assert kernels, f"the guard never ran inside a kernel: {lines}"
    figure(
        f"no network ({mode}): {len(NOTEBOOKS)} notebooks run in {len(kernels)} guarded "
        "kernels, 0 connection attempts"
    )


def test_a_notebook_that_calls_out_is_caught(tmp_path: Path) -> None:
    """The check itself: a cell that fetches a web page is blocked inside the kernel and logged."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import urllib.request\n"
            "try:\n"
            "    urllib.request.urlopen('http://example.org', timeout=5)\n"
            "except OSError as error:\n"
            "    print('refused:', error)"
        )
    ]
    path = tmp_path / "calls_out.ipynb"
    nbformat.write(notebook, path)
    result, lines = _run_guarded([path], tmp_path, "empty")
    assert result.returncode == 0, result.stdout[-3000:]
    blocked = [line for line in lines if line.startswith("blocked")]
    assert blocked and "example.org" in blocked[0]
    assert "ipykernel" in blocked[0]
