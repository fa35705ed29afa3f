"""Nothing leaves the learner's machine: no network client in the kit, no network at run time.

The notebooks themselves run with the network blocked in ``tests/notebooks/test_no_network.py``;
that the notebooks in git carry no outputs is checked in ``tests/notebooks/test_notebooks.py``,
and that the workspace is outside the checkout in ``tests/test_workspace.py``.
"""

from __future__ import annotations

import ast
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests import netguard
from tests.conftest import figure

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "infoview"
# Modules that talk to other machines. The kit writes drafts for the learner's own mail app;
# it never sends anything itself.
NETWORK_MODULES = {
    "smtplib",
    "smtpd",
    "poplib",
    "imaplib",
    "ftplib",
    "telnetlib",
    "socket",
    "socketserver",
    "ssl",
    "http.client",
    "http.server",
    "urllib.request",
    "xmlrpc.client",
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "websocket",
    "websockets",
}


def _imported_modules(source: str) -> set[str]:
    """Every module a source file imports, statically or by name (``importlib``/``__import__``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0]
            if name in {"import_module", "__import__"} and isinstance(first, ast.Constant):
                found.add(str(first.value))
    return found


def _banned(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == b or m.startswith(b + ".") for b in NETWORK_MODULES)}


def test_the_kit_never_imports_a_mail_or_network_client() -> None:
    """No module in infoview/ imports smtplib (or any other network client)."""
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) >= 10  # the scan really covers the package
    offenders = {
        str(path.relative_to(ROOT)): sorted(_banned(_imported_modules(path.read_text("utf-8"))))
        for path in sources
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}
    figure(f"privacy: {len(sources)} modules scanned, none imports smtplib or a network client")


def test_the_scan_finds_hidden_imports() -> None:
    """The scanner catches plain, from-, dotted and by-name imports."""
    source = (
        "import smtplib\nfrom urllib.request import urlopen\nimport http.client as h\n"
        "import importlib\nimportlib.import_module('ssl')\n__import__('requests')\n"
        "from urllib.parse import quote\n"
    )
    assert _banned(_imported_modules(source)) == {
        "smtplib",
        "urllib.request",
        "urllib.request.urlopen",
        "http.client",
        "ssl",
        "requests",
    }


def test_the_guard_blocks_and_records_but_lets_loopback_through(tmp_path: Path) -> None:
    """The socket guard refuses a remote address and a DNS lookup, logs them, allows loopback."""
    log = tmp_path / "network.log"
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def accept_once() -> None:
        server.accept()[0].close()

    accepter = threading.Thread(target=accept_once)
    accepter.start()
    netguard.install(str(log))
    try:
        with pytest.raises(OSError, match="blocked"):
            socket.create_connection(("192.0.2.1", 25), timeout=1)  # TEST-NET-1, never routed
        with pytest.raises(OSError, match="blocked"):
            socket.getaddrinfo("example.org", 443)
        with socket.socket(socket.AF_INET) as remote, pytest.raises(OSError, match="blocked"):
            remote.connect(("198.51.100.7", 80))
        with socket.create_connection(server.getsockname(), timeout=5):
            pass  # loopback stays open: kernels talk to their clients this way
    finally:
        netguard.uninstall()
        accepter.join(timeout=5)
        server.close()
    lines = log.read_text().splitlines()
    assert [line.split()[1] for line in lines] == ["create_connection", "getaddrinfo", "connect"]


_EXERCISE = """
import matplotlib
matplotlib.use("agg")
from datetime import date
from pathlib import Path
import sys
import infoview as iv
from infoview.cli import main
from infoview.ui.start import ProfileForm

folder = Path(sys.argv[1])
tracker = iv.open_tracker(folder / "t.sqlite")
tracker.set_profile(name="Jo", email="jo@example.org", synopsis="one\\ntwo")
ana = tracker.add_person("Ana", email="ana@example.org", url="https://example.org/in/ana")
tracker.log(ana, "outreach", on=date(2026, 11, 2), subject="Hello")
tracker.journey(today=date(2026, 11, 26)); tracker.due(today=date(2026, 11, 26))
tracker.export_csv(folder / "export"); tracker.backup(folder / "backup.sqlite")
iv.restore(folder / "export", folder / "restored.sqlite").close()
iv.progress(tracker)._repr_html_(); iv.check_profile(tracker)._repr_html_()
ProfileForm(tracker)
demo = iv.open_demo(today=date(2026, 11, 26), folder=folder / "demo")
demo.due(today=date(2026, 11, 26))
import matplotlib.pyplot as plt
figure, axes = plt.subplots()
axes.bar(["a", "b"], [1, 2])
figure.savefig(folder / "chart.png")
assert main(["due", "--tracker", str(demo.path), "--format", "json"]) == 0
print("exercised")
"""


def guard_folder(tmp_path: Path) -> Path:
    """A folder holding the guard as ``sitecustomize.py``, to put first on PYTHONPATH."""
    folder = tmp_path / "netguard"
    folder.mkdir()
    shutil.copyfile(Path(netguard.__file__), folder / "sitecustomize.py")
    return folder


def test_the_library_works_with_the_network_blocked(tmp_path: Path) -> None:
    """Importing and using the kit (tracker, demo, widgets, charts, CLI) needs no network."""
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard_folder(tmp_path)), str(ROOT)]),
        netguard.LOG_VARIABLE: str(log),
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _EXERCISE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "exercised" in result.stdout
    lines = log.read_text().splitlines()
    assert [line for line in lines if line.startswith("blocked")] == []
    assert any(line.startswith("loaded") for line in lines)  # the guard really ran
