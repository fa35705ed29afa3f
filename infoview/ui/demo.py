"""The advisor demo's board: the demo persona, the sections shown from it, and a Reset button.

The board opens the fictional persona in a temporary folder of its own; the learner's own
tracker is never opened. Each section is a function of the tracker (``iv.progress``, a
widget class, a chart function); "Reset demo" opens a fresh persona and redraws them all.

Whatever a section returns is shown through :func:`as_widget`, escaped where it is text:

>>> as_widget(["<b>Ana</b>"]).value
'<pre>[&#x27;&lt;b&gt;Ana&lt;/b&gt;&#x27;]</pre>'
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from infoview.clock import local_zone, resolve_today
from infoview.demo import open_demo
from infoview.errors import InfoviewError
from infoview.ui.common import (
    LiveStatus,
    Panel,
    download_html,
    esc,
    show_error,
    show_status,
    table_html,
    widget_of,
)

if TYPE_CHECKING:
    from infoview.tracker import Tracker

Render = Callable[["Tracker"], object]


def as_widget(value: object) -> widgets.Widget:
    """Any value a section returns, as a widget: widgets as they are, figures as images,
    values with ``_repr_html_`` as their (escaped) HTML, anything else as escaped text."""
    if isinstance(value, widgets.Widget | Panel):
        return widget_of(value)
    if hasattr(value, "savefig") and hasattr(value, "axes"):  # a matplotlib Figure
        from infoview.workshop.charts import figure_png

        return widgets.HTML(
            f'<img src="data:image/png;base64,{figure_png(value)}" alt="chart"'  # type: ignore[arg-type]
            ' style="max-width:100%">'
        )
    to_html = getattr(value, "_repr_html_", None)
    markup = to_html() if callable(to_html) else None
    if isinstance(markup, str):
        return widgets.HTML(markup)
    return widgets.HTML(f"<pre>{esc(repr(value))}</pre>")


class DemoBoard(Panel):
    """The persona on a board: ``board.show(section)`` adds a section; Reset redraws them all."""

    def __init__(self, today: date | None = None) -> None:
        self._today = today
        self._folder = Path(tempfile.mkdtemp(prefix="infoview-advisor-demo-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._folder, True)
        self._generation = 0
        self.tracker = self._open()
        self._sections: list[tuple[Render, widgets.Box]] = []
        self.reset_button = widgets.Button(
            description="Reset demo",
            icon="undo",
            tooltip="Bring the demo persona back to how she started",
            button_style="warning",
        )
        self.reset_button.add_class("iv-demo-reset")
        self.reset_button.on_click(lambda _: self.reset())
        self.status = LiveStatus()
        self.status.add_class("iv-demo-status")
        self.root = widgets.VBox([widgets.HBox([self.reset_button, self.status])])
        self.root.add_class("iv-demo-board")
        self._announce("info", "Showing")

    def _open(self) -> Tracker:
        self._generation += 1
        folder = self._folder / f"persona-{self._generation}"
        return open_demo(resolve_today(self._today), folder=folder)

    def _announce(self, kind: str, verb: str) -> None:
        name = self.tracker.profile.name
        day = resolve_today(self._today).isoformat()
        show_status(
            self.status,
            kind,
            f"{verb} the fictional persona {name} as of {day}. "
            "Nothing here touches anyone's own tracker.",
        )

    def show(self, render: Render) -> widgets.Box:
        """A section drawn from the persona by ``render(tracker)``, redrawn on reset."""
        box = widgets.VBox()
        box.add_class("iv-demo-section")
        self._sections.append((render, box))
        self._draw(render, box)
        return box

    def _draw(self, render: Render, box: widgets.Box) -> None:
        old = box.children
        try:
            shown = as_widget(render(self.tracker))
        except InfoviewError as error:
            shown = widgets.HTML()
            show_error(shown, error)
        box.children = (shown,)
        for child in old:
            if child is not shown:
                child.close()

    def reset(self) -> None:
        """Open a fresh persona, drop the old one, and redraw every section."""
        old = self.tracker
        self.tracker = self._open()
        old.close()
        shutil.rmtree(old.path.parent, ignore_errors=True)
        for render, box in self._sections:
            self._draw(render, box)
        self._announce("ok", "Reset: showing")


# ---------------------------------------------------------------- sections


def persona_view(tracker: Tracker) -> widgets.HTML:
    """Who the persona is: name, field, goal and her three-line mini-CV."""
    profile = tracker.profile
    lines = "".join(f"<li>{esc(line)}</li>" for line in profile.synopsis_lines)
    view = widgets.HTML(
        f'<div class="iv-persona"><p><strong>{esc(profile.name)}</strong> · exploring '
        f"<em>{esc(profile.field)}</em></p><p>Goal: {esc(profile.goal)}</p>"
        f"<p>Her mini-CV:</p><ul>{lines}</ul></div>"
    )
    view.add_class("iv-demo-persona")
    return view


def journey_view(tracker: Tracker) -> widgets.HTML:
    """Where everyone stands: people per stage, then the people, latest news first."""
    import pandas as pd

    from infoview.workshop import stage_counts

    journey = tracker.journey()
    counts = stage_counts(journey)
    most = max([*counts.values(), 1])
    bars = "".join(
        f'<tr data-stage="{esc(stage)}"><td>{esc(stage)}</td><td style="text-align:right">'
        f'{count}</td><td><span aria-hidden="true" style="display:inline-block;height:0.8em;'
        f'width:{round(12 * count / most, 2)}em;background:#2166ac"></span></td></tr>'
        for stage, count in counts.items()
        if count
    )
    people = journey.sort_values("last_touch", ascending=False, na_position="last").assign(
        last_touch=pd.to_datetime(journey["last_touch"], utc=True)
        .dt.tz_convert(local_zone())
        .dt.strftime("%Y-%m-%d")
    )
    headers = {
        "name": "Name",
        "company": "Company",
        "source": "Source",
        "tie": "Tie",
        "stage": "Stage",
        "touches": "Touches",
        "last_touch": "Last touch",
    }
    people = people[list(headers)].rename(columns=headers)
    view = widgets.HTML(
        f'<div class="iv-journey"><p><strong>{len(journey)} people</strong>, '
        f"{int(journey['touches'].sum())} touches.</p>"
        '<table class="iv-table iv-stage-counts"><thead><tr><th>Stage</th><th>People</th>'
        f"<th></th></tr></thead><tbody>{bars}</tbody></table>"
        '<div class="iv-journey-scroll" tabindex="0" role="region" '
        'aria-label="Everyone in the persona\'s tracker (scrolls)" '
        'style="max-height:22em;overflow:auto">'
        f"{table_html(people, empty='Nobody in the tracker yet.')}</div></div>"
    )
    view.add_class("iv-demo-journey")
    return view


def meeting_view(tracker: Tracker) -> widgets.HTML:
    """Upcoming meetings, the checklist for the next one, and their calendar file to download.

    The calendar file is built in memory: the demo writes nothing into anyone's workspace.
    """

    from infoview import meeting as mt
    from infoview.meeting.places import checklist

    coming = mt.upcoming(tracker)
    data, events = mt.calendar_export(tracker)
    parts = [coming._repr_html_()]
    if len(coming):
        parts.append(checklist(coming[0])._repr_html_())
    if events:
        link = download_html(
            data, "demo-meetings.ics", "text/calendar;charset=utf-8", "Download the calendar file"
        )
        parts.append(
            f"<p>{link} "
            f"({events} events: each meeting, the confirmation the day before and the thank-you "
            "the day after).</p>"
        )
    view = widgets.HTML('<div class="iv-demo-meeting">' + "".join(parts) + "</div>")
    view.add_class("iv-demo-meetings")
    return view


def outreach_view(tracker: Tracker) -> widgets.Widget:
    """The outreach composer, opened on someone the persona has not written to yet."""
    from infoview.ui.contact import OutreachComposer

    composer = OutreachComposer(tracker)
    journey = tracker.journey()
    emails = tracker.people().set_index("id")["email"]
    waiting = [
        int(pid)
        for pid in journey.loc[journey["stage"] == "identified", "person_id"]
        if isinstance(emails.get(pid), str)
    ]
    if waiting:
        composer.person.value = waiting[0]
    return composer.root
