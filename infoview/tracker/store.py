"""The Tracker class and :func:`open_tracker` (see :mod:`infoview.tracker`)."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from infoview import journey as _journey
from infoview.errors import (
    ImportProblem,
    InvalidValueError,
    TrackerError,
    UnknownPersonError,
    shown,
)
from infoview.model import Person, Profile, Source, Tie, TouchKind, require_aware
from infoview.validation import (
    MAX_LINE_CHARS,
    MAX_TEXT_CHARS,
    as_day,
    check_year,
    clean_email,
    clean_emails,
    clean_text,
    synopsis_problem,
)
from infoview.workspace import (
    ensure_workspace,
    local_zone,
    resolve_today,
    tracker_path,
    user_path,
)

if TYPE_CHECKING:
    from infoview.rules import Policy

SCHEMA_VERSION = 2
_BUSY_TIMEOUT_MS = 10_000
_LOCK_RETRY_SECONDS = 60.0
_LARGEST_ID = 2**63 - 1  # SQLite's INTEGER range

_PEOPLE_COLUMNS = (
    "id",
    "name",
    "email",
    "company",
    "role",
    "url",
    "source",
    "introduced_by",
    "tie",
    "connected_on",
    "notes",
    "created_at",
)
_TOUCH_COLUMNS = (
    "id",
    "person_id",
    "kind",
    "at",
    "channel",
    "subject",
    "body",
    "details",
    "created_at",
)
_PROFILE_FIELDS = ("name", "email", "field", "goal", "synopsis")
_TARGET_COLUMNS = ("id", "organisation", "contact", "motivation", "advocacy", "posting", "notes")


def _choices(enum: type[Source] | type[Tie] | type[TouchKind]) -> str:
    return ", ".join(f"'{m.value}'" for m in enum)


# Each entry upgrades the schema by one version; never edit a released one, add the next.
_MIGRATIONS: dict[int, str] = {
    1: f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE profile (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '', goal TEXT NOT NULL DEFAULT '',
            synopsis TEXT NOT NULL DEFAULT '', updated_at TEXT
        );
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            email TEXT, company TEXT, role TEXT, url TEXT,
            source TEXT NOT NULL CHECK (source IN ({_choices(Source)})),
            introduced_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            tie TEXT NOT NULL CHECK (tie IN ({_choices(Tie)})),
            connected_on TEXT, notes TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE touches (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ({_choices(TouchKind)})),
            at TEXT NOT NULL,
            channel TEXT, subject TEXT, body TEXT,
            details TEXT NOT NULL DEFAULT '{{}}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX touches_by_person ON touches (person_id, at);
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
            title TEXT NOT NULL DEFAULT '',
            plan TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
    """,
    2: """
        CREATE TABLE targets (
            id INTEGER PRIMARY KEY,
            organisation TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
            contact TEXT,
            motivation INTEGER NOT NULL DEFAULT 2 CHECK (motivation BETWEEN 1 AND 3),
            advocacy INTEGER NOT NULL DEFAULT 0 CHECK (advocacy IN (0, 1)),
            posting INTEGER NOT NULL DEFAULT 0 CHECK (posting IN (0, 1)),
            notes TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX people_by_email ON people (lower(email));
        CREATE INDEX people_by_company ON people (lower(company));
    """,
}


def utc_text(moment: datetime) -> str:
    """A tz-aware time as the UTC ISO text the tracker stores (sortable as text)."""
    try:
        return require_aware(moment).astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:
        raise InvalidValueError(
            f"{moment.isoformat()} is too close to the ends of the calendar; use a real date"
        ) from None


