"""Bad input never crashes the kit: generated cases across the tracker API, the CLI and imports.

Every case either succeeds or raises an :class:`~infoview.errors.InfoviewError` with a message
for a learner, and after a refusal the tracker is byte-for-byte unchanged (see
:class:`tests.trust.Snapshot` for why the bytes are compared after a WAL checkpoint). An
accepted case must leave every frame readable: no input may brick the tracker for later.

``make test`` runs a fast subset; ``INFOVIEW_SOAK=1`` runs over 1,000 cases in total.

To cover a new importer, add one :class:`Importer` to ``IMPORTERS`` (step 5's LinkedIn, vCard
and CSV imports are there, and the CLI cases include ``infoview import``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.cli import main
from infoview.formats.summary import read_summary
from infoview.network import import_csv, import_linkedin, import_vcard
from infoview.questions.bank import load_bank
from infoview.rules import policy
from infoview.safekeeping import restore
from infoview.tracker import Tracker, open_tracker
from infoview.workshop import participant_summary
from tests.conftest import examples, figure
from tests.trust import (
    OUTCOMES,
    PAYLOADS,
    attempt,
    hostile_text,
    learner_message_problem,
    linkedin_csv,
    populate,
    snapshot,
    storable_line,
    storable_notes,
    vcard,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="module", autouse=True)
def _report_figure() -> Iterator[None]:
    OUTCOMES.clear()
    yield
    total = sum(OUTCOMES.values())
    crashed = sum(n for key, n in OUTCOMES.items() if key.endswith(":crashed"))
    refused = sum(n for key, n in OUTCOMES.items() if key.endswith(":refused"))
    areas = sorted({key.split(":")[0] for key in OUTCOMES})
    by_area = ", ".join(
        f"{area} {sum(n for k, n in OUTCOMES.items() if k.startswith(area + ':'))}"
        for area in areas
    )
    figure(
        f"bad input: {total} cases ({by_area}); {total - refused - crashed} accepted, "
        f"{refused} refused with a learner message, {crashed} crashes"
    )


# ---------------------------------------------------------------- values of every kind

_naive_or_aware = st.datetimes(
    min_value=datetime(1, 1, 2),  # noqa: DTZ001 - generated, then given a zone (or not)
    max_value=datetime(9999, 12, 30),  # noqa: DTZ001
    timezones=st.none() | st.just(UTC) | st.timezones(),
)
_odd_offsets = st.integers(-1439, 1439).map(lambda m: timezone(timedelta(minutes=m)))
_days = st.one_of(
    st.none(),
    st.dates(),
    _naive_or_aware,
    st.builds(
        lambda d, tz: datetime(d.year, d.month, d.day, 23, 59, tzinfo=tz), st.dates(), _odd_offsets
    ),
    st.dates().map(date.isoformat),
    hostile_text(12),
    st.integers(),
    st.floats(),
)
_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    storable_line(12),
    hostile_text(12),
    st.dates(),
    st.binary(max_size=8),
    st.builds(object),
)
_json_value = st.recursive(
    _json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(hostile_text(8), inner, max_size=3)
        | st.frozensets(st.integers(), max_size=2)
    ),
    max_leaves=8,
)
_not_text = st.one_of(st.integers(), st.floats(), st.booleans(), st.dates(), st.builds(object))
# Text fields: often storable, often hostile, sometimes missing or not text at all.
_text = st.one_of(st.none(), storable_line(), storable_line(), hostile_text(), _not_text)
_notes = st.one_of(st.none(), storable_notes(), hostile_text(), _not_text)
_real_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
_on = st.one_of(_real_days, _days)
_ids = st.one_of(
    st.integers(min_value=-1, max_value=4),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.integers(1, 3).map(str),
    hostile_text(6),
    st.none(),
    st.floats(),
    st.booleans(),
)
_source = st.one_of(st.sampled_from(["cold", "warm", "linkedin", "Manual", " csv "]), _text)
_tie = st.one_of(st.sampled_from(["connection", "ally", "mentor", "Mentor"]), _text)
_kind = st.one_of(
    st.sampled_from(["outreach", "interview", "thank_you_email", "Thank you email", "update"]),
    _text,
)
_email = st.one_of(st.none(), st.emails(), st.emails().map(str.upper), hostile_text())
_PEOPLE_FIELDS = ("email", "company", "role", "url", "notes", "source", "tie", "connected_on")
_person_fields = st.fixed_dictionaries(
    {"name": st.one_of(storable_line(), _text)},
    optional={
        "email": _email,
        "company": _text,
        "role": _text,
        "url": _text,
        "notes": _notes,
        "source": _source,
        "tie": _tie,
        "connected_on": _on,
        "introduced_by": _ids,
    },
)
_field_values = {
    "name": _text,
    "email": _email,
    "company": _text,
    "role": _text,
    "url": _text,
    "notes": _notes,
    "source": _source,
    "tie": _tie,
    "connected_on": _on,
    "field": _text,
    "goal": _text,
    "synopsis": _notes,
    "age": _text,
    "phone": _text,
}


def _some_fields(names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A few of ``names``, each with a value of the kind that field gets."""
    return st.lists(st.sampled_from(names), max_size=4, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({name: _field_values[name] for name in chosen})
    )


