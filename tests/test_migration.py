"""A tracker written by the first released schema opens, upgrades, keeps a backup, loses nothing.

The committed fixture ``tests/fixtures/tracker-v1.sqlite`` (made by
``tools/make_v1_fixture.py``) is only ever read (read-only, immutable) or copied; every test
works on its own copy in ``tmp_path``.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from infoview.errors import TrackerError
from infoview.model import Source, Tie, TouchKind
from infoview.tracker import SCHEMA_VERSION, open_tracker, schema
from infoview.tracker.schema import _MIGRATIONS, APPLICATION_ID
from tests.conftest import figure
from tests.trust import open_at_once

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "tracker-v1.sqlite"
V1_TABLES = ("meta", "profile", "people", "touches", "plans")


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    with closing(_read_only(path)) as con:
        return con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def _dump(path: Path) -> str:
    with closing(_read_only(path)) as con:
        return "\n".join(con.iterdump())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """A copy of the v1 fixture, where a learner's workspace would keep it."""
    copy = tmp_path / "workspace" / "infoview.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(FIXTURE, copy)
    return copy


@pytest.fixture(autouse=True)
def _fixture_is_never_changed() -> Any:
    before = _sha(FIXTURE)
    yield
    assert _sha(FIXTURE) == before, "a test changed the committed fixture"


def test_the_fixture_is_schema_1_with_rows_in_every_table() -> None:
    """The fixture really is the first schema, and no v1 table is empty (else nothing is proven)."""
    assert _rows(FIXTURE, "meta")[1] == ("schema_version", "1")
    for table in V1_TABLES:
        assert _rows(FIXTURE, table), f"the fixture has no rows in {table}"
    with closing(_read_only(FIXTURE)) as con:
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master")}
    assert "targets" not in tables  # added by schema 2


def test_a_v1_tracker_opens_upgrades_keeps_a_backup_and_loses_nothing(old: Path) -> None:
    """Every row of every v1 table is there after the upgrade; the backup is the v1 file."""
    with open_tracker(old) as tracker:
        assert tracker.schema_version == SCHEMA_VERSION
        people, touches, plans = tracker.people(), tracker.touches(), tracker.plans()
        tracker.journey()
        tracker.due()
        assert tracker.profile.name == "Jo Ortega"
    for table in ("profile", "people", "touches", "plans"):
        assert _rows(old, table) == _rows(FIXTURE, table), f"{table} changed in the upgrade"
    meta_after = dict(_rows(old, "meta"))
    assert meta_after == {**dict(_rows(FIXTURE, "meta")), "schema_version": str(SCHEMA_VERSION)}
    assert (len(people), len(touches), len(plans)) == tuple(
        len(_rows(FIXTURE, t)) for t in ("people", "touches", "plans")
    )
    assert people.loc[people["id"] == 3, "name"].item() == "נועה כהן"
    backups = list((old.parent / "backups").glob("infoview-v1-*.sqlite"))
    assert len(backups) == 1
    assert _dump(backups[0]) == _dump(FIXTURE)
    with open_tracker(old):
        pass  # opening again upgrades nothing and takes no second backup
    assert len(list((old.parent / "backups").iterdir())) == 1
    rows = sum(len(_rows(FIXTURE, t)) for t in V1_TABLES)
    figure(
        f"migration: v1 fixture ({rows} rows in {len(V1_TABLES)} tables) -> v{SCHEMA_VERSION}, "
        "backup kept, 0 rows lost"
    )


def test_an_upgraded_tracker_accepts_everything_a_new_one_does(old: Path) -> None:
    """Every source, tie and touch kind of today can be stored in an upgraded v1 tracker.

    The words live in vocabulary tables: a member added to Source, Tie or TouchKind needs a
    migration that inserts it, or this test fails.
    """
    with open_tracker(old) as tracker:
        for source in Source:
            for tie in Tie:
                tracker.add_person(f"{source.value} {tie.value}", source=source, tie=tie)
        pid = int(tracker.people()["id"].iloc[-1])
        for kind in TouchKind:
            tracker.log(pid, kind)
        assert len(tracker.touches(pid)) == len(TouchKind)


def test_notebooks_opening_an_old_tracker_at_once_upgrade_it_once(old: Path) -> None:
    """Three processes open the v1 tracker at the same instant: all succeed, data intact."""
    open_at_once(old, 3, then="read")
    with open_tracker(old) as tracker:
        assert tracker.schema_version == SCHEMA_VERSION
    for table in ("people", "touches", "plans"):
        assert _rows(old, table) == _rows(FIXTURE, table)
    for backup in (old.parent / "backups").iterdir():  # each one a v1 copy, never a v2
        assert _dump(backup) == _dump(FIXTURE)


