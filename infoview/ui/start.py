"""Widgets for notebook 00: the profile form, the journey's progress, and keeping a copy."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING

import ipywidgets as widgets

from infoview.errors import InfoviewError
from infoview.model import Profile
from infoview.progress import progress
from infoview.ui.common import LiveStatus, Panel, download_html, esc, show_error, show_status
from infoview.validation import synopsis_problem
from infoview.workspace import output_path

if TYPE_CHECKING:
    from infoview.tracker import Tracker

_WIDE = widgets.Layout(width="40em")
_STYLE = {"description_width": "9em"}


def profile_card(profile: Profile) -> str:
    """The saved profile as escaped HTML, or a friendly note when there is none yet."""
    if profile.is_empty:
        return (
            '<div class="iv-profile-card"><em>No profile saved yet: fill in the form above '
            "and press Save.</em></div>"
        )
    lines = "".join(f"<li>{esc(line)}</li>" for line in profile.synopsis_lines)
    return (
        '<div class="iv-profile-card" style="border-left:4px solid #2166ac;padding-left:0.8em">'
        f"<strong>{esc(profile.name)}</strong> &lt;{esc(profile.email)}&gt;<br>"
        f"Exploring: {esc(profile.field)}<br>Goal: {esc(profile.goal)}"
        f"<br>Mini-CV:<ul>{lines}</ul></div>"
    )


class ProfileForm(Panel):
    """Name, email, field, goal and the three-line mini-CV, saved to the tracker."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        saved = tracker.profile
        self.name = widgets.Text(
            value=saved.name, description="Your name", layout=_WIDE, style=_STYLE
        )
        self.email = widgets.Text(
            value=saved.email, description="Email", layout=_WIDE, style=_STYLE
        )
        self.field = widgets.Text(
            value=saved.field,
            description="Field",
            placeholder="the field you are exploring, e.g. UX research",
            layout=_WIDE,
            style=_STYLE,
        )
        self.goal = widgets.Text(
            value=saved.goal,
            description="Goal",
            placeholder="what you hope these conversations lead to",
            layout=_WIDE,
            style=_STYLE,
        )
        self.synopsis = widgets.Textarea(
            value=saved.synopsis,
            description="Mini-CV",
            placeholder="Three short lines: where you are, what you did, where you're heading",
            rows=4,
            layout=widgets.Layout(width="60em", max_width="100%", height="6.5em"),  # a line fits
            style=_STYLE,
        )
        self.line_count = LiveStatus()
        self.save = widgets.Button(description="Save profile", button_style="primary", icon="save")
        self.status = LiveStatus()
        self.card = widgets.HTML(profile_card(saved))
        self.progress = widgets.HTML(progress(tracker)._repr_html_())
        for control, css in (
            (self.name, "iv-profile-name"),
            (self.email, "iv-profile-email"),
            (self.field, "iv-profile-field"),
            (self.goal, "iv-profile-goal"),
            (self.synopsis, "iv-profile-synopsis"),
            (self.save, "iv-profile-save"),
            (self.card, "iv-profile-saved"),
        ):
            control.add_class(css)
        self.synopsis.observe(self._count_lines, names="value")
        self.save.on_click(self._save)
        self._count_lines()
        self.root = widgets.VBox(
            [
                self.name,
                self.email,
                self.field,
                self.goal,
                self.synopsis,
                self.line_count,
                self.save,
                self.status,
                widgets.HTML("<h4>Saved profile</h4>"),
                self.card,
                self.progress,
            ]
        )

    def _count_lines(self, _change: object = None) -> None:
        lines = [line for line in self.synopsis.value.splitlines() if line.strip()]
        problem = synopsis_problem(self.synopsis.value)
        if problem:
            show_status(self.line_count, "warn", problem)
        else:
            show_status(self.line_count, "info", f"{len(lines)} of 3 lines used")

    def _save(self, _button: object = None) -> None:
        try:
            saved = self.tracker.set_profile(
                name=self.name.value,
                email=self.email.value,
                field=self.field.value,
                goal=self.goal.value,
                synopsis=self.synopsis.value,
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        show_status(self.status, "ok", f"Saved to {self.tracker.path}")
        self.card.value = profile_card(saved)
        self.progress.value = progress(self.tracker)._repr_html_()


# A copy travels inside its download link; beyond this size the link would make the page
# slow, so the copy is kept in the workspace and only its place is shown.
_LARGEST_LINK_BYTES = 20 * 1024 * 1024


class KeepACopy(Panel):
    """Two buttons that make a copy of the tracker and offer it as a download.

    "Download a backup" is an exact copy (restore it with ``infoview restore``); "Download
    spreadsheets" is one CSV per table, zipped, that opens in Excel. Each is also kept in the
    workspace's ``exports/`` folder.
    """

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.backup = widgets.Button(
            description="Download a backup", icon="download", layout=widgets.Layout(width="auto")
        )
        self.spreadsheets = widgets.Button(
            description="Download spreadsheets (CSV)",
            icon="table",
            layout=widgets.Layout(width="auto"),
        )
        self.status = LiveStatus()
        self.link = widgets.HTML()
        self.backup.add_class("iv-copy-backup")
        self.spreadsheets.add_class("iv-copy-csv")
        self.link.add_class("iv-copy-download")
        self.backup.on_click(self._backup)
        self.spreadsheets.on_click(self._spreadsheets)
        self.root = widgets.VBox(
            [widgets.HBox([self.backup, self.spreadsheets]), self.status, self.link]
        )
        self.root.add_class("iv-keep-a-copy")

    def _stamp(self) -> str:
        return datetime.now().astimezone().strftime("%Y-%m-%d-%H%M%S")

    def _backup(self, _button: object = None) -> None:
        self.link.value = ""
        try:
            path = self.tracker.backup(output_path("exports", f"backup-{self._stamp()}", ".sqlite"))
            data = path.read_bytes()
        except (InfoviewError, OSError) as error:
            show_error(self.status, _as_kit_error(error))
            return
        self._offer(data, path.name, "application/vnd.sqlite3", "the backup", str(path))

    def _spreadsheets(self, _button: object = None) -> None:
        self.link.value = ""
        name = f"spreadsheets-{self._stamp()}"
        try:
            folder = output_path("exports", name, "")
            files = self.tracker.export_csv(folder)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in files:
                    archive.write(file, f"{name}/{file.name}")
        except (InfoviewError, OSError) as error:
            show_error(self.status, _as_kit_error(error))
            return
        self._offer(
            buffer.getvalue(), f"{name}.zip", "application/zip", "the spreadsheets", str(folder)
        )

    def _offer(self, data: bytes, filename: str, mime: str, what: str, kept: str) -> None:
        if len(data) > _LARGEST_LINK_BYTES:
            show_status(
                self.status, "info", f"Too large for a download link; {what} is kept at {kept}"
            )
            return
        show_status(self.status, "ok", f"Made {what}; a copy is kept at {kept}")
        self.link.value = download_html(data, filename, mime, f"Download {filename}")


def _as_kit_error(error: Exception) -> InfoviewError:
    if isinstance(error, InfoviewError):
        return error
    return InfoviewError(f"could not make the copy ({error})")
