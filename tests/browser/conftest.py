"""Fixtures for browser tests: a JupyterLab server and Debian's Chromium via Playwright.

Without Chromium the tests skip with the reason; with ``CI`` set they fail instead, so a
green CI run always means the browser layer really ran.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import ROOT, Lab

CHROMIUM = Path(os.environ.get("INFOVIEW_CHROMIUM", "/usr/bin/chromium"))
TODAY = "2026-11-26"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in item.nodeid:
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start_lab(tmp: Path, *, demo: bool) -> Iterator[Lab]:
    root = tmp / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    if (ROOT / "data").is_dir():
        shutil.copytree(ROOT / "data", root / "data")
    data_dir = tmp / "workspace"
    port, token = _free_port(), "infoview-test-token"
    env = {
        **os.environ,
        "INFOVIEW_DATA_DIR": str(data_dir),
        "INFOVIEW_TODAY": TODAY,
        "INFOVIEW_DEMO": "1" if demo else "",
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    log = (tmp / "lab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            f"--port={port}",
            "--port-retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.workspaces_dir={tmp / 'lab-workspaces'}",
            f"--LabApp.user_settings_dir={tmp / 'lab-settings'}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.extension_manager=readonly",
            "--ServerApp.allow_root=True",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=root,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as reply:  # noqa: S310
                if reply.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            server.wait()
            log.close()
            pytest.fail(f"JupyterLab did not start; see {tmp / 'lab.log'}")
        time.sleep(0.5)
    try:
        yield Lab(url=url, token=token, root=root, data_dir=data_dir)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    reason = f"Chromium not found at {CHROMIUM} (install it with: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must run the browser tests")
    pytest.skip(reason)


# One server (and one workspace) per test module: each notebook's tests start from the
# state they expect, whatever other modules did before them.
@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Lab]:
    """JupyterLab on an empty workspace."""
    yield from _start_lab(tmp_path_factory.mktemp("lab"), demo=False)


@pytest.fixture(scope="module")
def lab_demo(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Lab]:
    """JupyterLab with INFOVIEW_DEMO=1: every notebook runs on the demo persona."""
    yield from _start_lab(tmp_path_factory.mktemp("lab-demo"), demo=True)


@pytest.fixture(scope="session")
def browser(chromium_path: Path):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(30_000)
    opened = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        if dialog.type == "beforeunload":  # "leave the page?" on reload: yes
            dialog.accept()
            return
        dialogs.append(dialog.message)
        dialog.dismiss()

    opened.on("dialog", on_dialog)
    opened.dialogs = dialogs  # injection tests assert that no dialog ever opened
    yield opened
    context.close()