def test_a_newer_tracker_is_refused_and_left_byte_for_byte(old: Path) -> None:
    """A tracker from a newer infoview gives a clear error; not one byte of it changes."""
    with closing(sqlite3.connect(old)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        con.commit()
    before = old.read_bytes()
    with pytest.raises(TrackerError, match=r"newer infoview \(format 99.*nothing was changed"):
        open_tracker(old)
    assert old.read_bytes() == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["infoview.sqlite"]  # no backup, no WAL
    figure("newer schema: refused with a clear message, file byte-for-byte unchanged")


def test_the_indexes_serve_the_queries_that_need_them(tmp_path: Path) -> None:
    """The touch summary reads one covering index; an email lookup uses the email index."""
    with open_tracker(tmp_path / "t.sqlite") as tracker:
        plan = tracker._con.execute(
            "EXPLAIN QUERY PLAN SELECT person_id, kind, count(*), max(at), min(at) "
            "FROM touches GROUP BY person_id, kind"
        ).fetchall()
        assert "COVERING INDEX touches_by_kind" in str(plan)
        plan = tracker._con.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM people "
            "WHERE (email IS NOT NULL AND lower(email) = lower(?))",
            ("ana@example.org",),
        ).fetchall()
        assert "INDEX people_by_email" in str(plan)
        indexes = {
            name
            for (name,) in tracker._con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        }
        assert indexes == {"touches_by_person", "touches_by_kind", "people_by_email"}


def _foreign_files(folder: Path) -> dict[str, Path]:
    """SQLite files of other programs (and one that is not SQLite), each in its own folder."""
    recipes = {
        "meta without a version": ["CREATE TABLE meta (key TEXT, value TEXT)"],
        "meta with a text version": [
            "CREATE TABLE meta (key TEXT, value TEXT)",
            "INSERT INTO meta VALUES ('schema_version', 'abc')",
        ],
        "meta claiming version 2": [
            "CREATE TABLE meta (key TEXT, value TEXT)",
            "INSERT INTO meta VALUES ('schema_version', '2')",
            "CREATE TABLE recipes (name TEXT)",
        ],
        "meta of another shape": ["CREATE TABLE meta (id INTEGER, blob BLOB)"],
        "another program's id": [
            "PRAGMA application_id = 1234",
            "CREATE TABLE meta (key TEXT, value TEXT)",
            "INSERT INTO meta VALUES ('schema_version', '3')",
            *(f"CREATE TABLE {t} (x)" for t in ("profile", "people", "touches", "plans")),
        ],
    }
    files = {}
    for number, (name, statements) in enumerate(recipes.items()):
        path = folder / f"f{number}" / "other.sqlite"
        path.parent.mkdir(parents=True)
        with closing(sqlite3.connect(path)) as con:
            for statement in statements:
                con.execute(statement)
            con.commit()
        files[name] = path
    text = folder / "notes" / "notes.sqlite"
    text.parent.mkdir()
    text.write_text("Questions for Sam: how did you start in UX research?\n")
    files["a text file"] = text
    return files


def test_a_foreign_file_is_refused_byte_for_byte_unchanged(tmp_path: Path) -> None:
    """Another program's SQLite file (even one with meta(key, value)) is refused untouched."""
    files = _foreign_files(tmp_path)
    for name, path in files.items():
        before = path.read_bytes()
        with pytest.raises(TrackerError, match="is not an infoview tracker: it is") as refused:
            open_tracker(path)
        message = str(refused.value)
        assert str(path) in message and "Nothing was changed" in message, name
        if name != "a text file":
            assert "another program's SQLite database" in message, name
            assert "tables: " in message, name
        assert path.read_bytes() == before, name
        assert [p.name for p in path.parent.iterdir()] == [path.name], name  # no WAL, no backup
    figure(f"foreign files: {len(files)} refused, {len(files)} left byte-for-byte unchanged")


def test_trackers_carry_the_kits_mark_and_old_ones_are_still_known(old: Path) -> None:
    """A new or upgraded tracker has the kit's application id; the v1 fixture (none) opens."""
    with closing(_read_only(old)) as con:
        assert con.execute("PRAGMA application_id").fetchone() == (0,)
    with open_tracker(old) as upgraded:
        assert upgraded.schema_version == SCHEMA_VERSION
    with open_tracker(old.with_name("new.sqlite")):
        pass
    for path in (old, old.with_name("new.sqlite")):
        with closing(sqlite3.connect(path)) as con:
            assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)


# sha256 of each released migration's SQL. A mismatch means a released migration was
# edited: trackers already upgraded by it would never see the edit. Add a new one instead.
RELEASED_MIGRATIONS = {
    1: "712a83c2f1275af6",
    2: "e7d9e1706d4f3b31",
    3: "93ab458f52746112",
    4: "8d6ef436607d630a",
}


