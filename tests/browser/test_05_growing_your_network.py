"""Notebook 05 in a real browser: upload a LinkedIn export, preview, import, see it grow."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    ROOT,
    Lab,
    assert_no_errors,
    open_notebook,
    run_all,
    screenshot,
    wait_for_text,
)

NOTEBOOK = "05_growing_your_network.ipynb"
SAMPLE = ROOT / "data" / "samples" / "Connections.csv"
HIDDEN_EMAILS = ROOT / "tests" / "data" / "imports" / "linkedin_2018_hidden_emails.csv"


def test_upload_preview_confirm_and_watch_it_grow(lab: Lab, page: Page) -> None:
    """A learner uploads Connections.csv, sees the preview, imports, and sees the growth chart."""
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    assert_no_errors(page)
    wait_for_text(page, "Your network is empty so far")

    # ipywidgets 8 keeps the file input out of the page: answer the file chooser it opens.
    with page.expect_file_chooser() as chooser:
        page.locator("button.iv-import-upload").click()
    chooser.value.set_files(str(SAMPLE))
    preview = page.locator(".iv-import-view")
    expect(preview).to_contain_text("Preview of Connections.csv")
    expect(preview).to_contain_text("25 new people to add")
    confirm = page.locator("button.iv-import-confirm")
    expect(confirm).to_have_text("Import 25 people")

    confirm.click()
    expect(page.locator(".iv-import-status")).to_contain_text(
        "Connections.csv: added 25, 0 duplicates, 0 skipped"
    )
    caption = page.locator(".iv-dash-chart figcaption")
    expect(caption).to_contain_text("Your network grew from 1 person on 4 Nov 2024 to 25 people")
    expect(page.locator(".iv-dash-chart img")).to_be_visible()
    assert page.dialogs == []  # type: ignore[attr-defined]
    # The picture for the README: the dashboard and the network the import made.
    page.locator(".iv-dashboard").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    screenshot(page, "05_growing_your_network")


def test_demo_persona_sees_duplicates_before_importing(lab_demo: Lab, page: Page) -> None:
    """On the demo persona the sample holds people she has: the preview says so, then imports."""
    open_notebook(page, lab_demo, NOTEBOOK)
    run_all(page)
    assert_no_errors(page)
    page.locator("button.iv-import-sample").click()
    preview = page.locator(".iv-import-view")
    expect(preview).to_contain_text("22 new people to add")
    expect(preview).to_contain_text("2 already in your tracker")
    expect(page.locator(".iv-import-add-anyway select")).to_contain_text("Yusuf Demir")
    page.locator("button.iv-import-confirm").click()
    expect(page.locator(".iv-import-status")).to_contain_text("added 22, 3 duplicates")
    expect(page.locator(".iv-dash-count")).to_contain_text("Showing 62 of 62 people")


def test_preview_shows_the_values_set_aside(lab: Lab, page: Page) -> None:
    """An old LinkedIn export with hidden emails: everyone kept, each hidden email listed."""
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    assert_no_errors(page)
    with page.expect_file_chooser() as chooser:
        page.locator("button.iv-import-upload").click()
    chooser.value.set_files(str(HIDDEN_EMAILS))
    preview = page.locator(".iv-import-view")
    expect(preview).to_contain_text("3 people; 2 imported without an email")
    expect(preview).to_contain_text("3 new people to add")
    expect(preview).to_contain_text("Set aside (the person is kept without the value)")
    expect(preview).to_contain_text("'urn:li:member:40417' is not an address")
    expect(page.locator("button.iv-import-save-report")).to_be_visible()
    expect(page.locator("button.iv-import-confirm")).to_have_text("Import 3 people")
    # The picture for the README: a preview listing what it set aside.
    screenshot(page, "05_import_set_aside", focus=page.locator(".iv-import"))
    page.locator("button.iv-import-confirm").click()
    expect(page.locator(".iv-import-status")).to_contain_text("added 3, 0 duplicates, 0 skipped")