def _json_text(value: object, what: str, *, sort_keys: bool = False) -> str:
    """Plain values as JSON text the tracker can store, or an error a learner can act on."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, default=str)
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValueError(
            f"{what} contain a character that cannot be stored (a broken surrogate); "
            "retype that text"
        ) from None
    except (TypeError, ValueError) as exc:
        raise InvalidValueError(f"{what} must be plain values (text, numbers): {exc}") from None
    return text


def _moment(on: date | datetime | None) -> datetime:
    """When a touch happened: a datetime must be tz-aware; a date means noon, local time."""
    if on is None:
        from infoview.workspace import now

        return now()
    if isinstance(on, datetime):
        check_year(on, "on")
        return require_aware(on, "on")
    if isinstance(on, date):
        check_year(on, "on")
        return datetime(on.year, on.month, on.day, 12, 0, tzinfo=local_zone())
    raise InvalidValueError(f"on must be a date or a tz-aware datetime (got {shown(on)})")


class Column(NamedTuple):
    """One column of a tracker table."""

    name: str
    kind: str  # SQLite's declared type: INTEGER or TEXT
    required: bool  # NOT NULL


def _require_table(table: str) -> None:
    if table not in {"profile", "people", "touches", "plans", "targets"}:
        raise InvalidValueError(f"unknown table {shown(table)}")


class Tracker:
    """A learner's tracker file. Open one with :func:`open_tracker` or :func:`open_demo`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._con = _connect(self.path)
        self._batch_depth = 0
        try:
            _prepare(self._con, self.path)
            _migrate(self._con, self.path)
        except BaseException:
            self._con.close()
            raise

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        (people,) = self._con.execute("SELECT count(*) FROM people").fetchone()
        (touches,) = self._con.execute("SELECT count(*) FROM touches").fetchone()
        return f"<Tracker {self.path} · {people} people · {touches} touches>"

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; on any error nothing is changed.

        Inside :meth:`batch` it is a savepoint of the batch's transaction instead.
        """
        if self._batch_depth:
            name = f"iv_write_{self._batch_depth}"
            self._con.execute(f"SAVEPOINT {name}")
            try:
                yield self._con
            except BaseException:
                self._con.execute(f"ROLLBACK TO {name}")
                self._con.execute(f"RELEASE {name}")
                raise
            self._con.execute(f"RELEASE {name}")
            return
        _begin_immediate(self._con, self.path)
        try:
            yield self._con
            self._con.execute("COMMIT")  # a deferred check can still refuse the commit
        except BaseException:
            if self._con.in_transaction:
                self._con.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def batch(self) -> Iterator[Tracker]:
        """Make several writes one transaction: all of them are kept, or none.

        >>> import tempfile, pathlib
        >>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
        >>> with t.batch():
        ...     ana = t.add_person("Ana Ruiz")
        ...     _ = t.log(ana, "interview", on=date(2026, 3, 2))
        >>> try:
        ...     with t.batch():
        ...         bo = t.add_person("Bo Lind")
        ...         _ = t.log(bo, "intervew")
        ... except Exception as error:
        ...     type(error).__name__
        'InvalidChoiceError'
        >>> t.people()["name"].tolist()
        ['Ana Ruiz']
        """
        if self._batch_depth:
            with self._write():
                self._batch_depth += 1
                try:
                    yield self
                finally:
                    self._batch_depth -= 1
            return
        with self._write():
            self._batch_depth = 1
            try:
                yield self
            finally:
                self._batch_depth = 0

    @property
    def schema_version(self) -> int:
        return _schema_version(self._con)

    @property
    def revision(self) -> tuple[int, int]:
        """A value that changes whenever data is written, here or by another program.

        Lets a preview made earlier (an import, say) know whether it is still current.
        """
        (version,) = self._con.execute("PRAGMA data_version").fetchone()
        return int(version), self._con.total_changes

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
            ids = range(first, first + count)
            values = list(zip(ids, *rows.values(), itertools.repeat(created, count), strict=False))
            marks = "(" + ", ".join("?" for _ in columns) + ")"
            for start in range(0, count, _BULK_ROWS):
                chunk = values[start : start + _BULK_ROWS]
                con.execute(
                    f"INSERT INTO people ({', '.join(columns)}) VALUES "
                    + ", ".join([marks] * len(chunk)),
                    list(itertools.chain.from_iterable(chunk)),
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

    def _require_person(self, person_id: int, con: sqlite3.Connection | None = None) -> int:
        pid = _person_id(person_id)
        found = (con or self._con).execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone()
        if found is None:
            raise UnknownPersonError(person_id)
        return pid

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
            clauses.append("lower(email) = lower(?)")
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

    # ------------------------------------------------------------ frames

    def _people_frame(self, where: str = "", params: list[Any] | None = None) -> pd.DataFrame:
        rows = self._con.execute(
            f"SELECT {', '.join(_PEOPLE_COLUMNS)} FROM people {where} ORDER BY id", params or []
        ).fetchall()
        frame = pd.DataFrame(rows, columns=list(_PEOPLE_COLUMNS))
        return _typed_people(frame)

    def people(self) -> pd.DataFrame:
        """Everyone in the network, one row a person, in the order they were added."""
        return self._people_frame()

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
        wanted = [str(key) for key in keys]
        bad = [key for key in wanted if not key.isidentifier()]
        if bad:
            raise InvalidValueError(f"detail keys must be simple names (got {bad[0]!r})")
        columns = ["person_id", "at"]
        params: list[Any] = [f"$.{key}" for key in wanted]
        selects = ["person_id", "at"] + ["json_extract(details, ?)" for _ in wanted]
        clauses = ["kind = ?"]
        params.append(TouchKind.parse(kind).value)
        if wanted:
            present = " OR ".join("coalesce(json_extract(details, ?), '') <> ''" for _ in wanted)
            clauses.append(f"({present})")
            params.extend(f"$.{key}" for key in wanted)
        if since is not None:
            clauses.append("at >= ?")
            params.append(utc_text(since))
        if people is not None:  # one JSON parameter, however many ids
            clauses.append("person_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted({_person_id(pid) for pid in people})))
        rows = self._con.execute(
            f"SELECT {', '.join(selects)} FROM touches WHERE {' AND '.join(clauses)}"
            " ORDER BY at, id",
            params,
        ).fetchall()
        frame = pd.DataFrame(rows, columns=columns + wanted)
        frame["person_id"] = frame["person_id"].astype("int64")
        frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
        for key in wanted:
            frame[key] = frame[key].where(frame[key].notna(), None).astype(object)
        return frame

    def touch_summary(self) -> pd.DataFrame:
        """Per person and kind: how many touches and the last one (computed in SQL)."""
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

    def journey(self, today: date | None = None, rules: Policy | None = None) -> pd.DataFrame:
        """Each person's stage, derived from their touches as of ``today``."""
        return _journey.journey_frame(
            self.people(), self.touch_summary(), resolve_today(today), rules
        )

    def due(self, today: date | None = None, rules: Policy | None = None) -> pd.DataFrame:
        """Everything that needs doing, most urgent first (see :func:`infoview.due.due`)."""
        from infoview.due import due

        return due(self, today=today, rules=rules)

    # ------------------------------------------------------------ plans and targets

    def save_plan(self, person_id: int | None, plan: Mapping[str, Any], *, title: str = "") -> int:
        """Store a question plan (as JSON) for a person; returns the plan id."""
        text = _json_text(plan, "a plan's questions and notes")
        with self._write() as con:
            pid = None if person_id is None else self._require_person(person_id, con)
            cursor = con.execute(
                "INSERT INTO plans (person_id, title, plan, created_at) VALUES (?, ?, ?, ?)",
                (pid, clean_text(title, "title") or "", text, utc_text(datetime.now(UTC))),
            )
        return int(cursor.lastrowid or 0)

    def plans(self, person_id: int | None = None) -> pd.DataFrame:
        """Saved question plans, oldest first; ``plan`` is a dict."""
        where, params = "", []
        if person_id is not None:
            where, params = "WHERE person_id = ?", [self._require_person(person_id)]
        rows = self._con.execute(
            f"SELECT id, person_id, title, plan, created_at FROM plans {where} ORDER BY id", params
        ).fetchall()
        frame = pd.DataFrame(rows, columns=["id", "person_id", "title", "plan", "created_at"])
        frame["id"] = frame["id"].astype("int64")
        frame["person_id"] = frame["person_id"].astype("Int64")
        frame["title"] = frame["title"].astype("str")
        frame["plan"] = frame["plan"].map(json.loads).astype(object)
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
        return frame

    def add_target(
        self,
        organisation: str,
        *,
        contact: str | None = None,
        motivation: int = 2,
        advocacy: bool = False,
        posting: bool = False,
        notes: str | None = None,
    ) -> int:
        """Add an organisation (and perhaps a person there) to the target list."""
        row = _target_row(
            organisation=organisation,
            contact=contact,
            motivation=motivation,
            advocacy=advocacy,
            posting=posting,
            notes=notes,
        )
        with self._write() as con:
            cursor = con.execute(
                "INSERT INTO targets (organisation, contact, motivation, advocacy, posting, notes,"
                " created_at) VALUES (:organisation, :contact, :motivation, :advocacy, :posting,"
                " :notes, :created_at)",
                {**row, "created_at": utc_text(datetime.now(UTC))},
            )
        return int(cursor.lastrowid or 0)

    def update_target(self, target_id: int, **fields: Any) -> None:
        """Change a target's score or notes."""
        allowed = {"organisation", "contact", "motivation", "advocacy", "posting", "notes"}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise InvalidValueError(
                f"unknown target field {shown(unknown[0])}; use {', '.join(sorted(allowed))}"
            )
        if (
            isinstance(target_id, bool)
            or not isinstance(target_id, int)
            or not -_LARGEST_ID <= target_id <= _LARGEST_ID
        ):
            raise InvalidValueError(f"there is no target with id {shown(target_id)}")
        checked = _target_row(**{"organisation": "unchanged", **fields})
        values = {name: checked[name] for name in fields}
        assignments = ", ".join(f"{name} = :{name}" for name in values) or "id = id"
        with self._write() as con:
            changed = con.execute(
                f"UPDATE targets SET {assignments} WHERE id = :id", {**values, "id": target_id}
            ).rowcount
            if not changed:
                raise InvalidValueError(f"there is no target with id {shown(target_id)}")

    def targets(self) -> pd.DataFrame:
        """The target list as entered (see :func:`infoview.outreach.targets` to rank it)."""
        rows = self._con.execute(
            f"SELECT {', '.join(_TARGET_COLUMNS)} FROM targets ORDER BY id"
        ).fetchall()
        frame = pd.DataFrame(rows, columns=list(_TARGET_COLUMNS))
        for column in ("id", "motivation"):
            frame[column] = frame[column].astype("int64")
        for column in ("advocacy", "posting"):
            frame[column] = frame[column].astype("bool")
        for column in ("organisation", "contact", "notes"):
            frame[column] = _optional_text(frame[column])
        return frame

    # ------------------------------------------------------------ safekeeping

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
                existing = con.execute(
                    "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM profile)"
                ).fetchone()[0]
                if existing:
                    raise TrackerError(f"{self.path} already holds data; restore into a new file")
                con.execute("PRAGMA defer_foreign_keys = ON")
                for table in ("profile", "people", "touches", "plans", "targets"):
                    if table not in rows:
                        continue
                    columns, values = rows[table]
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


