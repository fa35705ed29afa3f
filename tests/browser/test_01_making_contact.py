"""Notebook 01 in a real browser: the review follows typing; "I sent it" moves the stage."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import Lab, assert_no_errors, open_notebook, run_all, screenshot

QUESTIONS = (
    "What does a typical week look like for you? How did you move from teaching into research?\n\n"
)
DRAFT = f"""Dear Ana,

I came across your talk at UX Leeds, and your view of UX research would help me a lot.

Eight years teaching secondary-school science in Leeds.
Ran classroom studies on how students learn from feedback.

{QUESTIONS}Would you be open to a 20-minute call in the coming weeks, whenever suits you?
I am hoping for your advice, not a job.

Thank you for considering it.

Best wishes,
Jo Ortega
"""


def test_live_review_and_logging_the_first_email(lab: Lab, page: Page) -> None:
    """Two interview questions fail, removing them passes, and 'I sent it' logs the email."""
    open_notebook(page, lab, "01_making_contact.ipynb")
    run_all(page)
    assert_no_errors(page)
    composer = page.locator(".iv-composer")
    expect(composer).to_contain_text("Nobody in your tracker yet")

    composer.locator(".iv-new-name input").fill("Ana Ruiz")
    composer.locator(".iv-new-email input").fill("ana.ruiz@example.org")
    composer.locator(".iv-new-company input").fill("Lumen Labs")
    composer.locator("button.iv-add-person").click()
    expect(composer.locator(".iv-stage")).to_have_attribute("data-stage", "identified")
    body = composer.locator(".iv-draft-body textarea")
    expect(body).to_have_value(re.compile(r"^Dear Ana,"))
    expect(composer.locator(".iv-addresses")).to_contain_text("ana.ruiz@example.org")
    topic = composer.locator(".iv-topic input")
    topic.fill("UX research")
    topic.press("Enter")
    subject = composer.locator(".iv-subject input")
    expect(subject).to_have_value("Learning about UX research at Lumen Labs")
    expect(body).to_have_value(re.compile("perspective on UX research"))

    questions = composer.locator('.iv-live-review li[data-rule="contact.no_questions"]')
    body.fill(DRAFT)
    expect(questions).to_have_attribute("data-status", "fail")
    expect(questions).to_contain_text("2 interview questions")
    expect(questions).to_contain_text("What does a typical week look like for you?")

    body.fill(DRAFT.replace(QUESTIONS, ""))
    expect(questions).to_have_attribute("data-status", "pass")
    link = composer.locator(".iv-mailto a")
    expected = "mailto:ana.ruiz@example.org?subject=Learning%20about%20UX%20research%20at%20Lumen"
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(expected)))
    expect(link).to_have_attribute("href", re.compile("Dear%20Ana%2C%0D%0A"))

    composer.locator("button.iv-sent").click()
    expect(composer.locator(".iv-stage")).to_have_attribute("data-stage", "contacted")
    expect(composer.locator(".iv-status-out")).to_contain_text("Logged")
    composer.locator(".iv-addresses").evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, "01_making_contact")


def test_typed_markup_is_shown_never_run(lab: Lab, page: Page) -> None:
    """An <img onerror> typed into the draft appears as text in the review and opens no dialog."""
    open_notebook(page, lab, "01_making_contact.ipynb")
    run_all(page)
    assert_no_errors(page)
    body = page.locator(".iv-composer .iv-draft-body textarea")
    body.fill("<img src=x onerror=alert(1)> what is your day like?\n\nJo")
    review = page.locator(".iv-composer .iv-live-review")
    expect(review).to_contain_text("<img src=x onerror=alert(1)>")
    assert review.locator("img").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
