"""Benchmark: the network-growth chart for 50,000 people and 200,000 touches, saved to PNG.

Prints one line: the best of seven runs of ``charts.growth_chart(people, summary)`` (which
computes the growth series from the tracker's frames, then titles, labels and describes
the chart) saved to PNG, against the best of seven runs that plot the already computed
series with bare matplotlib (the same stacked steps, no labels) and save it, measured in
the same run. Reading the frames from the tracker is left out of both. Target: at most
1.5x. Exits with status 1 when the target is missed.

    python benchmarks/bench_growth_chart.py
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic_network import PEOPLE, TOUCHES, build_tracker

from infoview import network
from infoview.network import charts

TARGET_RATIO = 1.5
REPEATS = 7


def best_seconds(work: Callable[[], object], repeats: int = REPEATS) -> float:
    work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    from matplotlib.figure import Figure

    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        tracker = build_tracker(Path(tmp))
        people, summary = tracker.people(), tracker.touch_summary()
        tracker.close()
    series = network.growth(people, summary)

    def bare() -> bytes:
        figure = Figure(figsize=charts.SIZE)  # the same canvas as the chart
        figure.add_subplot().stackplot(
            series.index.to_numpy(), *[series[c].to_numpy() for c in series], step="post"
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()

    def ours() -> bytes:
        return charts.growth_chart(people, summary).png()

    base = best_seconds(bare)
    chart = best_seconds(ours)
    ratio = chart / base
    sys.stdout.write(
        f"growth-chart-{PEOPLE}-people-{TOUCHES}-touches: {chart * 1000:.0f} ms vs bare "
        f"matplotlib {base * 1000:.0f} ms, ratio {ratio:.2f}x (target <= {TARGET_RATIO:g}x) "
        f"{'ok' if ratio <= TARGET_RATIO else 'MISSED'}\n"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
