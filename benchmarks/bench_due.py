"""Benchmark: the due list on a tracker with 50,000 people and 200,000 touches.

Prints one line: the median of seven runs of ``tracker.due()`` on an unchanged tracker
(the target: under 50 ms), and, for context, the median of three runs just after a write,
when the tracker reads the file afresh (the people, the touch summary, the journey) before
the rules run; that second figure has no target. Exits with status 1 when the target is
missed.

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

from infoview.steps import DUE_RULES

TARGET_MS = 50.0
AFTER_WRITE_RATIO = 3.0  # the first due() after one of the kit's writes, over an unchanged one
RUNS = 7


def median_ms(
    work: Callable[[], object], runs: int = RUNS, before: Callable[[], object] = lambda: None
) -> float:
    work()
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    rules = DUE_RULES
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        tracker = build_tracker(Path(tmp))
        due_ms = median_ms(lambda: tracker.due(today=TODAY))
        someone = int(tracker.people()["id"].iloc[0])
        fresh_ms = median_ms(
            lambda: tracker.due(today=TODAY),
            runs=5,
            before=lambda: tracker.update_person(someone, notes=f"{time.time()}"),
        )
        logged_ms = median_ms(
            lambda: tracker.due(today=TODAY),
            runs=5,
            before=lambda: tracker.log(someone, "update", on=TODAY),
        )
        rows = len(tracker.due(today=TODAY))
        tracker.close()
    after_write = max(fresh_ms, logged_ms) / due_ms
    ok = due_ms < TARGET_MS and after_write <= AFTER_WRITE_RATIO
    sys.stdout.write(
        f"due-{PEOPLE}-people-{TOUCHES}-touches: median {due_ms:.1f} ms on an unchanged "
        f"tracker (target < {TARGET_MS:g} ms); just after a write {fresh_ms:.0f} ms "
        f"(a person changed), {logged_ms:.0f} ms (a touch logged): {after_write:.1f}x "
        f"(target <= {AFTER_WRITE_RATIO:g}x); {len(rules)} rules, {rows} items "
        f"{'ok' if ok else 'MISSED'}\n"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
