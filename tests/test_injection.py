"""Hostile text is only ever text: in HTML, in widgets, in CSV cells, in file names.

A contact whose name, company or notes hold ``<img src=x onerror=alert(1)>`` or
``"><script>alert(1)</script>`` must show as plain text in every renderer and widget; a CSV
cell must never start like a formula; a line break must never add a row (or, later, an email
header or a calendar property); a file name must never leave the workspace.

When steps 1-5 land, extend the lists: ``RENDERERS`` (every ``_repr_html_`` and HTML-making
function), ``WIDGETS`` (every widget class, with how to drive it), ``STRUCTURED_WRITERS``
(every .eml, .ics, .vcf or CSV writer). ``tests/browser/test_injection.py`` renders the same
lists in a real browser.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.errors import InfoviewError, InvalidChoiceError
from infoview.formats.csvsafe import csv_text, neutralise, unneutralise
from infoview.progress import check_profile, progress
from infoview.rules import Review, Status, finding, policy
from infoview.tracker import Tracker, open_tracker
from infoview.ui.common import person_picker, stage_html, status_html, table_html
from infoview.ui.start import ProfileForm, profile_card
from infoview.workspace import ensure_workspace, output_path, write_atomic
from tests.conftest import TODAY, examples, figure
from tests.trust import FORMULA_PREFIXES, PAYLOADS, hostile_text, populate

IMG, SCRIPT = PAYLOADS
CELL_RISKS = (*FORMULA_PREFIXES, "\x00")


def hostile_tracker(path: Path) -> tuple[Tracker, int]:
    """A tracker whose profile and one contact carry both payloads in every shown field."""
    tracker = open_tracker(path)
    tracker.set_profile(name=IMG, email="jo@example.org", field=SCRIPT, goal=IMG, synopsis=SCRIPT)
    pid = tracker.add_person(
        IMG, company=SCRIPT, role=IMG, notes=f"{IMG}\n{SCRIPT}", email="x@example.org"
    )
    tracker.log(pid, "outreach", on=TODAY, subject=SCRIPT, body=IMG, note=IMG)
    return tracker, pid


# ---------------------------------------------------------------- what would run in a browser


class HtmlScan(HTMLParser):
    """Every element, attribute and piece of text in an HTML fragment, as a browser sees it."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def injection_problems(fragment: str) -> list[str]:
    """What in ``fragment`` would run or load in a browser (empty when it is all text)."""
    scan = HtmlScan(fragment)
    problems = [f"<{tag}> element" for tag in scan.tags if tag in {"script", "img", "iframe"}]
    problems += [f"{name}= handler" for name, _ in scan.attributes if name.startswith("on")]
    problems += [
        f"{name}={value!r}"
        for name, value in scan.attributes
        if value.strip().lower().startswith("javascript:")
    ]
    return problems


def visible_text(fragment: str) -> str:
    return "".join(HtmlScan(fragment).text)


# ---------------------------------------------------------------- renderers


@dataclass(frozen=True)
class Renderer:
    """Something that turns learner or imported text into HTML. ``shows``: the payloads appear."""

    name: str
    render: Callable[[Tracker, int], str]
    shows: bool = True


def _review(tracker: Tracker, pid: int) -> str:
    rules = policy()
    item = finding(rules, "contact.ask", Status.WARN, f"About {IMG}", excerpt=SCRIPT)
    return Review(findings=(item,), title=IMG)._repr_html_()


def _error_status(tracker: Tracker, pid: int) -> str:
    return status_html("error", str(InvalidChoiceError("tie", IMG + SCRIPT, ["ally"])))


RENDERERS: list[Renderer] = [
    Renderer("rules.Review._repr_html_", _review),
    Renderer("progress.Progress._repr_html_", lambda t, p: progress(t)._repr_html_(), False),
    Renderer(
        "progress.check_profile(...)._repr_html_",
        lambda t, p: check_profile(t)._repr_html_(),
        False,
    ),
    Renderer("ui.start.profile_card", lambda t, p: profile_card(t.profile)),
    Renderer("ui.common.table_html(people)", lambda t, p: table_html(t.people())),
    Renderer("ui.common.table_html(journey)", lambda t, p: table_html(t.journey())),
    Renderer("ui.common.table_html(touches)", lambda t, p: table_html(t.touches())),
    Renderer("ui.common.stage_html", stage_html, False),
    Renderer("ui.common.status_html(error)", _error_status),
    Renderer("people frame _repr_html_", lambda t, p: str(t.people()._repr_html_())),
    Renderer("journey frame _repr_html_", lambda t, p: str(t.journey()._repr_html_())),
    Renderer("due frame _repr_html_", lambda t, p: str(t.due()._repr_html_()), False),
    # Steps 1-5 add theirs, e.g. Renderer("outreach.Draft._repr_html_", lambda t, p: ...),
    # Renderer("meeting.Meeting._repr_html_", ...), Renderer("network chart labels", ...).
]


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[tuple[Tracker, int]]:
    tracker, pid = hostile_tracker(tmp_path / "hostile.sqlite")
    with tracker:
        yield tracker, pid


