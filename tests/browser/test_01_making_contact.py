"""Notebook 01 in a real browser: the review follows typing; "I sent it" moves the stage."""

from __future__ import annotations

import re
from email import policy as email_policy
from email.parser import BytesParser
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

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

    composer.locator("button.iv-save-eml").click()
    download_link = composer.locator(".iv-eml-download a.iv-download")
    expect(download_link).to_contain_text(".eml")
    with page.expect_download() as info:
        download_link.click()
    assert info.value.suggested_filename.endswith(".eml")
    (saved,) = (lab.data_dir / "drafts").glob("*.eml")
    downloaded = Path(info.value.path()).read_bytes()
    assert downloaded == saved.read_bytes()
    message = BytesParser(policy=email_policy.default).parsebytes(downloaded)
    assert message["To"] == "Ana Ruiz <ana.ruiz@example.org>"
    assert message["Subject"] == "Learning about UX research at Lumen Labs"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert text.startswith("Dear Ana,")
    assert "your view of UX research would help me a lot" in text

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


def _choose(scope: Locator, css: str, starting: str) -> None:
    """Pick the option of a dropdown whose text starts with ``starting``, as a person would."""
    select = scope.locator(f"{css} select")
    labels: list[str] = select.locator("option").evaluate_all("os => os.map(o => o.text)")
    matching = [
        i for i, label in enumerate(labels) if label.replace("\xa0", " ").startswith(starting)
    ]
    assert matching, f"no {starting!r} among {labels}"
    select.select_option(index=matching[0])


def test_a_new_person_or_route_gets_a_fresh_draft(lab: Lab, page: Page) -> None:
    """Edits for Cleo are not sent to Ben unasked; the warm route writes to the friend."""
    open_notebook(page, lab, "01_making_contact.ipynb")
    run_all(page)
    composer = page.locator(".iv-composer")
    body = composer.locator(".iv-draft-body textarea")
    for name, address in (("Cleo Marsh", "cleo.marsh"), ("Ben Okoro", "ben.okoro")):
        composer.locator(".iv-new-name input").fill(name)
        composer.locator(".iv-new-email input").fill(f"{address}@example.org")
        composer.locator(".iv-new-company input").fill("Lumen Labs")
        composer.locator("button.iv-add-person").click()
        expect(body).to_have_value(re.compile(f"^Dear {name.split()[0]},"))

    _choose(composer, ".iv-person", "Cleo Marsh")
    expect(body).to_have_value(re.compile(r"^Dear Cleo,"))
    body.press("End")
    body.type(" One line of my own.")
    _choose(composer, ".iv-person", "Ben Okoro")
    choice = composer.locator(".iv-edits-choice")
    expect(choice).to_contain_text("Your edited draft was written to Cleo Marsh")
    greeting = composer.locator('.iv-live-review li[data-rule="contact.greeting"]')
    expect(greeting).to_have_attribute("data-status", "fail")
    expect(greeting).to_contain_text("this email goes to Ben Okoro")
    choice.get_by_role("button", name="Start a draft for Ben Okoro").click()
    expect(body).to_have_value(re.compile(r"^Dear Ben,"))
    expect(body).not_to_have_value(re.compile("One line of my own"))
    expect(choice).to_be_hidden()
    expect(greeting).to_have_attribute("data-status", "pass")

    composer.get_by_role("radio", name="Warm: via a friend").check()
    _choose(composer, ".iv-friend", "Cleo Marsh")
    expect(composer.locator(".iv-addresses")).to_contain_text("cleo.marsh@example.org")
    expect(body).to_have_value(re.compile(r"^(Dear|Hi) Cleo,"))
    expect(body).to_have_value(re.compile("Ben"))
    expect(greeting).to_have_attribute("data-status", "pass")


def test_three_targets_are_stored_as_ticked(lab: Lab, page: Page) -> None:
    """Each target keeps its own ticks: the form starts fresh after every "Add target"."""
    open_notebook(page, lab, "01_making_contact.ipynb")
    run_all(page)
    targets = page.locator(".iv-target-list")
    entries = [
        ("Lumen Labs", True, True),
        ("Atlas Maps", False, True),
        ("Quill Press", False, False),
    ]
    for organisation, know_someone, opening in entries:
        targets.locator(".iv-target-org input").fill(organisation)
        know = targets.get_by_label("I already know someone there")
        posting = targets.get_by_label("They have an opening in my field")
        expect(know).not_to_be_checked()
        expect(posting).not_to_be_checked()
        if know_someone:
            know.check()
        if opening:
            posting.check()
        targets.locator("button.iv-target-add").click()
        expect(targets.locator(".iv-target-table")).to_contain_text(organisation)
    rows = {
        row.locator("td").nth(2).inner_text(): row.locator("td").all_inner_texts()
        for row in targets.locator(".iv-target-table tbody tr").all()
    }
    for organisation, know_someone, opening in entries:
        cells = rows[organisation]
        assert cells[5].endswith("yes" if opening else "no"), cells
        assert cells[6].endswith("yes" if know_someone else "no"), cells
