"""The benchmarks still run: each one, at a hundredth of its size, prints its verdict line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = sorted((ROOT / "benchmarks").glob("bench_*.py"))
LINE = re.compile(r"^[a-z0-9-]+: .*\b(?P<verdict>ok|MISSED)\b")


def test_every_benchmark_runs_and_prints_its_line() -> None:
    """`make bench` never finds a broken benchmark: none crashes, each prints one verdict."""
    assert len(BENCHMARKS) >= 6
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INFOVIEW_BENCH_SCALE": "0.01"}
    for script in BENCHMARKS:
        done = subprocess.run(
            [sys.executable, str(script)], env=env, capture_output=True, text=True, check=False
        )
        assert "Traceback" not in done.stderr, (script.name, done.stderr)
        lines = done.stdout.rstrip().splitlines()
        # The verdict is the last line; detail lines above it are indented.
        detail_indented = all(line.startswith("  ") for line in lines[:-1])
        found = LINE.match(lines[-1]) if lines and detail_indented else None
        assert found, (script.name, done.stdout)
        assert done.returncode == (0 if found["verdict"] == "ok" else 1), script.name
