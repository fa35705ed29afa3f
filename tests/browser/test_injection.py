"""Hostile text in a real browser: no element is injected, no dialog opens, the text shows.

The workspace tracker of the ``lab`` server gets a profile and a contact whose name, company
and notes hold ``<img src=x onerror=alert(1)>`` and ``"><script>alert(1)</script>``. Notebook
00 runs on it; then a generated notebook shows every renderer and widget that
``tests/test_injection.py`` lists (``RENDERERS``, ``WIDGETS``), so the browser check grows
with those lists. A control notebook that shows the payload raw proves the check can fail.
The workspace is put back as it was afterwards, for the other browser tests.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect

from infoview.tracker import open_tracker
from tests.browser.helpers import Lab, assert_no_errors, open_notebook, run_all, screenshot
from tests.test_injection import IMG, RENDERERS, SCRIPT, WIDGETS, _pick, hostile_tracker

GALLERY = "zz_injection_gallery.ipynb"
CONTROL = "zz_injection_control.ipynb"


def _shut_down_kernels(lab: Lab, names: set[str]) -> None:
    """Stop the kernels of the notebooks this test opened (they hold the tracker open)."""
    with urllib.request.urlopen(f"{lab.url}/api/sessions?token={lab.token}") as reply:  # noqa: S310
        sessions = json.load(reply)
    for session in sessions:
        if Path(session["path"]).name in names:
            request = urllib.request.Request(  # noqa: S310 - the test's own local server
                f"{lab.url}/api/sessions/{session['id']}?token={lab.token}", method="DELETE"
            )
            urllib.request.urlopen(request).close()  # noqa: S310


def _tracker_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


@pytest.fixture
def hostile_lab(lab: Lab, tmp_path: Path) -> Iterator[tuple[Lab, int]]:
    """The lab's workspace tracker holds the hostile profile and contact; restored afterwards."""
    tracker_path = lab.data_dir / "infoview.sqlite"
    saved = None
    if tracker_path.exists():
        with open_tracker(tracker_path) as existing:
            saved = existing.backup(tmp_path / "saved.sqlite")
    for old in _tracker_files(tracker_path):
        old.unlink(missing_ok=True)
    tracker, pid = hostile_tracker(tracker_path)
    with tracker:
        tracker.add_target(IMG, contact=SCRIPT, notes=IMG)
    try:
        yield lab, pid
    finally:
        _shut_down_kernels(lab, {"00_start_here.ipynb", GALLERY, CONTROL})
        for name in (GALLERY, CONTROL):
            (lab.root / "notebooks" / name).unlink(missing_ok=True)
        for old in _tracker_files(tracker_path):
            old.unlink(missing_ok=True)
        if saved is not None:
            shutil.copyfile(saved, tracker_path)


# JupyterLab rewrites a relative src ("x" becomes ".../files/notebooks/x?_xsrf=..."), so
# img[src=x] alone would never match, even when the payload is injected: look for both.
INJECTED_IMG = "img[src=x], img[src*='/files/notebooks/x?'], [onerror]"


def _assert_nothing_injected(page: Page) -> None:
    assert page.locator(INJECTED_IMG).count() == 0, "an <img onerror> element was injected"
    scripts = page.locator(".jp-OutputArea-output script").filter(has_text="alert(1)")
    assert scripts.count() == 0, "a <script> with the payload was injected"
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"


def test_notebook_00_shows_a_hostile_profile_as_text(
    hostile_lab: tuple[Lab, int], page: Page
) -> None:
    """Notebook 00 on a hostile profile: the payloads read as text, nothing runs."""
    lab, _ = hostile_lab
    open_notebook(page, lab, "00_start_here.ipynb")
    run_all(page)
    assert_no_errors(page)
    card = page.locator(".iv-profile-saved")
    expect(card).to_contain_text(IMG)
    expect(card).to_contain_text(SCRIPT)
    expect(page.locator(".iv-profile-name input")).to_have_value(IMG)
    page.wait_for_timeout(1_000)  # give a broken image time to fire its onerror
    _assert_nothing_injected(page)
    screenshot(page, "injection_00_start_here", focus=card)


def _gallery(lab: Lab, pid: int, tmp_path: Path) -> None:
    """A notebook with one cell per renderer (its HTML, as the kit makes it) and per widget."""
    tracker, hostile_pid = hostile_tracker(tmp_path / "renderers.sqlite")
    cells = [nbformat.v4.new_code_cell("from IPython.display import HTML\nimport infoview as iv")]
    with tracker:
        for renderer in RENDERERS:
            fragment = renderer.render(tracker, hostile_pid)
            cells.append(nbformat.v4.new_code_cell(f"# {renderer.name}\nHTML({fragment!r})"))
    cells.append(nbformat.v4.new_code_cell("tracker = iv.open_tracker()"))
    for spec in WIDGETS:
        if spec.drive not in (None, _pick):
            continue  # driven in its own way: covered by notebook 00 (the profile form)
        module, name = spec.name.rsplit(".", 1)
        lines = [f"from infoview.{module} import {name}", f"widget = {name}(tracker)"]
        if spec.drive is _pick:
            lines.append(f"widget.person.value = {pid}")
        cells.append(nbformat.v4.new_code_cell("\n".join([*lines, "widget"])))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, lab.root / "notebooks" / GALLERY)


def test_every_renderer_and_widget_shows_payloads_as_text(
    hostile_lab: tuple[Lab, int], page: Page, tmp_path: Path
) -> None:
    """Every listed renderer and widget, rendered by JupyterLab: no element, no dialog."""
    lab, pid = hostile_lab
    _gallery(lab, pid, tmp_path)
    open_notebook(page, lab, GALLERY)
    state = run_all(page)
    assert_no_errors(page)
    assert state["cells"] == 2 + len(RENDERERS) + sum(
        spec.drive in (None, _pick) for spec in WIDGETS
    )
    page.wait_for_timeout(1_500)
    _assert_nothing_injected(page)
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.filter(has_text=IMG).first).to_be_attached()
    expect(page.locator(".iv-composer")).to_contain_text(IMG)  # a driven widget, too
    screenshot(page, "injection_gallery", focus=page.locator(".iv-composer"))


def test_the_check_sees_a_real_injection(hostile_lab: tuple[Lab, int], page: Page) -> None:
    """Control: the raw payload, shown unescaped, does inject and open a dialog here."""
    lab, _ = hostile_lab
    cell = f"from IPython.display import HTML\nHTML({IMG!r})"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, lab.root / "notebooks" / CONTROL)
    open_notebook(page, lab, CONTROL)
    run_all(page)
    page.wait_for_timeout(1_500)
    assert page.locator(INJECTED_IMG).count() == 1
    assert page.locator("img[src=x]").count() == 0  # why INJECTED_IMG looks further
    assert page.dialogs == ["1"]
