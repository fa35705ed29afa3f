"""Measure what one workshop participant costs in memory, for sizing a JupyterHub.

Runs notebooks in a real Jupyter kernel on the demo persona (the busiest case a participant
reaches in a workshop), then reads the kernel's resident memory from /proc/<pid>/status
(VmRSS now, VmHWM at its peak). It also starts an idle JupyterLab server, as each hub user
gets one, and reads its memory the same way. Linux only.

    python tools/measure_memory.py                      # notebook 00
    python tools/measure_memory.py 00_start_here advisor_demo
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def _status_mib(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            fields[key] = int(value.split()[0]) / 1024  # kB -> MiB
    return fields


def kernel_memory(notebooks: list[str], workspace: Path) -> dict[str, float]:
    """Run the notebooks one after another in one kernel; its memory afterwards."""
    os.environ.update(
        INFOVIEW_DEMO="1", INFOVIEW_DATA_DIR=str(workspace), INFOVIEW_TODAY="2026-11-26"
    )
    cells = []
    for name in notebooks:
        cells += nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells
    combined = nbformat.v4.new_notebook(cells=cells)
    client = NotebookClient(
        combined, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(combined.cells):
            client.execute_cell(cell, index)
        time.sleep(1)
        pid = client.km.provisioner.pid
        return _status_mib(pid)


def server_memory(workspace: Path) -> dict[str, float]:
    """An idle JupyterLab server's memory, a few seconds after it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = "measure"  # noqa: S105 - a throwaway token for a local server
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}"),
            *("--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"),
            *(f"--ServerApp.root_dir={ROOT}", "--ServerApp.allow_root=True"),
        ],
        env={**os.environ, "INFOVIEW_DATA_DIR": str(workspace)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                url = f"http://127.0.0.1:{port}/api/status?token={token}"
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        time.sleep(3)
        return _status_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    notebooks = sys.argv[1:] or ["00_start_here"]
    with tempfile.TemporaryDirectory() as tmp:
        result = {
            "notebooks": notebooks,
            "kernel_mib": kernel_memory(notebooks, Path(tmp) / "workspace"),
            "lab_server_mib": server_memory(Path(tmp) / "workspace"),
        }
    print(json.dumps(result, indent=1))  # noqa: T201


if __name__ == "__main__":
    main()