def _readable(tracker: Tracker) -> None:
    """Everything a notebook reads still reads: accepted input never bricks the tracker."""
    people = tracker.people()
    for pid in people["id"]:
        tracker.person(int(pid))
    tracker.touches()
    tracker.plans()
    tracker.targets()
    tracker.journey()
    tracker.due()
    assert tracker.profile is not None


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[Tracker]:
    with open_tracker(tmp_path / "bad-input.sqlite") as tracker:
        populate(tracker)
        yield tracker


def _check(area: str, tracker: Tracker, action: Callable[[], Any]) -> None:
    if attempt(area, tracker, action) == "accepted":
        _readable(tracker)


# ---------------------------------------------------------------- the tracker API


@settings(max_examples=examples(60, 300))
@given(fields=_person_fields)
def test_adding_people(seeded: Tracker, fields: dict[str, Any]) -> None:
    """add_person with names, emails, dates, ties and sources of every kind."""
    name = fields.pop("name")
    _check("api", seeded, lambda: seeded.add_person(name, **fields))


@settings(max_examples=examples(30, 150))
@given(fields=_some_fields([*_PEOPLE_FIELDS, "name", "age"]))
def test_updating_people(seeded: Tracker, fields: dict[str, Any]) -> None:
    """update_person with any fields, known or not, and any values."""
    pid = int(seeded.people()["id"].iloc[-1])
    _check("api", seeded, lambda: seeded.update_person(pid, **fields))


_detail_key = st.text(st.characters(categories=("L", "N"), max_codepoint=0x2FF), min_size=1)
_touch = st.fixed_dictionaries(
    {
        "person": st.one_of(st.integers(1, 2), _ids),
        "kind": _kind,
        "on": _on,
        "channel": _text,
        "subject": _text,
        "body": _notes,
        "details": st.dictionaries(
            _detail_key.filter(lambda k: k not in {"on", "channel", "subject", "body", "kind"}),
            _json_value,
            max_size=3,
        ),
    }
)


@settings(max_examples=examples(60, 300))
@given(touch=_touch)
def test_logging_touches(seeded: Tracker, touch: dict[str, Any]) -> None:
    """log with any person id, kind, time, text and JSON details."""
    details = touch.pop("details")
    person, kind = touch.pop("person"), touch.pop("kind")
    _check("api", seeded, lambda: seeded.log(person, kind, **touch, **details))


@settings(max_examples=examples(30, 150))
@given(fields=_some_fields(["name", "email", "field", "goal", "synopsis", "phone"]))
def test_setting_the_profile(seeded: Tracker, fields: dict[str, Any]) -> None:
    """set_profile with any fields and values (a four-line mini-CV included)."""
    _check("api", seeded, lambda: seeded.set_profile(**fields))


@settings(max_examples=examples(20, 100))
@given(batch=st.lists(_person_fields, min_size=1, max_size=4))
def test_adding_people_in_one_batch(seeded: Tracker, batch: list[dict[str, Any]]) -> None:
    """add_people stores the whole batch or, if one record is bad, none of it."""
    _check("api", seeded, lambda: seeded.add_people(batch))


