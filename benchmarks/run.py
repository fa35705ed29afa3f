"""Run every benchmark (``benchmarks/bench_*.py``), each in its own process.

Each prints its own line (a ratio against a baseline measured in the same run). Exits with
status 1 if any benchmark misses its target, after running them all.

    python benchmarks/run.py            # what `make bench` runs
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> int:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    missed = []
    for script in sorted(HERE.glob("bench_*.py")):
        sys.stdout.flush()
        done = subprocess.run([sys.executable, str(script)], env=env, check=False)
        if done.returncode != 0:
            missed.append(script.stem)
    sys.stdout.write(
        f"{'all benchmarks met their targets' if not missed else 'missed: ' + ', '.join(missed)}\n"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
