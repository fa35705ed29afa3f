"""``make lab`` as a learner runs it: the printed link opens notebook 00, with their token.

The server serves this checkout (as ``make lab`` does) with Jupyter's own state in a
temporary folder; opening notebook 00 starts a kernel but runs nothing and saves nothing.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import _free_port
from tests.browser.helpers import ROOT, screenshot

LINK = re.compile(r"Open notebook 00: (\S+)")


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    """``make lab TOKEN=x PORT=<free>`` running; yields the link it printed."""
    if shutil.which("make") is None:
        pytest.fail("make is missing; the README's two commands need it")
    tmp = tmp_path_factory.mktemp("make-lab")
    port = _free_port()
    env = {
        **os.environ,
        "INFOVIEW_DATA_DIR": str(tmp / "workspace"),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "lab-workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    log_path = tmp / "make-lab.log"
    with log_path.open("w") as log:
        # -o: the venv is already set up by the test run; make must not reinstall it.
        server = subprocess.Popen(
            [
                "make",
                "-s",
                "-o",
                ".venv/.installed-lab",
                "lab",
                "TOKEN=x",
                f"PORT={port}",
                "LAB_FLAGS=--no-browser",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            link = _wait_for_link(log_path, server)
            yield link
        finally:
            os.killpg(server.pid, 15)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, 9)
                server.wait()


def _wait_for_link(log_path: Path, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        text = log_path.read_text("utf-8", "replace")
        found = LINK.search(text)
        if found and "Jupyter Server" in text and "is running at" in text:
            return found.group(1)
        if server.poll() is not None:
            break
        time.sleep(0.5)
    pytest.fail(f"make lab did not start:\n{log_path.read_text('utf-8', 'replace')[-3000:]}")


def test_the_printed_link_opens_notebook_00_with_the_given_token(make_lab: str) -> None:
    assert re.fullmatch(
        r"http://127\.0\.0\.1:\d+/lab/tree/notebooks/00_start_here\.ipynb\?token=x", make_lab
    )


def test_the_link_opens_notebook_00_in_the_browser(make_lab: str, page: Page) -> None:
    page.goto(make_lab)
    current = page.locator(".jp-mod-current .lm-TabBar-tabLabel, .lm-TabBar-tab.jp-mod-current")
    current.filter(has_text="00_start_here.ipynb").first.wait_for(timeout=60_000)
    page.locator(".jp-Notebook .jp-MarkdownCell").first.wait_for()
    screenshot(page, "make_lab_notebook_00")


def test_git_status_runs_without_errors_after_set_up() -> None:
    """The notebook filter git was given by the set-up exists, so git prints no error."""
    done = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stderr == ""


def test_the_notebook_filter_strips_outputs() -> None:
    """What git stores of a notebook carries no outputs (a learner's data stays local)."""
    clean = subprocess.run(
        ["git", "config", "filter.nbstripout.clean"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    notebook = (
        '{"cells": [{"cell_type": "code", "execution_count": 3, "id": "a", "metadata": {},'
        ' "outputs": [{"name": "stdout", "output_type": "stream", "text": ["Ana Ruiz\\n"]}],'
        ' "source": ["print(1)"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    stored = subprocess.run(
        shlex.split(clean),
        input=notebook,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert '"print(1)"' in stored
    assert "Ana Ruiz" not in stored
