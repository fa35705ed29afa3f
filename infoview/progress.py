"""How far the learner has come: the five milestones of the method, read from the tracker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoview.text import plural

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


# The whole course, in order; notebook 05 has no milestone of its own: it grows with you.
NOTEBOOKS = (
    ("00_start_here", "Start here"),
    ("01_making_contact", "Making contact"),
    ("02_drafting_questions", "Drafting questions"),
    ("03_picking_a_location", "Picking a location"),
    ("04_the_day_after", "The day after"),
    ("05_growing_your_network", "Growing your network"),
)
# What stands behind each milestone, singular and plural.
_EVIDENCE = {
    "profile": ("line of mini-CV", "lines of mini-CV"),
    "outreach": ("person contacted", "people contacted"),
    "questions": ("question plan saved", "question plans saved"),
    "meeting": ("meeting set", "meetings set"),
    "thanked": ("person thanked", "people thanked"),
}


def _evidence(key: str, count: int) -> str:
    one, many = _EVIDENCE[key]
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class Progress:
    """Which milestones are done; shows itself as a progress bar over the six notebooks.

    >>> p = Progress(("profile",), evidence=(("profile", 3),))
    >>> p.next_step
    ('outreach', 'First email sent', '01_making_contact')
    >>> p
    Progress 1/5: [x] Profile and mini-CV written [ ] First email sent [ ] Questions ready \
[ ] Meeting set [ ] Thank-you sent; next: 01_making_contact.ipynb
    """

    done: tuple[str, ...]
    evidence: tuple[tuple[str, int], ...] = ()

    @property
    def fraction(self) -> float:
        return len(self.done) / len(MILESTONES)

    @property
    def next_step(self) -> tuple[str, str, str] | None:
        return next((m for m in MILESTONES if m[0] not in self.done), None)

    @property
    def next_notebook(self) -> str:
        """The notebook to open next (05 once every milestone is reached)."""
        step = self.next_step
        return f"{step[2] if step else NOTEBOOKS[-1][0]}.ipynb"

    def __repr__(self) -> str:
        marks = " ".join(
            ("[x] " if key in self.done else "[ ] ") + label for key, label, _ in MILESTONES
        )
        return f"Progress {len(self.done)}/{len(MILESTONES)}: {marks}; next: {self.next_notebook}"

    def _repr_html_(self) -> str:
        import html

        evidence = dict(self.evidence)
        by_notebook = {nb: (key, label) for key, label, nb in MILESTONES}
        upcoming = self.next_notebook.removesuffix(".ipynb")
        rows = []
        for notebook, title in NOTEBOOKS:
            key, label = by_notebook.get(notebook, ("", "Charts of your network, any time"))
            done = key in self.done
            mark = "✔ Done" if done else ("➜ Next" if notebook == upcoming else "○ To do")
            if not key:
                mark = "➜ Next" if notebook == upcoming else "◌ Any time"
            detail = ""
            if done and key in evidence:
                detail = f" <small>({html.escape(_evidence(key, evidence[key]))})</small>"
            rows.append(
                f'<tr data-notebook="{notebook}" data-milestone="{key}"'
                f' data-done="{str(done).lower()}"><td>{html.escape(mark)}</td>'
                f"<td><code>{notebook}.ipynb</code> {html.escape(title)}</td>"
                f"<td>{html.escape(label)}{detail}</td></tr>"
            )
        percent = round(self.fraction * 100)
        step = self.next_step
        advice = (
            f"Next: open <strong>{html.escape(self.next_notebook)}</strong> for "
            f"“{html.escape(step[1])}”."
            if step
            else "All five milestones reached. Keep growing your network in "
            f"<strong>{html.escape(self.next_notebook)}</strong>."
        )
        return (
            f'<div class="iv-progress"><label>Your journey: {len(self.done)} of {len(MILESTONES)}'
            f' milestones</label><br><progress max="100" value="{percent}"'
            f' aria-label="journey progress">{percent}%</progress>'
            f'<table class="iv-table iv-journey-steps"><thead><tr><th>Status</th>'
            f"<th>Notebook</th><th>Milestone</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f'</table><p class="iv-next">{advice}</p></div>'
        )


def progress(tracker: Tracker) -> Progress:
    """The learner's milestones so far, with how much work stands behind each."""
    summary = tracker.touch_summary()

    def people_with(*kinds: str) -> int:
        return int(summary.loc[summary["kind"].isin(kinds), "person_id"].nunique())

    profile = tracker.profile
    counts = {
        "profile": len(profile.synopsis_lines),
        "outreach": people_with("outreach", "intro_requested", "introduced"),
        "questions": len(tracker.plans()),
        "meeting": people_with("scheduled", "confirmed", "interview"),
        "thanked": people_with("thank_you_email", "thank_you_card"),
    }
    reached = {key: count > 0 for key, count in counts.items()}
    reached["profile"] = not profile.is_empty and bool(profile.synopsis)
    done = tuple(key for key, _, _ in MILESTONES if reached[key])
    return Progress(done, evidence=tuple((key, counts[key]) for key in done))


# What a re-opened notebook needs: its forms come back only when its cells run again.
MODEL_NOT_FOUND_HELP = (
    "Opened this notebook again and a form only says “model not found”? Nothing is "
    "lost: choose Run ▸ Run All Cells and the forms come back."
)


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
        return Review(tuple(found), title="Your profile", note=MODEL_NOT_FOUND_HELP)
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
        lines_text = plural(len(lines), "line")
        status, text = Status.WARN, f"Your mini-CV has {lines_text}; up to {max_lines} fit."
    else:
        status, text = Status.PASS, f"Your mini-CV fits in {max_lines} lines."
    found.append(finding(rules, "contact.synopsis", status, text))
    return Review(tuple(found), title="Your profile", note=MODEL_NOT_FOUND_HELP)
