"""Shared widget pieces: a panel shows, and embeds, through its root container."""

from __future__ import annotations

import base64
import re

import ipywidgets as widgets

from infoview.ui.common import Panel, download_html, widget_of

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