@settings(max_examples=examples(30, 150))
@given(person=st.one_of(st.integers(1, 2), _ids), plan=_json_value, title=_text)
def test_saving_plans(seeded: Tracker, person: Any, plan: Any, title: Any) -> None:
    """save_plan with any person, plan content and title."""
    _check("api", seeded, lambda: seeded.save_plan(person, {"plan": plan}, title=title))


_target_values = st.one_of(_text, st.integers(-1, 4), st.booleans())
_target_names = ["contact", "motivation", "advocacy", "posting", "notes"]


@settings(max_examples=examples(30, 150))
@given(
    organisation=st.one_of(storable_line(), _text),
    fields=st.dictionaries(st.sampled_from(_target_names), _target_values, max_size=3),
    update=st.dictionaries(
        st.sampled_from([*_target_names, "organisation", "x"]), _target_values, max_size=3
    ),
    target=st.one_of(st.integers(1, 2), _ids),
)
def test_targets(
    seeded: Tracker,
    organisation: Any,
    fields: dict[str, Any],
    update: dict[str, Any],
    target: Any,
) -> None:
    """add_target and update_target with any values and target ids."""
    _check("api", seeded, lambda: seeded.add_target(organisation, **fields))
    _check("api", seeded, lambda: seeded.update_target(target, **update))


_lookup = st.fixed_dictionaries(
    {"person": _ids, "email": _email, "url": _text, "company": _text, "today": _on}
)


@settings(max_examples=examples(30, 150))
@given(lookup=_lookup)
def test_reading(seeded: Tracker, lookup: dict[str, Any]) -> None:
    """Lookups and frames with any id, search text or today= value never crash."""
    person, today = lookup["person"], lookup["today"]
    search = {key: lookup[key] for key in ("email", "url", "company")}
    _check("api", seeded, lambda: seeded.person(person))
    _check("api", seeded, lambda: seeded.touches(person_id=person))
    _check("api", seeded, lambda: seeded.plans(person_id=person))
    _check("api", seeded, lambda: seeded.find_people(**search))
    _check("api", seeded, lambda: seeded.journey(today=today))
    _check("api", seeded, lambda: seeded.due(today=today))


# ---------------------------------------------------------------- the command line

