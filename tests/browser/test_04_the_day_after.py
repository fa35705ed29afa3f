"""Notebook 04 in a real browser: debrief a demo meeting, draft the thanks, mark it done."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    Lab,
    assert_no_errors,
    open_notebook,
    run_all,
    screenshot,
    wait_for_text,
)


def test_debrief_thank_and_clear_the_board(lab_demo: Lab, page: Page) -> None:
    """Debrief Ama's meeting, draft her thank-you from the board, press Done: the row leaves."""
    open_notebook(page, lab_demo, "04_the_day_after.ipynb")
    run_all(page)
    assert_no_errors(page)

    picker = page.locator(".iv-debrief-person select")
    expect(picker).to_be_visible()
    labels = picker.locator("option").all_text_contents()  # widgets use no-break spaces
    ama_label = next(text for text in labels if text.replace("\xa0", " ").startswith("Ama Owusu"))
    picker.select_option(label=ama_label)
    page.locator(".iv-debrief-learned input").fill("map research starts with how people get lost")
    page.locator(".iv-debrief-next-step input").fill("sit in on one of her usability sessions")
    page.locator(".iv-debrief-referrals textarea").fill("Kofi Mensah, kofi@example.org")
    page.locator("button.iv-debrief-save").click()
    wait_for_text(page, "Debrief saved")

    board = page.locator(".iv-board")
    board.locator("button.iv-board-refresh").click()
    ama = board.locator(".iv-due-row", has_text="Ama Owusu").filter(has_text="thank-you")
    expect(ama).to_have_count(1)
    expect(ama).to_contain_text("due tomorrow")
    expect(board.locator(".iv-due-row", has_text="Kofi Mensah")).to_have_count(1)
    expect(board.locator(".iv-due-row", has_text="days overdue").first).to_be_visible()

    ama.locator("button.iv-draft-it").click()
    draft = board.locator(".iv-board-draft textarea")
    expect(draft).to_have_value(re.compile(r"^Dear Ama,"))
    body = draft.input_value()
    assert body.startswith("Dear Ama,")
    assert "map research starts with how people get lost" in body
    assert "sit in on one of her usability sessions" in body
    expect(board.locator(".iv-review")).to_contain_text("6 ok")

    board.locator(".iv-board-summary").evaluate("node => node.scrollIntoView({block: 'start'})")
    screenshot(page, "04_the_day_after")
    ama.locator("button.iv-done").click()
    expect(board.locator(".iv-board-status")).to_contain_text("Logged: Send a thank-you email")
    expect(
        board.locator(".iv-due-row", has_text="Ama Owusu").filter(has_text="thank-you")
    ).to_have_count(0)
    screenshot(page, "04_the_day_after_done", focus=board.locator(".iv-board-summary"))


def test_runs_on_an_empty_workspace(lab: Lab, page: Page) -> None:
    """On an empty workspace every widget shows a friendly empty state."""
    open_notebook(page, lab, "04_the_day_after.ipynb")
    run_all(page)
    assert_no_errors(page)
    expect(page.locator(".iv-board-summary")).to_contain_text("Nothing due")
    expect(page.locator(".iv-debrief-form")).to_contain_text("Nobody in your tracker yet")
