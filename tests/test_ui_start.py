"""The profile form, driven without a browser: set values, click, look at the tracker."""

from __future__ import annotations

from pathlib import Path

from infoview.tracker import Tracker
from infoview.ui.start import ProfileForm
from tests.conftest import widgets_under


def test_saving_the_form_stores_the_profile(tracker: Tracker) -> None:
    """Save stores every field and shows the profile back, escaped."""
    form = ProfileForm(tracker)
    form.name.value = "Jo <script>alert(1)</script>"
    form.email.value = "jo@example.org"
    form.field.value = "Urban planning"
    form.goal.value = "Learn how planners started"
    form.synopsis.value = "one\ntwo\nthree"
    form.save.click()
    assert tracker.profile.name == "Jo <script>alert(1)</script>"
    assert "<script>" not in form.card.value and "&lt;script&gt;" in form.card.value
    assert "Saved to" in form.status.value


def test_bad_input_is_shown_and_nothing_is_saved(tracker: Tracker) -> None:
    """A bad email or a four-line mini-CV shows a problem and leaves the tracker empty."""
    form = ProfileForm(tracker)
    form.name.value = "Jo"
    form.email.value = "not-an-email"
    form.save.click()
    assert "not a valid email address" in form.status.value
    form.email.value = "jo@example.org"
    form.synopsis.value = "1\n2\n3\n4"
    assert "4 lines" in form.line_count.value
    form.save.click()
    assert "4 lines" in form.status.value
    assert tracker.profile.is_empty


def test_form_starts_from_the_saved_profile(tracker: Tracker) -> None:
    """Reopening the notebook shows what was saved before."""
    tracker.set_profile(name="Jo", synopsis="a\nb")
    form = ProfileForm(tracker)
    assert form.name.value == "Jo"
    assert "2 of 3 lines used" in form.line_count.value


def test_the_form_shows_every_control_through_its_root(tracker: Tracker) -> None:
    """Jupyter shows the root; every control, with its class for the browser, is inside it."""
    form = ProfileForm(tracker)
    bundle = form._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == form.root.model_id
    shown = widgets_under(form.root)
    for control, css in (
        (form.name, "iv-profile-name"),
        (form.email, "iv-profile-email"),
        (form.field, "iv-profile-field"),
        (form.goal, "iv-profile-goal"),
        (form.synopsis, "iv-profile-synopsis"),
        (form.save, "iv-profile-save"),
        (form.card, "iv-profile-saved"),
    ):
        assert any(widget is control for widget in shown), css
        assert css in control._dom_classes
    assert any(widget is form.status for widget in shown)
    assert any(widget is form.progress for widget in shown)


def _downloaded(link_html: str) -> tuple[str, bytes]:
    """The file name and bytes a download link carries."""
    import base64
    import re

    found = re.search(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', link_html)
    assert found, link_html
    return found.group(1), base64.b64decode(found.group(2))


def test_a_backup_is_one_click_away(tracker: Tracker, tmp_path: Path) -> None:
    """The backup link carries an exact copy of the tracker, which restores."""
    from infoview.safekeeping import restore
    from infoview.ui.start import KeepACopy

    tracker.add_person("Ana Ruiz", company="Acme")
    panel = KeepACopy(tracker)
    panel.backup.click()
    name, data = _downloaded(panel.link.value)
    assert name.startswith("backup-") and name.endswith(".sqlite")
    assert data.startswith(b"SQLite format 3\x00")
    copy = tmp_path / "downloaded.sqlite"
    copy.write_bytes(data)
    with restore(copy, tmp_path / "restored.sqlite") as restored:
        assert restored.people()["name"].tolist() == ["Ana Ruiz"]
    assert "a copy is kept at" in panel.status.value


def test_the_spreadsheets_are_one_click_away(tracker: Tracker) -> None:
    """The spreadsheet link carries a zip of one CSV per table, the person in people.csv."""
    import io
    import zipfile

    from infoview.ui.start import KeepACopy

    tracker.add_person("Ana Ruiz, Jr.", company="Acme")
    panel = KeepACopy(tracker)
    panel.spreadsheets.click()
    name, data = _downloaded(panel.link.value)
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {Path(entry).name: archive.read(entry) for entry in archive.namelist()}
    assert set(files) == {f"{t}.csv" for t in ("profile", "people", "touches", "plans", "targets")}
    assert b'"Ana Ruiz, Jr."' in files["people.csv"]
