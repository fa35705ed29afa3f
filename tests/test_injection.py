"""Hostile text is only ever text: in HTML, in widgets, in CSV cells, in file names.

A contact whose name, company or notes hold ``<img src=x onerror=alert(1)>`` or
``"><script>alert(1)</script>`` must show as plain text in every renderer and widget; a CSV
cell must never start like a formula; a line break must never add a row (or, later, an email
header or a calendar property); a file name must never leave the workspace.

Each step extends the lists: ``RENDERERS`` (every ``_repr_html_`` and HTML-making
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
from datetime import datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.errors import InfoviewError, InvalidChoiceError
from infoview.followup import latest_debrief
from infoview.followup.drafts import thank_you_card, thank_you_email
from infoview.formats.csvsafe import csv_text, neutralise, unneutralise
from infoview.formats.email import parse_eml
from infoview.meeting import Meeting, meetings
from infoview.meeting.calendar import meeting_ics
from infoview.meeting.places import checklist
from infoview.meeting.scheduling import confirmation_draft
from infoview.network import CHART_NAMES, ImportPreview, draw, import_linkedin, self_check
from infoview.outreach.draft import cold_email
from infoview.progress import check_profile, progress
from infoview.questions import plan_questions
from infoview.questions.views import sheet_html
from infoview.rules import Review, Status, finding, policy
from infoview.tracker import Tracker, open_tracker
from infoview.ui.common import person_picker, stage_html, status_html, table_html
from infoview.ui.contact import OutreachComposer
from infoview.ui.contact_lists import RemindersDue, TargetList
from infoview.ui.followup import DebriefForm, FollowUpBoard, ThanksComposer
from infoview.ui.meeting import MeetingPlanner
from infoview.ui.network import CHARTS, ContactImporter, NetworkDashboard
from infoview.ui.questions import QuestionBuilder
from infoview.ui.start import ProfileForm, profile_card
from infoview.workspace import ensure_workspace, output_path, write_atomic
from tests.conftest import TODAY, examples, figure
from tests.trust import FORMULA_PREFIXES, PAYLOADS, hostile_text, linkedin_csv, populate

IMG, SCRIPT = PAYLOADS
CELL_RISKS = (*FORMULA_PREFIXES, "\x00")


def hostile_tracker(path: Path) -> tuple[Tracker, int]:
    """A tracker whose profile and one contact carry both payloads in every shown field.

    The contact has been written to, has a meeting (at a hostile location) and has been met
    (a hostile debrief), so drafts, meetings, checklists and thank-yous all have text to show.
    """
    tracker = open_tracker(path)
    tracker.set_profile(name=IMG, email="jo@example.org", field=SCRIPT, goal=IMG, synopsis=SCRIPT)
    pid = tracker.add_person(
        IMG, company=SCRIPT, role=IMG, notes=f"{IMG}\n{SCRIPT}", email="x@example.org"
    )
    tracker.log(pid, "outreach", on=TODAY - timedelta(days=20), subject=SCRIPT, body=IMG)
    tracker.log(pid, "reply", on=TODAY - timedelta(days=15), subject=SCRIPT, body=IMG)
    start = datetime.combine(TODAY + timedelta(days=2), time(10), tzinfo=ZoneInfo("Europe/Paris"))
    tracker.log(
        pid,
        "scheduled",
        on=TODAY - timedelta(days=10),
        subject=SCRIPT,
        start=start.isoformat(),
        tz="Europe/Paris",
        minutes=30,
        place_kind="coffee",
        location=f"{IMG}, {SCRIPT}",
    )
    tracker.log(
        pid,
        "interview",
        on=TODAY - timedelta(days=1),
        notes=IMG,
        advice=SCRIPT,
        next_step=IMG,
        answers={"q1": SCRIPT},
    )
    return tracker, pid


# ---------------------------------------------------------------- what would run in a browser


class HtmlScan(HTMLParser):
    """Every element, attribute and piece of text in an HTML fragment, as a browser sees it."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []  # the text inside each <script> element
        self._in_script = False
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def injection_problems(fragment: str) -> list[str]:
    """What in ``fragment`` came from a payload and would run or load in a browser.

    The kit may ship its own markup (a printable sheet carries a small layout script), so an
    element counts as injected when it carries the payloads' marks: ``src=x``, ``alert(1)``
    in a script, any inline ``on...=`` handler, or a ``javascript:`` URL.
    """
    scan = HtmlScan(fragment)
    problems = [f"<{tag} src=x> element" for tag, attrs in scan.elements if attrs.get("src") == "x"]
    problems += [
        f"{name}= handler on <{tag}>"
        for tag, attrs in scan.elements
        for name in attrs
        if name.startswith("on")
    ]
    problems += [
        f"{name}={value!r}"
        for _, attrs in scan.elements
        for name, value in attrs.items()
        if value.strip().lower().startswith("javascript:")
    ]
    problems += ["<script> element running alert(1)" for body in scan.scripts if "alert(1)" in body]
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


