"""Backups, CSV exports and restores: how a learner keeps their data safe and portable.

A backup is an exact copy made with SQLite's backup API (safe while someone writes). An
export is one CSV per table that opens in Excel. :func:`restore` turns either back into a
tracker, refusing to overwrite one that already holds data.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.errors import TrackerError
from infoview.formats.csvsafe import read_csv_rows, write_csv

if TYPE_CHECKING:
    from infoview.tracker import Tracker

TABLES = ("profile", "people", "touches", "plans", "targets")
# Columns that hold whole numbers; everything else is text (empty means NULL).
_INTEGER_COLUMNS = {"id", "person_id", "introduced_by", "motivation", "advocacy", "posting"}


def backup_connection(con: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database to ``target`` atomically, with the SQLite backup API."""
    target = target.expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with closing(sqlite3.connect(tmp)) as dest:
            con.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def backup_before_migration(con: sqlite3.Connection, path: Path, version: int) -> Path:
    """The copy taken before a tracker's format is upgraded: ``backups/`` beside it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.parent / "backups" / f"{path.stem}-v{version}-{stamp}{path.suffix}"
    return backup_connection(con, target)


def export_tables(tracker: Tracker, folder: Path) -> list[Path]:
    """One Excel-safe CSV per table in ``folder``; returns the files written."""
    folder = folder.expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        columns, rows = tracker.table_rows(table)
        written.append(write_csv(folder / f"{table}.csv", columns, rows))
    return written


def _typed(column: str, cell: str) -> Any:
    if cell == "":
        return None
    return int(cell) if column in _INTEGER_COLUMNS else cell


def restore(source: str | Path, path: str | Path | None = None) -> Tracker:
    """Make a tracker at ``path`` from a backup file or an export folder, and open it.

    ``path`` defaults to the workspace's tracker. An existing tracker that holds data is
    never overwritten: restore into a new file, or move the old one aside first.
    """
    from infoview.tracker import open_tracker
    from infoview.workspace import tracker_path

    source = Path(source).expanduser()
    target = Path(path).expanduser() if path is not None else tracker_path()
    if not source.exists():
        raise TrackerError(f"nothing to restore at {source}: no such file or folder")
    if source.resolve() == target.resolve():
        raise TrackerError("the source and the target are the same file")
    if target.exists():
        with open_tracker(target) as existing:
            if not existing.people().empty or not existing.profile.is_empty:
                raise TrackerError(
                    f"{target} already holds data; restore into a new file, or move it aside"
                )
        for leftover in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    if source.is_dir():
        rows = {}
        for table in TABLES:
            csv_path = source / f"{table}.csv"
            if csv_path.exists():
                header, cells = read_csv_rows(csv_path)
                rows[table] = (header, [tuple(map(_typed, header, r)) for r in cells])
        if "people" not in rows:
            raise TrackerError(f"{source} holds no people.csv: is it an infoview export?")
        tracker = open_tracker(target)
        tracker.load_rows(rows)
        return tracker
    try:
        with closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as original:
            backup_connection(original, target)
    except sqlite3.DatabaseError as exc:
        raise TrackerError(f"{source} is not an infoview backup ({exc})") from None
    return open_tracker(target)  # checks the copy, and upgrades it if it is older
