"""WCAG 2.1 AA in every notebook: axe-core and the contrast scan on the kit's widgets.

Each notebook runs on the demo persona (INFOVIEW_DEMO=1), so every list and board is full.
The Voila demo is checked in test_advisor_demo.py. Each page's figures are printed in the
test summary.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.a11y import audit, axe_path
from tests.browser.helpers import Lab, assert_no_errors, open_notebook, run_all
from tests.conftest import figure

NOTEBOOKS = (
    "00_start_here",
    "01_making_contact",
    "02_drafting_questions",
    "03_picking_a_location",
    "04_the_day_after",
    "05_growing_your_network",
)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_serious_violations_and_no_contrast_failures(
    name: str, lab_demo: Lab, page: Page
) -> None:
    """axe finds nothing serious or critical, and every text and focus ring has contrast."""
    axe_path()
    open_notebook(page, lab_demo, f"{name}.ipynb")
    run_all(page)
    assert_no_errors(page)
    page.wait_for_selector(".iv-kit", timeout=30_000)
    found = audit(page, name)
    figure(found.line())
    assert found.checked > 0
    assert found.serious == [], found.serious
    assert found.contrast == [], found.contrast
