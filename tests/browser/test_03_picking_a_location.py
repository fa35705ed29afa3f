"""Notebook 03 in a real browser: record a lunch, see the checklist, leave with a calendar file."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    Lab,
    assert_no_errors,
    open_notebook,
    run_all,
    screenshot,
    wait_for_text,
)

NOTEBOOK = "03_picking_a_location.ipynb"


def test_record_a_lunch_and_download_the_calendar_file(lab_demo: Lab, page: Page) -> None:
    """Pick Daniel, record the lunch he chose, see the checklist, download the .ics, log it."""
    open_notebook(page, lab_demo, NOTEBOOK)
    run_all(page)
    assert_no_errors(page)

    planner = page.locator(".iv-meeting-planner")
    planner.locator(".iv-meeting-person select").select_option(
        label="Daniel Okoro (Harbour Insurance)"
    )
    expect(planner.locator(".iv-stage")).to_have_attribute("data-stage", "replied")
    planner.locator(".iv-meeting-kind").get_by_role("radio", name="A table at lunch").check()
    expect(planner.locator(".iv-meeting-etiquette .iv-place")).to_have_attribute(
        "data-kind", "lunch"
    )
    planner.locator(".iv-meeting-location input").fill("Harbour Canteen, 2 Quay Street")
    planner.locator(".iv-meeting-date input").fill("2026-12-03")
    planner.locator(".iv-meeting-time input").fill("12:30")
    zone = planner.locator(".iv-meeting-zone input")
    zone.fill("Europe/London")
    zone.press("Enter")
    minutes = planner.locator(".iv-meeting-minutes input")
    minutes.fill("45")
    minutes.press("Enter")

    checklist = planner.locator(".iv-meeting-checklist")
    expect(checklist).to_contain_text("Research Daniel Okoro")
    expect(checklist).to_contain_text("You pay for both lunches")
    expect(checklist).to_contain_text("You asked for 45 minutes")
    expect(checklist).to_contain_text("Harbour Canteen, 2 Quay Street")

    planner.locator("button.iv-meeting-ics").click()
    link = planner.locator(".iv-meeting-download a.iv-download")
    expect(link).to_have_attribute("download", "meeting-Daniel-Okoro-2026-12-03.ics")
    saved = lab_demo.data_dir / "calendar" / "meeting-Daniel-Okoro-2026-12-03.ics"
    assert saved.is_file()
    with page.expect_download() as info:
        link.click()
    downloaded = Path(info.value.path())
    assert downloaded.read_bytes() == saved.read_bytes()
    calendar = Calendar.from_ical(downloaded.read_bytes())
    meeting = calendar.walk("VEVENT")[0]
    assert str(meeting["LOCATION"]) == "Harbour Canteen, 2 Quay Street"
    assert meeting["DTSTART"].params["TZID"] == "Europe/London"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]

    planner.locator("button.iv-meeting-log").click()
    expect(planner.locator(".iv-meeting-status")).to_contain_text("Logged")
    expect(planner.locator(".iv-stage")).to_have_attribute("data-stage", "scheduled")
    expect(planner.locator(".iv-meeting-upcoming")).to_contain_text("Harbour Canteen")
    assert page.dialogs == []  # type: ignore[attr-defined]
    planner.evaluate("element => element.scrollIntoView()")
    screenshot(page, "03_picking_a_location")


def test_an_empty_workspace_explains_what_to_do(lab: Lab, page: Page) -> None:
    """With nobody in the tracker, the planner and the calendar cell say what to do next."""
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    assert_no_errors(page)
    wait_for_text(page, "Nobody in your tracker yet")
    wait_for_text(page, "No upcoming meeting yet, so no calendar file")
