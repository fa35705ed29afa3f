"""How question plans show themselves: escaped HTML, Markdown, and a printable sheet.

Every piece of text (your own questions, names, companies) is escaped before it becomes
HTML or Markdown.

>>> clock(2.5), minutes_text(12.5), minutes_text(30.0)
('2:30', '12½', '30')
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from infoview.questions.bank import Category, Phase
from infoview.questions.text import fill_slots
from infoview.text import plural

if TYPE_CHECKING:
    from infoview.questions.bank import QuestionBank
    from infoview.questions.plan import PlannedQuestion, QuestionPlan

_CELL = "vertical-align:top;padding:0.2em 0.5em;"
PHASE_HEADINGS = {
    Phase.OPENING: "Opening: their story and path",
    Phase.CORE: "Core: the role, the field, then advice",
    Phase.CLOSING: "Closing: resources and who else to talk to",
}


def esc(value: object) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def clock(minutes: float) -> str:
    """Minutes from the start as m:ss."""
    seconds = round(minutes * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


def minutes_text(minutes: float) -> str:
    """A number of minutes for people: 12.5 -> '12½'."""
    whole, part = divmod(round(minutes * 2), 2)
    return f"{whole}½" if part else f"{whole}"


def _who(plan: QuestionPlan) -> str:
    at = " at ".join(p for p in (plan.role, plan.company) if p)
    return at


def _phases(plan: QuestionPlan) -> Iterator[tuple[Phase, list[PlannedQuestion]]]:
    for phase in Phase:
        items = [item for item in plan.items if item.question.phase is phase]
        if items:
            yield phase, items


def summary_line(plan: QuestionPlan) -> str:
    n = len(plan.items)
    return (
        f"{n} question{'s' if n != 1 else ''} · about {minutes_text(plan.total_minutes)} of "
        f"your {minutes_text(plan.minutes)} minutes"
    )


# ---------------------------------------------------------------- in Jupyter


def plan_html(plan: QuestionPlan) -> str:
    """The plan as an escaped table, with must-ask marks, warnings and suggestions."""
    who = _who(plan)
    head = (
        f"<p><strong>{esc(plan.title)}</strong>{' — ' + esc(who) if who else ''}<br>"
        f"<small>{esc(summary_line(plan))}</small></p>"
    )
    if not plan.items:
        body = (
            "<p><em>No questions yet. Pick some from the bank, or write your own: "
            "five to ten is a good number.</em></p>"
        )
    else:
        rows = []
        for phase, items in _phases(plan):
            rows.append(
                f'<tr class="iv-phase-row"><th colspan="3" style="{_CELL}text-align:left;'
                f'padding-top:0.6em;border-bottom:1px solid #bbb">{esc(PHASE_HEADINGS[phase])}'
                "</th></tr>"
            )
            rows += [_item_row(item) for item in items]
        body = (
            '<table class="iv-plan-table" style="border-collapse:collapse;width:100%;'
            'table-layout:auto">'
            f'<thead><tr><th style="{_CELL}text-align:right;width:2.5em">#</th>'
            f'<th style="{_CELL}text-align:left;width:4em">When</th>'
            f'<th style="{_CELL}text-align:left">Question</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    warnings = "".join(
        f'<li class="iv-warning" data-rule="{esc(w.rule)}" data-status="{esc(w.status.value)}">'
        f'<span aria-hidden="true">{esc(w.status.icon)}</span> <strong>{esc(w.status.word)}'
        f"</strong>: {esc(w.message)}{_quote(w.excerpt)}</li>"
        for w in plan.warnings
    )
    suggestions = "".join(
        f'<li data-id="{esc(s.question.id)}">{esc(fill_for(plan, s.question.text))} '
        f"<small>({_builds_on(plan, s.needed_by)})</small></li>"
        for s in plan.suggestions
    )
    return (
        f'<div class="iv-plan">{head}{body}'
        + (f'<ul class="iv-warnings">{warnings}</ul>' if warnings else "")
        + (
            f'<p class="iv-suggest">To build up to them, you could also ask:</p><ul>{suggestions}'
            "</ul>"
            if suggestions
            else ""
        )
        + "</div>"
    )


def _quote(excerpt: str) -> str:
    return f" (“{esc(excerpt)}”)" if excerpt else ""


def fill_for(plan: QuestionPlan, text: str) -> str:
    """Fill a question's slots with the plan's person."""
    return fill_slots(text, company=plan.company, role=plan.role, field=plan.field)


def _item_row(item: PlannedQuestion) -> str:
    flags = []
    if item.must_ask:
        flags.append('<span class="iv-must">★ <strong>Must ask</strong></span>')
    if not item.fits:
        flags.append('<span class="iv-spare">⏱ <strong>Spare</strong>: past your time</span>')
    if item.job_ask:
        flags.append(
            f'<span class="iv-job">✖ <strong>Asks for a job</strong>: “{esc(item.job_ask)}”</span>'
        )
    follow = "".join(
        f'<div style="font-size:0.85em;color:#555">↳ {esc(f)}</div>' for f in item.follow_ups
    )
    category = item.question.category.label + (" · your own" if item.question.custom else "")
    return (
        f'<tr class="iv-q" data-id="{esc(item.question.id)}" '
        f'data-phase="{item.question.phase.value}" data-must="{str(item.must_ask).lower()}">'
        f'<td style="{_CELL}text-align:right">{item.number}</td>'
        f'<td style="{_CELL}text-align:left">{clock(item.start)}</td>'
        f'<td style="{_CELL}text-align:left">{esc(item.text)} '
        f'<small style="color:#555">({esc(category)})</small> {" ".join(flags)}{follow}</td></tr>'
    )


def _builds_on(plan: QuestionPlan, needed_by: tuple[str, ...]) -> str:
    """Which numbered questions of the plan build on a suggestion, in words."""
    numbers = [str(plan.ids.index(n) + 1) for n in needed_by if n in plan.ids]
    if not numbers:
        return "other questions build on it"
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    verb = "builds" if len(numbers) == 1 else "build"
    return f"{plural(len(numbers), 'question', number=False)} {listed} {verb} on it"


def bank_html(bank: QuestionBank) -> str:
    """The bank by category, each with its questions (fallback wording); ids only in attributes."""
    parts = [f"<p><strong>The question bank</strong>: {len(bank)} questions</p>"]
    for category in Category:
        questions = bank.in_category(category)
        items = "".join(
            f'<li data-id="{esc(q.id)}" title="Question id {esc(q.id)}">'
            f"{esc(fill_slots(q.text))} <small>({esc(q.phase.value)})</small></li>"
            for q in questions
        )
        parts.append(
            f'<details data-category="{esc(category.value)}"><summary>{esc(category.label)} '
            f"({len(questions)})</summary><ul>{items}</ul></details>"
        )
    return f'<div class="iv-bank">{"".join(parts)}</div>'


# ---------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """Text safe inside Markdown: HTML escaped, emphasis characters neutralised."""
    return html.escape(text, quote=False).replace("*", r"\*").replace("_", r"\_")


def plan_markdown(plan: QuestionPlan) -> str:
    """The plan as Markdown, grouped by phase."""
    who = _who(plan)
    header = f"{_md(who)} · {summary_line(plan)}" if who else summary_line(plan)
    lines = [f"# {_md(plan.title)}", "", header, ""]
    if not plan.items:
        lines.append("_No questions yet._")
    for phase, items in _phases(plan):
        lines += [f"## {PHASE_HEADINGS[phase]}", ""]
        for item in items:
            notes = [clock(item.start)]
            notes += ["must ask"] if item.must_ask else []
            notes += ["spare"] if not item.fits else []
            notes += [f"asks for a job: “{_md(item.job_ask)}”"] if item.job_ask else []
            lines.append(f"{item.number}. **{_md(item.text)}** ({', '.join(notes)})")
            lines += [f"   - Follow-up: {_md(f)}" for f in item.follow_ups]
        lines.append("")
    if plan.warnings:
        lines += [f"- {w.status.icon} {w.status.word}: {_md(w.message)}" for w in plan.warnings]
        lines.append("")
    if plan.suggestions:
        lines.append("You could also ask:")
        lines += [f"- {_md(fill_for(plan, s.question.text))}" for s in plan.suggestions]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- the printable sheet

# Layout budget in millimetres, for the smaller of A4 and US Letter with 12 mm margins.
_PAGE_WIDTH_MM = 186
_PAGE_HEIGHT_MM = 250
_HEADER_MM = 32  # title, subtitle, tips and footer
_TEXT_WIDTH_MM = _PAGE_WIDTH_MM - 21
_LEFT_MM = (4.0, 7.5)  # the number-and-time column, without and with the must-ask mark
_MIN_NOTES_MM = 9.0
_PT_MM = 0.3528
_STEPS = ((10.5, True), (9.5, True), (8.5, False), (7.5, False), (6.5, False))


def _lines(text: str, font_pt: float) -> int:
    per_line = max(20, int(_TEXT_WIDTH_MM / (font_pt * _PT_MM * 0.62)))
    return max(1, -(-len(text) // per_line))


def _text_mm(item: PlannedQuestion, font_pt: float, follow: bool) -> float:
    line_mm = font_pt * _PT_MM * 1.3
    height = _lines(item.text, font_pt) * line_mm
    if follow:
        height += sum(_lines(f, font_pt * 0.85) for f in item.follow_ups) * line_mm * 0.85
    return height


def sheet_layout(plan: QuestionPlan) -> tuple[float, bool, float, float]:
    """Font size (pt), whether follow-ups fit, each notes box (mm), and a zoom to fit one page.

    The zoom stays 1 unless even the smallest type cannot fit; the page re-measures itself
    when it opens, so a different font cannot push it onto a second sheet.
    """
    n = max(len(plan.items), 1)
    body = _PAGE_HEIGHT_MM - _HEADER_MM
    for font_pt, follow in _STEPS:
        texts = [_text_mm(item, font_pt, follow) for item in plan.items]
        notes = (body - sum(texts) - 2.0 * n) / n
        if notes >= _MIN_NOTES_MM:
            return font_pt, follow, round(min(notes, 45.0), 1), 1.0
    notes = 5.0  # the type is already at its smallest: keep some room, then zoom
    needed = sum(
        max(text + notes, _LEFT_MM[item.must_ask]) + 2.0
        for text, item in zip(texts, plan.items, strict=True)
    )
    return font_pt, follow, notes, round(min(1.0, body / needed), 3)


_FIT_SCRIPT = """<script>
/* Measure the sheet as this browser lays it out, and shrink it if it would not fit one
   page (Letter is the shorter paper). */
