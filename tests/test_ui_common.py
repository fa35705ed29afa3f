"""Shared widget pieces: a panel shows, and embeds, through its root container."""

from __future__ import annotations

import ipywidgets as widgets

from infoview.ui.common import Panel, widget_of

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