def test_released_migrations_are_never_edited() -> None:
    fingerprints = {
        version: hashlib.sha256(sql.encode()).hexdigest()[:16]
        for version, sql in _MIGRATIONS.items()
        if version in RELEASED_MIGRATIONS
    }
    assert fingerprints == RELEASED_MIGRATIONS
    assert set(_MIGRATIONS) == set(range(1, SCHEMA_VERSION + 1))


def _vocabulary(path: Path) -> dict[str, set[str]]:
    with closing(_read_only(path)) as con:
        return {
            table: {word for (word,) in con.execute(f"SELECT * FROM {table}")}
            for table in ("sources", "ties", "touch_kinds")
        }


def test_the_vocabulary_tables_hold_exactly_the_kits_words(tmp_path: Path, old: Path) -> None:
    """A new tracker and an upgraded one know the same words as the code, no more, no less."""
    with open_tracker(tmp_path / "new.sqlite"):
        pass
    with open_tracker(old):
        pass
    expected = {
        "sources": {m.value for m in Source},
        "ties": {m.value for m in Tie},
        "touch_kinds": {m.value for m in TouchKind},
    }
    assert _vocabulary(tmp_path / "new.sqlite") == expected
    assert _vocabulary(old) == expected


def test_a_new_kind_is_one_migration_and_the_v1_fixture_opens_with_it(
    old: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a touch kind is an INSERT in a new migration; v1 trackers upgrade through it."""
    new_version = SCHEMA_VERSION + 1
    monkeypatch.setitem(
        _MIGRATIONS, new_version, "INSERT INTO touch_kinds (kind) VALUES ('coffee_chat')"
    )
    monkeypatch.setattr(schema, "SCHEMA_VERSION", new_version)
    with open_tracker(old) as tracker:
        assert tracker.schema_version == new_version
        pid = int(tracker.people()["id"].iloc[0])
        touches_before = len(tracker.touches())
    with closing(sqlite3.connect(old)) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(
            "INSERT INTO touches (person_id, kind, at, created_at) VALUES (?, ?, ?, ?)",
            (pid, "coffee_chat", "2026-12-01T10:00:00+00:00", "2026-12-01T10:00:00+00:00"),
        )
        con.commit()
        (count,) = con.execute("SELECT count(*) FROM touches").fetchone()
    assert count == touches_before + 1
    for table in ("profile", "people", "plans"):
        assert _rows(old, table) == _rows(FIXTURE, table)


def test_the_tracker_still_refuses_a_word_it_does_not_know(tmp_path: Path) -> None:
    """Below the kit's own parsers, the file itself keeps out a kind, source or tie it lacks."""
    path = tmp_path / "t.sqlite"
    with open_tracker(path) as tracker:
        pid = tracker.add_person("Ana Ruiz")
    with closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            con.execute(
                "INSERT INTO touches (person_id, kind, at, created_at) VALUES (?, 'coffee', ?, ?)",
                (pid, "2026-12-01T10:00:00+00:00", "2026-12-01T10:00:00+00:00"),
            )
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            con.execute(
                "INSERT INTO people (name, source, tie, created_at) VALUES (?, ?, ?, ?)",
                ("Bo", "cold", "frend", "2026-12-01T10:00:00+00:00"),
            )


def test_the_rebuilt_tables_keep_their_links(old: Path) -> None:
    """After the upgrade that rebuilt people and touches, foreign keys are on and cascade."""
    with open_tracker(old) as tracker:
        (on,) = tracker._con.execute("PRAGMA foreign_keys").fetchone()
        assert on == 1
        assert tracker.check_integrity() == []
        pid = int(tracker.touches()["person_id"].iloc[0])
    with closing(sqlite3.connect(old)) as con:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM people WHERE id = ?", (pid,))
        con.commit()
        (left,) = con.execute("SELECT count(*) FROM touches WHERE person_id = ?", (pid,)).fetchone()
    assert left == 0


def test_an_upgrade_that_would_break_links_changes_nothing(old: Path) -> None:
    """A v1 file holding a touch of a missing person is refused, not half-upgraded."""
    with closing(sqlite3.connect(old)) as con:  # foreign keys off: how such a file is made
        con.execute(
            "INSERT INTO touches (person_id, kind, at, created_at) VALUES (999, 'reply', ?, ?)",
            ("2026-12-01T10:00:00+00:00", "2026-12-01T10:00:00+00:00"),
        )
        con.commit()
    before = _dump(old)
    with pytest.raises(TrackerError, match="points to a missing people row"):
        open_tracker(old)
    assert _dump(old) == before