_checked: dict[str, int] = {"renderers": 0, "widgets": 0, "csv cells": 0, "file names": 0}


@pytest.fixture(scope="module", autouse=True)
def _report_figure() -> Iterator[None]:
    yield
    figure(
        f"injection: {_checked['renderers']} renderers and {_checked['widgets']} widgets show "
        f"both payloads as text, 0 elements injected; {_checked['csv cells']} CSV cells, "
        f"none starting like a formula; {_checked['file names']} file names, all inside the "
        "workspace"
    )


@pytest.mark.parametrize("renderer", RENDERERS, ids=[r.name for r in RENDERERS])
def test_renderers_show_payloads_as_text(renderer: Renderer, hostile: tuple[Tracker, int]) -> None:
    """No renderer lets a payload become an element or a handler; the payload reads as text."""
    fragment = renderer.render(*hostile)
    assert injection_problems(fragment) == []
    assert IMG not in fragment
    assert "<script>" not in fragment
    if renderer.shows:
        shown = visible_text(fragment)
        assert IMG in shown or html.escape(IMG) in fragment
        assert SCRIPT in shown or "alert(1)" in shown
    _checked["renderers"] += 1


def test_the_scanner_sees_an_injection() -> None:
    """The check itself: raw payloads are reported, escaped ones are not."""
    assert injection_problems(f"<div>{IMG}</div>") == ["<img> element", "onerror= handler"]
    assert "<script> element" in injection_problems(f"<b title='{SCRIPT}'>x</b>{SCRIPT}")
    assert injection_problems(html.escape(IMG + SCRIPT)) == []


# ---------------------------------------------------------------- widgets


def widget_html(widget: Any) -> list[str]:
    """Every string in a widget tree that the browser renders as HTML."""
    import ipywidgets as widgets

    found: list[str] = []
    if isinstance(widget, widgets.HTML | widgets.HTMLMath):
        found.append(widget.value)
    if getattr(widget, "description_allow_html", False):
        found.append(widget.description)
    for child in getattr(widget, "children", ()):
        found += widget_html(child)
    return found


def _fill_profile_form(form: ProfileForm) -> None:
    form.name.value = IMG
    form.email.value = "jo@example.org"
    form.field.value = SCRIPT
    form.goal.value = IMG
    form.synopsis.value = f"{IMG}\n{SCRIPT}"
    form.save.click()


@dataclass(frozen=True)
class Widget:
    """A widget class, how to build it, and (optionally) how a learner would drive it."""

    name: str
    build: Callable[[Tracker], Any]
    drive: Callable[[Any], None] | None = None


WIDGETS: list[Widget] = [
    Widget("ui.start.ProfileForm", ProfileForm, _fill_profile_form),
    Widget("ui.common.person_picker", person_picker),
    # Steps 1-5 add theirs, e.g. Widget("ui.outreach.OutreachComposer", OutreachComposer,
    # drive=lambda w: (setattr(w.person, "value", 1), w.draft.click())).
]


@pytest.mark.parametrize("spec", WIDGETS, ids=[w.name for w in WIDGETS])
def test_widgets_show_payloads_as_text(spec: Widget, hostile: tuple[Tracker, int]) -> None:
    """Built on hostile data, and again after a learner drives it, no widget HTML injects."""
    tracker, _ = hostile
    widget = spec.build(tracker)
    fragments = widget_html(widget)
    if spec.drive is not None:
        spec.drive(widget)
        fragments += widget_html(widget)
    for fragment in fragments:
        assert injection_problems(fragment) == [], fragment[:300]
        assert IMG not in fragment
    _checked["widgets"] += 1


def test_picker_labels_are_text_not_html(hostile: tuple[Tracker, int]) -> None:
    """A person picker's options carry the name as text (a Dropdown never parses HTML)."""
    tracker, pid = hostile
    picker = person_picker(tracker)
    assert (f"{IMG} ({SCRIPT})", pid) in picker.options
    assert not getattr(picker, "description_allow_html", False)


# ---------------------------------------------------------------- CSV cells


def test_every_cell_of_every_exported_table_is_inert(tmp_path: Path) -> None:
    """Hostile text in every text column of every table: no exported cell starts risky."""
    with open_tracker(tmp_path / "t.sqlite") as tracker:
        populate(tracker)
        files = tracker.export_csv(tmp_path / "export")
        assert {f.stem for f in files} == {"profile", "people", "touches", "plans", "targets"}
        for path in files:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle))
            header, cells = rows[0], [cell for row in rows[1:] for cell in row]
            columns, stored = tracker.table_rows(path.stem)
            assert header == columns
            assert len(rows) - 1 == len(stored), f"{path.name}: a line break added a row"
            risky = [cell for cell in cells if cell.startswith(CELL_RISKS)]
            assert risky == [], f"{path.name}: {risky}"
            _checked["csv cells"] += len(cells)
        people = (tmp_path / "export" / "people.csv").read_text(encoding="utf-8-sig")
        assert "'=Acme, Inc." in people  # neutralised, not dropped


