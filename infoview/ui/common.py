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

import anywidget
import ipywidgets as widgets
import traitlets

from infoview.errors import InfoviewError

if TYPE_CHECKING:
    import pandas as pd

    from infoview.tracker import Tracker

# The kit's palette: every colour here reaches at least 4.5:1 against white (WCAG 2.1 AA,
# 1.4.3), so it serves for text on white and for white text on it alike.
PALETTE = {
    "ok": "#1b7837",  # 5.54:1 (ipywidgets' "success" green with white text is 4.12:1)
    "info": "#2166ac",  # 5.90:1
    "warn": "#8a4500",  # 7.16:1 (ipywidgets' "warning" orange is 2.7:1)
    "error": "#b2182b",  # 6.87:1
    "primary": "#1a5fb4",  # 6.29:1
    "focus": "#1a5fb4",  # the focus ring: 6.29:1 against white (1.4.11 asks 3:1)
}
# ipywidgets' button styles, redrawn in the kit's palette.
BUTTON_COLOURS = {
    "success": PALETTE["ok"],
    "warning": PALETTE["warn"],
    "danger": PALETTE["error"],
    "primary": PALETTE["primary"],
    "info": PALETTE["info"],
}

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
        return kit_root(self.root)._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: an infoview widget; show it in Jupyter to use it>"


def widget_of(item: widgets.Widget | Panel) -> widgets.Widget:
    """What to put in a container's children: a widget itself, or a panel's ``root``."""
    return kit_root(item.root) if isinstance(item, Panel) else item


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
    """A one-line status, marked by an icon and a word as well as colour.

    It carries no live-region role itself: shown in a :class:`LiveStatus`, it is announced
    by that widget's one lasting region.
    """
    colours = {key: PALETTE[key] for key in ("ok", "info", "warn", "error")}
    return (
        f'<div class="iv-status iv-status-{esc(kind)}" '
        f'style="color:{colours.get(kind, "inherit")}">'
        f'<span aria-hidden="true">{STATUS_ICONS.get(kind, "")}</span> '
        f"<strong>{STATUS_WORDS.get(kind, '')}:</strong> {esc(text)}</div>"
    )


# The live region is made once, when the view is drawn, and only its contents change after:
# screen readers announce a change inside a region they already know, and often miss a
# region that arrives with its message (as a new HTML value would, every time).
_LIVE_ESM = """
function render({ model, el }) {
  el.classList.add("iv-live");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  el.setAttribute("aria-atomic", "true");
  el.dataset.ivLive = Math.random().toString(36).slice(2);  // set once: the region's identity
  const show = () => { el.innerHTML = model.get("value"); };
  show();
  model.on("change:value", show);
  return () => model.off("change:value", show);
}
export default { render };
"""


class LiveStatus(anywidget.AnyWidget):
    """A status line whose one live region (``role=status``) lasts; its ``value`` is HTML.

    Like the ``HTML`` widget, it does not sanitise: give it :func:`status_html` or text
    passed through :func:`esc`.

    >>> line = LiveStatus()
    >>> show_status(line, "ok", "Saved <b>")
    >>> "Saved &lt;b&gt;" in line.value
    True
    """

    _esm = _LIVE_ESM
    value = traitlets.Unicode("").tag(sync=True)


def show_status(target: widgets.HTML | LiveStatus, kind: str, text: str) -> None:
    target.value = status_html(kind, text)


def show_error(target: widgets.HTML | LiveStatus, error: InfoviewError) -> None:
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


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour.

    >>> relative_luminance("#ffffff"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    digits = colour.lstrip("#")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21).

    >>> round(contrast_ratio("#ffffff", "#1b7837"), 2)
    5.54
    """
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def retire(button: widgets.Button, focus_to: widgets.Widget) -> None:
    """Disable a button that has done its work, and give the keyboard's focus to ``focus_to``.

    A focused button that becomes disabled drops focus to the top of the page, so a keyboard
    or screen-reader user would lose their place.
    """
    button.disabled = True
    focus_to.focus()


def single_choice(
    options: list[tuple[str, str]], value: str, description: str, *, style: dict[str, str]
) -> widgets.RadioButtons:
    """A single choice drawn as a row of radio buttons.

    Each option is a real radio input, so which one is chosen is exposed to assistive
    technology (``checked``); ``ToggleButtons`` only shade the chosen one darker.

    >>> route = single_choice([("Cold", "cold"), ("Warm", "warm")], "cold", "Route", style={})
    >>> route.orientation, route.value
    ('horizontal', 'cold')
    """
    choice = widgets.RadioButtons(
        options=options,
        value=value,
        description=description,
        orientation="horizontal",
        style=style,
        layout=widgets.Layout(width="auto"),
    )
    choice.add_class("iv-choice")
    return choice


def styled_button(
    description: str, *, style: str = "", icon: str = "", tooltip: str = ""
) -> widgets.Button:
    """A button in the kit's palette: white text on a colour of at least 4.5:1.

    ``style`` is one of ipywidgets' ``button_style`` names (success, warning, danger,
    primary, info) or empty for the plain grey button.

    >>> button = styled_button("Done", style="success")
    >>> button.style.button_color, button.style.text_color
    ('#1b7837', '#ffffff')
    """
    button = widgets.Button(description=description, icon=icon, tooltip=tooltip or description)
    if style:
        button.style.button_color = BUTTON_COLOURS[style]
        button.style.text_color = "#ffffff"
    button.add_class("iv-button")
    return button


# One stylesheet for the kit: a focus ring of 3:1 or more on every control inside a kit
# widget, and the ipywidgets button styles in the palette wherever they are still used.
KIT_CSS = (
    "<style>"
    ".iv-kit :focus-visible, .iv-kit .jupyter-widgets:focus-visible,"
    " .iv-kit input:focus, .iv-kit textarea:focus, .iv-kit select:focus,"
    " .iv-kit button:focus-visible"
    f"{{outline:3px solid {PALETTE['focus']} !important;outline-offset:1px !important;"
    "box-shadow:none !important}"
    + "".join(
        f".iv-kit .jupyter-button.mod-{name}{{background-color:{colour};color:#ffffff}}"
        for name, colour in BUTTON_COLOURS.items()
    )
    + "</style>"
)


def kit_styles() -> widgets.HTML:
    """The kit's stylesheet as an (invisible) HTML widget, to put first in a panel's root."""
    sheet = widgets.HTML(KIT_CSS, layout=widgets.Layout(display="none"))
    sheet.add_class("iv-kit-styles")
    return sheet


def kit_root(root: widgets.Box) -> widgets.Box:
    """Mark ``root`` as a kit widget with the kit's stylesheet in it (once: idempotent)."""
    if "iv-kit" not in root._dom_classes:
        root.add_class("iv-kit")
        root.children = (kit_styles(), *root.children)
    return root
