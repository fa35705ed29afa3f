"""Round trips keep everything: export then restore, backup then open, with hostile text.

Hypothesis builds whole trackers (a profile that may be partly empty, people, touches with
details, plans, targets) whose text starts with formula characters, quotes, commas, holds
line breaks, emoji and RTL text, and sends each through every way out and back in.

To cover a new format, add one :class:`RoundTrip` to ``ROUND_TRIPS``. A way *in* from another
program's file (step 5's LinkedIn, vCard and CSV imports) goes in ``IMPORT_TRIPS`` instead: the
generated file is imported, then ``export_csv`` must hold every field of every person exactly.
"""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.cli import main
from infoview.formats.contacts import name_key, person_key, url_key
from infoview.formats.csvsafe import unneutralise
from infoview.network import ImportResult, import_csv, import_linkedin, import_vcard
from infoview.safekeeping import restore
from infoview.tracker import Tracker, open_tracker
from tests.conftest import examples, figure
from tests.trust import (
    GENERIC_MAPPING,
    PAYLOADS,
    generic_csv,
    linkedin_csv,
    storable_line,
    storable_notes,
    vcard,
)

TABLES = ("profile", "people", "touches", "plans", "targets")


def _cli(*argv: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(list(argv)) == 0


@dataclass(frozen=True)
class RoundTrip:
    """One way out of the kit and back in: ``run(tracker, folder)`` returns the copy, opened."""

    name: str
    run: Callable[[Tracker, Path], Tracker]


def _csv_then_restore(tracker: Tracker, folder: Path) -> Tracker:
    tracker.export_csv(folder / "export")
    return restore(folder / "export", folder / "restored.sqlite")


def _backup_then_open(tracker: Tracker, folder: Path) -> Tracker:
    return open_tracker(tracker.backup(folder / "backup.sqlite"))


def _backup_then_restore(tracker: Tracker, folder: Path) -> Tracker:
    return restore(tracker.backup(folder / "backup.sqlite"), folder / "restored.sqlite")


def _cli_csv_then_cli_restore(tracker: Tracker, folder: Path) -> Tracker:
    _cli("export", "csv", str(folder / "export"), "--tracker", str(tracker.path))
    _cli("restore", str(folder / "export"), "--tracker", str(folder / "restored.sqlite"))
    return open_tracker(folder / "restored.sqlite")


def _cli_backup_then_cli_restore(tracker: Tracker, folder: Path) -> Tracker:
    _cli("backup", str(folder / "backup.sqlite"), "--tracker", str(tracker.path))
    _cli("restore", str(folder / "backup.sqlite"), "--tracker", str(folder / "restored.sqlite"))
    return open_tracker(folder / "restored.sqlite")


ROUND_TRIPS: list[RoundTrip] = [
    RoundTrip("export_csv, then restore", _csv_then_restore),
    RoundTrip("backup, then open", _backup_then_open),
    RoundTrip("backup, then restore", _backup_then_restore),
    RoundTrip("infoview export csv, then infoview restore", _cli_csv_then_cli_restore),
    RoundTrip("infoview backup, then infoview restore", _cli_backup_then_cli_restore),
]

# ---------------------------------------------------------------- whole trackers

_line = st.one_of(storable_line(), st.sampled_from(PAYLOADS))
_maybe_line = st.none() | _line
_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    _line,
)
_details = st.dictionaries(
    st.sampled_from(["notes", "route", "via", "answers", "tz", "minutes", "referrals"]),
    st.recursive(
        _json_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_line, inner)
    ),
    max_size=3,
)
_person = st.fixed_dictionaries(
    {"name": _line},
    optional={
        "email": st.sampled_from(["ana@example.org", "zoë.ōkubo@example.org", "a+b@example.co"]),
        "company": _maybe_line,
        "role": _maybe_line,
        "url": _maybe_line,
        "notes": st.none() | storable_notes(),
        "source": st.sampled_from(["cold", "warm", "linkedin", "vcard", "csv", "manual"]),
        "tie": st.sampled_from(["connection", "ally", "mentor"]),
        "connected_on": st.none() | st.dates(date(1990, 1, 1), date(2100, 12, 31)),
    },
)
_touch = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["outreach", "reply", "scheduled", "interview", "update"]),
        "on": st.dates(date(2000, 1, 1), date(2100, 1, 1))
        | st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.timezones()),  # noqa: DTZ001
        "subject": _maybe_line,
        "body": st.none() | storable_notes(),
        "details": _details,
    }
)
_world = st.fixed_dictionaries(
    {
        "profile": st.dictionaries(
            st.sampled_from(["name", "field", "goal"]), _line, max_size=3
        ),  # partly empty on purpose: empty required text must survive too
        "synopsis": st.none() | st.lists(_line, min_size=1, max_size=3).map("\n".join),
        "people": st.lists(
            st.tuples(_person, st.lists(_touch, max_size=3), st.booleans()),
            min_size=1,
            max_size=4,
        ),
        "plans": st.lists(st.tuples(st.none() | _line, _details), max_size=2),
        "targets": st.lists(
            st.tuples(_line, _maybe_line, st.integers(1, 3), st.booleans(), st.none() | _line),
            max_size=2,
        ),
    }
)


