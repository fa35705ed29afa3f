"""Benchmark: does the live review agree with career centres? Scored on a labelled set.

The set (``tests/data/review/``) holds good first emails, first emails with exactly one
labelled defect, and thank-you emails. Prints one line per rule (how often it fails or warns
on good emails, and how often it catches its own defect), then the verdict line:

    review-quality: 97% of good emails clean (target >= 95%), ... ok

The same figures follow for the held-out file (``heldout_requests.toml``: good and bad emails
written without looking at the rules or the tuned set), printed first, indented, on a figure
line ``held-out: ...`` with the same targets; the last line is the verdict for both.

Targets: at least 95% of good emails with no failing finding, at least 95% of each kind of
defect caught by its own rule, at most 0.5 warnings per good email. Exits with status 1 when
a target is missed. ``INFOVIEW_BENCH_SCALE`` below 1 scores every n-th email only.

    python benchmarks/bench_review_quality.py
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infoview.followup import review_thanks
from infoview.outreach import Draft, review
from infoview.rules import Review, Status

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "review"
SCALE = float(os.environ.get("INFOVIEW_BENCH_SCALE", "1"))
CLEAN_TARGET = 0.95
CATCH_TARGET = 0.95
WARNINGS_TARGET = 0.5


def _read(name: str) -> list[dict[str, Any]]:
    emails: list[dict[str, Any]] = tomllib.loads((DATA / f"{name}.toml").read_text("utf-8"))[
        "email"
    ]
    return emails


def _sample(emails: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every n-th email when ``INFOVIEW_BENCH_SCALE`` is below 1 (at least one)."""
    step = max(1, round(1 / SCALE)) if SCALE < 1 else 1
    return emails[::step] if step < len(emails) else emails[:1]


def load(name: str) -> list[dict[str, Any]]:
    """The emails of one file of the set (``good_requests``, ``bad_requests``, ``thank_yous``)."""
    return _sample(_read(name))


def review_of(email: dict[str, Any]) -> Review:
    """The kit's review of one email of the set, as the composer would run it."""
    if "route" not in email:
        return review_thanks(
            Draft(subject=email["subject"], body=email["body"], kind="thank_you_email")
        )
    draft = Draft(
        to=("reader@example.org",),
        subject=email["subject"],
        body=email["body"],
        kind=email["route"],
    )
    return review(draft, route=email["route"], via=email["via"], topic=email["topic"])


def caught(email: dict[str, Any], result: Review) -> bool:
    """A first email's defect is caught when its rule fails; a thank-you's when it is flagged."""
    status = result.status_of(email["defect"])
    return status is Status.FAIL if "route" in email else status is not Status.PASS


@dataclass
class Score:
    """The figures the benchmark prints."""

    good: int = 0
    clean: int = 0
    warnings: int = 0
    false_fails: Counter[str] = field(default_factory=Counter)
    false_warns: Counter[str] = field(default_factory=Counter)
    defects: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def clean_share(self) -> float:
        return self.clean / self.good if self.good else 0.0

    @property
    def warnings_per_good(self) -> float:
        return self.warnings / self.good if self.good else 0.0

    def catch_rate(self, flaw: str) -> float:
        found = self.defects[flaw]
        return sum(found) / len(found) if found else 0.0

    @property
    def ok(self) -> bool:
        return (
            self.clean_share >= CLEAN_TARGET
            and self.warnings_per_good <= WARNINGS_TARGET
            and all(self.catch_rate(flaw) >= CATCH_TARGET for flaw in self.defects)
        )


def tuned_set() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The good and the bad emails of the set the rules were tuned on."""
    thanks = load("thank_yous")
    return (
        load("good_requests") + [e for e in thanks if "defect" not in e],
        load("bad_requests") + [e for e in thanks if "defect" in e],
    )


def heldout_set() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The good and the bad emails written apart from the rules, to check they generalise."""
    emails = _read("heldout_requests")
    good = [e for e in emails if "defect" not in e]
    return _sample(good), _sample([e for e in emails if "defect" in e])


def score(emails: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None) -> Score:
    """Review every email of a set (the tuned one by default) and count what it got right."""
    good, bad = emails if emails is not None else tuned_set()
    result = Score()
    for email in good:
        found = review_of(email)
        fails = [f.rule for f in found if f.status is Status.FAIL]
        warns = [f.rule for f in found if f.status is Status.WARN]
        result.good += 1
        result.clean += not fails
        result.warnings += len(warns)
        result.false_fails.update(fails)
        result.false_warns.update(warns)
        if fails:
            result.false_alarms.append(f"{email['id']}: {', '.join(fails)}")
    for email in bad:
        flaw = email.get("flaw", email["defect"]).split(" (")[0]
        hit = caught(email, review_of(email))
        result.defects[f"{email['defect']}: {flaw}"].append(hit)
        if not hit:
            result.missed.append(email["id"])
    return result


def report(result: Score, label: str = "review-quality") -> list[str]:
    """One line per rule and kind of defect, then the verdict line (starting with ``label``)."""
    lines = []
    rules = sorted(set(result.false_fails) | set(result.false_warns))
    lines.extend(
        f"  {rule}: fails {result.false_fails[rule]}, warns {result.false_warns[rule]} "
        f"of {result.good} good emails"
        for rule in rules
    )
    for flaw in sorted(result.defects):
        found = result.defects[flaw]
        lines.append(f"  {flaw}: caught {sum(found)}/{len(found)} ({result.catch_rate(flaw):.0%})")
    lines.extend(f"  false alarm {alarm}" for alarm in result.false_alarms)
    lines.extend(f"  missed {email_id}" for email_id in result.missed)
    lowest = min(result.defects, key=result.catch_rate)
    lines.append(
        f"{label}: {result.clean_share:.0%} of {result.good} good emails clean "
        f"(target >= {CLEAN_TARGET:.0%}), lowest catch rate {result.catch_rate(lowest):.0%} "
        f"({lowest}; target >= {CATCH_TARGET:.0%} each), "
        f"{result.warnings_per_good:.2f} warnings per good email (target <= {WARNINGS_TARGET:g}) "
        f"{'ok' if result.ok else 'MISSED'}"
    )
    return lines


def main() -> int:
    tuned, heldout = score(), score(heldout_set())
    # The held-out figures come first, indented, so the last line stays the one verdict.
    lines = ["  " + line.lstrip() for line in report(heldout, "held-out")]
    lines += report(tuned)
    if not heldout.ok:
        lines[-1] = lines[-1].removesuffix(" ok") + " MISSED (held-out)"
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if tuned.ok and heldout.ok else 1


if __name__ == "__main__":
    sys.exit(main())
