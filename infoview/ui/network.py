"""Widgets for notebook 05: import your contacts, then watch your network grow.

:class:`ContactImporter` reads a file you upload (or a path), shows the preview, and
imports only when you confirm. :class:`NetworkDashboard` shows one chart at a time, for
the dates, sources and ties you choose, with the sentence that describes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from infoview import network
from infoview.errors import InfoviewError
from infoview.network import ImportPreview, ImportResult, apply_import, charts, preview_import
from infoview.text import plural
from infoview.ui.common import (
    LiveStatus,
    Panel,
    retire,
    show_error,
    show_status,
    single_choice,
    status_html,
)

if TYPE_CHECKING:
    from infoview.tracker import Tracker

_STYLE = {"description_width": "8em"}
FORMATS = [
    ("Detect from the file", "auto"),
    ("LinkedIn Connections.csv", "linkedin"),
    ("vCard (.vcf) from Google, Apple or Outlook", "vcard"),
]


def detect_format(name: str, data: bytes) -> str:
    """'vcard' for .vcf files or text with BEGIN:VCARD, else 'linkedin'.

    >>> detect_format("contacts.VCF", b""), detect_format("Connections.csv", b"First Name")
    ('vcard', 'linkedin')
    """
    if name.lower().endswith((".vcf", ".vcard")) or b"BEGIN:VCARD" in data[:4096].upper():
        return "vcard"
    return "linkedin"


def read_records(
    kind: str, data: bytes, name: str, *, day_first: bool | None = None
) -> pd.DataFrame:
    """The record frame of an uploaded file, read as ``kind`` ('auto' detects it)."""
    from infoview.formats.linkedin import read_connections
    from infoview.formats.vcard import read_vcards

    kind = detect_format(name, data) if kind == "auto" else kind
    if kind == "vcard":
        return read_vcards(data, name=name)
    return read_connections(data, name=name, day_first=day_first)


DATE_ORDERS = [
    ("Decide from the file", "auto"),
    ("Day first (06/02 is 6 February)", "day-first"),
    ("Month first (06/02 is June 2)", "month-first"),
]


class ContactImporter(Panel):
    """Upload a contacts file (or give a path), check the preview, then confirm."""

    def __init__(
        self,
        tracker: Tracker,
        *,
        sample: str | Path | None = None,
        on_import: Callable[[ImportResult], None] | None = None,
    ) -> None:
        self.tracker = tracker
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.listeners: list[Callable[[ImportResult], None]] = [on_import] if on_import else []
        self.upload = widgets.FileUpload(
            accept=".csv,.vcf,.vcard", multiple=False, description="Upload a file"
        )
        self.path = widgets.Text(
            description="…or a path",
            placeholder="e.g. ~/Downloads/Connections.csv",
            layout=widgets.Layout(width="36em"),
            style=_STYLE,
        )
        self.kind = widgets.Dropdown(
            options=FORMATS,
            value="auto",
            description="Format",
            style=_STYLE,
            layout=widgets.Layout(width="36em"),
        )
        self.read = widgets.Button(description="Preview", icon="search")
        self.try_sample = widgets.Button(
            description="Use the sample file", icon="file", layout=widgets.Layout(width="auto")
        )
        self.sample = Path(sample) if sample is not None else None
        self.try_sample.layout.display = "" if self.sample and self.sample.is_file() else "none"
        self.view = widgets.HTML()
        self.add_anyway = widgets.SelectMultiple(
            description="Add anyway", rows=4, style=_STYLE, layout=widgets.Layout(width="36em")
        )
        self.add_anyway_help = widgets.HTML()
        self.dates = widgets.Dropdown(
            options=DATE_ORDERS,
            value="auto",
            description="Dates",
            style=_STYLE,
            layout=widgets.Layout(width="36em"),
        )
        self.dates.layout.display = "none"
        self.save_report = widgets.Button(
            description="Save the report", icon="download", layout=widgets.Layout(width="auto")
        )
        self.save_report.layout.display = "none"
        self._file: tuple[bytes, str] | None = None
        self.confirm = widgets.Button(
            description="Import",
            button_style="primary",
            icon="check",
            disabled=True,
            layout=widgets.Layout(width="auto"),  # "Import 25 people" in full
        )
        self.status = LiveStatus()
        for control, css in (
            (self.upload, "iv-import-upload"),
            (self.path, "iv-import-path"),
            (self.kind, "iv-import-format"),
            (self.read, "iv-import-read"),
            (self.try_sample, "iv-import-sample"),
            (self.view, "iv-import-view"),
            (self.add_anyway, "iv-import-add-anyway"),
            (self.dates, "iv-import-dates"),
            (self.save_report, "iv-import-save-report"),
            (self.confirm, "iv-import-confirm"),
            (self.status, "iv-import-status"),
        ):
            control.add_class(css)
        self.upload.observe(self._uploaded, names="value")
        self.read.on_click(self._read_path)
        self.try_sample.on_click(self._use_sample)
        self.confirm.on_click(self._confirm)
        self.add_anyway.observe(self._count, names="value")
        self.dates.observe(self._reread, names="value")
        self.save_report.on_click(self._save_report)
        self._show_possible(None)
        self.root = widgets.VBox(
            [
                widgets.HTML("<strong>1.</strong> Choose your contacts file:"),
                widgets.HBox([self.upload, self.try_sample]),
                widgets.HBox([self.path, self.read]),
                self.kind,
                widgets.HTML("<strong>2.</strong> Check the preview (nothing is saved yet):"),
                self.dates,
                self.view,
                self.save_report,
                self.add_anyway_help,
                self.add_anyway,
                widgets.HTML("<strong>3.</strong> Confirm:"),
                self.confirm,
                self.status,
            ]
        )
        self.root.add_class("iv-import")

    def on_import(self, listener: Callable[[ImportResult], None]) -> None:
        """Call ``listener`` with the result after each import (a dashboard refreshes)."""
        self.listeners.append(listener)

    # ------------------------------------------------------------ reading

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if files:
            upload = files[0]
            self._preview(bytes(upload["content"]), str(upload["name"]))

    def _read_path(self, _: object = None) -> None:
        text = self.path.value.strip()
        if not text:
            show_status(self.status, "warn", "Type the path of your contacts file first.")
            return
        path = Path(text).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._reset()
            show_status(self.status, "error", f"{text}: cannot be read ({exc.strerror or exc})")
            return
        self._preview(data, path.name)

    def _use_sample(self, _: object = None) -> None:
        if self.sample is not None:
            self.path.value = str(self.sample)
            self._read_path()

    def _preview(self, data: bytes, name: str) -> None:
        self._reset()
        self._file = (data, name)
        day_first = {"auto": None, "day-first": True, "month-first": False}[self.dates.value]
        try:
            records = read_records(self.kind.value, data, name, day_first=day_first)
            kind = detect_format(name, data) if self.kind.value == "auto" else self.kind.value
            self.preview = preview_import(self.tracker, records, source=kind, file=name)
        except InfoviewError as exc:
            show_error(self.status, exc)
            return
        asked = self.preview.asks_date_order
        self.dates.layout.display = "" if asked or self.dates.value != "auto" else "none"
        has_report = bool(len(self.preview.set_aside) or len(self.preview.skipped))
        self.save_report.layout.display = "" if has_report else "none"
        self.view.value = self.preview._repr_html_()
        self._show_possible(self.preview)
        self.confirm.disabled = self.preview.to_add == 0 and self.preview.possible.empty
        self.confirm.description = f"Import {plural(self.preview.to_add, 'person')}"
        if asked:
            show_status(
                self.status,
                "warn",
                "This file's dates could be day first or month first: choose under Dates.",
            )
        else:
            show_status(self.status, "info", "Check the preview, then press Import.")

    def _reread(self, _: object = None) -> None:
        if self._file is not None:
            self._preview(*self._file)

    def _save_report(self, _: object = None) -> None:
        """Save what was set aside or skipped as a CSV in the workspace's imports folder."""
        from infoview.workspace import output_path

        if self.preview is None:
            return
        try:
            stem = Path(self.preview.file).stem or "contacts"
            saved = self.preview.save_report(output_path("imports", f"{stem}-report", ".csv"))
        except InfoviewError as exc:
            show_error(self.status, exc)
            return
        except OSError as exc:
            show_status(
                self.status, "error", f"The report cannot be saved ({exc.strerror or exc})."
            )
            return
        show_status(self.status, "ok", f"Report saved to {saved}.")

    def _reset(self) -> None:
        self.preview = None
        self.view.value = ""
        self.confirm.disabled = True
        self.confirm.description = "Import"
        self._show_possible(None)

    def _show_possible(self, preview: ImportPreview | None) -> None:
        possible = preview.possible if preview is not None else pd.DataFrame()
        self.add_anyway.options = [
            (f"line {line}: {name} ({company})", int(line))
            for line, name, company in zip(
                possible.get("line", []),
                possible.get("name", []),
                possible.get("company", []),
                strict=True,
            )
        ]
        shown = "" if len(possible) else "none"
        self.add_anyway.layout.display = shown
        self.add_anyway_help.layout.display = shown
        self.add_anyway_help.value = (
            "<em>Same name and company as someone you already have: these are left out as "
            "the same person. Select any that are different people to add them anyway.</em>"
        )

    def _count(self, _: object = None) -> None:
        if self.preview is not None:
            chosen = self.preview.add_anyway(self.add_anyway.value)
            self.confirm.description = f"Import {plural(chosen.to_add, 'person')}"

    # ------------------------------------------------------------ writing

    def _confirm(self, _: object = None) -> None:
        if self.preview is None:
            show_status(self.status, "warn", "Choose a file and check its preview first.")
            return
        try:
            result = apply_import(self.tracker, self.preview.add_anyway(self.add_anyway.value))
        except InfoviewError as exc:
            show_error(self.status, exc)
            return
        self.result = result
        retire(self.confirm, self.save_report)
        self.status.value = status_html("ok", f"{result.file}: {result.summary()}.")
        for listener in self.listeners:
            listener(result)


