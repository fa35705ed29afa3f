"""Backups, CSV exports and restores: how a learner keeps their data safe and portable.

A backup is an exact copy made with SQLite's backup API (safe while someone writes). An
export is one CSV per table that opens in Excel. :func:`restore` turns either back into a
tracker, refusing to overwrite one that already holds data.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.errors import (
    ImportProblem,
    InfoviewError,
    TrackerError,
)
from infoview.tracker.copies import TABLES, backup_connection
from infoview.workspace import user_path

if TYPE_CHECKING:
    from infoview.tracker import Column, Tracker


def restore(source: str | Path, path: str | Path | None = None) -> Tracker:
    """Make a tracker at ``path`` from a backup file or an export folder, and open it.

    ``path`` defaults to the workspace's tracker. An existing tracker that holds data is
    never overwritten: restore into a new file, or move the old one aside first. The new
    tracker is built and read back beside ``path`` first, so a restore that fails leaves
    nothing behind.
    """
    from infoview.tracker import open_tracker
    from infoview.workspace import tracker_path

    source = user_path(source, "the backup or export to restore")
    target = user_path(path, "the tracker's path") if path is not None else tracker_path()
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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".infoview-restore-", dir=target.parent))
    except OSError as exc:
        raise TrackerError(f"cannot write beside {target}: {exc.strerror}") from None
    try:
        with _build(source, staging / target.name) as tracker:
            _read_back(tracker, source)
            if target.exists():  # an empty tracker, perhaps open in another notebook
                with open_tracker(target) as existing:
                    existing.take_contents_of(tracker)
            else:
                tracker.backup(target)  # one whole file, moved into place atomically
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return open_tracker(target)


def _build(source: Path, target: Path) -> Tracker:
    """A new tracker at ``target`` holding what ``source`` (backup file or export folder) holds."""
    from infoview.tracker import open_tracker

    if source.is_dir():
        rows = _export_rows(source)
        tracker = open_tracker(target)
        try:
            tracker.load_rows(_typed_rows(tracker, rows))
        except BaseException:
            tracker.close()
            raise
        return tracker
    try:
        uri = f"{source.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as original:
            backup_connection(original, target)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged header can do both
        raise TrackerError(f"{source} is not an infoview backup ({exc})") from None
    try:
        return open_tracker(target)  # checks the copy, and upgrades it if it is older
    except TrackerError as exc:  # name the learner's file, not the copy being checked
        raise TrackerError(str(exc).replace(str(target), str(source))) from None


def _export_rows(folder: Path) -> dict[str, tuple[list[str], list[tuple[int, list[str]]]]]:
    from infoview.formats.csvsafe import read_csv_records

    rows = {}
    for table in TABLES:
        csv_path = folder / f"{table}.csv"
        if csv_path.is_file():
            rows[table] = read_csv_records(csv_path)
    if "people" not in rows:
        raise TrackerError(f"{folder} holds no people.csv: is it an infoview export?")
    return rows


def _typed_rows(
    tracker: Tracker, rows: dict[str, tuple[list[str], list[tuple[int, list[str]]]]]
) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """CSV text cells as the values the tracker stores (whole numbers, text, or nothing)."""
    typed = {}
    for table, (header, records) in rows.items():
        columns = tracker.table_columns(table)
        file = f"{table}.csv"
        values = []
        for line, cells in records:
            if not any(cells):
                continue  # a blank line, as spreadsheets sometimes add at the end
            if len(cells) != len(header):
                raise ImportProblem(
                    file, line, f"has {len(cells)} cells but the header names {len(header)}"
                )
            values.append(
                tuple(
                    _typed(columns.get(name), cell, file, line)
                    for name, cell in zip(header, cells, strict=True)
                )
            )
        typed[table] = (header, values)
    return typed


def _typed(column: Column | None, cell: str, file: str, line: int) -> Any:
    if column is None:  # an unknown column: load_rows names it
        return cell
    if cell == "":
        return "" if column.required and column.kind == "TEXT" else None
    if column.kind != "INTEGER":
        return cell
    try:
        number = int(cell)
    except ValueError:
        raise ImportProblem(
            file, line, f"{column.name} must be a whole number (got {cell[:40]!r})"
        ) from None
    if abs(number) >= 2**63:
        raise ImportProblem(file, line, f"{column.name} is too large a number ({cell[:40]})")
    return number


def _read_back(tracker: Tracker, source: Path) -> None:
    """Every table of the new tracker reads as frames, and SQLite finds nothing wrong."""
    try:
        problems = tracker.check_integrity()
        tracker.profile  # noqa: B018 - reading it is the check
        for frame in (tracker.people, tracker.touches, tracker.plans, tracker.targets):
            frame()
        tracker.journey()
    except InfoviewError:
        raise
    except (sqlite3.Error, ValueError, TypeError, KeyError, OverflowError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        first_line = first_line.removesuffix(" You might want to try:")
        problems = [first_line if len(first_line) <= 120 else first_line[:117] + "..."]
    if problems:
        raise ImportProblem(
            source.name, None, f"cannot be restored: it is damaged ({'; '.join(problems[:3])})"
        )
