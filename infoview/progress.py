"""How far the learner has come: the five milestones of the method, read from the tracker."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoview.rules import Review
    from infoview.tracker import Tracker

MILESTONES = (
    ("profile", "Profile and mini-CV written", "00_start_here"),
    ("outreach", "First email sent", "01_making_contact"),
    ("questions", "Questions ready", "02_drafting_questions"),
    ("meeting", "Meeting set", "03_picking_a_location"),
    ("thanked", "Thank-you sent", "04_the_day_after"),
)


@dataclass(frozen=True)
class Progress:
    """Which milestones are done; shows itself as a labelled progress bar."""

    done: tuple[str, ...]

    @property
    def fraction(self) -> float:
        return len(self.done) / len(MILESTONES)

    @property
    def next_step(self) -> tuple[str, str, str] | None:
        return next((m for m in MILESTONES if m[0] not in self.done), None)

    def __repr__(self) -> str:
        marks = " ".join(
            ("[x] " if key in self.done else "[ ] ") + label for key, label, _ in MILESTONES
        )
        return f"Progress {len(self.done)}/{len(MILESTONES)}: {marks}"

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li data-milestone="{key}" data-done="{str(key in self.done).lower()}">'
            f"{'✔' if key in self.done else '○'} {html.escape(label)}"
            f"{'' if key in self.done else ' <small>(' + html.escape(nb) + ')</small>'}</li>"
            for key, label, nb in MILESTONES
        )
        percent = round(self.fraction * 100)
        return (
            f'<div class="iv-progress"><label>Your journey: {len(self.done)} of {len(MILESTONES)}'
            f' milestones</label><br><progress max="100" value="{percent}"'
            f' aria-label="journey progress">{percent}%</progress>'
            f'<ul style="list-style:none;padding-left:0">{items}</ul></div>'
        )


def progress(tracker: Tracker) -> Progress:
    """The learner's milestones so far."""
    kinds = set(tracker.touch_summary()["kind"])
    reached = {
        "profile": not tracker.profile.is_empty and bool(tracker.profile.synopsis),
        "outreach": bool(kinds & {"outreach", "intro_requested", "introduced"}),
        "questions": not tracker.plans().empty,
        "meeting": bool(kinds & {"scheduled", "confirmed", "interview"}),
        "thanked": bool(kinds & {"thank_you_email", "thank_you_card"}),
    }
    return Progress(tuple(key for key, _, _ in MILESTONES if reached[key]))


def check_profile(tracker: Tracker) -> Review:
    """Friendly feedback on the learner's profile: is everything the first email needs there?"""
    from infoview.rules import Review, Status, finding, policy
    from infoview.validation import synopsis_problem

    rules = policy()
    profile = tracker.profile
    lines = profile.synopsis_lines
    max_lines = int(rules["contact.synopsis"].number("max_lines"))
    found = []
    if profile.is_empty:
        found.append(
            finding(
                rules, "contact.synopsis", Status.FAIL, "No profile yet: fill in the form above."
            )
        )
        return Review(tuple(found), title="Your profile")
    missing = [name for name in ("name", "email", "field", "goal") if not getattr(profile, name)]
    found.append(
        finding(
            rules,
            "contact.ask",
            Status.WARN if missing else Status.PASS,
            f"Still to fill in: {', '.join(missing)}."
            if missing
            else "Name, email, field and goal are all there for your first email.",
        )
    )
    problem = synopsis_problem(profile.synopsis, max_lines)
    if problem or not lines:
        status, text = Status.FAIL, problem or "Write your mini-CV: up to three short lines."
    elif len(lines) < max_lines:
        status, text = Status.WARN, f"Your mini-CV has {len(lines)} line(s); up to {max_lines} fit."
    else:
        status, text = Status.PASS, f"Your mini-CV fits in {max_lines} lines."
    found.append(finding(rules, "contact.synopsis", status, text))
    return Review(tuple(found), title="Your profile")
