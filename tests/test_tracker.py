"""The tracker: settings, validation with learner-friendly errors, frames, and migrations."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from infoview.errors import InvalidChoiceError, InvalidValueError, TrackerError, UnknownPersonError
from infoview.tracker import SCHEMA_VERSION, Tracker, apply_migrations, open_tracker


def _snapshot(path: Path) -> bytes:
    """The database's content, independent of WAL state."""
    with closing(sqlite3.connect(path)) as con:
        return "\n".join(con.iterdump()).encode()


def test_sqlite_settings(tracker: Tracker) -> None:
    """WAL, synchronous=FULL, foreign keys on and a busy timeout of at least 5 s."""
    con = tracker._con
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_default_tracker_lives_in_the_workspace(workspace: Path) -> None:
    """With no path, the tracker is created in $INFOVIEW_DATA_DIR with a README."""
    with open_tracker() as tracker:
        assert tracker.path == workspace / "infoview.sqlite"
    assert (workspace / "README.txt").read_text().startswith("This folder holds")


def test_add_person_and_read_back(tracker: Tracker) -> None:
    """A person added comes back in people() and person() with their fields."""
    friend = tracker.add_person("Lee Friend")
    pid = tracker.add_person(
        "Ana Ruiz",
        email="Ana@Example.org",
        company="Acme, Inc.",
        role="Researcher",
        source="warm",
        introduced_by=friend,
        tie="ally",
        connected_on=date(2026, 1, 5),
        notes="Met at a talk",
    )
    person = tracker.person(pid)
    assert (person.name, person.email, person.company, person.introduced_by) == (
        "Ana Ruiz",
        "Ana@example.org",
        "Acme, Inc.",
        friend,
    )
    frame = tracker.people()
    assert list(frame["name"]) == ["Lee Friend", "Ana Ruiz"]
    assert frame.loc[1, "connected_on"] == date(2026, 1, 5)
    assert pd.isna(frame.loc[0, "email"])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tie", "frend", "tie must be one of connection, ally, mentor (got 'frend')"),
        ("source", "fax", "source must be one of cold, warm, linkedin, vcard, csv, manual"),
        ("email", "ana@", "'ana@' is not a valid email address"),
        ("name", "   ", "name must not be empty"),
        ("introduced_by", 999, "there is no person with id 999"),
    ],
)
def test_bad_person_input_is_explained_and_changes_nothing(
    tracker: Tracker, field: str, value: object, message: str
) -> None:
    """Each bad field gets a clear error naming the valid choices, and nothing is stored."""
    tracker.add_person("Existing")
    before = _snapshot(tracker.path)
    fields = {"name": "Someone", field: value}
    with pytest.raises(
        (InvalidValueError, UnknownPersonError),
        match=message.replace("(", r"\(").replace(")", r"\)"),
    ):
        tracker.add_person(**fields)  # type: ignore[arg-type]
    assert _snapshot(tracker.path) == before


def test_log_checks_kind_person_and_time(tracker: Tracker) -> None:
    """Unknown kinds and people, and naive datetimes, are refused with reasons."""
    pid = tracker.add_person("Ana")
    before = _snapshot(tracker.path)
    with pytest.raises(InvalidChoiceError, match="kind must be one of intro_requested, introduced"):
        tracker.log(pid, "coffee")
    with pytest.raises(UnknownPersonError, match="no person with id 42"):
        tracker.log(42, "outreach")
    with pytest.raises(InvalidValueError, match="has no time zone"):
        tracker.log(pid, "outreach", on=datetime(2026, 3, 1, 9, 0))  # noqa: DTZ001
    assert _snapshot(tracker.path) == before


def test_touch_times_are_stored_as_utc_instants(tracker: Tracker) -> None:
    """A tz-aware time is stored as the same instant in UTC; details round-trip as a dict."""
    pid = tracker.add_person("Ana")
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/London"))
    tracker.log(pid, "scheduled", on=moment, place_kind="coffee", minutes=30)
    row = tracker.touches().iloc[0]
    assert row["at"] == moment.astimezone(UTC)
    assert str(row["at"].tz) == "UTC"
    assert row["details"] == {"minutes": 30, "place_kind": "coffee"}


