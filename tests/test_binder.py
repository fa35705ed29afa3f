"""Binder's build, rehearsed: a fresh venv gets binder/requirements.txt, postBuild, and runs.

repo2docker installs ``binder/requirements.txt`` from the repository root and then runs
``binder/postBuild``. This test does the same in a new virtual environment (one pip
install, with nbval and pytest added so it can run the notebooks), then runs every notebook
on an empty workspace with that environment's Python. It takes a minute or two: it is
marked ``slow`` and still runs in ``make test``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
TODAY = "2026-11-26"

pytestmark = pytest.mark.slow


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would let the checkout shadow the install."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def _run(args: list[str], env: dict[str, str], cwd: Path, timeout: int) -> str:
    result = subprocess.run(
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, (
        f"{' '.join(args[:4])} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result.stdout


def test_binder_files_are_what_repo2docker_expects() -> None:
    """Pinned requirements that install the project itself, Python 3.11, an executable postBuild."""
    lines = [
        line.split("#", 1)[0].strip()
        for line in (BINDER / "requirements.txt").read_text("utf-8").splitlines()
    ]
    requirements = [line for line in lines if line]
    assert "." in requirements
    pinned = {line.split("==")[0].lower() for line in requirements if "==" in line}
    assert pinned >= {"pandas", "matplotlib", "ipywidgets", "jupyterlab", "voila", "nbgitpuller"}
    assert all("==" in line for line in requirements if line != ".")
    assert (BINDER / "runtime.txt").read_text("utf-8").strip() == "python-3.11"
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK)
    assert "tools/lab_settings.py" in post_build.read_text("utf-8")


def test_a_fresh_binder_environment_runs_every_notebook(tmp_path: Path) -> None:
    """Install as repo2docker does, run postBuild, then Run All on each notebook, with no error."""
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], _clean_env(), ROOT, 300)
    python = venv / "bin" / "python"
    env = _clean_env(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    _run(
        [str(python), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt", "nbval"],
        env,
        ROOT,  # from the repository root, so "." in the requirements is this project
        900,
    )
    _run(["bash", str(BINDER / "postBuild")], env, tmp_path, 120)

    overrides = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(overrides.read_text("utf-8"))
    assert settings["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "defer"
    widgets = venv / "share" / "jupyter" / "labextensions" / "@jupyter-widgets"
    assert (widgets / "jupyterlab-manager").is_dir(), "Lab could not show widgets"
    where = _run(
        [str(python), "-c", "import infoview; print(infoview.__file__)"], env, tmp_path, 60
    )
    assert Path(where.strip()).is_relative_to(venv), "infoview was not installed into the venv"

    ini = tmp_path / "pytest.ini"
    ini.write_text("[pytest]\n", "utf-8")
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    run_env = {
        **env,
        "INFOVIEW_DATA_DIR": str(tmp_path / "workspace"),
        "INFOVIEW_TODAY": TODAY,
        "INFOVIEW_DEMO": "",
        "MPLBACKEND": "agg",
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    pytest_args = ["-c", str(ini), f"--rootdir={tmp_path}", "-p", "no:cacheprovider", "-q"]
    out = _run(
        [
            str(python),
            "-m",
            "pytest",
            *pytest_args,
            "--nbval-lax",
            "--nbval-current-env",
            *notebooks,
        ],
        run_env,
        ROOT,
        900,
    )
    passed = re.search(r"(\d+) passed", out)
    assert passed and int(passed[1]) >= len(notebooks), out[-2000:]
    assert " failed" not in out and " error" not in out