# ---------------------------------------------------------------- opening


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


def _busy(exc: sqlite3.Error) -> bool:
    """True when SQLite says another connection holds a lock (SQLITE_BUSY or SQLITE_LOCKED)."""
    code = int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF  # primary code of an extended one
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc)


def _busy_error(path: Path) -> TrackerError:
    return TrackerError(
        f"the tracker {path} is busy in another program (another notebook or terminal?); "
        "wait a moment and try again"
    )


def _retrying(con: sqlite3.Connection, path: Path, sql: str) -> None:
    """Run one statement, waiting while another process holds a lock (the user never sees it)."""
    deadline = time.monotonic() + _LOCK_RETRY_SECONDS
    while True:
        try:
            con.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise TrackerError(f"the tracker {path} cannot be changed ({exc})") from None
            if time.monotonic() > deadline:
                raise _busy_error(path) from None
            time.sleep(0.05)


def _begin_immediate(con: sqlite3.Connection, path: Path) -> None:
    """Start a write transaction, waiting (up to a minute) for other writers to finish."""
    _retrying(con, path, "BEGIN IMMEDIATE")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(
            path,
            timeout=_BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        con.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as exc:
        raise TrackerError(f"{path} is not an infoview tracker ({exc})") from None
    return con


def _prepare(con: sqlite3.Connection, path: Path) -> None:
    """Check the file is ours before changing anything in it, then switch on WAL and FULL sync.

    A tracker from a newer infoview, or another program's SQLite file, is refused before a
    single byte of it is written.
    """
    try:
        con.execute("BEGIN")  # one consistent snapshot while another process may be creating it
        try:
            _refuse_foreign(con, path, _schema_version(con))
        finally:
            con.execute("COMMIT")
        _retrying(con, path, "PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")
    except sqlite3.OperationalError as exc:
        if _busy(exc):
            raise _busy_error(path) from None
        raise TrackerError(f"{path} is not an infoview tracker ({exc})") from None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged header can do both
        raise TrackerError(f"{path} is not an infoview tracker ({exc})") from None


def _schema_version(con: sqlite3.Connection) -> int:
    has_meta = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _refuse_foreign(con: sqlite3.Connection, path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise TrackerError(
            f"{path} was written by a newer infoview (format {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Upgrade infoview: nothing was changed."
        )
    if version == 0:
        tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
        if tables[0]:
            raise TrackerError(f"{path} is an SQLite file but not an infoview tracker")


def _migrate(con: sqlite3.Connection, path: Path) -> None:
    version = _schema_version(con)
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        from infoview.safekeeping import backup_before_migration

        backup_before_migration(con, path, version)
    # Two notebooks may open a new or old tracker at the same moment: take the write lock,
    # then look again, so only one of them upgrades it.
    _begin_immediate(con, path)
    try:
        version = _schema_version(con)
        _refuse_foreign(con, path, version)
        if version < SCHEMA_VERSION:
            _apply(con, version, SCHEMA_VERSION)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def apply_migrations(con: sqlite3.Connection, from_version: int, to_version: int) -> None:
    """Upgrade the schema step by step, in one transaction."""
    con.execute("BEGIN IMMEDIATE")
    try:
        _apply(con, from_version, to_version)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _apply(con: sqlite3.Connection, from_version: int, to_version: int) -> None:
    for version in range(from_version + 1, to_version + 1):
        for statement in _MIGRATIONS[version].split(";"):
            if statement.strip():
                con.execute(statement)
    con.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(to_version),),
    )