def _cold_draft(tracker: Tracker, pid: int) -> Any:
    return cold_email(tracker.profile, tracker.person(pid), topic=SCRIPT, found_via=IMG)


def _plan(tracker: Tracker, pid: int) -> Any:
    questions = [f"{IMG} how did you start?", f"{SCRIPT} what comes next?"]
    return plan_questions(questions, person=tracker.person(pid))


def _meeting(tracker: Tracker, pid: int) -> Any:
    return meetings(tracker, person_id=pid)[0]


def _debrief(tracker: Tracker, pid: int) -> Any:
    found = latest_debrief(tracker, pid)
    assert found is not None
    return found[0]


def _error_status(tracker: Tracker, pid: int) -> str:
    return status_html("error", str(InvalidChoiceError("tie", IMG + SCRIPT, ["ally"])))


def hostile_connections() -> bytes:
    """A Connections.csv with the payloads in every kind of row a preview shows.

    Against :func:`hostile_tracker`: someone new, a possible duplicate (same name and
    company), a duplicate (same email), a row skipped for no name, and a person kept with
    their bad email set aside.
    """
    return linkedin_csv(
        [
            {"first": SCRIPT, "last": IMG, "company": IMG, "role": SCRIPT, "url": IMG},
            {"first": IMG, "last": "", "company": SCRIPT, "role": IMG},
            {"first": IMG, "last": SCRIPT, "email": "x@example.org", "company": IMG},
            {"first": "", "last": "", "company": IMG, "role": SCRIPT},
            {"first": SCRIPT, "last": "", "email": IMG, "company": SCRIPT},
        ]
    )


def _import_preview(tracker: Tracker, pid: int) -> ImportPreview:
    return import_linkedin(tracker, hostile_connections(), name=f"{IMG}.csv", dry_run=True)


def _import_result(tracker: Tracker, pid: int) -> str:
    """What a confirmed import shows (into a copy, so the tracker stays as the others see it)."""
    copy = tracker.backup(tracker.path.with_name(f"import-{pid}.sqlite"))
    with open_tracker(copy) as other:
        result = import_linkedin(other, hostile_connections(), name=f"{IMG}.csv")
    copy.unlink()
    return result._repr_html_()


def _chart(name: str) -> Callable[[Tracker, int], str]:
    def render(tracker: Tracker, pid: int) -> str:
        chart = draw(tracker, name, today=TODAY)
        fragment = chart._repr_html_()
        assert html.escape(chart.description) in fragment  # the sentence, as text
        return fragment

    return render


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
    # Step 1: outreach drafts
    Renderer("outreach_draft.Draft (cold email)", lambda t, p: _cold_draft(t, p)._repr_html_()),
    # Step 2: question plans and the printable sheet
    Renderer("questions.QuestionPlan._repr_html_", lambda t, p: _plan(t, p)._repr_html_()),
    Renderer("questions.views.sheet_html", lambda t, p: sheet_html(_plan(t, p), today=TODAY)),
    # Step 3: meetings, confirmation and checklist
    Renderer("meeting.Meetings._repr_html_", lambda t, p: meetings(t)._repr_html_()),
    Renderer("meeting.Meeting._repr_html_", lambda t, p: _meeting(t, p)._repr_html_()),
    Renderer(
        "scheduling.confirmation_draft",
        lambda t, p: confirmation_draft(_meeting(t, p), t.profile)._repr_html_(),
    ),
    Renderer("places.checklist", lambda t, p: checklist(_meeting(t, p))._repr_html_()),
    # Step 4: thank-yous and the debrief
    Renderer(
        "followup.drafts.thank_you_email",
        lambda t, p: thank_you_email(t.profile, t.person(p), _debrief(t, p))._repr_html_(),
    ),
    Renderer(
        "followup.drafts.thank_you_card",
        lambda t, p: thank_you_card(t.profile, t.person(p), _debrief(t, p))._repr_html_(),
    ),
    Renderer("followup.Debrief._repr_html_", lambda t, p: _debrief(t, p)._repr_html_()),
    # Step 5: the import preview and result, each chart with its description, the self-check
    Renderer("network.ImportPreview._repr_html_", lambda t, p: _import_preview(t, p)._repr_html_()),
    Renderer("network.ImportResult._repr_html_", _import_result),
    *(Renderer(f"network.draw({name!r})._repr_html_", _chart(name), False) for name in CHART_NAMES),
    Renderer("network.self_check._repr_html_", lambda t, p: self_check(t)._repr_html_(), False),
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
    assert SCRIPT not in fragment
    if renderer.shows:
        shown = visible_text(fragment)
        assert IMG in shown or html.escape(IMG) in fragment
        assert SCRIPT in shown or "alert(1)" in shown
    _checked["renderers"] += 1