# Arguments never name anything outside the sandbox: no "/" and no leading "~".
_word = hostile_text(16).filter(lambda w: "/" not in w and not w.startswith("~"))
_token = st.one_of(
    st.sampled_from(
        [
            "where",
            "backup",
            "restore",
            "due",
            "export",
            "csv",
            "--tracker",
            "--today",
            "--format",
            "json",
            "table",
            "--help",
            "-h",
            "--",
            "--tracker=tracker.sqlite",  # the full tracker: only ever named as --tracker
            "export-folder",
            "junk.sqlite",
            "2026-11-26",
            "1-1-1",
            # subcommands and options added by steps 1-4 and the workshop
            "link",
            "questions",
            "ics",
            "summary",
            "--hub",
            "--repo",
            "--branch",
            "https://hub.example.org",
            "--person",
            "1",
            "--sheet",
            "--mode",
            "3b7",
            # step 5: imports (the sandbox holds these three files)
            "import",
            "linkedin",
            "vcard",
            "Connections.csv",
            "contacts.vcf",
            "contacts.csv",
            "hostile.csv",
            "--dry-run",
            "--add-possible",
            "--map",
            "Full name=name",
            "--map=E-mail=email",
            "--invitations",
        ]
    ),
    _word,
    _word.map(lambda w: f"--tracker={w}"),
)
_FULL = "--tracker=tracker.sqlite"
_CSV_MAPS = [
    "Full name=name",
    "E-mail=email",
    "Organisation=company",
    "Job title=role",
    "Met on=connected_on",
    "Comments=notes",
    "First Name=first_name",
    "Company=nom",
    "=name",
]
_date_text = st.one_of(st.dates().map(date.isoformat), hostile_text(10))
# Well-formed commands with hostile names and dates, so the success paths run too.
_well_formed = st.one_of(
    st.tuples(st.just("where"), st.just("--tracker"), _word),
    st.tuples(
        st.just("due"),
        st.just(_FULL),
        st.sampled_from(["--format=table", "--format=csv", "--format=json", "--mode=3b7"]),
        _date_text.map(lambda d: f"--today={d}"),
    ),
    st.tuples(st.just("backup"), _word.map(lambda w: f"copy-{w}.sqlite"), st.just(_FULL)),
    st.tuples(st.just("export"), st.just("csv"), _word.map(lambda w: f"csv-{w}"), st.just(_FULL)),
    st.tuples(st.just("export"), st.just("ics"), _word.map(lambda w: f"{w}.ics"), st.just(_FULL)),
    st.tuples(
        st.just("export"), st.just("summary"), _word.map(lambda w: f"{w}.json"), st.just(_FULL)
    ),
    st.tuples(st.just("questions"), st.just(_FULL), st.sampled_from(["--sheet", "--person=2"])),
    st.tuples(
        st.just("restore"), st.just("export-folder"), _word.map(lambda w: f"--tracker=r-{w}.sqlite")
    ),
    # step 5: every importer, previewed on the full tracker or written to a new one
    st.tuples(
        st.just("import"),
        st.sampled_from(["linkedin Connections.csv", "linkedin hostile.csv", "vcard contacts.vcf"]),
        st.sampled_from(["--dry-run", "--add-possible"]),
        _word.map(lambda w: f"--tracker=i-{w}.sqlite") | st.just(f"--dry-run {_FULL}"),
    ).map(lambda v: " ".join(v).split(" ")),
    st.tuples(
        st.just("import"),
        st.just("csv"),
        st.sampled_from(["contacts.csv", "hostile.csv"]),
        st.lists(st.sampled_from(_CSV_MAPS), min_size=1, max_size=4, unique=True),
        st.sampled_from(["--dry-run", _FULL, "--dry-run " + _FULL]),
    ).map(lambda v: [*v[:3], *(a for m in v[3] for a in ("--map", m)), *v[4].split(" ")]),
).map(list)
_argv = st.one_of(
    st.lists(_token, max_size=6),
    st.tuples(
        st.sampled_from(
            ["where", "backup", "restore", "due", "export", "link", "questions", "import"]
        ),
        st.lists(_token),
    ).map(lambda v: [v[0], *v[1]]),
    _well_formed,
)


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a tracker, an export and a junk file; HOME and cwd point into it."""
    box = tmp_path / "sandbox"
    box.mkdir()
    with open_tracker(box / "tracker.sqlite") as tracker:
        populate(tracker)
        tracker.export_csv(box / "export-folder")
    (box / "junk.sqlite").write_bytes(b"\x00junk" * 50)
    (box / "Connections.csv").write_bytes((SAMPLES / "Connections.csv").read_bytes())
    (box / "contacts.vcf").write_bytes((SAMPLES / "contacts_google_4.0.vcf").read_bytes())
    (box / "contacts.csv").write_bytes((SAMPLES / "contacts_generic.csv").read_bytes())
    hostile = [{"first": p, "last": "=x", "company": p, "role": "@r"} for p in PAYLOADS]
    (box / "hostile.csv").write_bytes(linkedin_csv(hostile))
    monkeypatch.chdir(box)
    monkeypatch.setenv("HOME", str(box))
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(box / "workspace"))
    return box


def _cli_contract(code: object, err: str) -> None:
    assert code in (0, 2), f"exit status {code!r}"
    assert "Traceback" not in err
    if code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one line on stderr, got {err!r:.300}"
        assert lines[0].startswith(("infoview: ", "usage: "))
        assert learner_message_problem(lines[0]) is None, lines[0]


@settings(max_examples=examples(80, 400))
@given(argv=_argv)
def test_cli_arguments_in_process(sandbox: Path, argv: list[str]) -> None:
    """infoview.cli.main with any arguments: exit 0 or 2, one line of error, no traceback."""
    before = snapshot(sandbox / "tracker.sqlite")
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: object = main(argv)
            except SystemExit as exit_:  # argparse: --help, or a usage mistake
                code = exit_.code
    except BaseException:
        OUTCOMES["cli:crashed"] += 1
        raise
    OUTCOMES["cli:refused" if code == 2 else "cli:accepted"] += 1
    if code == 2 and err.getvalue().startswith("usage: "):
        err = io.StringIO(err.getvalue().splitlines()[-1])  # argparse's usage line + error
    _cli_contract(code, err.getvalue())
    if code != 0 or not _writes(argv):
        assert snapshot(sandbox / "tracker.sqlite") == before  # only an import may change it


def _writes(argv: list[str]) -> bool:
    """Whether ``argv`` may rightly change the full tracker: an import that is no dry run."""
    return "import" in argv and "--dry-run" not in argv


def _encodable(argv: list[str]) -> list[str] | None:
    """argv as a real shell passes it: no NUL, and bytes the file system can encode."""
    try:
        return [arg for arg in argv if "\x00" not in arg and os.fsencode(arg) is not None]
    except UnicodeEncodeError:
        return None


@settings(max_examples=examples(6, 40))
@given(argv=_argv)
def test_cli_arguments_in_a_real_process(sandbox: Path, argv: list[str]) -> None:
    """The installed command, run as a learner would, never shows a traceback."""
    real = _encodable(argv)
    if real is None:
        real = ["where"]
    result = subprocess.run(
        [sys.executable, "-m", "infoview.cli", *real],
        cwd=sandbox,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(sandbox)},
        capture_output=True,
        check=False,
        timeout=120,
    )
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode == 2 and err.startswith("usage: "):
        err = err.splitlines()[-1]
    OUTCOMES["cli:refused" if result.returncode == 2 else "cli:accepted"] += 1
    _cli_contract(result.returncode, err)


# ---------------------------------------------------------------- importers


class Importer:
    """One way data comes into the kit from a file.

    ``files`` generates the files to import (name -> bytes), realistic ones damaged at random;
    ``run`` imports from the folder holding them, into or beside ``tracker``. A refusal must
    leave ``tracker`` unchanged and the folder's other files as they were. (A plain class, so
    Hypothesis shows its short repr rather than the whole sample file.)
    """

    def __init__(
        self,
        name: str,
        files: st.SearchStrategy[dict[str, bytes]],
        run: Callable[[Path, Tracker], object],
    ) -> None:
        self.name, self.files, self.run = name, files, run

    def __repr__(self) -> str:
        return f"Importer({self.name!r})"


@st.composite
def _damaged_csv(draw: st.DrawFn, header: list[str], rows: list[list[str]]) -> bytes:
    """A CSV like ``rows``, with cells, columns, encoding or length damaged at random."""
    header, rows = list(header), [list(r) for r in rows]
    for _ in range(draw(st.integers(0, 4))):
        operation = draw(st.sampled_from(["cell", "header", "drop", "add", "blank", "copy"]))
        if operation == "cell" and rows:
            row = draw(st.integers(0, len(rows) - 1))
            cell = draw(st.integers(0, len(rows[row]) - 1)) if rows[row] else 0
            if rows[row]:
                rows[row][cell] = draw(hostile_text(20) | st.integers().map(str))
        elif operation == "header" and header:
            header[draw(st.integers(0, len(header) - 1))] = draw(hostile_text(10))
        elif operation == "drop" and rows and rows[-1]:
            rows[-1].pop()
        elif operation == "add" and rows:
            rows[0].append(draw(hostile_text(5)))
        elif operation == "blank":
            rows.append([])
        elif operation == "copy" and rows:
            rows.append(list(rows[0]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8-sig", "utf-8", "cp1252", "utf-16"]))
    data = buffer.getvalue().encode(encoding, "surrogatepass" if "utf-8" in encoding else "replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def _damaged_bytes(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with bytes flipped, cut short or extended."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(data) - 1))
        data[where] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.booleans()):
        data += draw(st.binary(max_size=64))
    return bytes(data)


def _sample_export() -> dict[str, tuple[list[str], list[list[str]]]]:
    """A real export of a populated tracker, as header and rows per table."""
    import tempfile

    from infoview.formats.csvsafe import read_csv_rows

    with tempfile.TemporaryDirectory() as folder, open_tracker(Path(folder) / "t.sqlite") as t:
        populate(t)
        files = t.export_csv(Path(folder) / "export")
        return {f.stem: read_csv_rows(f) for f in files}


def _sample_backup() -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder, open_tracker(Path(folder) / "t.sqlite") as t:
        populate(t)
        return t.backup(Path(folder) / "backup.sqlite").read_bytes()


def _resource(name: str) -> bytes:
    return resources.files("infoview.resources").joinpath(name).read_bytes()


def _sample_summary() -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder, open_tracker(Path(folder) / "t.sqlite") as t:
        populate(t)
        summary = participant_summary(t, token="0123abcd" * 2)
        return json.dumps(summary).encode()


_EXPORT = _sample_export()
_export_files = st.fixed_dictionaries(
    {
        f"{table}.csv": _damaged_csv(header, rows)
        for table, (header, rows) in _EXPORT.items()
        if table == "people"
    },
    optional={
        f"{table}.csv": _damaged_csv(header, rows)
        for table, (header, rows) in _EXPORT.items()
        if table != "people"
    },
)


def _restore_beside(folder: Path, tracker: Tracker, source: str | None = None) -> None:
    target = tracker.path.with_name("restored.sqlite")
    restore(folder / source if source else folder, target).close()


def _sample_table(name: str) -> tuple[list[str], list[list[str]]]:
    """A sample contacts CSV as header and rows (LinkedIn's ``Notes:`` block left out)."""
    rows = list(csv.reader(io.StringIO((SAMPLES / name).read_text(encoding="utf-8-sig"))))
    start = next(i for i, row in enumerate(rows) if len(row) > 3)
    return rows[start], rows[start + 1 :]


def _contacts_csv_files(name: str) -> st.SearchStrategy[bytes]:
    """The sample damaged cell by cell, or byte by byte (its ``Notes:`` block included)."""
    header, rows = _sample_table(name)
    return _damaged_csv(header, rows) | _damaged_bytes((SAMPLES / name).read_bytes())


_GENERIC_SAMPLE_MAP = {
    "Full name": "name",
    "E-mail": "email",
    "Organisation": "company",
    "Job title": "role",
    "Met on": "connected_on",
    "Comments": "notes",
}
_VCARD_SAMPLES = b"".join(sorted(p.read_bytes() for p in SAMPLES.glob("*.vcf")))
_vcard_person = st.fixed_dictionaries(
    {"name": hostile_text(20)},
    optional={
        field: hostile_text(20) | storable_line()
        for field in ("email", "company", "role", "url", "notes")
    },
)


def _vcard_files() -> st.SearchStrategy[bytes]:
    """Real Google, Apple and Outlook cards damaged, or cards generated with hostile text."""
    generated = st.lists(_vcard_person, min_size=1, max_size=3).map(
        lambda people: vcard(people, errors="surrogatepass")
    )
    return _damaged_bytes(_VCARD_SAMPLES) | generated | generated.flatmap(_damaged_bytes)


IMPORTERS: list[Importer] = [
    Importer("restore from a CSV export", _export_files, _restore_beside),
    Importer(
        "restore from a backup",
        st.fixed_dictionaries({"backup.sqlite": _damaged_bytes(_sample_backup())}),
        lambda folder, tracker: _restore_beside(folder, tracker, "backup.sqlite"),
    ),
    Importer(
        "question bank TOML (step 2)",
        st.fixed_dictionaries({"bank.toml": _damaged_bytes(_resource("questions.toml"))}),
        lambda folder, tracker: load_bank(folder / "bank.toml"),
    ),
    Importer(
        "rules.toml override",
        st.fixed_dictionaries({"rules.toml": _damaged_bytes(_resource("rules.toml"))}),
        lambda folder, tracker: policy(folder / "rules.toml"),
    ),
    Importer(
        "participant summary JSON (workshop)",
        st.fixed_dictionaries({"summary.json": _damaged_bytes(_sample_summary())}),
        lambda folder, tracker: read_summary(folder / "summary.json"),
    ),
    # Step 5: contacts from LinkedIn, vCard and any CSV, written into the tracker itself
    Importer(
        "LinkedIn Connections.csv (step 5)",
        st.fixed_dictionaries({"Connections.csv": _contacts_csv_files("Connections.csv")}),
        lambda folder, tracker: import_linkedin(tracker, folder / "Connections.csv"),
    ),
    Importer(
        "vCard file (step 5)",
        st.fixed_dictionaries({"contacts.vcf": _vcard_files()}),
        lambda folder, tracker: import_vcard(tracker, folder / "contacts.vcf"),
    ),
    Importer(
        "contacts CSV with a mapping (step 5)",
        st.fixed_dictionaries({"contacts.csv": _contacts_csv_files("contacts_generic.csv")}),
        lambda folder, tracker: import_csv(tracker, folder / "contacts.csv", _GENERIC_SAMPLE_MAP),
    ),
]


@pytest.mark.parametrize("importer", IMPORTERS, ids=[i.name for i in IMPORTERS])
@settings(max_examples=examples(25, 150))
@given(data=st.data())
def test_importers_refuse_damaged_files(
    importer: Importer, seeded: Tracker, tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    """Each importer takes a damaged file or refuses it with a learner error, changing nothing."""
    files = data.draw(importer.files)
    folder = tmp_path_factory.mktemp("import")
    for name, content in files.items():
        (folder / name).write_bytes(content)
    workspace_before = sorted(p.name for p in seeded.path.parent.iterdir())
    try:
        outcome = attempt("imports", seeded, lambda: importer.run(folder, seeded))
        if outcome == "refused":
            assert sorted(p.name for p in seeded.path.parent.iterdir()) == workspace_before
        else:
            _readable(seeded)  # an import that was taken never bricks the tracker
    finally:
        for leftover in seeded.path.parent.glob("restored.sqlite*"):
            leftover.unlink()


# ---------------------------------------------------------------- files the kit must never write

_WRITING_COMMANDS = (
    ("export", "ics"),
    ("export", "summary"),
    ("backup",),
)


def _protected_files(tracker: Tracker) -> list[Path]:
    """The tracker, its side files (a notebook holds it open) and a file in backups/."""
    backups = tracker.path.parent / "backups"
    backups.mkdir(exist_ok=True)
    (backups / "old-backup.sqlite").write_bytes(tracker.path.read_bytes())
    side = [tracker.path.with_name(tracker.path.name + s) for s in ("-wal", "-shm", "-journal")]
    return [tracker.path, *side, backups / "old-backup.sqlite", backups / "new.ics"]


def _contents(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def test_no_command_writes_the_tracker_its_side_files_or_backups(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export ics/summary/csv and backup refuse the tracker, -wal/-shm/-journal and backups/."""
    from infoview.demo import fill_demo
    from tests.conftest import TODAY

    refused = 0
    with open_tracker() as tracker:  # open, as in a notebook, while the commands run
        fill_demo(tracker, TODAY)
        targets = _protected_files(tracker)
        before = snapshot(tracker.path)
        for target in targets:
            link = workspace / f"link-to-{target.name}"
            link.symlink_to(target)
            for command in _WRITING_COMMANDS:
                for name in (target, link):
                    for force in ([], ["--force"]):
                        side = {t: _contents(t) for t in targets[1:]}
                        code = main([*command, str(name), *force])
                        err = capsys.readouterr().err
                        assert code == 2, (command, name, force)
                        assert str(target) in err and "Nothing was written" in err, err
                        assert {t: _contents(t) for t in targets[1:]} == side
                        refused += 1
        for force in ([], ["--force"]):
            assert main(["export", "csv", str(targets[4].parent), *force]) == 2
            assert "backups" in capsys.readouterr().err
            refused += 1
        assert not list(targets[4].parent.glob("*.csv"))
        assert snapshot(tracker.path) == before
    figure(f"files refused: {refused} writes onto the tracker, its side files and backups/")


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing file is refused, named, with --force offered; with --force it is replaced."""
    from infoview.demo import open_demo
    from tests.conftest import TODAY

    demo = open_demo(today=TODAY, folder=tmp_path / "demo")
    refused = 0
    for command in (*_WRITING_COMMANDS, ("export", "csv")):
        target = tmp_path / "out" / "-".join(command)
        if command == ("export", "csv"):
            target.mkdir(parents=True)
            kept = target / "people.csv"
        else:
            target.parent.mkdir(exist_ok=True)
            kept = target
        kept.write_text("keep me")
        argv = [*command, str(target), "--tracker", str(demo.path)]
        if command[0] != "backup":
            argv += ["--today", TODAY.isoformat()] if command != ("export", "csv") else []
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert f"{kept} already exists" in err and "--force" in err and "another" in err, err
        assert kept.read_text() == "keep me"
        refused += 1
        assert main([*argv, "--force"]) == 0, capsys.readouterr().err
        assert kept.read_bytes() != b"keep me"
        assert not list(kept.parent.glob(".*.tmp"))  # written atomically, nothing left over
    figure(f"files refused: {refused} existing files kept without --force, replaced with it")