# ---------------------------------------------------------------- rows and frames


def _person_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value))
        except ValueError:
            raise UnknownPersonError(value) from None
    if not -_LARGEST_ID <= value <= _LARGEST_ID:
        raise UnknownPersonError(value)
    return value


def _person_row(
    *,
    name: str,
    email: str | None = None,
    company: str | None = None,
    role: str | None = None,
    url: str | None = None,
    source: str | Source = "cold",
    introduced_by: int | None = None,
    tie: str | Tie = "connection",
    connected_on: date | str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    clean_name = clean_text(name, "name")
    if not clean_name:
        raise InvalidValueError("name must not be empty")
    if connected_on is not None and connected_on != "":
        connected_on = as_day(connected_on, "connected_on")  # a datetime keeps its day
    else:
        connected_on = None
    return {
        "name": clean_name,
        "email": clean_email(email),
        "company": clean_text(company, "company"),
        "role": clean_text(role, "role"),
        "url": clean_text(url, "url"),
        "source": Source.parse(source).value,
        "introduced_by": None if introduced_by is None else _person_id(introduced_by),
        "tie": Tie.parse(tie).value,
        "connected_on": connected_on.isoformat() if connected_on else None,
        "notes": clean_text(notes, "notes", multiline=True),
    }


def _target_row(
    *,
    organisation: object,
    contact: object = None,
    motivation: object = 2,
    advocacy: object = False,
    posting: object = False,
    notes: object = None,
) -> dict[str, Any]:
    organisation_text = clean_text(organisation, "organisation")
    if not organisation_text:
        raise InvalidValueError("organisation must not be empty")
    if isinstance(motivation, bool) or motivation not in (1, 2, 3):
        raise InvalidValueError(f"motivation must be 1, 2 or 3 (got {shown(motivation)})")
    for name, flag in (("advocacy", advocacy), ("posting", posting)):
        if isinstance(flag, str) or flag not in (0, 1):  # True, False, 1, 0 (numpy's too)
            raise InvalidValueError(f"{name} must be True or False (got {shown(flag)})")
    return {
        "organisation": organisation_text,
        "contact": clean_text(contact, "contact"),
        "motivation": int(motivation),
        "advocacy": int(bool(advocacy)),
        "posting": int(bool(posting)),
        "notes": clean_text(notes, "notes", multiline=True),
    }


def _optional_text(series: pd.Series) -> pd.Series:
    """Text with missing values as NaN (pandas' ``str`` dtype)."""
    return series.astype("str")


def _typed_people(frame: pd.DataFrame) -> pd.DataFrame:
    frame["id"] = frame["id"].astype("int64")
    frame["introduced_by"] = frame["introduced_by"].astype("Int64")
    for column in ("name", "source", "tie"):
        frame[column] = frame[column].astype("str")
    for column in ("email", "company", "role", "url", "notes"):
        frame[column] = _optional_text(frame[column])
    frame["connected_on"] = pd.to_datetime(frame["connected_on"], format="ISO8601").dt.date.astype(
        object
    )
    frame["connected_on"] = frame["connected_on"].where(frame["connected_on"].notna(), None)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
    return frame


def _typed_touches(frame: pd.DataFrame) -> pd.DataFrame:
    frame["id"] = frame["id"].astype("int64")
    frame["person_id"] = frame["person_id"].astype("int64")
    frame["kind"] = frame["kind"].astype("str")
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
    for column in ("channel", "subject", "body"):
        frame[column] = _optional_text(frame[column])
    frame["details"] = frame["details"].map(json.loads).astype(object)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
    return frame


# ---------------------------------------------------------------- bulk rows

_BULK_ROWS = 500  # rows per INSERT statement (12 values each, well under SQLite's limit)
_BAD_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_TEXT_FIELDS = {"company": False, "role": False, "url": False, "notes": True}


def _day_text(day: Any) -> str | None:
    """connected_on as stored, with _person_row's checks (a date, or ISO text)."""
    if day is None:
        return None
    if isinstance(day, date) and not isinstance(day, datetime):
        return day.isoformat()
    checked: str | None = _person_row(name="x", connected_on=day)["connected_on"]
    return checked


def _text_column(values: list[Any], what: str, *, multiline: bool) -> list[str | None]:
    """``clean_text`` over a column: one joined search in the common case, exact errors else."""
    cleaned: list[str | None] = []
    for value in values:
        if isinstance(value, str):
            text = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
            cleaned.append(text.strip() or None)
        elif value is None:
            cleaned.append(None)
        else:
            clean_text(value, what)  # raises the learner-facing error
    present = [text for text in cleaned if text is not None]
    limit = MAX_TEXT_CHARS if multiline else MAX_LINE_CHARS
    bad = (_BAD_TEXT if multiline else _BAD_LINE).search("\t".join(present))
    if bad or (present and max(map(len, present)) > limit):
        for text in present:
            clean_text(text, what, multiline=multiline)
    return cleaned


def _people_columns(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """The columns of :func:`_person_row` for a whole frame, with the same checks."""
    if "name" not in frame:
        raise InvalidValueError("a frame of people needs a name column")
    count = len(frame)

    def column(name: str, default: Any = None) -> list[Any]:
        if name not in frame:
            return [default] * count
        values = frame[name] if default is None else frame[name].fillna(default)
        return values.astype(object).where(values.notna(), None).tolist()

    names = _text_column(column("name"), "name", multiline=False)
    if None in names:
        raise InvalidValueError("name must not be empty")
    rows: dict[str, list[Any]] = {"name": names}
    rows["email"] = clean_emails(_text_column(column("email"), "email", multiline=False))
    for name, multiline in _TEXT_FIELDS.items():
        rows[name] = _text_column(column(name), name, multiline=multiline)
    sources = {s: Source.parse(s).value for s in set(column("source", "cold"))}
    rows["source"] = [sources[s] for s in column("source", "cold")]
    rows["introduced_by"] = [None if p is None else _person_id(p) for p in column("introduced_by")]
    ties = {t: Tie.parse(t).value for t in set(column("tie", "connection"))}
    rows["tie"] = [ties[t] for t in column("tie", "connection")]
    days: dict[Any, str | None] = {}
    for day in column("connected_on"):
        if day not in days:
            days[day] = _day_text(day)
    rows["connected_on"] = [days[day] for day in column("connected_on")]
    return rows