def test_the_scanner_sees_an_injection() -> None:
    """The check itself: raw payloads are reported, escaped ones are not."""
    assert injection_problems(f"<div>{IMG}</div>") == [
        "<img src=x> element",
        "onerror= handler on <img>",
    ]
    broken_out = injection_problems(f'<b title="{SCRIPT}">x</b>')  # leaves the quote
    assert broken_out == ["<script> element running alert(1)"]
    assert injection_problems(html.escape(IMG + SCRIPT)) == []
    assert injection_problems("<script>window.addEventListener('load', fit)</script>") == []


# ---------------------------------------------------------------- widgets


def widget_html(widget: Any) -> list[str]:
    """Every string the browser renders as HTML, in a widget, its tree and its attributes."""
    import ipywidgets as widgets

    found: list[str] = []
    seen: set[int] = set()

    def walk(item: Any) -> None:
        if id(item) in seen:
            return
        seen.add(id(item))
        if isinstance(item, widgets.HTML | widgets.HTMLMath):
            found.append(item.value)
        if getattr(item, "description_allow_html", False):
            found.append(item.description)
        for child in getattr(item, "children", ()):
            walk(child)
        if not isinstance(item, widgets.Widget) or hasattr(item, "root"):
            for value in vars(item).values():  # a wrapper class: its controls and rows
                for part in value if isinstance(value, list | tuple) else (value,):
                    if isinstance(part, widgets.Widget) or hasattr(part, "root"):
                        walk(part)

    walk(widget)
    return found


def _fill_profile_form(form: ProfileForm) -> None:
    form.name.value = IMG
    form.email.value = "jo@example.org"
    form.field.value = SCRIPT
    form.goal.value = IMG
    form.synopsis.value = f"{IMG}\n{SCRIPT}"
    form.save.click()


def _target_list(tracker: Tracker) -> Any:
    tracker.add_target(IMG, contact=SCRIPT, notes=IMG)
    return TargetList(tracker)


def _pick(widget: Any, pid: int) -> None:
    """What a learner does first in most widgets: choose the person (drafts and stages appear)."""
    widget.person.value = pid


def _import_file(importer: ContactImporter) -> None:
    """Give the path of a hostile Connections.csv, preview it, add anyway, confirm."""
    path = importer.tracker.path.with_name(f"{IMG}.csv")
    path.write_bytes(hostile_connections())
    importer.path.value = str(path)
    importer.read.click()
    assert importer.preview is not None, importer.status.value
    importer.add_anyway.value = tuple(value for _, value in importer.add_anyway.options)
    importer.confirm.click()
    assert importer.result is not None and importer.result.added == 3, importer.status.value


def _every_chart(dashboard: NetworkDashboard) -> None:
    """Show each chart in turn; each one's HTML is checked as it is shown."""
    for key in CHARTS:
        dashboard.show.value = key
        for fragment in (dashboard.view.value, dashboard.summary.value):
            assert injection_problems(fragment) == [], fragment[:300]
            assert IMG not in fragment


