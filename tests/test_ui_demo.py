"""The advisor demo board: sections drawn from the persona, and a Reset that restores her."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import ipywidgets as widgets
import pytest
from matplotlib.figure import Figure

from infoview.errors import InvalidValueError
from infoview.progress import progress
from infoview.tracker import Tracker
from infoview.ui.contact_lists import TargetList
from infoview.ui.demo import DemoBoard, as_widget, journey_view, meeting_view, persona_view
from infoview.ui.network import NetworkDashboard
from tests.conftest import TODAY, widgets_under


@pytest.fixture
def board() -> DemoBoard:
    made = DemoBoard(today=TODAY)
    yield made
    made.tracker.close()


def test_the_board_shows_the_persona_and_never_the_learners_tracker(
    board: DemoBoard, workspace: Path
) -> None:
    """The board opens its own copy of the persona; the workspace is not even created."""
    assert board.tracker.profile.name == "Maya Okafor"
    assert "Maya Okafor" in board.status.value and TODAY.isoformat() in board.status.value
    assert workspace not in board.tracker.path.parents
    assert not workspace.exists()
    assert board.reset_button.description == "Reset demo"


def test_the_board_shows_its_root_with_reset_and_status(board: DemoBoard) -> None:
    """Jupyter shows the board's root: it carries the board's class and holds Reset and status."""
    bundle = board._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == board.root.model_id
    assert "iv-demo-board" in board.root._dom_classes
    shown = widgets_under(board.root)
    assert any(widget is board.reset_button for widget in shown)
    assert any(widget is board.status for widget in shown)


def test_a_panel_section_shows_its_root_and_is_rebuilt_on_reset(board: DemoBoard) -> None:
    """``board.show(NetworkDashboard)`` puts the dashboard's root in the section; Reset redraws."""
    section = board.show(NetworkDashboard)
    (first,) = section.children
    assert "iv-dashboard" in first._dom_classes
    assert "iv-dash-chart" in {css for w in widgets_under(first) for css in w._dom_classes}
    board.reset()
    (second,) = section.children
    assert second is not first and "iv-dashboard" in second._dom_classes


def test_reset_restores_the_persona_and_redraws_every_section(board: DemoBoard) -> None:
    """Changes made during a demo vanish on Reset, and each section shows the fresh persona."""
    journey = board.show(journey_view)
    milestones = board.show(progress)
    people = len(board.tracker.people())
    assert f"{people} people" in journey.children[0].value

    old = board.tracker
    old.add_person("Visitor <b>from the audience</b>")
    later = board.show(journey_view)  # a section added after the change shows it
    assert f"{people + 1} people" in later.children[0].value
    board.reset_button.click()

    assert board.tracker is not old
    assert len(board.tracker.people()) == people
    assert not old.path.exists(), "the old copy of the persona is removed"
    assert f"{people} people" in journey.children[0].value
    assert "Visitor" not in journey.children[0].value
    assert f"{people} people" in later.children[0].value
    assert "iv-progress" in milestones.children[0].value
    assert "Reset" in board.status.value


def test_sections_are_redrawn_from_the_current_tracker(board: DemoBoard) -> None:
    """A section drawn after a change shows it; after Reset it shows the persona again."""
    board.tracker.add_person("Zed Newcomer")
    section = board.show(journey_view)
    assert "Zed Newcomer" in section.children[0].value
    board.reset()
    assert "Zed Newcomer" not in section.children[0].value


def test_a_failing_section_shows_a_friendly_error(board: DemoBoard) -> None:
    """A kit error inside a section is shown in place, with an icon and a word."""

    def broken(tracker: Tracker) -> object:
        raise InvalidValueError("this section needs a meeting first")

    section = board.show(broken)
    assert "this section needs a meeting first" in section.children[0].value
    assert "Problem" in section.children[0].value


def test_as_widget_shows_any_value(board: DemoBoard) -> None:
    """Widgets pass through, panels as their root; figures become images; HTML and text escaped."""
    button = widgets.Button()
    assert as_widget(button) is button
    targets = TargetList(board.tracker)
    assert as_widget(targets) is targets.root
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    assert "data:image/png;base64," in as_widget(fig).value

    class Shown:
        def _repr_html_(self) -> str:
            return "<p>shown</p>"

        def __repr__(self) -> str:
            return "<script>alert(1)</script>"

    assert as_widget(Shown()).value == "<p>shown</p>"
    plain = as_widget(["<script>alert(1)</script>"]).value
    assert "<script>" not in plain and "&lt;script&gt;" in plain


def test_views_escape_what_people_typed(tracker: Tracker) -> None:
    """Names, companies and the profile go into the demo's HTML escaped."""
    tracker.set_profile(name="<img src=x onerror=alert(1)>", synopsis="<b>line</b>")
    tracker.add_person("<script>x()</script>", company="A&B")
    journey = journey_view(tracker).value
    persona = persona_view(tracker).value
    assert "<script>" not in journey and "&lt;script&gt;" in journey and "A&amp;B" in journey
    assert "<img" not in persona and "&lt;b&gt;line" in persona


def test_journey_view_counts_people_per_stage(board: DemoBoard) -> None:
    """The stage table lists each stage that has people, with the journey's counts."""
    journey = board.tracker.journey(today=TODAY)
    view = journey_view(board.tracker).value
    for stage, count in journey["stage"].value_counts().items():
        assert f'<tr data-stage="{stage}"><td>{stage}</td><td style="text-align:right">{count}' in (
            view
        )


def test_meeting_view_offers_the_calendar_without_writing_files(
    board: DemoBoard, workspace: Path
) -> None:
    """Upcoming meetings, the next one's checklist, and an .ics link built in memory."""
    view = meeting_view(board.tracker).value
    assert "Ama Owusu" in view and "iv-checklist" in view
    link = re.search(r'href="data:text/calendar;charset=utf-8;base64,([^"]+)"', view)
    assert link is not None
    calendar = base64.b64decode(link[1]).decode("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and "Ama Owusu" in calendar
    assert not workspace.exists(), "the demo wrote into the workspace"


def test_meeting_view_is_calm_with_no_meetings(tracker: Tracker) -> None:
    """Nobody met yet: a friendly line and no download link."""
    view = meeting_view(tracker).value
    assert "No meetings yet" in view and "text/calendar" not in view
