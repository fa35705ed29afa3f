"""Benchmark: importing a 50,000-row LinkedIn Connections.csv into a new tracker.

Prints one line: the best of five imports (read, preview with duplicate checks, one
transaction) against the best of five plain ``pandas.read_csv`` of the same file, measured
in the same run. Target: at most 3x. Exits with status 1 when the target is missed.

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from synthetic_network import PEOPLE, write_connections

from infoview.imports import import_linkedin
from infoview.tracker import open_tracker

TARGET_RATIO = 3.0
REPEATS = 5


def best_seconds(work: Callable[[int], object], repeats: int = REPEATS) -> float:
    """The fastest of ``repeats`` runs (each given its run number), after one warm-up."""
    work(-1)
    times = []
    for run in range(repeats):
        start = time.perf_counter()
        work(run)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        folder = Path(tmp)
        path = write_connections(folder)

        def baseline(_: int) -> object:
            return pd.read_csv(path, skiprows=3)  # told where the header is; no checks

        def imported(run: int) -> object:
            with open_tracker(folder / f"new-{run + 1}.sqlite") as tracker:
                result = import_linkedin(tracker, path)
            assert result.added == PEOPLE, result
            return result

        base = best_seconds(baseline)
        ours = best_seconds(imported)
    ratio = ours / base
    sys.stdout.write(
        f"import-{PEOPLE}-connections: {ours * 1000:.0f} ms vs pandas.read_csv "
        f"{base * 1000:.0f} ms, ratio {ratio:.2f}x (target <= {TARGET_RATIO:g}x) "
        f"{'ok' if ratio <= TARGET_RATIO else 'MISSED'}\n"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