def test_profile_round_trip_and_partial_update(tracker: Tracker) -> None:
    """set_profile stores fields; a later call changes only the fields it names."""
    tracker.set_profile(name="Jo", email="jo@example.org", synopsis="one\ntwo\nthree")
    tracker.set_profile(goal="Learn about planning")
    profile = tracker.profile
    assert (profile.name, profile.goal, profile.synopsis_lines) == (
        "Jo",
        "Learn about planning",
        ["one", "two", "three"],
    )


def test_profile_synopsis_is_at_most_three_lines(tracker: Tracker) -> None:
    """A four-line mini-CV is refused, citing the rule."""
    with pytest.raises(
        InvalidValueError, match=r"4 lines; keep it to at most 3 \(contact.synopsis\)"
    ):
        tracker.set_profile(synopsis="a\nb\nc\nd")
    assert tracker.profile.is_empty


def test_update_person_changes_fields_and_validates(tracker: Tracker) -> None:
    """update_person changes the named fields; a bad tie changes nothing."""
    pid = tracker.add_person("Ana", tie="connection")
    assert tracker.update_person(pid, tie="mentor").tie == "mentor"
    with pytest.raises(InvalidChoiceError):
        tracker.update_person(pid, tie="bestie")
    assert tracker.person(pid).tie == "mentor"


def test_add_people_is_all_or_nothing(tracker: Tracker) -> None:
    """One bad record in a batch means none of the batch is stored."""
    with pytest.raises(InvalidValueError):
        tracker.add_people([{"name": "Good"}, {"name": "Bad", "email": "nope"}])
    assert tracker.people().empty
    assert len(tracker.add_people([{"name": "A"}, {"name": "B"}])) == 2


def test_find_people_matches_email_case_insensitively(tracker: Tracker) -> None:
    """Duplicate checks find an email whatever its case, and a URL with or without a slash."""
    tracker.add_person("Ana", email="ana@example.org", url="https://example.org/in/ana/")
    assert list(tracker.find_people(email="ANA@EXAMPLE.ORG")["name"]) == ["Ana"]
    assert list(tracker.find_people(url="https://example.org/in/ana")["name"]) == ["Ana"]
    assert tracker.find_people(email="bo@example.org").empty


def test_plans_and_targets_round_trip(tracker: Tracker) -> None:
    """Saved plans come back as dicts; targets keep their scores."""
    pid = tracker.add_person("Ana")
    tracker.save_plan(pid, {"questions": [{"id": "q1"}]}, title="For Ana")
    assert tracker.plans(pid).iloc[0]["plan"] == {"questions": [{"id": "q1"}]}
    tid = tracker.add_target("Acme", motivation=3, advocacy=True)
    tracker.update_target(tid, posting=True)
    row = tracker.targets().iloc[0]
    assert (row["organisation"], row["motivation"], row["advocacy"], row["posting"]) == (
        "Acme",
        3,
        True,
        True,
    )
    with pytest.raises(InvalidValueError, match="motivation must be 1, 2 or 3"):
        tracker.add_target("Beta", motivation=5)


def _make_v1(path: Path) -> None:
    with closing(sqlite3.connect(path)) as con:
        con.isolation_level = None
        apply_migrations(con, 0, 1)
        con.execute(
            "INSERT INTO people (name, source, tie, created_at) "
            "VALUES ('Old Friend', 'cold', 'ally', '2025-01-01T00:00:00+00:00')"
        )


def test_migration_from_the_first_schema_keeps_data_and_a_backup(tmp_path: Path) -> None:
    """An old tracker is backed up, then upgraded, and keeps every person."""
    path = tmp_path / "old.sqlite"
    _make_v1(path)
    with open_tracker(path) as tracker:
        assert tracker.schema_version == SCHEMA_VERSION
        assert list(tracker.people()["name"]) == ["Old Friend"]
        assert tracker.targets().empty
    backups = list((tmp_path / "backups").glob("old-v1-*.sqlite"))
    assert len(backups) == 1
    with closing(sqlite3.connect(backups[0])) as con:
        assert con.execute("SELECT value FROM meta").fetchone()[0] == "1"
        assert con.execute("SELECT name FROM people").fetchall() == [("Old Friend",)]