@settings(max_examples=examples(200, 2000))
@given(rows=st.lists(st.lists(st.one_of(hostile_text(20), st.integers(), st.none())), max_size=4))
def test_any_cell_is_neutralised_and_comes_back(rows: list[list[Any]]) -> None:
    """Whatever a cell holds, it is written inert and read back exactly; rows stay rows."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [None] * (width - len(r)) for r in rows]
    header = [f"c{i}" for i in range(width)] or ["c0"]
    text = csv_text(header, rows)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert len(parsed) == len(rows) + 1  # a CR or LF inside a cell never starts a new row
    for written, original in zip(parsed[1:], rows, strict=True):
        for cell, value in zip(written, original, strict=False):
            if isinstance(value, str):  # numbers such as -1 are numbers, not formulas
                assert not cell.startswith(CELL_RISKS)
            expected = "" if value is None else str(value)
            assert unneutralise(cell) == expected
    for value in (c for r in rows for c in r if isinstance(c, str)):
        assert unneutralise(neutralise(value)) == value
    _checked["csv cells"] += sum(len(r) for r in rows)


# ---------------------------------------------------------------- line breaks never add structure


@dataclass(frozen=True)
class StructuredWriter:
    """A writer of a line-structured file, and how to read its structure back.

    ``write(tracker, person_id, folder)`` writes the file for that person; ``structure(path)``
    returns what a line break must never change: CSV records, email header names, calendar
    property names.
    """

    name: str
    write: Callable[[Tracker, int, Path], Path]
    structure: Callable[[Path], object]


def _people_csv(tracker: Tracker, pid: int, folder: Path) -> Path:
    tracker.export_csv(folder)
    return folder / "people.csv"


def _csv_shape(path: Path) -> object:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [len(row) for row in rows[1:]]


STRUCTURED_WRITERS: list[StructuredWriter] = [
    StructuredWriter("people.csv export", _people_csv, _csv_shape),
    # Step 1: StructuredWriter(".eml draft", write_draft, lambda p: sorted(
    #     email.message_from_bytes(p.read_bytes()).keys())),
    # Step 3: StructuredWriter(".ics meeting", write_ics, lambda p: [
    #     line.split(":")[0] for line in unfolded(p)]),
]

_BREAKS = "\r\nBcc: victim@example.org\r\nX-Injected: 1\nEND:VEVENT\nATTENDEE:x\r\n"


@pytest.mark.parametrize("writer", STRUCTURED_WRITERS, ids=[w.name for w in STRUCTURED_WRITERS])
def test_line_breaks_never_add_headers_rows_or_properties(
    writer: StructuredWriter, tmp_path: Path
) -> None:
    """A person whose text holds CR/LF and header-like lines gives the same structure as plain."""
    shapes = []
    for label, notes in (("plain", "plain notes"), ("hostile", f"notes{_BREAKS}more")):
        with open_tracker(tmp_path / f"{label}.sqlite") as tracker:
            pid = tracker.add_person(f"Ana {label}", company="Acme", notes=notes)
            tracker.log(pid, "outreach", subject="Hello", body=f"Dear Ana,{_BREAKS}bye")
            shapes.append(writer.structure(writer.write(tracker, pid, tmp_path / label)))
    assert shapes[0] == shapes[1]


def test_one_line_fields_cannot_hold_a_header_break(tracker: Tracker) -> None:
    """Names, companies and subjects refuse CR/LF outright, so no header can be smuggled."""
    for field in ("name", "company", "role"):
        fields = {"name": "Ana", field: "Ana\r\nBcc: victim@example.org"}
        with pytest.raises(InfoviewError, match="single line"):
            tracker.add_person(**fields)
    pid = tracker.add_person("Ana")
    with pytest.raises(InfoviewError, match="single line"):
        tracker.log(pid, "outreach", subject="Hi\r\nBcc: victim@example.org")


# ---------------------------------------------------------------- file names


@settings(max_examples=examples(100, 1000))
@given(
    subfolder=st.sampled_from(["drafts", "sheets", "calendar", "../..", "/etc"]),
    name=hostile_text(60),
)
def test_no_file_name_leaves_the_workspace(subfolder: str, name: str) -> None:
    """Any name (``../../x``, absolute, NUL, surrogates, 2,000 letters) stays in the workspace."""
    root = ensure_workspace().resolve()
    try:
        target = output_path(subfolder, name, ".eml")
    except InfoviewError:
        _checked["file names"] += 1
        return
    assert root in target.parents
    assert target.parent.parent == root
    write_atomic(target, "x")
    assert target.read_text() == "x"
    _checked["file names"] += 1
