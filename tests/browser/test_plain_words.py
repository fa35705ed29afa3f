"""What a learner reads in notebooks 00-05, after Run All on the demo persona: plain words only.

No rule id (from ``rules.toml``), question id (from the question bank), id of a learner's own
question (``mine-...``), snake_case column name of a raw frame, or bare frame index shows in
the rendered text. Attributes (tooltips, ``data-*``) are not text and may keep ids for advisors.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import Lab, assert_no_errors, open_notebook, run_all

NOTEBOOKS = [
    "00_start_here.ipynb",
    "01_making_contact.ipynb",
    "02_drafting_questions.ipynb",
    "03_picking_a_location.ipynb",
    "04_the_day_after.ipynb",
    "05_growing_your_network.ipynb",
]
# Columns of the kit's frames (due list, people, touches, journey) that must never be shown raw.
RAW_COLUMNS = ("person_id", "overdue_days", "due_on", "introduced_by", "connected_on", "touch_id")


def _ids() -> list[str]:
    package = resources.files("infoview.resources")
    rules = tomllib.loads(package.joinpath("rules.toml").read_text("utf-8"))["rules"]
    bank = tomllib.loads(package.joinpath("questions.toml").read_text("utf-8"))["question"]
    return sorted({*rules, *(q["id"] for q in bank)}, key=len, reverse=True)


FORBIDDEN = re.compile(
    r"(?<![\w.])("
    + "|".join(map(re.escape, [*_ids(), *RAW_COLUMNS]))
    + r"|mine-[0-9a-f]{8})(?![\w])"
)

# The rendered text of every output area (code cells' own source is not a learner's reading).
_OUTPUT_TEXT = """
() => Array.from(document.querySelectorAll('.jp-Notebook .jp-OutputArea-output'))
  .map(el => el.innerText)
"""
# A frame shown raw starts its body rows with a bare index cell (<th>0</th>).
_BARE_INDEX = """
() => Array.from(document.querySelectorAll('.jp-Notebook .jp-OutputArea-output tbody tr th'))
  .map(el => el.innerText.trim()).filter(t => /^\\d+$/.test(t))
"""


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_rendered_text_has_no_ids_or_raw_frames(lab_demo: Lab, page: Page, notebook: str) -> None:
    """Run All, then read every output as a learner sees it: no ids, no raw frame."""
    open_notebook(page, lab_demo, notebook)
    run_all(page)
    assert_no_errors(page)
    page.wait_for_timeout(1000)
    texts: list[str] = page.evaluate(_OUTPUT_TEXT)
    assert texts, "no outputs rendered"
    found = sorted({m.group(1) for text in texts for m in FORBIDDEN.finditer(text)})
    assert found == [], f"{notebook} shows ids or raw column names: {found}"
    assert page.evaluate(_BARE_INDEX) == [], f"{notebook} shows a raw frame's index"
    markdown = page.locator(".jp-MarkdownCell").first.inner_text()
    assert "model not found" in markdown and "Run All Cells" in markdown