def test_newer_schema_is_refused_without_changes(tmp_path: Path) -> None:
    """A tracker from a newer infoview gives a clear error and is left alone."""
    path = tmp_path / "new.sqlite"
    with open_tracker(path) as tracker:
        tracker.add_person("Ana")
        tracker._con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = _snapshot(path)
    with pytest.raises(TrackerError, match="newer infoview"):
        open_tracker(path)
    assert _snapshot(path) == before


def test_files_that_are_not_trackers_are_refused(tmp_path: Path) -> None:
    """A text file or another SQLite database is not mistaken for a tracker."""
    text = tmp_path / "notes.sqlite"
    text.write_text("hello, this is not a database" * 100)
    with pytest.raises(TrackerError, match="not an infoview tracker"):
        open_tracker(text)
    other = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(other)) as con:
        con.execute("CREATE TABLE things (x)")
    with pytest.raises(TrackerError, match="not an infoview tracker"):
        open_tracker(other)


def test_journey_days_follow_the_calendar(tracker: Tracker) -> None:
    """A touch logged with a date lands on that calendar day."""
    pid = tracker.add_person("Ana")
    day = date(2026, 5, 4)
    tracker.log(pid, "outreach", on=day)
    journey = tracker.journey(today=day + timedelta(days=1))
    assert journey.loc[0, "first_contact"].date() == day


# ---------------------------------------------------------------- hardening (issue 9)


def test_ids_beyond_sqlites_range_are_unknown_people(tracker: Tracker) -> None:
    """A huge id is an unknown person or target, not an OverflowError; nothing changes."""
    tracker.add_person("Existing")
    target = tracker.add_target("Acme")
    before = _snapshot(tracker.path)
    huge = 2**70
    with pytest.raises(UnknownPersonError, match="no person with id 1180591620"):
        tracker.person(huge)
    with pytest.raises(UnknownPersonError):
        tracker.log(huge, "update")
    with pytest.raises(UnknownPersonError):
        tracker.add_person("Someone", introduced_by=huge)
    with pytest.raises(InvalidValueError, match="no target with id"):
        tracker.update_target(huge, notes="x")
    assert tracker.targets()["id"].tolist() == [target]
    assert _snapshot(tracker.path) == before


def test_details_and_plans_refuse_what_cannot_be_stored(tracker: Tracker) -> None:
    """A broken surrogate or a circular value in details or a plan is explained; nothing stored."""
    pid = tracker.add_person("Ana")
    loop: list[object] = []
    loop.append(loop)
    before = _snapshot(tracker.path)
    with pytest.raises(InvalidValueError, match="cannot be stored"):
        tracker.log(pid, "interview", notes="broken \ud800 text")
    with pytest.raises(InvalidValueError, match="cannot be stored"):
        tracker.save_plan(pid, {"questions": ["\udcff"]})
    with pytest.raises(InvalidValueError, match="plain values"):
        tracker.save_plan(pid, {"questions": loop})
    assert _snapshot(tracker.path) == before


def test_connected_on_as_a_datetime_keeps_the_day(tracker: Tracker) -> None:
    """A datetime for connected_on is stored as its day, so the person still reads back."""
    pid = tracker.add_person("Ana", connected_on=datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    assert tracker.person(pid).connected_on == date(2026, 1, 5)
    assert tracker.people().loc[0, "connected_on"] == date(2026, 1, 5)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"organisation": ""}, "organisation must not be empty"),
        ({"organisation": None}, "organisation must not be empty"),
        ({"notes": 5}, "notes must be text"),
        ({"motivation": True}, "motivation must be 1, 2 or 3"),
        ({"advocacy": "yes"}, "advocacy must be True or False"),
        ({"contact": "a\nb"}, "contact must be a single line"),
    ],
)
def test_update_target_checks_values_like_add_target(
    tracker: Tracker, fields: dict[str, object], message: str
) -> None:
    """update_target refuses what add_target refuses, with the same words; nothing changes."""
    target = tracker.add_target("Acme", notes="keep")
    before = _snapshot(tracker.path)
    with pytest.raises(InvalidValueError, match=message):
        tracker.update_target(target, **fields)
    assert _snapshot(tracker.path) == before


