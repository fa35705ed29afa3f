"""Progress milestones and the profile self-check read the tracker."""

from __future__ import annotations

from datetime import date

from infoview.progress import check_profile, progress
from infoview.rules import Status
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
