"""Benchmark: peak memory of importing a 50,000-row LinkedIn Connections.csv.

Each measurement runs in a fresh Python process and reads its peak resident size
(``resource.getrusage``). Prints one line: the import's peak against the peak of a process
that only reads the same file with ``pandas.read_csv``, measured in the same run.
Target: under 300 MB. Exits with status 1 when the target is missed.

    python benchmarks/bench_import_memory.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic_network import PEOPLE, write_connections

TARGET_MB = 300.0
ROOT = Path(__file__).resolve().parents[1]

_PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
BASELINE = "import sys, pandas as pd; pd.read_csv(sys.argv[1], skiprows=3); " + _PEAK
IMPORT = (
    "import sys; from infoview.network import import_linkedin; "
    "from infoview.tracker import open_tracker; "
    "import_linkedin(open_tracker(sys.argv[2]), sys.argv[1]); " + _PEAK
)


def peak_mb(code: str, *args: str) -> float:
    """Peak resident memory of a fresh process running ``code``, in MB."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
    )
    return int(done.stdout.split()[-1]) / 1024  # Linux reports kilobytes


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        path = write_connections(Path(tmp))
        base = peak_mb(BASELINE, str(path))
        ours = peak_mb(IMPORT, str(path), str(Path(tmp) / "new.sqlite"))
    ok = ours < TARGET_MB
    sys.stdout.write(
        f"import-{PEOPLE}-connections-peak-memory: {ours:.0f} MB vs pandas.read_csv "
        f"{base:.0f} MB, ratio {ours / base:.2f}x (target < {TARGET_MB:g} MB) "
        f"{'ok' if ok else 'MISSED'}\n"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
