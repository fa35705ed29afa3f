"""The Tracker class and :func:`open_tracker` (see :mod:`infoview.tracker`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from infoview import journey as _journey
from infoview.errors import InvalidValueError, TrackerError, UnknownPersonError, shown
from infoview.model import Person, Profile, Source, Tie, TouchKind
from infoview.tracker.plans import PlansAndTargets
from infoview.tracker.raw import RawRows
from infoview.tracker.rows import (
    _LARGEST_ID,
    _PEOPLE_COLUMNS,
    _PROFILE_FIELDS,
    _TOUCH_COLUMNS,
    _json_text,
    _moment,
    _people_columns,
    _person_id,
    _person_row,
    _typed_people,
    _typed_touches,
    _wide,
    utc_text,
)
from infoview.validation import clean_email, clean_text, synopsis_problem
from infoview.workspace import ensure_workspace, resolve_today, tracker_path, user_path

if TYPE_CHECKING:
    from infoview.rules import Policy

_BULK_ROWS = 500  # rows per INSERT statement (12 values each, well under SQLite's limit)


class Tracker(PlansAndTargets, RawRows):
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
        current = self.profile
        values = {name: getattr(current, name) for name in _PROFILE_FIELDS}
        for name, value in fields.items():
            values[name] = clean_text(value, name, multiline=name == "synopsis") or ""
        values["email"] = clean_email(values["email"]) or ""
        problem = synopsis_problem(values["synopsis"])
        if problem:
            raise InvalidValueError(problem)
        with self._write() as con:
            con.execute(
                "INSERT INTO profile (id, name, email, field, goal, synopsis, updated_at) "
                "VALUES (1, :name, :email, :field, :goal, :synopsis, :updated_at) "
                "ON CONFLICT (id) DO UPDATE SET name = :name, email = :email, field = :field, "
                "goal = :goal, synopsis = :synopsis, updated_at = :updated_at",
                {**values, "updated_at": utc_text(datetime.now(UTC))},
            )
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
        with self._write() as con:
            if row["introduced_by"] is not None:
                self._require_person(row["introduced_by"], con)
            cursor = con.execute(
                "INSERT INTO people (name, email, company, role, url, source, introduced_by, tie,"
                " connected_on, notes, created_at) VALUES (:name, :email, :company, :role, :url,"
                " :source, :introduced_by, :tie, :connected_on, :notes, :created_at)",
                {**row, "created_at": utc_text(datetime.now(UTC))},
            )
        return int(cursor.lastrowid or 0)

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
        """Change some of a person's fields (for example ``tie="mentor"``)."""
        current = self.person(person_id)
        allowed = set(_PEOPLE_COLUMNS) - {"id", "created_at"}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise InvalidValueError(
                f"unknown person field {shown(unknown[0])}; use {', '.join(sorted(allowed))}"
            )
        merged = {name: getattr(current, name) for name in allowed} | fields
        row = _person_row(**merged)
        if row["introduced_by"] == person_id:
            raise InvalidValueError("a person cannot have introduced themselves")
        with self._write() as con:
            if row["introduced_by"] is not None:
                self._require_person(row["introduced_by"], con)
            assignments = ", ".join(f"{name} = :{name}" for name in row)
            con.execute(f"UPDATE people SET {assignments} WHERE id = :id", {**row, "id": person_id})
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

    # ------------------------------------------------------------ touches

    def log(
        self,
        person_id: int,
        kind: str | TouchKind,
        /,
        *,
        on: date | datetime | None = None,
        channel: str | None = None,
        subject: str | None = None,
        body: str | None = None,
        **details: Any,
    ) -> int:
        """Record something that happened with a person; returns the touch id.

        ``on`` is a date (taken as noon, local time) or a tz-aware datetime; it defaults to now.
        Extra keyword arguments are kept as JSON details (for example a meeting's place);
        ``person_id`` and ``kind`` are positional, so a detail may itself be called
        ``person_id`` (a ``referral`` names the new person that way).
        """
        kind = TouchKind.parse(kind)
        moment = _moment(on)
        details_text = _json_text(details, "details", sort_keys=True)
        row: dict[str, Any] = {
            "kind": kind.value,
            "at": utc_text(moment),
            "channel": clean_text(channel, "channel"),
            "subject": clean_text(subject, "subject"),
            "body": clean_text(body, "body", multiline=True),
            "details": details_text,
            "created_at": utc_text(datetime.now(UTC)),
        }
        with self._write() as con:
            row["person_id"] = self._require_person(person_id, con)
            cursor = con.execute(
                "INSERT INTO touches (person_id, kind, at, channel, subject, body, details,"
                " created_at) VALUES (:person_id, :kind, :at, :channel, :subject, :body,"
                " :details, :created_at)",
                row,
            )
        return int(cursor.lastrowid or 0)

    def update_touch(self, touch_id: int, /, **details: Any) -> int:
        """Merge ``details`` into a touch's JSON details; returns the touch id.

        Each key given replaces that key's value; keys not given are kept (a debrief saved
        again adds to its interview touch this way). Kind, time and text are not changed.
        """
        _json_text(details, "details")  # explained before the transaction starts
        missing = InvalidValueError(f"there is no touch with id {shown(touch_id)}")
        if isinstance(touch_id, bool) or not isinstance(touch_id, int):
            raise missing
        if not -_LARGEST_ID <= touch_id <= _LARGEST_ID:
            raise missing
        with self._write() as con:
            row = con.execute("SELECT details FROM touches WHERE id = ?", (touch_id,)).fetchone()
            if row is None:
                raise missing
            current = json.loads(row[0])
            merged = {**(current if isinstance(current, dict) else {}), **details}
            con.execute(
                "UPDATE touches SET details = ? WHERE id = ?",
                (_json_text(merged, "details", sort_keys=True), touch_id),
            )
        return touch_id

    # ------------------------------------------------------------ frames

    def _people_frame(self, where: str = "", params: list[Any] | None = None) -> pd.DataFrame:
        rows = self._con.execute(
            f"SELECT {', '.join(_PEOPLE_COLUMNS)} FROM people {where} ORDER BY id", params or []
        ).fetchall()
        frame = pd.DataFrame(rows, columns=list(_PEOPLE_COLUMNS))
        return _typed_people(frame)

    def people(self) -> pd.DataFrame:
        """Everyone in the network, one row a person, in the order they were added."""
        return self._kept("people", self._people_frame)

    def touches(
        self,
        person_id: int | None = None,
        *,
        kinds: Iterable[str | TouchKind] | None = None,
        people: Iterable[int] | None = None,
        since: datetime | None = None,
    ) -> pd.DataFrame:
        """Every touch, oldest first; ``at`` is a UTC timestamp, ``details`` a dict.

        ``kinds`` keeps only touches of those kinds, ``people`` only those with these
        person ids, and ``since`` (tz-aware) only those at or after that time. All filter
        in SQL, so reading a few stays fast on a large tracker (the due list reads only the
        meetings this way).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if person_id is not None:
            clauses.append("person_id = ?")
            params.append(self._require_person(person_id))
        if kinds is not None:
            wanted = sorted({TouchKind.parse(kind).value for kind in kinds})
            clauses.append(f"kind IN ({', '.join('?' for _ in wanted)})")
            params.extend(wanted)
        if people is not None:  # one JSON parameter, however many ids
            clauses.append("person_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted({_person_id(pid) for pid in people})))
        if since is not None:
            clauses.append("at >= ?")
            params.append(utc_text(since))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._con.execute(
            f"SELECT {', '.join(_TOUCH_COLUMNS)} FROM touches {where} ORDER BY at, id", params
        ).fetchall()
        frame = pd.DataFrame(rows, columns=list(_TOUCH_COLUMNS))
        return _typed_touches(frame)

    def touch_details(
        self,
        kind: str | TouchKind,
        keys: Sequence[str] = (),
        *,
        since: datetime | None = None,
        people: Iterable[int] | None = None,
    ) -> pd.DataFrame:
        """A light view of the touches of one kind: person_id, at, and some detail keys.

        The keys are read from the JSON in SQL, and only touches with at least one of them
        set are returned, so due rules can look at many touches quickly. Without keys,
        every touch of that kind is returned (person_id and at only). ``since`` and
        ``people`` (person ids) narrow it further.

        >>> import tempfile, pathlib
        >>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
        >>> ana = t.add_person("Ana")
        >>> _ = t.log(ana, "interview", on=date(2026, 3, 2), next_step="read the book")
        >>> _ = t.log(ana, "interview", on=date(2026, 4, 2), notes="no next step this time")
        >>> t.touch_details("interview", ["next_step"])["next_step"].tolist()
        ['read the book']
        """
        wanted = tuple(str(key) for key in keys)
        bad = [key for key in wanted if not key.isidentifier()]
        if bad:
            raise InvalidValueError(f"detail keys must be simple names (got {bad[0]!r})")
        kind_value = TouchKind.parse(kind).value
        since_text = utc_text(since) if since is not None else None
        ids = None if people is None else json.dumps(sorted({_person_id(p) for p in people}))
        return self._kept(
            ("touch_details", kind_value, wanted, since_text, ids),
            lambda: self._touch_details(kind_value, wanted, since_text, ids),
        )

    def _touch_details(
        self, kind: str, wanted: tuple[str, ...], since: str | None, ids: str | None
    ) -> pd.DataFrame:
        params: list[Any] = [f"$.{key}" for key in wanted]
        selects = ["person_id", "at"] + ["json_extract(details, ?)" for _ in wanted]
        clauses = ["kind = ?"]
        params.append(kind)
        if wanted:
            present = " OR ".join("coalesce(json_extract(details, ?), '') <> ''" for _ in wanted)
            clauses.append(f"({present})")
            params.extend(f"$.{key}" for key in wanted)
        if since is not None:
            clauses.append("at >= ?")
            params.append(since)
        if ids is not None:  # one JSON parameter, however many ids
            clauses.append("person_id IN (SELECT value FROM json_each(?))")
            params.append(ids)
        rows = self._con.execute(
            f"SELECT {', '.join(selects)} FROM touches WHERE {' AND '.join(clauses)}"
            " ORDER BY at, id",
            params,
        ).fetchall()
        frame = pd.DataFrame(rows, columns=["person_id", "at", *wanted])
        frame["person_id"] = frame["person_id"].astype("int64")
        frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
        for key in wanted:
            frame[key] = frame[key].where(frame[key].notna(), None).astype(object)
        return frame

    def touch_summary(self) -> pd.DataFrame:
        """Per person and kind: how many touches, the first and the last (computed in SQL)."""
        return self._kept("touch_summary", self._touch_summary)

    def _touch_summary(self) -> pd.DataFrame:
        rows = self._con.execute(
            "SELECT person_id, kind, count(*), max(at), min(at) FROM touches"
            " GROUP BY person_id, kind"
        ).fetchall()
        frame = pd.DataFrame(rows, columns=["person_id", "kind", "count", "last_at", "first_at"])
        frame["person_id"] = frame["person_id"].astype("int64")
        frame["count"] = frame["count"].astype("int64")
        for column in ("last_at", "first_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
        return frame

    def latest_touches(self) -> pd.DataFrame:
        """Per person with touches (index) and kind (a column each): the latest such touch.

        NaT where a person has no touch of that kind. Rules that ask "when did we last ..."
        read this instead of filtering :meth:`touch_summary` each time.
        """
        return self._kept("latest_touches", lambda: _wide(self.touch_summary(), "last_at"))

    def touch_counts(self) -> pd.DataFrame:
        """Per person with touches (index) and kind (a column each): how many touches."""
        return self._kept("touch_counts", lambda: _wide(self.touch_summary(), "count"))

    def journey(self, today: date | None = None, rules: Policy | None = None) -> pd.DataFrame:
        """Each person's stage, derived from their touches as of ``today``."""
        from infoview.rules import policy

        day, rules = resolve_today(today), rules if rules is not None else policy()
        return self._kept(
            ("journey", *_journey.depends_on(day, rules)),
            lambda: _journey.journey_frame(self.people(), self.touch_summary(), day, rules),
        )

    def due(self, today: date | None = None, rules: Policy | None = None) -> pd.DataFrame:
        """Everything that needs doing, most urgent first (see :func:`infoview.due.due`)."""
        from infoview.due import due

        return due(self, today=today, rules=rules)

    # ------------------------------------------------------------ safekeeping
    # (plans and targets: .plans.PlansAndTargets; raw tables: .raw.RawRows)

    def backup(self, path: str | Path) -> Path:
        """Copy the whole tracker to ``path`` with SQLite's backup API (safe during writes)."""
        from infoview.safekeeping import backup_connection

        target = user_path(path, "the backup's path")
        if target.resolve() == self.path.resolve():
            raise TrackerError(f"{target} is this tracker itself; back it up to another file")
        if any(target.with_name(target.name + side).exists() for side in ("-wal", "-shm")):
            raise TrackerError(
                f"{target} is a tracker in use (another notebook may have it open); "
                "choose another file for the backup"
            )
        return backup_connection(self._con, target)

    def export_csv(self, folder: str | Path) -> list[Path]:
        """Write each table as a CSV that opens cleanly in Excel; returns the files."""
        from infoview.safekeeping import export_tables

        return export_tables(self, user_path(folder, "the export folder"))


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
        raise TrackerError(f"cannot make the folder for {path}: {exc.strerror}") from None
    return Tracker(path)
