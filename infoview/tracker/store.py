"""The Tracker class and :func:`open_tracker` (see :mod:`infoview.tracker`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from infoview import journey as _journey
from infoview.clock import resolve_today
from infoview.errors import (
    InvalidValueError,
    TrackerError,
    UnknownPersonError,
    shown,
    storage_problem,
)
from infoview.model import Person, Profile, Source, Tie
from infoview.tracker.base import frames_unchanged
from infoview.tracker.plans import PlansAndTargets
from infoview.tracker.raw import RawRows
from infoview.tracker.rows import (
    _PEOPLE_COLUMNS,
    _PROFILE_FIELDS,
    _people_columns,
    _person_id,
    _person_row,
    _typed_people,
    utc_text,
)
from infoview.tracker.touches import Touches
from infoview.validation import clean_email, clean_text, synopsis_problem
from infoview.workspace import ensure_workspace, tracker_path, user_path, writable_target

if TYPE_CHECKING:
    from infoview.rules import Policy

_BULK_ROWS = 500  # rows per INSERT statement (12 values each, well under SQLite's limit)


class Tracker(Touches, PlansAndTargets, RawRows):
    """A learner's tracker file. Open one with :func:`open_tracker` or :func:`open_demo`."""

    # ------------------------------------------------------------ profile

    @property
    def profile(self) -> Profile:
        row = self._con.execute(
            f"SELECT {', '.join(_PROFILE_FIELDS)} FROM profile WHERE id = 1"
        ).fetchone()
        return Profile(*row) if row else Profile()

    def set_profile(self, **fields: str | None) -> Profile:
        """Save some or all of: name, email, field, goal, synopsis (at most three lines)."""
        unknown = sorted(set(fields) - set(_PROFILE_FIELDS))
        if unknown:
            raise InvalidValueError(
                f"unknown profile field {shown(unknown[0])}; use {', '.join(_PROFILE_FIELDS)}"
            )
        cleaned = {
            name: clean_text(value, name, multiline=name == "synopsis") or ""
            for name, value in fields.items()
        }
        before = self._revision_if_kept()
        with self._write() as con:  # read inside the transaction: no other change is reverted
            current = self.profile
            values = {name: getattr(current, name) for name in _PROFILE_FIELDS} | cleaned
            values["email"] = clean_email(values["email"]) or ""
            problem = synopsis_problem(values["synopsis"])
            if problem:
                raise InvalidValueError(problem)
            con.execute(
                "INSERT INTO profile (id, name, email, field, goal, synopsis, updated_at) "
                "VALUES (1, :name, :email, :field, :goal, :synopsis, :updated_at) "
                "ON CONFLICT (id) DO UPDATE SET name = :name, email = :email, field = :field, "
                "goal = :goal, synopsis = :synopsis, updated_at = :updated_at",
                {**values, "updated_at": utc_text(datetime.now(UTC))},
            )
        self._carry_kept(before, frames_unchanged)  # no frame reads the profile
        return self.profile

    # ------------------------------------------------------------ people

    def add_person(
        self,
        name: str,
        *,
        email: str | None = None,
        company: str | None = None,
        role: str | None = None,
        url: str | None = None,
        source: str | Source = "cold",
        introduced_by: int | None = None,
        tie: str | Tie = "connection",
        connected_on: date | None = None,
        notes: str | None = None,
    ) -> int:
        """Add someone to the network and return their id."""
        row = _person_row(
            name=name,
            email=email,
            company=company,
            role=role,
            url=url,
            source=source,
            introduced_by=introduced_by,
            tie=tie,
            connected_on=connected_on,
            notes=notes,
        )
        before = self._revision_if_kept()
        with self._write() as con:
            if row["introduced_by"] is not None:
                self._require_person(row["introduced_by"], con)
            cursor = con.execute(
                "INSERT INTO people (name, email, company, role, url, source, introduced_by, tie,"
                " connected_on, notes, created_at) VALUES (:name, :email, :company, :role, :url,"
                " :source, :introduced_by, :tie, :connected_on, :notes, :created_at)",
                {**row, "created_at": utc_text(datetime.now(UTC))},
            )
        person_id = int(cursor.lastrowid or 0)
        self._carry_kept(before, self._with_person_read_again(person_id))
        return person_id

    def add_people(self, records: list[Mapping[str, Any]]) -> list[int]:
        """Add many people in one transaction: all are added, or none (imports use this)."""
        rows = [_person_row(**record) for record in records]
        created = utc_text(datetime.now(UTC))
        ids: list[int] = []
        with self._write() as con:
            for row in rows:
                if row["introduced_by"] is not None:
                    self._require_person(row["introduced_by"], con)
                cursor = con.execute(
                    "INSERT INTO people (name, email, company, role, url, source, introduced_by,"
                    " tie, connected_on, notes, created_at) VALUES (:name, :email, :company,"
                    " :role, :url, :source, :introduced_by, :tie, :connected_on, :notes,"
                    " :created_at)",
                    {**row, "created_at": created},
                )
                ids.append(int(cursor.lastrowid or 0))
        return ids

    def add_people_frame(self, frame: pd.DataFrame) -> list[int]:
        """Add many people from a frame, checked column by column (large imports use this).

        Columns as in :meth:`people` (``name`` is required; id and created_at are not
        taken). The checks and the all-or-none transaction are those of :meth:`add_people`,
        but 50,000 rows take a fraction of a second.
        """
        rows = _people_columns(frame)
        count = len(rows["name"])
        if not count:
            return []
        created = utc_text(datetime.now().astimezone())
        columns = ["id", *rows, "created_at"]
        with self._write() as con:
            wanted = sorted({pid for pid in rows["introduced_by"] if pid is not None})
            if wanted:
                missing = con.execute(
                    "SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM people)",
                    (json.dumps(wanted),),
                ).fetchone()
                if missing:
                    raise UnknownPersonError(missing[0])
            (first,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM people").fetchone()
            values = [range(first, first + count), *rows.values(), [created] * count]
            marks = "(" + ", ".join("?" for _ in columns) + ")"
            for start in range(0, count, _BULK_ROWS):
                size = min(_BULK_ROWS, count - start)
                flat: list[Any] = [None] * (size * len(columns))
                for offset, column in enumerate(values):  # row-major, without a tuple per row
                    flat[offset :: len(columns)] = column[start : start + size]
                con.execute(
                    f"INSERT INTO people ({', '.join(columns)}) VALUES "
                    + ", ".join([marks] * size),
                    flat,
                )
        return list(range(first, first + count))

    def update_person(self, person_id: int, **fields: Any) -> Person:
        """Change some of a person's fields (for example ``tie="mentor"``).

        The person is read inside the write transaction, so a change another program made
        meanwhile to a field not given here is kept, never reverted.
        """
        allowed = set(_PEOPLE_COLUMNS) - {"id", "created_at"}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise InvalidValueError(
                f"unknown person field {shown(unknown[0])}; use {', '.join(sorted(allowed))}"
            )
        before = self._revision_if_kept()
        with self._write() as con:
            current = self.person(person_id)
            merged = {name: getattr(current, name) for name in allowed} | fields
            row = _person_row(**merged)
            if row["introduced_by"] == person_id:
                raise InvalidValueError("a person cannot have introduced themselves")
            if row["introduced_by"] is not None:
                self._require_person(row["introduced_by"], con)
            assignments = ", ".join(f"{name} = :{name}" for name in row)
            con.execute(f"UPDATE people SET {assignments} WHERE id = :id", {**row, "id": person_id})
        self._carry_kept(before, self._with_person_read_again(person_id))
        return self.person(person_id)

    def person(self, person_id: int) -> Person:
        """One person by id."""
        row = self._con.execute(
            f"SELECT {', '.join(_PEOPLE_COLUMNS)} FROM people WHERE id = ?",
            (_person_id(person_id),),
        ).fetchone()
        if row is None:
            raise UnknownPersonError(person_id)
        values = dict(zip(_PEOPLE_COLUMNS, row, strict=True))
        values["source"] = Source(values["source"])
        values["tie"] = Tie(values["tie"])
        values["connected_on"] = (
            date.fromisoformat(values["connected_on"]) if values["connected_on"] else None
        )
        values["created_at"] = datetime.fromisoformat(values["created_at"])
        return Person(**values)

    def find_people(
        self, *, email: str | None = None, url: str | None = None, company: str | None = None
    ) -> pd.DataFrame:
        """People matching an email (any case), a profile URL, or a company (any case)."""
        clauses, params = [], []
        email, url, company = (
            clean_text(email, "email"),
            clean_text(url, "url"),
            clean_text(company, "company"),
        )
        if email:
            clauses.append("(email IS NOT NULL AND lower(email) = lower(?))")  # the index
            params.append(email)
        if url:
            clauses.append("rtrim(lower(url), '/') = rtrim(lower(?), '/')")
            params.append(url)
        if company:
            clauses.append("lower(trim(company)) = lower(trim(?))")
            params.append(company)
        if not clauses:
            return self.people().iloc[0:0]
        where = " OR ".join(clauses)
        return self._people_frame(f"WHERE {where}", params)

    # ------------------------------------------------------------ frames

    def _people_frame(self, where: str = "", params: list[Any] | None = None) -> pd.DataFrame:
        rows = self._con.execute(
            f"SELECT {', '.join(_PEOPLE_COLUMNS)} FROM people {where} ORDER BY id", params or []
        ).fetchall()
        frame = pd.DataFrame(rows, columns=list(_PEOPLE_COLUMNS))
        return _typed_people(frame)

    def _with_person_read_again(
        self, person_id: int
    ) -> Callable[[Hashable, pd.DataFrame], pd.DataFrame | None]:
        """How the kept frames change when one person is added or changed (not their touches)."""

        def change(key: Hashable, frame: pd.DataFrame) -> pd.DataFrame | None:
            if key == "people":
                row = self._people_frame("WHERE id = ?", [person_id])
                if frame.empty or row.empty:
                    return None
                others = frame[frame["id"].to_numpy() != person_id]
                people: pd.DataFrame = pd.concat([others, row], ignore_index=True)
                if not people["id"].is_monotonic_increasing:
                    people = people.sort_values("id", kind="stable", ignore_index=True)
                return people
            if isinstance(key, tuple) and key[0] == "journey":
                return None  # names, companies and ties feed the journey: work it out again
            return frame  # the touch frames do not change

        return change

    def people(self) -> pd.DataFrame:
        """Everyone in the network, one row a person, in the order they were added."""
        return self._kept("people", self._people_frame)

    def journey(self, today: date | None = None, rules: Policy | None = None) -> pd.DataFrame:
        """Each person's stage, derived from their touches as of ``today``."""
        from infoview.rules import policy

        day, rules = resolve_today(today), rules if rules is not None else policy()
        return self._kept(
            ("journey", *_journey.depends_on(day, rules)),
            lambda: _journey.journey_frame(self.people(), self.touch_summary(day), day, rules),
        )

    def due(self, today: date | None = None, rules: Policy | None = None) -> pd.DataFrame:
        """Everything that needs doing, most urgent first (see :func:`infoview.due.due`)."""
        from infoview.due import due

        return due(self, today=today, rules=rules)

    # ------------------------------------------------------------ safekeeping
    # (plans and targets: .plans.PlansAndTargets; raw tables: .raw.RawRows)

    def backup(self, path: str | Path, *, force: bool = False) -> Path:
        """Copy the whole tracker to ``path`` with SQLite's backup API (safe during writes).

        An existing file is replaced only with ``force`` (and never the tracker, a tracker in
        use, or anything in ``backups/``).
        """
        from infoview.tracker.copies import backup_connection

        if user_path(path, "the backup's path").resolve() == self.path.resolve():
            raise TrackerError(
                f"{self.path} is this tracker itself. Nothing was written; back it up to "
                "another file"
            )
        target = writable_target(path, "backup", force=force, database=True)
        return backup_connection(self._con, target)

    def export_csv(self, folder: str | Path, *, force: bool = False) -> list[Path]:
        """Write each table as a CSV that opens cleanly in Excel; returns the files.

        CSVs already in ``folder`` are replaced only with ``force``.
        """
        from infoview.tracker.copies import export_tables

        return export_tables(self, user_path(folder, "the export folder"), force=force)


def open_tracker(path: str | Path | None = None) -> Tracker:
    """Open (or create) a tracker; by default the one in the workspace.

    The workspace is ``$INFOVIEW_DATA_DIR``, else ``~/infoview-data``.
    """
    if path is None:
        ensure_workspace()
        path = tracker_path()
    path = user_path(path, "the tracker's path")
    if path.is_dir():
        raise TrackerError(f"{path} is a folder; give the path of a tracker file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_problem(path.parent, exc) or exc from None
    return Tracker(path)
