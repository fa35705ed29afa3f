"""Keyboard only, in notebooks 01 and 04: every control reached by Tab and used by key.

Status messages arrive in one lasting live region per widget: the same element (the same
node, with the ``data-iv-live`` mark it was given once) carries each new message. Single
choices are radio buttons, so the accessibility tree says which one is chosen.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import Lab, assert_no_errors, open_notebook, run_all
from tests.browser.keyboard import (
    assert_focus_kept,
    choose_by_keyboard,
    start_at_first_control,
    tab_to,
    walk,
)


def _reach_every_control(page: Page, selector: str) -> None:
    """From the widget's first control, Tab meets each of its controls once, in order."""
    controls = start_at_first_control(page, page.locator(selector))
    met = walk(page, selector, len(controls))
    assert met == [str(i) for i in range(len(controls))], (met, controls)


class LiveRegion:
    """One widget's status region, held by identity: each message must arrive in this node."""

    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self.node = locator.element_handle()
        self.mark = locator.get_attribute("data-iv-live")
        assert self.mark, "the status line is not a live region"
        assert locator.get_attribute("role") == "status"
        assert locator.get_attribute("aria-live") == "polite"

    def says(self, text: str) -> None:
        expect(self.locator).to_contain_text(text)
        same = self.node.evaluate(
            "(el, mark) => el.isConnected && el.dataset.ivLive === mark", self.mark
        )
        assert same, f"{text!r} arrived in a new region, not the one announced before"
        assert self.locator.locator("[role=status], [aria-live]").count() == 0, "nested region"


def test_making_contact_by_keyboard_alone(lab: Lab, page: Page) -> None:
    """Notebook 01: add a person, switch route, pick a kind, edit, save, log; targets; rhythm."""
    open_notebook(page, lab, "01_making_contact.ipynb")
    run_all(page)
    assert_no_errors(page)
    kit = ".iv-kit"
    composer = page.locator(".iv-composer")
    _reach_every_control(page, ".iv-composer")

    status = LiveRegion(composer.locator(".iv-status-out"))
    tab_to(page, composer.locator(".iv-new-name input"), back=True)
    page.keyboard.type("Ana Ruiz")
    page.keyboard.press("Tab")
    page.keyboard.type("ana.ruiz@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Lumen Labs")
    tab_to(page, composer.locator("button.iv-add-person"))
    page.keyboard.press("Enter")
    status.says("Added Ana Ruiz")
    assert_focus_kept(page, kit, "Add person")
    body = composer.locator(".iv-draft-body textarea")
    expect(body).to_have_value(re.compile(r"^Dear Ana,"))

    warm = composer.get_by_role("radio", name="Warm: via a friend")
    cold = composer.get_by_role("radio", name="Cold: I write first")
    expect(cold).to_be_checked()
    tab_to(page, warm)
    page.keyboard.press("Space")
    expect(warm).to_be_checked()
    expect(cold).not_to_be_checked()
    expect(composer.get_by_role("radio", checked=True)).to_have_accessible_name(
        "Warm: via a friend"
    )
    assert_focus_kept(page, kit, "choosing the warm route")
    tab_to(page, cold, back=True)
    page.keyboard.press("Space")
    expect(cold).to_be_checked()
    status.says("Draft updated for Ana Ruiz")

    tab_to(page, composer.locator(".iv-kind select"))
    choose_by_keyboard(page, composer.locator(".iv-kind select"), "Reminder")
    expect(composer.locator(".iv-kind select")).to_have_value(re.compile("Reminder"))
    assert_focus_kept(page, kit, "choosing the kind of email")
    tab_to(page, composer.locator(".iv-kind select"), back=True)
    choose_by_keyboard(page, composer.locator(".iv-kind select"), "First email")
    expect(composer.locator(".iv-kind select")).to_have_value(re.compile("First email"))

    topic = composer.locator(".iv-topic input")
    tab_to(page, topic)
    page.keyboard.type("UX research")
    page.keyboard.press("Enter")
    expect(composer.locator(".iv-subject input")).to_have_value(re.compile("UX research"))
    tab_to(page, body)
    page.keyboard.press("Control+End")
    page.keyboard.type("\nWhat does a typical week look like for you?")
    expect(
        composer.locator('.iv-live-review li[data-rule="contact.no_questions"]')
    ).to_have_attribute("data-status", "fail")
    assert_focus_kept(page, kit, "typing in the draft")

    tab_to(page, composer.locator("button.iv-save-eml"))
    page.keyboard.press("Enter")
    link = composer.locator(".iv-eml-download a.iv-download")
    expect(link).to_contain_text(".eml")
    assert_focus_kept(page, kit, "Save .eml")
    tab_to(page, link)  # the new download link is in the Tab order
    tab_to(page, composer.locator("button.iv-sent"))
    page.keyboard.press("Space")
    status.says("Logged")
    expect(composer.locator(".iv-stage")).to_have_attribute("data-stage", "contacted")
    assert_focus_kept(page, kit, "I sent it")

    targets = page.locator(".iv-target-list")
    _reach_every_control(page, ".iv-target-list")
    tab_to(page, targets.locator(".iv-target-org input"), back=True)
    page.keyboard.type("Atlas Maps")
    know = targets.get_by_label("I already know someone there")
    tab_to(page, know)
    page.keyboard.press("Space")
    expect(know).to_be_checked()
    tab_to(page, targets.locator("button.iv-target-add"))
    page.keyboard.press("Enter")
    expect(targets.locator(".iv-target-table")).to_contain_text("Atlas Maps")
    LiveRegion(targets.locator(".iv-live")).says("Added Atlas Maps")
    assert_focus_kept(page, kit, "Add target")

    reminders = page.locator(".iv-reminders")
    _reach_every_control(page, ".iv-reminders")
    rhythm = reminders.get_by_role("radio", name="Dalton's 3B7")
    tab_to(page, rhythm, back=True)
    page.keyboard.press("Space")
    expect(rhythm).to_be_checked()
    expect(reminders.get_by_role("radio", checked=True)).to_have_count(1)
    tab_to(page, reminders.locator("button.iv-reminders-refresh"))
    page.keyboard.press("Enter")
    assert_focus_kept(page, kit, "Refresh")


