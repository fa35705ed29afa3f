"""Block the network in a whole process and record every attempt (for the privacy checks).

Copied as ``sitecustomize.py`` into a folder put on ``PYTHONPATH``, this module is imported by
every Python process started with that path (pytest, nbval's kernels, the CLI), and then blocks
the network there, but only when ``INFOVIEW_NETGUARD_LOG`` names a log file: imported any other
way it changes nothing. Loopback and Unix-domain sockets stay allowed, because a Jupyter kernel
talks to its client over loopback ZeroMQ; every other connect, send or name lookup raises
``OSError`` and is written to the log as a ``blocked`` line. Each guarded process also writes
one ``loaded`` line, so a test can prove the guard really ran inside the kernel.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Callable
from typing import Any

LOG_VARIABLE = "INFOVIEW_NETGUARD_LOG"
_ORIGINAL: dict[str, Any] = {}
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_local(host: object) -> bool:
    """True for loopback addresses and names (and None, as used for a local bind)."""
    if host is None:
        return True
    text = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
    text = text.strip("[]").split("%")[0].lower()
    if text in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def _allowed(family: int, address: object) -> bool:
    if family == getattr(socket, "AF_UNIX", object()) or isinstance(address, str | bytes):
        return True  # a Unix-domain socket path
    return isinstance(address, tuple) and bool(address) and is_local(address[0])


def _log(line: str) -> None:
    path = os.environ.get(LOG_VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as log:  # noqa: PTH123 - runs at interpreter start
            command = getattr(sys, "orig_argv", sys.argv)[:4]  # the full command line
            log.write(f"{line} pid={os.getpid()} command={command!r}\n")


def _refuse(what: str, target: object) -> OSError:
    _log(f"blocked {what} {target!r}")
    return OSError(f"network access blocked by the privacy test: {what} {target!r}")


def install(log_path: str) -> None:
    """Block non-local networking in this process, logging attempts to ``log_path``."""
    os.environ[LOG_VARIABLE] = log_path
    if _ORIGINAL:
        return
    _ORIGINAL.update(
        connect=socket.socket.connect,
        connect_ex=socket.socket.connect_ex,
        sendto=socket.socket.sendto,
        getaddrinfo=socket.getaddrinfo,
        create_connection=socket.create_connection,
    )

    def guarded(name: str) -> Callable[..., Any]:
        original = _ORIGINAL[name]

        def method(self: socket.socket, *args: Any) -> Any:
            address = args[-1]
            if not _allowed(self.family, address):
                raise _refuse(name, address)
            return original(self, *args)

        return method

    def getaddrinfo(host: object, *args: Any, **kwargs: Any) -> Any:
        if not is_local(host):
            raise _refuse("getaddrinfo", host)
        return _ORIGINAL["getaddrinfo"](host, *args, **kwargs)

    def create_connection(address: tuple[Any, ...], *args: Any, **kwargs: Any) -> Any:
        if not is_local(address[0]):
            raise _refuse("create_connection", address)
        return _ORIGINAL["create_connection"](address, *args, **kwargs)

    socket.socket.connect = guarded("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded("connect_ex")  # type: ignore[method-assign]
    socket.socket.sendto = guarded("sendto")  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    socket.create_connection = create_connection


def uninstall() -> None:
    """Give the process its network back (in-process tests)."""
    if not _ORIGINAL:
        return
    socket.socket.connect = _ORIGINAL["connect"]  # type: ignore[method-assign]
    socket.socket.connect_ex = _ORIGINAL["connect_ex"]  # type: ignore[method-assign]
    socket.socket.sendto = _ORIGINAL["sendto"]  # type: ignore[method-assign]
    socket.getaddrinfo = _ORIGINAL["getaddrinfo"]
    socket.create_connection = _ORIGINAL["create_connection"]
    _ORIGINAL.clear()
    os.environ.pop(LOG_VARIABLE, None)


if __name__ == "sitecustomize" and os.environ.get(LOG_VARIABLE):
    install(os.environ[LOG_VARIABLE])
    _log("loaded")
