"""The tracker's SQL schema: migrations, connecting, and opening a file safely.

Each migration upgrades the schema by one version, in one transaction. Opening checks the
file is an infoview tracker before writing to it, and two programs opening (or upgrading)
one file at the same moment wait for each other instead of failing.

>>> import sqlite3
>>> con = sqlite3.connect(":memory:", isolation_level=None)
>>> apply_migrations(con, 0, SCHEMA_VERSION)
>>> _schema_version(con) == SCHEMA_VERSION
True
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Self

from infoview.errors import StorageError, TrackerError, damaged, storage_problem

SCHEMA_VERSION = 4
# The kit's own mark in the SQLite header ("infv"); trackers made before it had none and
# are recognised by their tables instead.
APPLICATION_ID = int.from_bytes(b"infv", "big")
_TRACKER_TABLES = frozenset({"meta", "profile", "people", "touches", "plans"})
_SQLITE_HEADER = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 10_000
_LOCK_RETRY_SECONDS = 60.0


# Each entry upgrades the schema by one version. They are literal SQL, and a test holds
# each one's fingerprint: never edit a released migration, add the next one. A new touch
# kind, source or tie is a new migration that inserts it into its vocabulary table (4).
_MIGRATIONS: dict[int, str] = {
    1: """
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
            source TEXT NOT NULL CHECK (source IN ('cold', 'warm', 'linkedin', 'vcard', 'csv', 'manual')),
            introduced_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            tie TEXT NOT NULL CHECK (tie IN ('connection', 'ally', 'mentor')),
            connected_on TEXT, notes TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE touches (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('intro_requested', 'introduced', 'outreach', 'reminder', 'reply', 'declined', 'scheduled', 'confirmed', 'interview', 'thank_you_email', 'thank_you_card', 'gift', 'update', 'referral')),
            at TEXT NOT NULL,
            channel TEXT, subject TEXT, body TEXT,
            details TEXT NOT NULL DEFAULT '{}',
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
    """,  # noqa: E501 - version 1 as released, byte for byte
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
    # The touch summary reads only this index. Most imported people have no email and no
    # lookup by company needs an index, so a large import maintains one small index.
    3: """
        CREATE INDEX touches_by_kind ON touches (person_id, kind, at);
        DROP INDEX people_by_company;
        DROP INDEX people_by_email;
        CREATE INDEX people_by_email ON people (lower(email)) WHERE email IS NOT NULL;
    """,
    # Vocabulary as data: the CHECKs built from version 1's lists become references to
    # tables that later migrations extend. SQLite cannot alter a CHECK, so people and
    # touches are rebuilt (with foreign keys off, see _without_foreign_keys).
    4: """
        CREATE TABLE sources (source TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO sources VALUES ('cold'), ('warm'), ('linkedin'), ('vcard'), ('csv'),
            ('manual');
        CREATE TABLE ties (tie TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO ties VALUES ('connection'), ('ally'), ('mentor');
        CREATE TABLE touch_kinds (kind TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO touch_kinds VALUES ('intro_requested'), ('introduced'), ('outreach'),
            ('reminder'), ('reply'), ('declined'), ('scheduled'), ('confirmed'), ('interview'),
            ('thank_you_email'), ('thank_you_card'), ('gift'), ('update'), ('referral');
        CREATE TABLE people_v4 (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            email TEXT, company TEXT, role TEXT, url TEXT,
            source TEXT NOT NULL REFERENCES sources (source),
            introduced_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            tie TEXT NOT NULL REFERENCES ties (tie),
            connected_on TEXT, notes TEXT,
            created_at TEXT NOT NULL
        );
        INSERT INTO people_v4 SELECT id, name, email, company, role, url, source,
            introduced_by, tie, connected_on, notes, created_at FROM people;
        CREATE TABLE touches_v4 (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL REFERENCES touch_kinds (kind),
            at TEXT NOT NULL,
            channel TEXT, subject TEXT, body TEXT,
            details TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        INSERT INTO touches_v4 SELECT id, person_id, kind, at, channel, subject, body,
            details, created_at FROM touches;
        DROP TABLE touches;
        DROP TABLE people;
        ALTER TABLE people_v4 RENAME TO people;
        ALTER TABLE touches_v4 RENAME TO touches;
        CREATE INDEX touches_by_person ON touches (person_id, at);
        CREATE INDEX touches_by_kind ON touches (person_id, kind, at);
        CREATE INDEX people_by_email ON people (lower(email)) WHERE email IS NOT NULL;
    """,
}


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


def _translated(path: Path, exc: sqlite3.Error) -> sqlite3.Error | StorageError:
    """A disk or damage failure as the kit's error naming ``path``; anything else as it was."""
    return storage_problem(path, exc) or exc


class _Cursor(sqlite3.Cursor):
    """A cursor whose storage failures (full, read-only, damaged) are the kit's own errors."""

    path: Path

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise _translated(self.path, exc) from None

    def executemany(self, sql: str, parameters: Any, /) -> Self:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise _translated(self.path, exc) from None

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise _translated(self.path, exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise _translated(self.path, exc) from None

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as exc:
            raise _translated(self.path, exc) from None

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise _translated(self.path, exc) from None


class TrackerConnection(sqlite3.Connection):
    """The tracker's connection: every statement's storage failure names the tracker file."""

    path: Path

    def cursor(self, factory: Any = None) -> _Cursor:  # type: ignore[override]
        cursor = super().cursor(_Cursor)
        cursor.path = self.path
        return cursor

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> _Cursor:
        return self.cursor().executemany(sql, parameters)


def _connect(path: Path) -> sqlite3.Connection:
    """Open the tracker; a new one is made readable by its owner only (0600), side files too.

    SQLite gives its ``-wal``, ``-shm`` and ``-journal`` files the tracker's own mode.
    """
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise storage_problem(path, exc) or exc from None
    else:
        os.close(descriptor)
    try:
        con = sqlite3.connect(
            path,
            timeout=_BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            factory=TrackerConnection,
        )
        con.path = path
        con.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as exc:
        unreadable = _foreign(path, f"SQLite cannot read it ({exc})")
        raise storage_problem(path, exc) or unreadable from None
    return con


def identify(path: Path) -> None:
    """Refuse a file that is not an infoview tracker, reading it read-only: nothing is written.

    A tracker carries the kit's application id; an older one is known by its tables and its
    ``meta`` row ``schema_version``. A missing or empty file is a new tracker.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise TrackerError(f"cannot read {path}: {exc.strerror}") from None
    if not header:
        return
    if header != _SQLITE_HEADER:
        raise _foreign(path, "it is not an SQLite database at all (another kind of file)")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as con:
            con.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            (application_id,) = con.execute("PRAGMA application_id").fetchone()
            tables = sorted(
                str(name)
                for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            )
            version = _stored_version(con) if "meta" in tables else None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
            raise _busy_error(path) from None
        raise storage_problem(path, exc) or damaged(path, exc) from None
    if application_id == APPLICATION_ID or (application_id == 0 and not tables):
        return
    if application_id == 0 and set(tables) >= _TRACKER_TABLES and version is not None:
        return  # a tracker from before the application id
    owner = f"application id {application_id:#x}, " if application_id else ""
    named = ", ".join(tables[:4]) + (", ..." if len(tables) > 4 else "")
    raise _foreign(path, f"it is another program's SQLite database ({owner}tables: {named})")


def _foreign(path: Path, seems: str) -> TrackerError:
    return TrackerError(
        f"{path} is not an infoview tracker: {seems}. Nothing was changed; give the path of "
        "your tracker ('infoview where' shows it), or a new file name to start a tracker"
    )


def _stored_version(con: sqlite3.Connection) -> int | None:
    """The ``meta`` table's schema_version as a whole number, or None if it holds none."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # a meta table without key and value columns
        return None
    text = str(row[0]) if row else ""
    return int(text) if text.isdigit() and 0 < int(text) < 10_000 else None


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
    return _stored_version(con) or 0


def _refuse_foreign(con: sqlite3.Connection, path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise TrackerError(
            f"{path} was written by a newer infoview (format {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Upgrade infoview: nothing was changed."
        )
    if version == 0:
        tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
        if tables[0]:
            raise _foreign(path, "it is another program's SQLite database")


def _migrate(con: sqlite3.Connection, path: Path) -> None:
    version = _schema_version(con)
    if version == SCHEMA_VERSION:
        return
    backup = None
    if version > 0:  # (SQLite cannot copy a file while this connection holds its write lock)
        from infoview.tracker.copies import backup_before_migration

        backup = backup_before_migration(con, path, version)
    # Two notebooks may open a new or old tracker at the same moment: take the write lock,
    # then look again, so only one of them upgrades it.
    with _without_foreign_keys(con):
        _begin_immediate(con, path)
        try:
            if _schema_version(con) != version:  # another program upgraded it meanwhile
                con.execute("ROLLBACK")
                if backup is not None:  # possibly taken after that upgrade: not a "before" copy
                    backup.unlink(missing_ok=True)
                _migrate(con, path)  # start again from what it left (usually: nothing to do)
                return
            _refuse_foreign(con, path, version)
            _apply(con, version, SCHEMA_VERSION)
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


def apply_migrations(con: sqlite3.Connection, from_version: int, to_version: int) -> None:
    """Upgrade the schema step by step, in one transaction."""
    with _without_foreign_keys(con):
        con.execute("BEGIN IMMEDIATE")
        try:
            _apply(con, from_version, to_version)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


@contextmanager
def _without_foreign_keys(con: sqlite3.Connection) -> Iterator[None]:
    """Foreign keys off around a migration's transaction (SQLite ignores the switch inside one).

    A migration that rebuilds a table drops the old one; with foreign keys on, that would
    delete every row pointing to it. :func:`_apply` checks the links before committing.
    """
    (was_on,) = con.execute("PRAGMA foreign_keys").fetchone()
    con.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        if was_on:
            con.execute("PRAGMA foreign_keys = ON")


def _apply(con: sqlite3.Connection, from_version: int, to_version: int) -> None:
    for version in range(from_version + 1, to_version + 1):
        for statement in _MIGRATIONS[version].split(";"):
            if statement.strip():
                con.execute(statement)
    broken = con.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise TrackerError(
            f"the tracker cannot be upgraded: its {table} row {rowid} points to a missing "
            f"{parent} row ({len(broken)} such links). Nothing was changed; restore a backup "
            "from backups/ with: infoview restore BACKUP --tracker NEW-FILE"
        )
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(to_version),),
    )