def test_the_day_after_by_keyboard_alone(lab_demo: Lab, page: Page) -> None:
    """Notebook 04: debrief Ama, refresh the board, draft her thanks, Done; focus stays."""
    open_notebook(page, lab_demo, "04_the_day_after.ipynb")
    run_all(page)
    assert_no_errors(page)
    kit = ".iv-kit"
    form = page.locator(".iv-debrief-form")
    _reach_every_control(page, ".iv-debrief-form")
    picker = form.locator(".iv-debrief-person select")
    tab_to(page, picker, back=True)
    choose_by_keyboard(page, picker, "Ama Owusu")
    expect(form.locator(".iv-stage")).to_be_visible()
    tab_to(page, form.locator(".iv-debrief-learned input"))
    page.keyboard.type("map research starts with how people get lost")
    tab_to(page, form.locator(".iv-debrief-next-step input"))
    page.keyboard.type("sit in on one of her usability sessions")
    tab_to(page, form.locator(".iv-debrief-referrals textarea"))
    page.keyboard.type("Kofi Mensah, kofi@example.org")
    tab_to(page, form.locator("button.iv-debrief-save"))
    page.keyboard.press("Enter")
    LiveRegion(form.locator(".iv-live")).says("Debrief saved")
    assert_focus_kept(page, kit, "Save debrief")

    board = page.locator(".iv-board")
    _reach_every_control(page, ".iv-board")
    status = LiveRegion(board.locator(".iv-board-status"))
    tab_to(page, board.locator("button.iv-board-refresh"))
    page.keyboard.press("Enter")
    status.says("Board refreshed")
    assert_focus_kept(page, kit, "Refresh")
    ama = board.locator(".iv-due-row", has_text="Ama Owusu").filter(has_text="thank-you")
    expect(ama).to_have_count(1)
    tab_to(page, ama.locator("button.iv-draft-it"), back=True)
    page.keyboard.press("Enter")
    status.says("Draft ready below")
    draft = board.locator(".iv-board-draft textarea")
    expect(draft).to_have_value(re.compile(r"^Dear Ama,"))
    assert_focus_kept(page, kit, "Draft it")
    tab_to(page, draft)
    page.keyboard.press("Control+End")
    page.keyboard.type("\nSee you at the next meetup.")
    tab_to(page, ama.locator("button.iv-done"), back=True)
    page.keyboard.press("Enter")
    status.says("Logged: Send a thank-you email")
    expect(ama).to_have_count(0)
    assert_focus_kept(page, kit, "Done")
    expect(page.locator(":focus")).to_have_class(re.compile("iv-done"))

    thanks = page.locator(".iv-thanks")
    _reach_every_control(page, ".iv-thanks")
    chooser = thanks.locator(".iv-thanks-person select")
    tab_to(page, chooser, back=True)
    choose_by_keyboard(page, chooser, "Ama Owusu")
    expect(thanks.locator(".iv-thanks-body textarea")).to_have_value(re.compile("Ama"))
    card = thanks.get_by_role("button", name="Card text too")
    tab_to(page, card)
    page.keyboard.press("Enter")
    assert_focus_kept(page, kit, "Card text too")
    tab_to(page, thanks.locator("button.iv-thanks-sent"), back=True)
    page.keyboard.press("Space")
    LiveRegion(thanks.locator(".iv-live")).says("Thank-you logged for Ama Owusu")
    assert_focus_kept(page, kit, "I sent it (thanks)")
