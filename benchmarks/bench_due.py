"""Benchmark: the due list on a tracker with 50,000 people and 200,000 touches.

Every step adds due rules (reminders, confirmations, thanks, keeping in touch); this
measures whichever exist. Prints one line: the median of seven runs of ``tracker.due()``,
against the median of seven runs of ``tracker.touch_summary()`` (the SQL aggregate the
rules build on), measured in the same run. Target: under 50 ms. Exits with status 1 when
the target is missed.

    python benchmarks/bench_due.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic_network import PEOPLE, TODAY, TOUCHES, build_tracker

from infoview.due import DUE_RULES, _load

TARGET_MS = 50.0
RUNS = 7


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    rules = [entry for entry in DUE_RULES if _load(entry) is not None]
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        tracker = build_tracker(Path(tmp))
        due_ms = median_ms(lambda: tracker.due(today=TODAY))
        base_ms = median_ms(tracker.touch_summary)
        rows = len(tracker.due(today=TODAY))
        tracker.close()
    ok = due_ms < TARGET_MS
    sys.stdout.write(
        f"due-{PEOPLE}-people-{TOUCHES}-touches: median {due_ms:.1f} ms "
        f"(target < {TARGET_MS:g} ms) vs touch_summary {base_ms:.1f} ms, ratio "
        f"{due_ms / base_ms:.2f}x; {len(rules)} of {len(DUE_RULES)} due rules present, "
        f"{rows} items {'ok' if ok else 'MISSED'}\n"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
