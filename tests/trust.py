"""Shared pieces of the trust checks (issue 9): hostile text, honest snapshots, the contract.

The contract every check enforces: an action either succeeds, or raises one of the kit's own
errors (:class:`infoview.errors.InfoviewError`) with a message for a learner, and then the
tracker is byte-for-byte what it was.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from infoview.errors import InfoviewError
from infoview.tracker import Tracker

# Cells that a spreadsheet could read as a formula (OWASP's list, plus NUL).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What an attacker would put in a name, company or note shown in a notebook.
PAYLOADS = ("<img src=x onerror=alert(1)>", '"><script>alert(1)</script>')

RTL = ("שלום עולם", "مرحبا بالعالم", "\u202egnp.exe", "עברית and English mixed", "\u200fمرحبا")
EMOJI = ("👩🏽‍💻", "🇳🇬", "❤️", "🏳️‍🌈", "𝕏", "ß", "İ", "ﬁ", "Å")
ODD = (
    "\x00",
    "\r\n",
    "\u2028",
    "\x85",
    "\ud800",
    "\udcff",
    "\ufeff",
    "\u200b",
    "\u0301",
    "\t",
    '"',
    "'",
    ",",
    ";",
    "\\",
    "%s",
    "{0}",
    "'; DROP TABLE people; --",
    "../../x",
    "~",
    "",
    " ",
)

# Every Unicode character, surrogates and control characters included.
_ANY_CHAR = st.characters(exclude_categories=())
# Characters a one-line field can store (no controls, surrogates or line separators).
_LINE_CHAR = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))


class LongText(str):
    """Very long text whose repr stays short (Hypothesis shows every value it generates)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"LongText({len(self):,} x {self[:1]!r})"


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text at all: RTL, emoji, controls, NUL, lone surrogates, payloads, formulas, huge."""
    piece = st.one_of(
        st.text(_ANY_CHAR, max_size=max_size),
        st.sampled_from(RTL + EMOJI + ODD + PAYLOADS + FORMULA_PREFIXES),
    )
    huge = st.one_of(
        st.integers(1_995, 2_005).map(lambda n: LongText("é" * n)),  # the one-line limit
        st.integers(99_995, 100_005).map(lambda n: LongText("x\n" * (n // 2))),  # notes limit
    )
    return st.one_of(st.lists(piece, max_size=4).map("".join), huge)


def storable_line(max_size: int = 30) -> st.SearchStrategy[str]:
    """One-line text the tracker accepts, starting the way hostile cells start."""
    start = st.sampled_from(("", "=", "+", "-", "@", "'", '"', ",", *PAYLOADS, *RTL, *EMOJI))
    body = st.text(_LINE_CHAR, min_size=1, max_size=max_size)
    return st.tuples(start, body).map("".join).filter(lambda text: text.strip() != "")


def storable_notes(max_size: int = 60) -> st.SearchStrategy[str]:
    """Multi-line text the tracker accepts (line breaks inside, formulas at line starts)."""
    return st.lists(storable_line(max_size), min_size=1, max_size=4).map("\r\n".join)


# ---------------------------------------------------------------- the honest comparison


@dataclass(frozen=True)
class Snapshot:
    """A tracker's content, to compare before and after an action.

    In WAL mode recent commits sit in the ``-wal`` side file, so the main file's bytes alone
    prove nothing. A TRUNCATE checkpoint first moves every commit into the main file and
    empties the WAL; with no commit in between, two snapshots then have identical bytes. The
    SQL dump is kept beside the digest so a failure shows which row changed.
    """

    digest: str
    wal_bytes: int
    dump: str


def snapshot(path: Path) -> Snapshot:
    with closing(sqlite3.connect(path)) as con:
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "a reader or writer kept the checkpoint from finishing"
        dump = "\n".join(con.iterdump())
    wal = path.with_name(path.name + "-wal")
    return Snapshot(
        hashlib.sha256(path.read_bytes()).hexdigest(),
        wal.stat().st_size if wal.exists() else 0,
        dump,
    )


# ---------------------------------------------------------------- the contract

OUTCOMES: Counter[str] = Counter()


def learner_message_problem(message: str) -> str | None:
    """Why an error message is not one for a learner, or None when it is."""
    if not message.strip():
        return "the message is empty"
    if "Traceback (most recent call last)" in message or 'File "' in message:
        return "the message holds traceback text"
    if "database is locked" in message:
        return "SQLite's 'database is locked' reached the learner"
    if len(message) > 600:
        return f"the message is {len(message)} characters long"
    return None


def attempt(area: str, tracker: Tracker, action: Callable[[], Any]) -> str:
    """Run ``action``: it succeeds, or fails with a learner error and changes nothing."""
    before = snapshot(tracker.path)
    message = None
    try:
        action()
    except InfoviewError as error:
        message = str(error)
    except BaseException:
        OUTCOMES[f"{area}:crashed"] += 1
        raise
    if message is None:
        OUTCOMES[f"{area}:accepted"] += 1
        return "accepted"
    problem = learner_message_problem(message)
    assert problem is None, f"{problem}: {message:.300}"
    assert snapshot(tracker.path) == before, "a refused action changed the tracker"
    OUTCOMES[f"{area}:refused"] += 1
    return "refused"


def populate(tracker: Tracker) -> dict[str, int]:
    """A little of everything, in every table, with hostile but storable text."""
    tracker.set_profile(
        name=PAYLOADS[0],
        email="jo@example.org",
        field='=HYPERLINK("http://x")',
        goal="مرحبا 👩🏽‍💻",
        synopsis="-one\n+two\n@three",
    )
    friend = tracker.add_person('Lee, "Friend"', company=PAYLOADS[1], tie="ally")
    ana = tracker.add_person(
        "Ana Ruiz",
        email="ana@example.org",
        company="=Acme, Inc.",
        role="@lead",
        url="https://example.org/in/ana",
        source="warm",
        introduced_by=friend,
        connected_on=date(2026, 1, 5),
        notes=f"{PAYLOADS[0]}\n=1+1\nשלום",
    )
    tracker.log(
        ana,
        "outreach",
        on=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        subject="+Learning about UX",
        body="-Dear Ana,\r\nthanks",
        route="warm",
        via=friend,
    )
    tracker.log(ana, "interview", on=date(2026, 3, 9), notes="@note", answers={"q1": "=x"})
    tracker.save_plan(ana, {"questions": [PAYLOADS[1], "=q"]}, title="-plan")
    tracker.add_target("+Org", contact="@someone", motivation=3, advocacy=True, notes="=n")
    return {"friend": friend, "ana": ana}


# ---------------------------------------------------------------- contacts files (step 5)

# How each kind of contacts file names its columns; the generic CSV is read with this mapping.
LINKEDIN_HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
GENERIC_MAPPING = {
    "Full name": "name",
    "E-mail": "email",
    "Organisation": "company",
    "Job title": "role",
    "Profile": "url",
    "Met on": "connected_on",
    "Comments": "notes",
}


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def linkedin_csv(people: list[dict[str, Any]]) -> bytes:
    """A LinkedIn ``Connections.csv`` (with its ``Notes:`` block) holding ``people``.

    Each person has ``first``, ``last`` and optionally email, company, role, url and
    connected_on (a date, written as LinkedIn does: ``04 Nov 2024``).
    """
    rows = [
        [
            p["first"],
            p.get("last", ""),
            _cell(p.get("url")),
            _cell(p.get("email")),
            _cell(p.get("company")),
            _cell(p.get("role")),
            f"{p['connected_on']:%d %b %Y}" if p.get("connected_on") else "",
        ]
        for p in people
    ]
    notes = b'Notes:\r\n"Emails are shown only when a connection allows it."\r\n\r\n'
    return b"\xef\xbb\xbf" + notes + _csv_bytes(LINKEDIN_HEADER, rows).removeprefix(b"\xef\xbb\xbf")


def generic_csv(people: list[dict[str, Any]]) -> bytes:
    """A contacts CSV with the columns of :data:`GENERIC_MAPPING` (dates as 2026-08-12)."""
    fields = list(GENERIC_MAPPING.values())
    rows = [
        [
            p["connected_on"].isoformat() if f == "connected_on" and p.get(f) else _cell(p.get(f))
            for f in fields
        ]
        for p in people
    ]
    return _csv_bytes(list(GENERIC_MAPPING), rows)


def _vcard_text(value: str) -> str:
    """A vCard 3.0 text value: backslash, comma, semicolon and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def vcard(people: list[dict[str, Any]], errors: str = "strict") -> bytes:
    """A vCard 3.0 file with one card per person (name, email, company, role, url, notes)."""
    properties = {
        "email": "EMAIL",
        "company": "ORG",
        "role": "TITLE",
        "url": "URL",
        "notes": "NOTE",
    }
    lines: list[str] = []
    for p in people:
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_text(p['name'])}"]
        lines += [f"{prop}:{_vcard_text(p[f])}" for f, prop in properties.items() if p.get(f)]
        lines.append("END:VCARD")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8", errors)


# ---------------------------------------------------------------- opening at the same instant

_OPEN_AT = """
import sys, time
from infoview.tracker import open_tracker
start = float(sys.argv[2])
while time.time() < start:
    pass
with open_tracker(sys.argv[1]) as tracker:
    if sys.argv[3] == "write":
        tracker.add_person("opened at once")
    else:
        tracker.people()
"""


def open_at_once(path: Path, processes: int, *, then: str) -> None:
    """Start ``processes`` programs that open ``path`` at the same instant, then ``read`` or
    ``write``; each must succeed with nothing on stderr."""
    import subprocess
    import sys
    import time

    start = time.time() + 3.0  # every process has imported pandas by then
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AT, str(path), str(start), then],
            cwd=Path(__file__).resolve().parents[1],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for opener in openers:
        _, err = opener.communicate(timeout=120)
        assert opener.returncode == 0, err
        assert err == ""
