"""Benchmark: ``import infoview`` against ``import pandas``, each in a fresh process.

The kit must stay quick to start, so matplotlib, ipywidgets, icalendar and vobject load
only when a chart, a widget or a file needs them. Prints one line: the median of eleven
fresh-process runs of each, interleaved, measured in the same run, and whether any of the
heavy libraries was loaded. Target: at most 1.15x, and none of them loaded. Exits with
status 1 when a target is missed.

    python benchmarks/bench_import_time.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_RATIO = 1.15
RUNS = 11
HEAVY = ("matplotlib", "ipywidgets", "icalendar", "vobject", "networkx")
ROOT = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}


def seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return time.perf_counter() - start


def heavy_loaded() -> list[str]:
    """Which heavy libraries ``import infoview`` pulls in (none, we hope)."""
    probe = f"import sys, infoview; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, env=ENV, capture_output=True, text=True
    )
    return done.stdout.split()


def main() -> int:
    seconds("import infoview")  # warm the file cache for both
    pandas_times, infoview_times = [], []
    for _ in range(RUNS):
        pandas_times.append(seconds("import pandas"))
        infoview_times.append(seconds("import infoview"))
    base, ours = statistics.median(pandas_times), statistics.median(infoview_times)
    ratio = ours / base
    loaded = heavy_loaded()
    ok = ratio <= TARGET_RATIO and not loaded
    sys.stdout.write(
        f"import-infoview: median {ours * 1000:.0f} ms vs import pandas {base * 1000:.0f} ms, "
        f"ratio {ratio:.2f}x (target <= {TARGET_RATIO:g}x), heavy libraries loaded: "
        f"{', '.join(loaded) or 'none'} {'ok' if ok else 'MISSED'}\n"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
