"""Shared widget pieces: a panel shows, and embeds, through its root container."""

from __future__ import annotations

import base64
import re
from typing import TYPE_CHECKING

import ipywidgets as widgets

from infoview.ui.common import LiveStatus, Panel, download_html, retire, show_status, widget_of

if TYPE_CHECKING:
    from infoview.tracker import Tracker

VIEW = "application/vnd.jupyter.widget-view+json"


class Greeting(Panel):
    def __init__(self) -> None:
        self.text = widgets.HTML("Hello")
        self.root = widgets.VBox([self.text])


def test_a_panel_displays_as_its_root() -> None:
    """Jupyter is given the root container's widget view for a panel."""
    greeting = Greeting()
    assert greeting._repr_mimebundle_()[VIEW]["model_id"] == greeting.root.model_id


def test_widget_of_gives_a_panels_root_and_a_widget_itself() -> None:
    """A panel goes into a container as its root; a plain widget goes in as it is."""
    greeting = Greeting()
    button = widgets.Button()
    box = widgets.HBox([widget_of(greeting), widget_of(button)])
    assert box.children == (greeting.root, button)


def link_bytes(html: str) -> bytes:
    """The bytes a download link built by :func:`download_html` carries."""
    match = re.search(r'href="data:[^;"]+(?:;[^;"]+)*;base64,([^"]+)"', html)
    assert match is not None, html
    return base64.b64decode(match.group(1))


def test_a_download_link_carries_the_file_and_its_escaped_name() -> None:
    """The link holds the exact bytes and names the file, with markup in the name escaped."""
    data = "Dear Ana,\n<b>é</b>".encode()
    html = download_html(data, 'a"<b>.eml', "message/rfc822")
    assert link_bytes(html) == data
    assert 'download="a&quot;&lt;b&gt;.eml"' in html
    assert "<b>" not in html
    assert "Download a&quot;&lt;b&gt;.eml" in html


def _panels(tracker: Tracker) -> list[Panel]:
    from infoview.ui.contact import OutreachComposer
    from infoview.ui.contact_lists import RemindersDue, TargetList
    from infoview.ui.followup import DebriefForm, FollowUpBoard, ThanksComposer
    from infoview.ui.meeting import MeetingPlanner
    from infoview.ui.network import ContactImporter, NetworkDashboard
    from infoview.ui.questions import QuestionBuilder
    from infoview.ui.start import ProfileForm

    return [
        ProfileForm(tracker),
        OutreachComposer(tracker),
        TargetList(tracker),
        RemindersDue(tracker),
        QuestionBuilder(tracker),
        MeetingPlanner(tracker),
        DebriefForm(tracker),
        ThanksComposer(tracker),
        FollowUpBoard(tracker),
        ContactImporter(tracker),
        NetworkDashboard(tracker),
    ]


def _tree(panel: Panel) -> list[widgets.Widget]:
    found, stack = [], [panel.root]
    while stack:
        widget = stack.pop()
        found.append(widget)
        stack += list(getattr(widget, "children", ()))
    return found


def test_every_status_line_is_one_lasting_live_region(tracker: Tracker) -> None:
    """Each widget's status is a LiveStatus (its region is made once); no HTML makes its own."""
    panels = _panels(tracker)
    lines = [getattr(panel, "status", None) for panel in panels]
    assert sum(line is not None for line in lines) >= 9
    assert all(line is None or isinstance(line, LiveStatus) for line in lines), lines
    for panel in panels:
        for widget in _tree(panel):
            value = getattr(widget, "value", "")
            assert not (isinstance(value, str) and 'role="status"' in value), widget
    line = LiveStatus()
    show_status(line, "warn", "Check the date")
    assert "role=" not in line.value and "aria-live" not in line.value
    assert 'setAttribute("role", "status")' in LiveStatus._esm


def test_single_choices_are_radio_buttons(tracker: Tracker) -> None:
    """Route, rhythm, place, chart and grouping: radios expose which one is chosen."""
    panels = {type(panel).__name__: panel for panel in _panels(tracker)}
    choices = [
        panels["OutreachComposer"].route,  # type: ignore[attr-defined]
        panels["RemindersDue"].mode,  # type: ignore[attr-defined]
        panels["MeetingPlanner"].kind,  # type: ignore[attr-defined]
        panels["NetworkDashboard"].show,  # type: ignore[attr-defined]
        panels["NetworkDashboard"].by,  # type: ignore[attr-defined]
    ]
    for choice in choices:
        assert isinstance(choice, widgets.RadioButtons), choice
        assert choice.orientation == "horizontal"
    found = [
        widget
        for panel in panels.values()
        for widget in _tree(panel)
        if isinstance(widget, widgets.ToggleButtons)
    ]
    assert found == [], "a ToggleButtons shows no pressed state to assistive technology"


def test_a_retired_button_hands_the_focus_on() -> None:
    """A button disabled after its work sends focus to the next place (not the page top)."""
    button, draft = widgets.Button(), widgets.Textarea()
    sent: list[object] = []
    draft.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    retire(button, draft)
    assert button.disabled
    assert sent == [{"do": "focus"}]