CHARTS: dict[str, str] = {
    "growth": "Growth",
    "funnel": "Funnel",
    "replies": "Reply times",
    "respondents": "Respondents",
    "tree": "Introductions",
    "activity": "Activity",
}


class NetworkDashboard(Panel):
    """One chart at a time, for the dates, sources and ties you pick, with its description."""

    def __init__(self, tracker: Tracker, today: date | None = None) -> None:
        self.tracker = tracker
        self.today = today
        self.chart: charts.Chart | None = None
        self.show = single_choice(
            [(label, key) for key, label in CHARTS.items()],
            "growth",
            "Show",
            style={"description_width": "4em"},
        )
        self.start = widgets.DatePicker(description="From", style={"description_width": "4em"})
        self.end = widgets.DatePicker(description="To", style={"description_width": "4em"})
        self.sources = widgets.SelectMultiple(description="Sources", rows=4, style=_STYLE)
        self.ties = widgets.SelectMultiple(description="Ties", rows=3, style=_STYLE)
        self.by = single_choice(
            [("by source", "source"), ("by tie", "tie")],
            "source",
            "Growth",
            style={"description_width": "4em"},
        )
        self.summary = widgets.HTML()
        self.view = widgets.HTML()
        for control, css in (
            (self.show, "iv-dash-show"),
            (self.start, "iv-dash-start"),
            (self.end, "iv-dash-end"),
            (self.sources, "iv-dash-sources"),
            (self.ties, "iv-dash-ties"),
            (self.by, "iv-dash-by"),
            (self.summary, "iv-dash-summary"),
            (self.view, "iv-dash-chart"),
        ):
            control.add_class(css)
        self.root = widgets.VBox(
            [
                self.show,
                widgets.HBox([self.start, self.end, self.by]),
                widgets.HBox([self.sources, self.ties]),
                self.summary,
                self.view,
            ]
        )
        self.root.add_class("iv-dashboard")
        self.reload()
        for control in (self.show, self.start, self.end, self.sources, self.ties, self.by):
            control.observe(self.refresh, names="value")

    def reload(self, _: object = None) -> None:
        """Read the tracker again (after an import, say) and redraw."""
        self._people = self.tracker.people()
        self._summary = self.tracker.touch_summary()
        self._touches = self.tracker.touches()
        for control, column in ((self.sources, "source"), (self.ties, "tie")):
            present = [v for v in network.GROUPINGS[column] if v in set(self._people[column])]
            chosen = [v for v in control.value if v in present] or present
            control.options = present
            control.value = tuple(chosen if set(control.value) & set(present) else present)
        self.refresh()

    def refresh(self, _: object = None) -> None:
        """Redraw the chart for the current choices."""
        people = network.select_people(
            self._people, sources=self.sources.value or None, ties=self.ties.value or None
        )
        start, end = self.start.value, self.end.value
        if start and end and start > end:
            self.summary.value = status_html("warn", "The start date is after the end date.")
            return
        in_range = people
        if start or end:
            days = network.join_days(people, self._summary)
            keep = pd.Series(True, index=people.index)
            if start:
                keep &= days >= pd.Timestamp(start)
            if end:
                keep &= days <= pd.Timestamp(end)
            in_range = people[keep]
        summary = network.for_people(self._summary, in_range)
        self.chart = self._make(self.show.value, people, in_range, summary, start=start, end=end)
        self.summary.value = (
            f'<p class="iv-dash-count">Showing {len(people):,} of {len(self._people):,} people'
            f"{'; ' + str(len(in_range)) + ' joined in the dates chosen' if start or end else ''}"
            ".</p>"
        )
        self.view.value = self.chart._repr_html_()

    def _make(
        self,
        key: str,
        people: pd.DataFrame,
        in_range: pd.DataFrame,
        summary: pd.DataFrame,
        *,
        start: date | None,
        end: date | None,
    ) -> charts.Chart:
        if key == "growth":
            return charts.growth_chart(
                people,
                network.for_people(self._summary, people),
                by=self.by.value,
                start=start,
                end=end,
            )
        if key == "funnel":
            return charts.funnel_chart(in_range, summary)
        if key == "replies":
            return charts.reply_times_chart(in_range, summary, self.today)
        if key == "respondents":
            return charts.respondents_chart(in_range, summary, self.today)
        if key == "tree":
            return charts.referral_tree_chart(in_range)
        touches = network.for_people(self._touches, people)
        return charts.activity_chart(touches, start=start, end=end)
