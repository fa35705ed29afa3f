"""The advisor demo served by Voila, in a real browser: every section renders, Reset works,
and the kit's output meets WCAG 2.1 AA (axe-core and the contrast scan)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.a11y import audit, axe_path
from tests.browser.conftest import TODAY
from tests.browser.helpers import ROOT, screenshot
from tests.conftest import figure

SECTIONS = (
    "Informational interviews, start to finish",
    "The persona",
    "The persona's journey",
    "Progress through the notebooks",
    "Making contact: a first email, reviewed as it is written",
    "Drafting questions: a line that builds",
    "Setting the meeting: their place, their time",
    "The day after: one board of what is due",
    "Growing the network",
    "A workshop at a glance: the cohort summary",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def voila(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    """`make demo`'s Voila command on a free port, with a temporary workspace."""
    tmp = tmp_path_factory.mktemp("voila")
    port = _free_port()
    env = {
        **os.environ,
        "INFOVIEW_DATA_DIR": str(tmp / "workspace"),
        "INFOVIEW_TODAY": TODAY,
        "INFOVIEW_DEMO": "",
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    log_path = tmp / "voila.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                "notebooks/advisor_demo.ipynb",
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
                "--template=lab",
                "--strip_sources=True",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while not _listening(port):
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait()
                pytest.fail(f"Voila did not start; see {log_path}")
            time.sleep(0.5)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    assert not (tmp / "workspace" / "infoview.sqlite").exists(), "the demo opened a tracker"


def test_every_section_renders_and_reset_restores_the_persona(voila: str, page: Page) -> None:
    """Voila shows each section with no code and no error; Reset demo redraws the persona."""
    page.goto(voila, timeout=120_000)
    for title in SECTIONS:
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=120_000)
    board = page.locator(".iv-demo-board")
    expect(board).to_be_visible(timeout=60_000)
    expect(page.locator(".iv-demo-status")).to_contain_text("Maya Okafor")
    expect(page.locator(".iv-demo-persona")).to_contain_text("UX research")
    expect(page.locator(".iv-demo-journey")).to_contain_text("people")
    expect(page.locator(".iv-progress")).to_contain_text("Your journey")
    expect(page.locator(".iv-demo-meetings .iv-download")).to_be_visible()
    expect(page.locator(".iv-cohort img")).to_have_count(2)
    expect(page.locator(".iv-finding").first).to_be_visible()  # the outreach review
    expect(page.locator(".iv-question-builder")).to_be_visible()
    expect(page.locator(".iv-due-row").first).to_be_visible()
    expect(page.locator(".iv-dashboard img").first).to_be_visible()

    text = page.inner_text("body")
    assert "Traceback" not in text and "Error displaying widget" not in text
    assert "import infoview" not in text, "code is showing"
    assert page.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0

    page.locator("button.iv-demo-reset").click()
    expect(page.locator(".iv-demo-status")).to_contain_text("Reset: showing", timeout=30_000)
    expect(page.locator(".iv-demo-journey")).to_contain_text("people")
    assert "Error displaying widget" not in page.inner_text("body")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "advisor_demo")


def test_the_demo_meets_wcag_21_aa(voila: str, page: Page) -> None:
    """axe (WCAG 2.0/2.1 A and AA) finds nothing serious in the kit's output; contrast holds."""
    axe_path()
    page.goto(voila, timeout=120_000)
    expect(page.locator(".iv-dashboard img").first).to_be_visible(timeout=120_000)
    expect(page.locator(".iv-demo-board")).to_be_visible(timeout=60_000)
    found = audit(page, "advisor_demo (Voila)")
    figure(found.line())
    assert found.checked > 0
    assert found.serious == [], found.serious
    assert found.contrast == [], found.contrast
