"""A tracker's tables as raw rows, for export, restore and checks (part of :class:`Tracker`).

Safekeeping (:mod:`infoview.safekeeping`) reads and writes whole tables through these
methods; a restore fills an empty tracker in one transaction, all or nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from infoview.errors import ImportProblem, TrackerError, shown
from infoview.tracker.base import TrackerBase
from infoview.tracker.rows import Column, _require_table

# The columns whose words come from a vocabulary table (schema migration 4).
_VOCABULARY = {
    "people": (("source", "sources"), ("tie", "ties")),
    "touches": (("kind", "touch_kinds"),),
}


class RawRows(TrackerBase):
    """Whole tables in and out, and SQLite's own checks of the file."""

    def table_rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Raw rows of one table, for export (column names, rows)."""
        _require_table(table)
        cursor = self._con.execute(f"SELECT * FROM {table} ORDER BY 1")
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()

    def table_columns(self, table: str) -> dict[str, Column]:
        """The columns of one table, by name: declared type and whether a value is required."""
        _require_table(table)
        return {
            name: Column(name, str(kind).upper(), bool(notnull))
            for _, name, kind, notnull, _, _ in self._con.execute(f"PRAGMA table_info({table})")
        }

    def check_integrity(self) -> list[str]:
        """Problems SQLite finds in the file and its links between tables (none: all is well)."""
        found = [row[0] for row in self._con.execute("PRAGMA integrity_check")]
        problems = [] if found == ["ok"] else found
        problems += [
            f"{table} row {rowid} points to a missing {parent} row"
            for table, rowid, parent, _ in self._con.execute("PRAGMA foreign_key_check")
        ]
        return problems

    def load_rows(self, rows: Mapping[str, tuple[list[str], list[tuple[Any, ...]]]]) -> None:
        """Fill an empty tracker with raw rows (restore uses this); all or nothing."""
        for table, (columns, _) in rows.items():
            if not columns:
                raise ImportProblem(f"{table}.csv", 1, "has no header row")
            known = self.table_columns(table)
            unknown = [name for name in columns if name not in known]
            if unknown or len(set(columns)) != len(columns):
                problem = f"unknown column {shown(unknown[0])}" if unknown else "a repeated column"
                raise ImportProblem(
                    f"{table}.csv", 1, f"{problem}; the columns are {', '.join(known)}"
                )
        try:
            with self._write() as con:
                self._refuse_if_holding_data(con)
                con.execute("PRAGMA defer_foreign_keys = ON")
                for table in ("profile", "people", "touches", "plans", "targets"):
                    if table not in rows:
                        continue
                    columns, values = rows[table]
                    self._check_vocabulary(con, table, columns, values)
                    marks = ", ".join("?" for _ in columns)
                    try:
                        con.executemany(
                            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values
                        )
                    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, OverflowError) as exc:
                        raise ImportProblem(
                            f"{table}.csv", None, f"a row does not fit the tracker ({exc})"
                        ) from None
        except sqlite3.IntegrityError as exc:  # the deferred check of links between tables
            raise ImportProblem(
                "the export", None, f"some rows point to people who are not in it ({exc})"
            ) from None

    @staticmethod
    def _check_vocabulary(
        con: sqlite3.Connection, table: str, columns: list[str], values: list[tuple[Any, ...]]
    ) -> None:
        """Every source, tie and touch kind is one the tracker's vocabulary tables hold."""
        for column, vocabulary in _VOCABULARY.get(table, ()):
            if column not in columns:
                continue
            at = columns.index(column)
            allowed = [word for (word,) in con.execute(f"SELECT * FROM {vocabulary}")]
            for number, row in enumerate(values, start=1):
                if at < len(row) and row[at] not in allowed:
                    raise ImportProblem(
                        f"{table}.csv",
                        None,
                        f"a row does not fit the tracker (row {number}: {column} "
                        f"{shown(row[at])} is not one of {', '.join(allowed)})",
                    )

    def take_contents_of(self, source: RawRows) -> None:
        """Replace this empty tracker's contents with ``source``'s, in place (restore).

        SQLite's backup API rewrites the file's pages under its own locks, so a notebook
        that has this file open sees the restored data, and what it writes next is kept;
        the file is never swapped out from under it. A tracker holding data is refused.
        """
        with self._write() as con:
            self._refuse_if_holding_data(con)
        try:
            source._con.backup(self._con)
        except sqlite3.Error as exc:
            raise TrackerError(f"cannot restore into {self.path} ({exc})") from None
        finally:
            self._rewrites += 1  # even a partial rewrite makes every kept frame stale

    def _refuse_if_holding_data(self, con: sqlite3.Connection) -> None:
        """A restore only ever fills an empty tracker."""
        (rows,) = con.execute(
            "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM profile)"
        ).fetchone()
        if rows:
            raise TrackerError(f"{self.path} already holds data; restore into a new file")