def _build(world: dict[str, Any], tracker: Tracker) -> None:
    profile = dict(world["profile"])
    if world["synopsis"]:
        profile["synopsis"] = world["synopsis"]
    if profile:
        tracker.set_profile(**profile)
    ids: list[int] = []
    for person, touches, introduced in world["people"]:
        fields = dict(person)
        if introduced and ids:
            fields["introduced_by"] = ids[-1]
        pid = tracker.add_person(fields.pop("name"), **fields)
        ids.append(pid)
        for generated in touches:
            touch = dict(generated)
            tracker.log(pid, touch.pop("kind"), **touch.pop("details"), **touch)
    for title, plan in world["plans"]:
        tracker.save_plan(ids[0], plan, title=title or "")
    for organisation, contact, motivation, advocacy, notes in world["targets"]:
        tracker.add_target(
            organisation, contact=contact, motivation=motivation, advocacy=advocacy, notes=notes
        )


def _assert_identical(original: Tracker, copy: Tracker) -> None:
    """Same profile, same frames, and the same raw rows in every table."""
    assert copy.profile == original.profile
    for frame in ("people", "touches", "plans", "targets"):
        pd.testing.assert_frame_equal(getattr(original, frame)(), getattr(copy, frame)(), obj=frame)
    for table in TABLES:
        assert copy.table_rows(table) == original.table_rows(table), table


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="infoview-round-trip-") as name:
        yield Path(name)


_trips: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_figure() -> Iterator[None]:
    yield
    if _trips:
        kinds = ", ".join(f"{name} {count}" for name, count in _trips.items())
        figure(f"round trips: {sum(_trips.values())} generated trackers identical after ({kinds})")


@pytest.mark.parametrize("trip", ROUND_TRIPS, ids=[t.name for t in ROUND_TRIPS])
@settings(max_examples=examples(8, 60))
@given(world=_world)
def test_round_trip_gives_identical_frames(trip: RoundTrip, world: dict[str, Any]) -> None:
    """Every generated tracker comes back identical, frame for frame and row for row."""
    with _folder() as folder, open_tracker(folder / "original.sqlite") as original:
        _build(world, original)
        with trip.run(original, folder) as copy:
            _assert_identical(original, copy)
    _trips[trip.name] = _trips.get(trip.name, 0) + 1


@settings(max_examples=examples(20, 150))
@given(person=_person, notes=storable_notes())
def test_what_you_type_is_what_you_get_back(person: dict[str, Any], notes: str) -> None:
    """Hostile but valid text is stored exactly (trimmed; CR LF as LF), never refused."""
    with _folder() as folder, open_tracker(folder / "t.sqlite") as tracker:
        fields = {**person, "notes": notes}
        stored = tracker.person(tracker.add_person(**fields))
        assert stored.name == person["name"].strip()
        assert stored.notes == notes.replace("\r\n", "\n").strip()
        for name in ("company", "role", "url"):
            value = person.get(name)
            assert getattr(stored, name) == (value.strip() if value else None)
        assert stored.created_at.tzinfo is not None
        assert stored.created_at <= datetime.now(UTC)


