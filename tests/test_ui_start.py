"""The profile form, driven without a browser: set values, click, look at the tracker."""

from __future__ import annotations

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
