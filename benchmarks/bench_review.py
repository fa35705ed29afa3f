"""Benchmark: the live review of a 300-word first email must not lag typing.

Prints one line, ``review-300-words: median X ms (target < 5 ms), ratio Y x baseline``,
where the baseline is a bare regular-expression word count over the same text, measured in
the same run. Exits with status 1 when the median misses the target.

    python benchmarks/bench_review.py
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable

from infoview.outreach import Draft, review

TARGET_MS = 5.0
WORDS = 300
RUNS = 200

_PARAGRAPH = (
    "I came across your talk on research operations at UX Leeds, and your view of the field "
    "stayed with me. Eight years teaching secondary-school science in Leeds. Ran classroom "
    "studies on how students learn from feedback. Now finishing a certificate in "
    "human-computer interaction. That path is what draws me to UX research, and I would love "
    "to hear how it looks from where you sit. Would you be open to a 20-minute call in the "
    "coming weeks, whenever suits you? I am hoping for your advice, not a job."
)


def draft_of(words: int) -> Draft:
    """A realistic email padded to exactly ``words`` words."""
    pool = _PARAGRAPH.split()
    body_words = [pool[i % len(pool)] for i in range(words - 8)]  # 8 in greeting and close
    text = " ".join(body_words)
    body = f"Dear Ana,\n\n{text}\n\nThank you.\n\nBest wishes,\nMaya Okafor\n"
    return Draft(to=("ana@example.org",), subject="Learning about UX research", body=body)


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``work`` in milliseconds, after a warm-up."""
    for _ in range(10):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    draft = draft_of(WORDS)
    review_ms = median_ms(lambda: review(draft, topic="UX research"))
    baseline_ms = median_ms(lambda: len(re.findall(r"\w+", draft.body)))
    ratio = review_ms / baseline_ms if baseline_ms else float("inf")
    ok = review_ms < TARGET_MS
    sys.stdout.write(
        f"review-{WORDS}-words: median {review_ms:.2f} ms (target < {TARGET_MS:g} ms), "
        f"ratio {ratio:.0f}x a word count {'ok' if ok else 'MISSED'}\n"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
