"""Drive JupyterLab in Chromium the way a person does: open, run all, look, click.

Notebook state is read through ``window.jupyterapp`` (the server runs with
``--LabApp.expose_app_in_browser=True``), so waits end when the kernel is really done.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
RUN_TIMEOUT_S = 240

_NOTEBOOK_STATE = """
() => {
  const nb = window.jupyterapp.shell.currentWidget;
  if (!nb || !nb.content || !nb.sessionContext) { return {ready: false}; }
  const kernel = nb.sessionContext.session && nb.sessionContext.session.kernel;
  const cells = nb.content.widgets.filter(
    c => c.model.type === 'code' && c.model.sharedModel.getSource().trim() !== '');
  const errors = [];
  let pending = 0;
  for (const cell of cells) {
    for (const out of cell.model.outputs.toJSON()) {
      if (out.output_type === 'error') { errors.push(out.ename + ': ' + out.evalue); }
    }
    if (cell.model.executionCount === null) { pending += 1; }
  }
  return {ready: true, status: kernel ? kernel.status : 'none', pending, errors,
          cells: cells.length};
}
"""


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab server for tests."""

    url: str
    token: str
    root: Path
    data_dir: Path

    def lab_url(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}&reset"


def notebook_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(_NOTEBOOK_STATE)
    return state


def open_notebook(page: Page, lab: Lab, name: str) -> None:
    """Open ``notebooks/<name>`` and wait until its kernel is idle."""
    page.goto(lab.lab_url(f"notebooks/{name}"))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
    _wait(page, lambda s: s.get("ready") and s.get("status") == "idle", "the kernel to start")


def run_all(page: Page) -> dict[str, Any]:
    """Run every cell and wait until all have finished (or one has failed)."""
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    time.sleep(0.5)
    return _wait(
        page,
        lambda s: s.get("errors") or (s.get("pending") == 0 and s.get("status") == "idle"),
        "all cells to run",
    )


def _wait(page: Page, done: Any, what: str) -> dict[str, Any]:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = notebook_state(page)
        if done(state):
            page.wait_for_timeout(500)  # let widget views finish rendering
            return state
        page.wait_for_timeout(250)
    raise AssertionError(f"timed out waiting for {what}; last state {state}")


def assert_no_errors(page: Page) -> None:
    """No cell raised, and every widget rendered."""
    state = notebook_state(page)
    assert state["errors"] == [], f"cells raised errors: {state['errors']}"
    # In outputs only: each notebook's first note quotes this message to say what to do.
    broken = page.locator(".jp-OutputArea-output").get_by_text("Error displaying widget")
    assert broken.count() == 0, "a widget failed to display"


def screenshot(page: Page, name: str, focus: Locator | None = None) -> Path:
    """Save a screenshot to test-artifacts/screenshots/<name>.png (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if focus is not None:
        focus.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def wait_for_text(scope: Page | Locator, text: str, timeout_ms: int = 30_000) -> Locator:
    """The first element showing ``text``, once visible."""
    found = scope.get_by_text(text).first
    found.wait_for(state="visible", timeout=timeout_ms)
    return found