def test_find_people_refuses_what_is_not_text(tracker: Tracker) -> None:
    """A number or a control character in a search is explained, not an AttributeError."""
    with pytest.raises(InvalidValueError, match="email must be text"):
        tracker.find_people(email=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="control character"):
        tracker.find_people(company="Acme\x00")


def test_times_at_the_ends_of_the_calendar_are_refused(tracker: Tracker) -> None:
    """A time that has no UTC equivalent is explained instead of overflowing."""
    pid = tracker.add_person("Ana")
    edge = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-23)))
    with pytest.raises(InvalidValueError, match="between 1900 and 2200"):
        tracker.log(pid, "update", on=edge)
    assert tracker.touches().empty


def test_a_foreign_sqlite_file_is_left_byte_for_byte(tmp_path: Path) -> None:
    """Another program's database is refused before anything (even its journal mode) changes."""
    other = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(other)) as con:
        con.execute("CREATE TABLE things (x)")
        con.execute("INSERT INTO things VALUES (1)")
        con.commit()
    before = other.read_bytes()
    with pytest.raises(TrackerError, match="not an infoview tracker"):
        open_tracker(other)
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_paths_no_file_system_accepts_are_explained(tracker: Tracker, tmp_path: Path) -> None:
    """A NUL in a path, or an empty one, gives a learner error instead of a ValueError."""
    with pytest.raises(InvalidValueError, match="NUL character"):
        open_tracker(tmp_path / "a\x00b.sqlite")
    with pytest.raises(InvalidValueError, match="NUL character"):
        tracker.backup(tmp_path / "b\x00.sqlite")
    with pytest.raises(InvalidValueError, match="is empty"):
        tracker.export_csv("  ")


def test_dates_outside_1900_to_2200_are_typing_mistakes(tracker: Tracker) -> None:
    """A touch in year 1 or a connection in 9999 is refused before it can upset a frame."""
    pid = tracker.add_person("Ana")
    with pytest.raises(InvalidValueError, match="on must be between 1900 and 2200"):
        tracker.log(pid, "update", on=date(1, 1, 1))
    with pytest.raises(InvalidValueError, match="connected_on must be between 1900 and 2200"):
        tracker.add_person("Bo", connected_on="9999-12-31")
    assert tracker.touches().empty
    assert len(tracker.people()) == 1


def test_a_new_tracker_and_its_side_files_are_private(tmp_path: Path) -> None:
    """The tracker and its -wal/-shm files are readable by their owner only (0600)."""
    import stat

    path = tmp_path / "private.sqlite"
    with open_tracker(path) as tracker:
        tracker.add_person("Ana")
        files = [path, *(path.with_name(path.name + side) for side in ("-wal", "-shm"))]
        assert all(file.exists() for file in files)
        assert {oct(stat.S_IMODE(file.stat().st_mode)) for file in files} == {"0o600"}


def test_the_rollback_journal_is_private_too(tmp_path: Path) -> None:
    """Under a permissive umask, -wal, -shm and a -journal made mid-write are 0600 too."""
    import stat

    path = tmp_path / "private.sqlite"
    previous = os.umask(0)
    try:
        with open_tracker(path) as tracker:
            tracker.add_person("Ana")
            for side in ("-wal", "-shm"):
                mode = path.with_name(path.name + side).stat().st_mode
                assert oct(stat.S_IMODE(mode)) == "0o600"
        with closing(sqlite3.connect(path, isolation_level=None)) as con:
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("BEGIN IMMEDIATE")
            con.execute("UPDATE people SET notes = 'x'")
            journal = path.with_name(path.name + "-journal")
            assert journal.exists()
            assert oct(stat.S_IMODE(journal.stat().st_mode)) == "0o600"
            con.execute("COMMIT")
        assert oct(stat.S_IMODE(path.stat().st_mode)) == "0o600"
    finally:
        os.umask(previous)