# ---------------------------------------------------------------- an import, then an export


@dataclass(frozen=True)
class ImportTrip:
    """A file from another program, imported, then exported: every field the user had stays.

    ``write`` makes the file from generated people; ``run(tracker, path)`` imports it;
    ``expected(person)`` is each person as the tracker's ``people.csv`` columns must hold them.
    """

    name: str
    write: Callable[[list[dict[str, Any]]], bytes]
    run: Callable[[Tracker, Path], ImportResult]
    expected: Callable[[dict[str, Any]], dict[str, str]]


def _text(value: object) -> str:
    """A one-line field as stored: trimmed, empty as nothing."""
    return value.strip() if isinstance(value, str) else ""


def _day(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else ""


def _from_linkedin(person: dict[str, Any]) -> dict[str, str]:
    """First and last name make the name; Position is the role; URL, the profile link."""
    return {
        "name": f"{person['first'].strip()} {person['last'].strip()}".strip(),
        "email": _text(person.get("email")),
        "company": _text(person.get("company")),
        "role": _text(person.get("role")),
        "url": _text(person.get("url")),
        "connected_on": _day(person.get("connected_on")),
        "source": "linkedin",
    }


def _from_card_or_csv(source: str) -> Callable[[dict[str, Any]], dict[str, str]]:
    def expected(person: dict[str, Any]) -> dict[str, str]:
        notes = person.get("notes")
        return {
            "name": " ".join(person["name"].split()),  # both readers tidy a name's spaces
            "email": _text(person.get("email")),
            "company": _text(person.get("company")),
            "role": _text(person.get("role")),
            "url": _text(person.get("url")),
            "connected_on": _day(person.get("connected_on")) if source == "csv" else "",
            "notes": notes.replace("\r\n", "\n").strip() if notes else "",
            "source": source,
        }

    return expected


IMPORT_TRIPS: list[ImportTrip] = [
    ImportTrip(
        "import_linkedin, then export_csv",
        linkedin_csv,
        import_linkedin,
        _from_linkedin,
    ),
    ImportTrip(
        "import_vcard, then export_csv",
        vcard,
        import_vcard,
        _from_card_or_csv("vcard"),
    ),
    ImportTrip(
        "import_csv (every column mapped), then export_csv",
        generic_csv,
        lambda tracker, path: import_csv(tracker, path, GENERIC_MAPPING),
        _from_card_or_csv("csv"),
    ),
]

_EMAILS = ("ana@example.org", "zoë.ōkubo@example.org", "a+b@example.co", "o'neil@example.org")
_days = st.dates(date(1990, 1, 1), date(2100, 12, 31))
_imported = st.fixed_dictionaries(
    {"first": _line, "last": _line},
    optional={
        "email": st.sampled_from(_EMAILS),
        "company": _line,
        "role": _line,
        "url": _line,
        "connected_on": _days,
        "notes": storable_notes(),
    },
).map(lambda p: {**p, "name": f"{p['first']} {p['last']}"})


def _distinct(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each email made distinct (p1.ana@...), so no one is a duplicate of anyone else."""
    return [
        {**p, "email": f"p{i}.{p['email']}"} if "email" in p else p for i, p in enumerate(people)
    ]


# Nobody in a file is a duplicate of another: not by profile URL, nor by name and company.
_import_people = st.lists(
    _imported,
    min_size=1,
    max_size=5,
    unique_by=(
        lambda p: url_key(p.get("url")) or id(p),
        lambda p: person_key(p["name"], p.get("company")) or id(p),
        lambda p: (
            person_key(f"{p['first'].strip()} {p['last'].strip()}", p.get("company")) or id(p)
        ),
        lambda p: name_key(p["name"]) if p.get("company") is None else id(p),
    ),
).map(_distinct)


def _people_csv(tracker: Tracker, folder: Path) -> dict[str, dict[str, str]]:
    """Rows of the exported people.csv by id, each cell read back as the text it stands for."""
    tracker.export_csv(folder)
    with (folder / "people.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["id"]: {k: unneutralise(v) for k, v in row.items()} for row in rows}


_imports: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_import_figure() -> Iterator[None]:
    yield
    if _imports:
        kinds = ", ".join(f"{name} {count}" for name, count in _imports.items())
        people = _imports_people[0]
        figure(
            f"import round trips: {sum(_imports.values())} generated files, {people} people, "
            f"every field back exactly in people.csv ({kinds})"
        )


_imports_people = [0]


@pytest.mark.parametrize("trip", IMPORT_TRIPS, ids=[t.name for t in IMPORT_TRIPS])
@settings(max_examples=examples(8, 100))
@given(people=_import_people)
def test_import_then_export_keeps_every_field(
    trip: ImportTrip, people: list[dict[str, Any]]
) -> None:
    """Every field of every person in a generated file is in people.csv, exactly."""
    with _folder() as folder, open_tracker(folder / "t.sqlite") as tracker:
        path = folder / "contacts"
        path.write_bytes(trip.write(people))
        result = trip.run(tracker, path)
        assert (result.added, result.duplicates, result.skipped) == (len(people), 0, 0), result
        rows = _people_csv(tracker, folder / "export")
        for pid, person in zip(result.ids, people, strict=True):
            row = rows[str(pid)]
            for column, value in trip.expected(person).items():
                assert row[column] == value, (column, person)
    _imports[trip.name] = _imports.get(trip.name, 0) + 1
    _imports_people[0] += len(people)


# ---------------------------------------------------------------- local days across DST

# Each zone's summer and winter day (Sydney's summer is in January).
_SEASONS = {
    "America/New_York": (date(2026, 7, 10), date(2026, 1, 15)),
    "Europe/Berlin": (date(2026, 7, 10), date(2026, 1, 15)),
    "Australia/Sydney": (date(2026, 1, 15), date(2026, 7, 10)),
}


@pytest.fixture
def system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the machine's zone (TZ, as a learner's computer would) for one test."""
    import time as clock

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        clock.tzset()

    yield use
    monkeypatch.undo()
    clock.tzset()


def test_an_email_keeps_its_local_day_and_reminder_across_dst(
    tmp_path: Path, system_zone: Callable[[str], None]
) -> None:
    """Emails at 00:30 and 23:30, summer or winter, keep their day read in the other season."""
    from datetime import time, timedelta
    from zoneinfo import ZoneInfo

    from infoview.due import local_days

    right = 0
    for number, (name, (summer, winter)) in enumerate(_SEASONS.items()):
        system_zone(name)
        zone = ZoneInfo(name)
        for sent_on, read_on in ((summer, winter), (winter, summer)):
            for clock_time in (time(0, 30), time(23, 30)):
                path = tmp_path / f"{number}-{sent_on}-{clock_time.hour}.sqlite"
                with open_tracker(path) as tracker:
                    late = tracker.add_person("Ana Ruiz", email="ana@example.org")
                    noon = tracker.add_person("Bo Lind", email="bo@example.org")
                    at = datetime.combine(sent_on, clock_time, tzinfo=zone)
                    tracker.log(late, "outreach", on=at, subject="UX research")
                    tracker.log(noon, "outreach", on=at.replace(hour=12, minute=0), subject="UX")
                    days = local_days(tracker.touches()["at"])
                    assert [str(day) for day in days] == [str(sent_on)] * 2, (name, at)
                    due = tracker.due(today=read_on + timedelta(days=365))
                    reminders = due[due["rule"] == "contact.reminder"].set_index("person_id")
                    assert reminders.loc[late, "due_on"] == reminders.loc[noon, "due_on"], at
                    right += 1
    figure(
        f"DST: {right} emails in {len(_SEASONS)} zones (summer read in winter and back, "
        f"00:30 and 23:30) on the right day with the right reminder, 0 wrong"
    )
