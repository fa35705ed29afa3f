"""Notebook 02 in a real browser: build a plan, see it ordered, save it, print one page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from infoview.questions import plan_questions, save_sheet
from infoview.questions.bank import Question
from tests.browser.helpers import (
    Lab,
    assert_no_errors,
    open_notebook,
    run_all,
    screenshot,
    wait_for_text,
)

NOTEBOOK = "02_drafting_questions.ipynb"
# Added one category at a time, in an order the kit must rearrange.
PICKS = (
    ("Resources", "Who else would you suggest I talk to"),
    ("Advice", "If you were in my position"),
    ("Trends", "What is changing fastest in"),
    ("Day-to-day", "What does a typical week look like"),
    ("Story", "How did you come to work as"),
)
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_PAGE_COUNT = re.compile(
    rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b"
)


class _SheetText(HTMLParser):
    """The sheet's headings and question texts, as a printed page shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.items: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "h1":
            self._into = self.headings
        elif "text" in classes:
            self._into = self.items
        else:
            return
        self._into.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "div", "span", "p"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data


def _option_values(page: Page, css: str) -> list[str]:
    values: list[str] = page.locator(f"{css} select option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    return values


def _pick_from_bank(page: Page, category: str, words: str) -> None:
    page.locator(".iv-category select").select_option(value=category)
    # The filtered options arrive from the kernel a moment later, then the list's class.
    expect(page.locator(f".iv-bank.iv-bank-{category.lower()} select")).to_have_count(1)
    wanted = [v for v in _option_values(page, ".iv-bank") if words in v]
    assert len(wanted) == 1, (words, wanted)
    page.locator(".iv-bank select").select_option(value=wanted)
    page.locator(".iv-add").click()
    expect(page.locator(".iv-plan-list select")).to_contain_text(words.replace(" ", "\xa0"))


def _pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF: page objects counted, and checked against the page tree's /Count."""
    objects = len(_PAGE_OBJECT.findall(pdf))
    counts = {int(a or b) for a, b in _PAGE_COUNT.findall(pdf)}
    assert pdf.startswith(b"%PDF-")
    assert counts == {objects}, f"page tree says {counts}, found {objects} page objects"
    return objects


def _print_pages(browser: Browser, sheet: Path) -> dict[str, int]:
    """Open the sheet in Chromium and print it to PDF on A4 and on Letter."""
    context = browser.new_context()
    try:
        viewer = context.new_page()
        viewer.goto(sheet.as_uri())
        viewer.emulate_media(media="print")
        return {size: _pdf_pages(viewer.pdf(format=size)) for size in ("A4", "Letter")}
    finally:
        context.close()


def test_empty_workspace_runs_and_explains(lab: Lab, page: Page) -> None:
    """On an empty workspace the notebook runs cleanly and says how to add people."""
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    assert_no_errors(page)
    wait_for_text(page, "Nobody in your tracker yet")
    expect(page.locator(".iv-bank select option")).not_to_have_count(0)


def test_build_order_save_and_print_a_plan(lab_demo: Lab, page: Page, browser: Browser) -> None:
    """Five questions added out of order come out as a line that builds; the plan saves;
    the printable sheet is written to the workspace and prints on one A4 and one Letter page."""
    open_notebook(page, lab_demo, NOTEBOOK)
    run_all(page)
    assert_no_errors(page)
    expect(page.locator(".iv-person select")).to_have_value(re.compile(r"Ama\sOwusu"))

    for category, words in PICKS:
        _pick_from_bank(page, category, words)
    plan = _option_values(page, ".iv-plan-list")
    assert len(plan) == 5
    assert plan[0].startswith("1. How did you come to work as Research Director at Atlas Maps?")
    assert "Who else would you suggest I talk to" in plan[-1]
    rows = page.locator(".iv-plan-view tr.iv-q")
    expect(rows).to_have_count(5)
    assert rows.first.get_attribute("data-id") == "story.path"
    assert rows.last.get_attribute("data-id") == "resources.who_else"

    # Moving a core question above the opening one is refused, with the reason.
    typical = next(v for v in plan if "typical week" in v)
    page.locator(".iv-plan-list select").select_option(value=typical)
    for _ in range(2):
        page.locator(".iv-up").click()
    expect(page.locator(".iv-status-line")).to_contain_text("Kept in place")
    assert _option_values(page, ".iv-plan-list")[0].startswith("1. How did you come")

    page.locator(".iv-save").click()
    expect(page.locator(".iv-saved")).to_contain_text("Saved “Questions for Ama Owusu”")
    page.locator(".iv-sheet").click()
    path_text = page.locator(".iv-sheet-path")
    expect(path_text).to_contain_text(".html")
    sheet = Path(path_text.inner_text().strip())
    assert sheet.is_file()
    assert sheet.resolve().is_relative_to(lab_demo.data_dir.resolve() / "sheets")
    with page.expect_download() as info:
        page.locator(".iv-saved a.iv-download").click()
    assert info.value.suggested_filename == sheet.name
    downloaded = Path(info.value.path()).read_bytes()
    assert downloaded == sheet.read_bytes()
    parsed = _SheetText()
    parsed.feed(downloaded.decode())
    assert parsed.headings[0].startswith("Questions for Ama Owusu")
    assert any(
        item.startswith("How did you come to work as Research Director at Atlas Maps?")
        for item in parsed.items
    )
    assert len(parsed.items) >= 5
    screenshot(page, "02_drafting_questions", focus=page.locator(".iv-plan-list"))

    assert _print_pages(browser, sheet) == {"A4": 1, "Letter": 1}


def test_the_fullest_sheets_still_print_on_one_page(browser: Browser, tmp_path: Path) -> None:
    """Twelve questions with follow-ups, and the 25 longest questions allowed, fit one page."""
    bank_twelve = plan_questions(
        [
            "story.path", "story.again", "day.typical_week", "day.time_split",
            "trends.newcomers", "trends.five_years", "insights.good_at", "insights.stand_out",
            "advice.career_change", "advice.what_separates", "resources.who_else",
            "resources.starter_kit",
        ],
        person={"name": "Alexandra Montgomery-Fitzwilliam", "company": "Northwind Health",
                "role": "Principal User Experience Research Lead"},
        field="human-centred service design",
    )  # fmt: skip
    words = "How would you weigh each of these options against the others? " * 5
    longest = plan_questions([Question(f"{n}. {words}"[:299]) for n in range(25)])
    assert all(len(q.text) >= 295 for q in longest.questions)
    for plan in (bank_twelve, longest, plan_questions(["story.path"])):
        sheet = save_sheet(plan, folder=tmp_path)
        assert _print_pages(browser, sheet) == {"A4": 1, "Letter": 1}, len(plan)