(function () {
  var limit = 250 * 96 / 25.4;
  function fit() {
    document.body.style.zoom = "1";
    var height = document.body.getBoundingClientRect().height;
    var zoom = height > limit ? Math.floor(limit / height * 1000) / 1000 : 1;
    document.body.style.zoom = String(zoom);
  }
  window.addEventListener("load", fit);
  window.addEventListener("beforeprint", fit);
})();
</script>"""


def sheet_html(plan: QuestionPlan, *, today: date) -> str:
    """A self-contained page to print: one A4 or Letter sheet, room for notes under each."""
    font_pt, follow, notes_mm, zoom = sheet_layout(plan)
    who = _who(plan)
    items = []
    for item in plan.items:
        marks = '<div class="must">★ Must ask</div>' if item.must_ask else ""
        when = clock(item.start) if item.fits else "spare"
        follow_html = (
            "".join(f'<div class="fu">↳ {esc(f)}</div>' for f in item.follow_ups) if follow else ""
        )
        items.append(
            f'<section class="q"><div class="left"><span class="n">{item.number}</span> '
            f'<span class="t">{esc(when)}</span>{marks}</div><div class="right">'
            f'<div class="text">{esc(item.text)}</div>{follow_html}'
            f'<div class="notes" style="height:{notes_mm}mm"></div></div></section>'
        )
    if not items:
        items.append("<p><em>No questions yet.</em></p>")
    subtitle = " · ".join(
        p
        for p in (
            who,
            f"{minutes_text(plan.minutes)}-minute conversation",
            today.strftime("%d %B %Y").lstrip("0"),
        )
        if p
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(plan.title)}</title>
<style>
@page {{ margin: 12mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: {font_pt}pt;
  line-height: 1.3; color: #111; width: {_PAGE_WIDTH_MM}mm; margin: 12mm auto; zoom: {zoom}; }}
@media print {{ body {{ margin: 0 auto; }} }}
h1 {{ font-size: 15pt; margin: 0 0 1mm; }}
.sub {{ margin: 0 0 1mm; font-size: 9pt; }}
.tips {{ margin: 0 0 3mm; font-size: 8pt; color: #333; border-bottom: 1px solid #888;
  padding-bottom: 2mm; }}
.q {{ display: flex; gap: 3mm; break-inside: avoid; page-break-inside: avoid;
  margin: 0 0 1.5mm; }}
.left {{ width: 18mm; flex: none; font-size: 7.5pt; line-height: 1.25; }}
.n {{ font-weight: bold; font-size: 9pt; }}
.must {{ font-weight: bold; }}
.right {{ flex: 1; min-width: 0; }}
.text {{ font-weight: bold; overflow-wrap: anywhere; }}
.fu {{ font-size: 0.85em; color: #333; overflow-wrap: anywhere; }}
.notes {{ border-bottom: 1px solid #999; background: repeating-linear-gradient(
  to bottom, transparent 0, transparent 6mm, #ddd 6mm, #ddd 6.25mm); }}
footer {{ font-size: 7pt; color: #444; margin-top: 1mm; }}
</style></head>
<body>
<h1>{esc(plan.title)}</h1>
<p class="sub">{esc(subtitle)}</p>
<p class="tips">Arrive early · keep to the time you asked for · let it be a conversation ·
never ask for a job · end by asking who else you could talk to · thank them within a day</p>
{"".join(items)}
<footer>{esc(summary_line(plan))} · ★ must ask · prepared with infoview</footer>
{_FIT_SCRIPT}
</body></html>
"""
