"""Progress milestones and the profile self-check read the tracker."""

from __future__ import annotations

from datetime import date

from infoview.progress import check_profile, progress
from infoview.rules import Review, Status
from infoview.tracker import Tracker


def test_progress_fills_in_as_the_learner_works(tracker: Tracker) -> None:
    """Each milestone is reached by the matching work in the tracker."""
    assert progress(tracker).done == ()
    tracker.set_profile(name="Jo", synopsis="one line")
    pid = tracker.add_person("Ana")
    tracker.log(pid, "outreach", on=date(2026, 1, 1))
    tracker.save_plan(pid, {"questions": []})
    tracker.log(pid, "scheduled", on=date(2026, 1, 5))
    assert progress(tracker).done == ("profile", "outreach", "questions", "meeting")
    tracker.log(pid, "thank_you_email", on=date(2026, 1, 9))
    done = progress(tracker)
    assert done.fraction == 1.0 and done.next_step is None
    assert 'value="100"' in done._repr_html_()


def test_check_profile_gives_friendly_feedback(tracker: Tracker) -> None:
    """An empty profile fails; a complete one with a three-line mini-CV passes."""
    assert not check_profile(tracker).ok
    tracker.set_profile(
        name="Jo", email="jo@example.org", field="Planning", goal="Learn", synopsis="a\nb"
    )
    review = check_profile(tracker)
    assert review.status_of("contact.synopsis") is Status.WARN
    tracker.set_profile(synopsis="a\nb\nc")
    assert all(f.status is Status.PASS for f in check_profile(tracker))


def test_progress_shows_every_notebook_and_the_next_one(tracker: Tracker) -> None:
    """The journey lists notebooks 00-05 in order, marks what is done and names the next one."""
    tracker.set_profile(name="Jo", synopsis="one\ntwo")
    pid = tracker.add_person("Ana")
    tracker.log(pid, "outreach", on=date(2026, 1, 1))
    shown = progress(tracker)
    page = shown._repr_html_()
    notebooks = [f"{n:02d}_" for n in range(6)]
    positions = [page.index(f'data-notebook="{prefix}') for prefix in notebooks]
    assert positions == sorted(positions)
    assert '<tr data-notebook="01_making_contact" data-milestone="outreach" data-done="true">' in (
        page
    )
    assert "(1 person contacted)" in page and "(2 lines of mini-CV)" in page
    assert "Next: open <strong>02_drafting_questions.ipynb</strong>" in page
    assert shown.next_notebook == "02_drafting_questions.ipynb"
    assert repr(shown).endswith("next: 02_drafting_questions.ipynb")


def test_a_finished_journey_points_to_the_network_notebook(tracker: Tracker) -> None:
    """With all five milestones reached, the next notebook is 05, to keep growing."""
    tracker.set_profile(name="Jo", synopsis="one")
    pid = tracker.add_person("Ana")
    for kind in ("outreach", "scheduled", "thank_you_email"):
        tracker.log(pid, kind, on=date(2026, 1, 1))
    tracker.save_plan(pid, {"questions": []})
    shown = progress(tracker)
    assert shown.evidence == (
        ("profile", 1),
        ("outreach", 1),
        ("questions", 1),
        ("meeting", 1),
        ("thanked", 1),
    )
    assert shown.next_notebook == "05_growing_your_network.ipynb"
    assert "All five milestones reached" in shown._repr_html_()


def test_the_profile_check_says_how_to_bring_back_forms_after_reopening(tracker: Tracker) -> None:
    """Empty or full, the notebook-00 self-check says to run all cells on "model not found"."""
    for review in (check_profile(tracker), _full_profile_check(tracker)):
        markup = review._repr_html_()
        assert "model not found" in markup
        assert "Run ▸ Run All Cells" in markup
        assert "Run ▸ Run All Cells" in repr(review)


def _full_profile_check(tracker: Tracker) -> Review:
    tracker.set_profile(
        name="Jo Park", email="jo@example.org", field="Planning", goal="Learn", synopsis="a\nb\nc"
    )
    return check_profile(tracker)
