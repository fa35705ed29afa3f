"""Copies of a tracker: an exact one (SQLite's backup API), and one CSV per table.

Part of the tracker, because it reads the file itself: a backup is safe while someone
writes, and the one taken before a format upgrade goes to ``backups/`` beside the tracker.
:mod:`infoview.safekeeping` turns either copy back into a tracker.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import DamagedError, TrackerError, storage_problem
from infoview.workspace import writable_target

if TYPE_CHECKING:
    from infoview.tracker.raw import RawRows

TABLES = ("profile", "people", "touches", "plans", "targets")


def backup_connection(con: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database to ``target`` atomically, with the SQLite backup API."""
    target = target.expanduser()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _copy_problem(target, exc) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with closing(sqlite3.connect(tmp)) as dest:
            con.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _copy_problem(target, exc) from None
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        problem = storage_problem(target, exc)
        if problem is None or isinstance(problem, DamagedError):  # the source's fault
            raise
        raise problem from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _copy_problem(target: Path, exc: OSError) -> TrackerError:
    """Why a copy could not be written, the disk's problem named."""
    return storage_problem(target, exc) or TrackerError(f"cannot write a copy to {target}")


def backup_before_migration(con: sqlite3.Connection, path: Path, version: int) -> Path:
    """The copy taken before a tracker's format is upgraded: ``backups/`` beside it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.parent / "backups" / f"{path.stem}-v{version}-{stamp}{path.suffix}"
    return backup_connection(con, target)


def export_tables(tracker: RawRows, folder: Path, *, force: bool = False) -> list[Path]:
    """One Excel-safe CSV per table in ``folder``; returns the files written.

    Every file is checked before any is written: an existing CSV is replaced only with
    ``force``, and the tracker's own files never.
    """
    from infoview.formats.csvsafe import write_csv

    folder = folder.expanduser()
    targets = [writable_target(folder / f"{table}.csv", "export", force=force) for table in TABLES]
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for table, target in zip(TABLES, targets, strict=True):
            columns, rows = tracker.table_rows(table)
            written.append(write_csv(target, columns, rows))
    except OSError as exc:
        raise TrackerError(f"cannot export to {folder}: {exc.strerror}") from None
    return written
