"""Benchmark: importing a 50,000-row LinkedIn Connections.csv into a new tracker.

Prints one line: the best of five imports (read, preview with duplicate checks, one
transaction) against the best of five plain ``pandas.read_csv`` of the same file, measured
in the same run. Target: at most 3x. Exits with status 1 when the target is missed.

For context the line also gives the floor any import into the tracker pays: the same
50,000 rows, already prepared, written straight into a new tracker's people table with
plain sqlite3 (500 rows a statement, one transaction, the tracker's own pragmas).

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from synthetic_network import PEOPLE, write_connections

from infoview.network import import_linkedin
from infoview.tracker import open_tracker

TARGET_RATIO = 3.0
REPEATS = 5
RAW_COLUMNS = [
    "name",
    "email",
    "company",
    "role",
    "url",
    "source",
    "tie",
    "connected_on",
    "created_at",
]


def insert_raw(path: Path, rows: list[tuple[object, ...]]) -> int:
    """Write prepared rows into the people table with bare sqlite3, as fast as it goes."""
    marks = "(" + ", ".join("?" for _ in RAW_COLUMNS) + ")"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as con:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        con.execute("BEGIN IMMEDIATE")
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            con.execute(
                f"INSERT INTO people ({', '.join(RAW_COLUMNS)}) VALUES "
                + ", ".join([marks] * len(chunk)),
                list(itertools.chain.from_iterable(chunk)),
            )
        con.execute("COMMIT")
    return len(rows)


def raw_rows(path: Path) -> list[tuple[object, ...]]:
    """The file's rows as the people table stores them (for the floor measurement)."""
    frame = pd.read_csv(path, skiprows=3, dtype=str, keep_default_na=False)
    return [
        (
            f"{first} {last}",
            email or None,
            company,
            role,
            url,
            "linkedin",
            "connection",
            "2026-01-01",
            "2026-11-26T00:00:00+00:00",
        )
        for first, last, url, email, company, role, _ in frame.itertuples(index=False)
    ]


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

        rows = raw_rows(path)

        def floor(run: int) -> object:
            target = folder / f"raw-{run + 1}.sqlite"
            open_tracker(target).close()  # the real schema: checks and indexes
            return insert_raw(target, rows)

        base = best_seconds(baseline)
        ours = best_seconds(imported)
        raw = best_seconds(floor)
    ratio = ours / base
    sys.stdout.write(
        f"import-{PEOPLE}-connections: {ours * 1000:.0f} ms vs pandas.read_csv "
        f"{base * 1000:.0f} ms, ratio {ratio:.2f}x (target <= {TARGET_RATIO:g}x) "
        f"{'ok' if ratio <= TARGET_RATIO else 'MISSED'}; "
        f"raw insert alone {raw * 1000:.0f} ms ({raw / base:.1f}x)\n"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
