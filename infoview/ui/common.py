"""Shared widget pieces: escaped HTML, status lines, and the person picker.

Every string that came from a learner or an imported file goes through :func:`esc` before
it becomes HTML: the ipywidgets ``HTML`` widget does not sanitise what it is given.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from infoview.errors import InfoviewError

if TYPE_CHECKING:
    import pandas as pd

    from infoview.tracker import Tracker

STATUS_ICONS = {"ok": "✔", "info": "ℹ", "warn": "⚠", "error": "✖"}
STATUS_WORDS = {"ok": "Done", "info": "Note", "warn": "Check", "error": "Problem"}


class Panel:
    """A widget built from ipywidgets: Jupyter (and Voilà) show its ``root`` container.

    Its controls are plain attributes, so tests set ``.value`` and call ``.click()``.
    Its CSS class (``iv-...``) is on ``root``. To put a panel inside another container,
    put its ``root`` there (or pass either kind through :func:`widget_of`):

    >>> class Greeting(Panel):
    ...     def __init__(self) -> None:
    ...         self.text = widgets.HTML("Hello")
    ...         self.root = widgets.VBox([self.text])
    >>> greeting = Greeting()
    >>> widgets.HBox([widget_of(greeting)]).children == (greeting.root,)
    True
    >>> greeting
    <Greeting: an infoview widget; show it in Jupyter to use it>
    """

    root: widgets.Box

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.root._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: an infoview widget; show it in Jupyter to use it>"


def widget_of(item: widgets.Widget | Panel) -> widgets.Widget:
    """What to put in a container's children: a widget itself, or a panel's ``root``."""
    return item.root if isinstance(item, Panel) else item


def esc(value: object) -> str:
    """Text made safe for HTML (quotes too); None becomes an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def download_html(data: bytes, filename: str, mime: str, label: str = "") -> str:
    """A link that downloads ``data`` as ``filename`` from the browser, server or hub alike.

    The file travels inside the link (a ``data:`` address), so it needs no route to the
    workspace folder, which stays outside what Jupyter's file browser serves.
    """
    href = f"data:{mime};base64," + base64.b64encode(data).decode()
    return (
        f'<a class="iv-download" download="{esc(filename)}" href="{href}" '
        'style="color:#1a5fb4;text-decoration:underline;margin:0 1em;line-height:2.2em">'
        f"⬇ {esc(label or 'Download ' + filename)}</a>"
    )


def status_html(kind: str, text: str) -> str:
    """A one-line status, marked by an icon and a word as well as colour."""
    colours = {"ok": "#1b7837", "info": "#2166ac", "warn": "#b35806", "error": "#b2182b"}
    return (
        f'<div class="iv-status iv-status-{esc(kind)}" role="status" '
        f'style="color:{colours.get(kind, "inherit")}">'
        f'<span aria-hidden="true">{STATUS_ICONS.get(kind, "")}</span> '
        f"<strong>{STATUS_WORDS.get(kind, '')}:</strong> {esc(text)}</div>"
    )


def show_status(target: widgets.HTML, kind: str, text: str) -> None:
    target.value = status_html(kind, text)


def show_error(target: widgets.HTML, error: InfoviewError) -> None:
    show_status(target, "error", str(error))


def person_label(name: str, company: str | None) -> str:
    return f"{name} ({company})" if company else name


def person_options(people: pd.DataFrame) -> list[tuple[str, int]]:
    """(label, id) pairs for a Dropdown, sorted by name."""
    ordered = people.sort_values("name", key=lambda s: s.str.lower())
    return [
        (person_label(name, company), int(pid))
        for pid, name, company in zip(
            ordered["id"], ordered["name"], ordered["company"], strict=True
        )
    ]


def person_picker(tracker: Tracker, description: str = "Person") -> widgets.Dropdown:
    """A dropdown of everyone in the tracker (its value is a person id, or None)."""
    options: list[tuple[str, int | None]] = [("— choose someone —", None)]
    options += person_options(tracker.people())
    return widgets.Dropdown(
        options=options,
        value=None,
        description=description,
        layout=widgets.Layout(width="28em"),
        style={"description_width": "7em"},
    )


def refresh_picker(picker: widgets.Dropdown, tracker: Tracker, keep: int | None = None) -> None:
    """Reload a person picker's options, keeping the current choice when possible."""
    current = keep if keep is not None else picker.value
    options: list[tuple[str, int | None]] = [("— choose someone —", None)]
    options += person_options(tracker.people())
    picker.options = options
    picker.value = current if current in {value for _, value in options} else None


def stage_html(tracker: Tracker, person_id: int, today: date | None = None) -> str:
    """A person's current stage, as a small labelled badge."""
    journey = tracker.journey(today=today)
    row = journey[journey["person_id"] == person_id]
    stage = str(row["stage"].iloc[0]) if not row.empty else "unknown"
    return (
        f'<span class="iv-stage" data-stage="{esc(stage)}" style="border:1px solid #888;'
        f'border-radius:0.8em;padding:0 0.6em">Stage: <strong>{esc(stage)}</strong></span>'
    )


def table_html(frame: pd.DataFrame, columns: Iterable[str] | None = None, empty: str = "") -> str:
    """A small escaped HTML table (pandas escapes cell text by default)."""
    if frame.empty:
        return f"<p><em>{esc(empty or 'Nothing here yet.')}</em></p>"
    shown = frame[list(columns)] if columns is not None else frame
    return shown.to_html(index=False, escape=True, border=0, na_rep="", classes="iv-table")


def labelled(widget: widgets.Widget, label: str) -> widgets.Widget:
    """Give a widget an accessible name when it has no description of its own."""
    widget.add_class("iv-control")
    widget.tooltip = label
    return widget
