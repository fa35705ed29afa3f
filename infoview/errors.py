"""The kit's own error types, each with a message written for a learner.

Every error says what was wrong and, where there is a fixed set, the valid choices:

>>> raise InvalidChoiceError("tie", "frend", ["connection", "ally", "mentor"])
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: tie must be one of connection, ally, mentor (got 'frend')
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterable

_MAX_LISTED = 20


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut short so one wrong value never floods a message.

    >>> shown("x" * 100, limit=12)
    "'xxxxxxx...'"
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "..." + text[-1]


class InfoviewError(ValueError):
    """Base class: catch this to catch every problem the kit reports on purpose."""


class InvalidValueError(InfoviewError):
    """A value that cannot be used, such as a malformed email address or a naive datetime."""


class InvalidChoiceError(InvalidValueError):
    """A value outside a fixed set of choices."""

    def __init__(self, what: str, got: object, choices: Iterable[str]) -> None:
        self.what = what
        self.got = got
        self.choices = tuple(choices)
        super().__init__(f"{what} must be one of {_listed(self.choices, got)} (got {shown(got)})")


def _listed(choices: tuple[str, ...], got: object) -> str:
    """All the choices, or for a long list the closest few (a message stays readable)."""
    if len(choices) <= _MAX_LISTED:
        return ", ".join(choices)
    import difflib

    close = difflib.get_close_matches(str(got), choices, n=3, cutoff=0.4) or list(choices[:3])
    return f"{len(choices)} names, such as {', '.join(close)}"


class UnknownPersonError(InfoviewError):
    """A person id that is not in the tracker."""

    def __init__(self, person_id: object) -> None:
        self.person_id = person_id
        super().__init__(
            f"there is no person with id {shown(person_id)} in this tracker; "
            "see tracker.people() for the ids you can use"
        )


class TrackerError(InfoviewError):
    """The tracker file cannot be used: newer schema, not a tracker, or not writable."""


class StorageError(TrackerError):
    """The disk or SQLite failed on a file (full, read-only, damaged); names it and what to do."""


class DamagedError(StorageError):
    """SQLite finds the file damaged (or not a database at all)."""


_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


def storage_problem(path: object, exc: BaseException) -> StorageError | None:
    """The kit's error for an SQLite or OS failure on ``path``, or None if it is not one.

    A lock held by another program is not a storage problem (the tracker waits for it).
    """
    if isinstance(exc, OSError):
        return _os_problem(path, exc)
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _DAMAGED or "malformed" in text or "not a database" in text:
        return damaged(path, exc)
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return _disk_full(path)
    if primary == sqlite3.SQLITE_READONLY or "readonly database" in text:
        return _read_only(path)
    if primary == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
        return _cannot_open(path)
    failed = primary == sqlite3.SQLITE_IOERR or "disk i/o error" in text
    return _disk_failed(path, exc) if failed else None


def _disk_failed(path: object, exc: BaseException) -> StorageError:
    return StorageError(
        f"the disk failed while reading or writing {path} ({str(exc)[:60]}). Check the "
        "disk and free space, then try again; if it keeps failing, restore from backups/"
    )


def _os_problem(path: object, exc: OSError) -> StorageError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(path)
    if exc.errno in _READ_ONLY_ERRNOS:
        return _read_only(path)
    if exc.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        return StorageError(
            f"cannot write {path}: a file stands where a folder should be, or a folder "
            "where a file should be. Nothing was changed; choose another path"
        )
    return StorageError(f"cannot use {path}: {exc.strerror or exc}. Nothing was changed")


def _cannot_open(path: object) -> StorageError:
    folder = getattr(path, "parent", None)
    if folder is not None and folder.is_dir() and not os.access(folder, os.W_OK):
        return _read_only(path)  # SQLite cannot make its side files there
    return StorageError(
        f"cannot open {path}: its folder is missing or cannot be written (a read-only "
        "folder or mount?). Nothing was changed; make the folder writable, or use a "
        "tracker in a folder you can write (--tracker PATH)"
    )


def damaged(path: object, exc: BaseException) -> DamagedError:
    """The message for a tracker SQLite cannot read: what happened and what to do."""
    folder = getattr(path, "parent", None)
    backups = f"{folder}/backups" if folder is not None else "backups/"
    first = (str(exc).splitlines() or [type(exc).__name__])[0][:80]
    return DamagedError(
        f"{path} is damaged and cannot be read ({first}). Restore from backups/: the newest "
        f"copy in {backups}, or your own backup, with: infoview restore BACKUP --tracker NEW-FILE"
    )


def _disk_full(path: object) -> StorageError:
    return StorageError(
        f"the disk holding {path} is full. Nothing was changed; free some space and try again"
    )


def _read_only(path: object) -> StorageError:
    return StorageError(
        f"{path} cannot be changed: the file or its folder is read-only (a read-only mount?). "
        "Nothing was changed; make it writable, or copy it to a folder you can write and "
        "open that copy"
    )


class WriteRefusedError(TrackerError):
    """A file the kit will not write: the tracker, its side files, a backup, or one that exists."""


class ImportProblem(InfoviewError):  # noqa: N818 - reads as a noun for learners: "an import problem"
    """A contacts file that cannot be imported; names the file, the line and the problem."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {problem}")
