"""Notebook 00 in a real browser: it runs, the profile saves, and it survives a reload."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    Lab,
    assert_no_errors,
    open_notebook,
    run_all,
    screenshot,
    wait_for_text,
)


def test_profile_form_saves_and_survives_reload(lab: Lab, page: Page) -> None:
    """A learner fills in the form, saves, reloads, re-runs and sees their saved profile."""
    open_notebook(page, lab, "00_start_here.ipynb")
    run_all(page)
    assert_no_errors(page)
    wait_for_text(page, "No profile saved yet")

    page.locator(".iv-profile-name input").fill("Jo Ortega")
    page.locator(".iv-profile-email input").fill("jo.ortega@example.org")
    page.locator(".iv-profile-field input").fill("Urban planning")
    page.locator(".iv-profile-goal input").fill("Find out how planners got started")
    page.locator(".iv-profile-synopsis textarea").fill(
        "Five years in retail management.\n"
        "Volunteer on a city cycling board.\n"
        "Studying GIS at night."
    )
    page.locator(".iv-profile-save button, button.iv-profile-save").first.click()
    expect(page.locator(".iv-profile-saved")).to_contain_text("Jo Ortega")
    expect(page.get_by_text("Saved to")).to_be_visible()

    open_notebook(page, lab, "00_start_here.ipynb")
    run_all(page)
    assert_no_errors(page)
    saved = page.locator(".iv-profile-saved")
    expect(saved).to_contain_text("Jo Ortega")
    expect(saved).to_contain_text("Studying GIS at night.")
    expect(page.locator(".iv-profile-name input")).to_have_value("Jo Ortega")
    screenshot(page, "00_start_here", focus=page.locator(".iv-profile-name"))


def test_runs_on_the_demo_persona(lab_demo: Lab, page: Page) -> None:
    """With the demo switch on, the notebook shows the fictional persona's profile."""
    open_notebook(page, lab_demo, "00_start_here.ipynb")
    run_all(page)
    assert_no_errors(page)
    expect(page.locator(".iv-profile-saved")).to_contain_text("Maya Okafor")