@dataclass(frozen=True)
class Widget:
    """A widget class, how to build it, and how a learner would drive it (given the person id)."""

    name: str
    build: Callable[[Tracker], Any]
    drive: Callable[[Any, int], None] | None = _pick
    shows: bool = True  # the payloads then appear as text somewhere in it


WIDGETS: list[Widget] = [
    Widget("ui.start.ProfileForm", ProfileForm, lambda w, p: _fill_profile_form(w)),
    Widget("ui.contact.OutreachComposer", OutreachComposer),
    Widget("ui.contact_lists.TargetList", _target_list, None),
    Widget("ui.contact_lists.RemindersDue", RemindersDue, None, shows=False),
    Widget("ui.questions.QuestionBuilder", QuestionBuilder),
    Widget("ui.meeting.MeetingPlanner", lambda t: MeetingPlanner(t, today=TODAY)),
    Widget("ui.followup.DebriefForm", lambda t: DebriefForm(t, today=TODAY), shows=False),
    Widget("ui.followup.ThanksComposer", lambda t: ThanksComposer(t, today=TODAY)),
    Widget("ui.followup.FollowUpBoard", lambda t: FollowUpBoard(t, today=TODAY), None),
    # Step 5: read a hostile file, add the possible duplicate anyway, import; every chart
    Widget("ui.network.ContactImporter", ContactImporter, lambda w, p: _import_file(w)),
    Widget(
        "ui.network.NetworkDashboard",
        lambda t: NetworkDashboard(t, today=TODAY),
        lambda w, p: _every_chart(w),
        shows=False,
    ),
]


@pytest.mark.parametrize("spec", WIDGETS, ids=[w.name for w in WIDGETS])
def test_widgets_show_payloads_as_text(spec: Widget, hostile: tuple[Tracker, int]) -> None:
    """Built on hostile data, and again after a learner drives it, no widget HTML injects."""
    tracker, pid = hostile
    widget = spec.build(tracker)
    fragments = widget_html(widget)
    if spec.drive is not None:
        spec.drive(widget, pid)
        fragments += widget_html(widget)
    assert fragments, "found no HTML to check in the widget"
    for fragment in fragments:
        assert injection_problems(fragment) == [], fragment[:300]
        assert IMG not in fragment
    if spec.shows:
        shown = "".join(visible_text(fragment) for fragment in fragments)
        assert IMG in shown or "alert(1)" in shown
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


def _eml(tracker: Tracker, pid: int, folder: Path) -> Path:
    person = tracker.person(pid)
    draft = cold_email(tracker.profile, person).with_text(subject=person.notes, body=person.notes)
    return write_atomic(folder / "draft.eml", draft.eml())


def _eml_headers(path: Path) -> object:
    return sorted(parse_eml(path.read_bytes()).keys())


def _ics(tracker: Tracker, pid: int, folder: Path) -> Path:
    person = tracker.person(pid)
    meeting = Meeting(
        person_id=pid,
        person_name=person.name,
        start=datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Paris")),
        location=person.notes or "",
        person_email=person.email,
    )
    data = meeting_ics(meeting, plan_title=person.notes, questions=[person.notes or ""])
    return write_atomic(folder / "meeting.ics", data)


def _ics_properties(path: Path) -> object:
    """Property names of the unfolded content lines (a folded line starts with a space)."""
    lines = path.read_bytes().decode("utf-8").replace("\r\n ", "").split("\r\n")
    return [line.split(":", 1)[0].split(";", 1)[0] for line in lines if line]


def _mailto(tracker: Tracker, pid: int, folder: Path) -> Path:
    person = tracker.person(pid)
    draft = cold_email(tracker.profile, person).with_text(subject=person.notes, body=person.notes)
    return write_atomic(folder / "mailto.txt", draft.mailto())


def _mailto_fields(path: Path) -> object:
    link = urlsplit(path.read_text())
    return link.scheme, link.path, sorted(parse_qs(link.query)), "\n" in link.geturl()


STRUCTURED_WRITERS: list[StructuredWriter] = [
    StructuredWriter("people.csv export", _people_csv, _csv_shape),
    StructuredWriter(".eml draft (step 1)", _eml, _eml_headers),
    StructuredWriter("mailto: link (step 1)", _mailto, _mailto_fields),
    StructuredWriter(".ics meeting (step 3)", _ics, _ics_properties),
    # Step 5 adds its writers here (a .vcf export, a CSV of the network, ...).
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
