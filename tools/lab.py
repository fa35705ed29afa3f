"""Open JupyterLab on notebook 00, for ``make lab [PORT=8888] [TOKEN=...] [IP=127.0.0.1]``.

The link printed first opens notebook 00 itself (not the launcher) with its token, so it
works as it is from a remote machine's terminal too. Other arguments go to ``jupyter lab``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys

NOTEBOOK_00 = "notebooks/00_start_here.ipynb"
WILDCARD_IPS = {"", "0.0.0.0", "::"}  # noqa: S104 - names the wildcard, binds nothing


def notebook_url(ip: str, port: int, token: str) -> str:
    """The address that opens notebook 00.

    >>> notebook_url("127.0.0.1", 8899, "x")
    'http://127.0.0.1:8899/lab/tree/notebooks/00_start_here.ipynb?token=x'
    """
    host = socket.gethostname() if ip in WILDCARD_IPS else ip
    return f"http://{host}:{port}/lab/tree/{NOTEBOOK_00}?token={token}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--token", default="", help="empty: a new random one")
    parser.add_argument("--ip", default="127.0.0.1")
    args, to_jupyter = parser.parse_known_args(argv)
    token = args.token or secrets.token_urlsafe(24)
    print(f"\n    Open notebook 00: {notebook_url(args.ip, args.port, token)}\n", flush=True)  # noqa: T201
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--port={args.port}",
        "--port-retries=0",  # another port would make the link above wrong
        f"--ServerApp.ip={args.ip}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.default_url=/lab/tree/{NOTEBOOK_00}",
        "--ServerApp.root_dir=.",
        *to_jupyter,
    ]
    os.execv(sys.executable, command)  # noqa: S606 - our own interpreter, fixed arguments


if __name__ == "__main__":
    main()
