"""Big synthetic data for the step-5 benchmarks, made at run time in a temporary folder.

* :func:`write_connections` writes a LinkedIn ``Connections.csv`` in the current export
  form (the ``Notes:`` preamble, quoted companies with commas, mostly empty emails).
* :func:`build_tracker` fills a new tracker with 50,000 people and 200,000 touches through
  the tracker's restore path, in well under a minute.

Everything is fictional and seeded, so runs are comparable. Nothing is ever committed.
"""

from __future__ import annotations

import csv
import io
import os
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from infoview.tracker import Tracker, open_tracker

# INFOVIEW_BENCH_SCALE shrinks every benchmark (the test suite runs them at 0.01, to show
# they still run); the targets are for the full size.
SCALE = float(os.environ.get("INFOVIEW_BENCH_SCALE", "1"))
PEOPLE = round(50_000 * SCALE)
TOUCHES = round(200_000 * SCALE)
EMAIL_SHARE = 0.1  # LinkedIn shares an address only when the connection allows it
FIRST = ["Ana", "Bo", "Chidi", "Dev", "Efua", "Finn", "Grace", "Hiro", "Inès", "Jamal", "Kwame"]
LAST = ["Ruiz", "Li", "Okafor", "Sharma", "Mensah", "O'Connor", "Nakamura", "Wright", "Holm"]
COMPANIES = ["Acme, Inc.", "Northwind Health", "Lumen Labs", "Cobalt Bank, N.A.", "Quillsoft"]
ROLES = ["UX Researcher", 'Head of "Blue Sky" Research', "Designer, Mobility", "Engineer"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
KINDS = ["outreach", "reply", "reminder", "scheduled", "confirmed", "interview", "update"]
TODAY = date(2026, 11, 26)


def write_connections(folder: Path, rows: int = PEOPLE, seed: int = 5) -> Path:
    """A Connections.csv with ``rows`` fictional connections; returns its path."""
    pick = random.Random(seed)
    buffer = io.StringIO()
    buffer.write('Notes:\n"Synthetic export for infoview benchmarks; every name is made up."\n\n')
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    start = date(2012, 1, 1)
    for i in range(rows):
        first, last = pick.choice(FIRST), pick.choice(LAST)
        day = start + timedelta(days=pick.randrange(5_400))
        writer.writerow(
            [
                first,
                f"{last}{i}",
                f"https://www.linkedin.example.org/in/person-{i}",
                f"person.{i}@example.org" if pick.random() < EMAIL_SHARE else "",
                f"{pick.choice(COMPANIES)} {i % 700}",
                pick.choice(ROLES),
                f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}",
            ]
        )
    path = folder / "Connections.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def build_tracker(
    folder: Path, people: int = PEOPLE, touches: int = TOUCHES, seed: int = 7
) -> Tracker:
    """A new tracker holding ``people`` people and ``touches`` touches over five years."""
    pick = random.Random(seed)
    created = datetime(2026, 11, 1, tzinfo=UTC).isoformat(timespec="seconds")
    sources = ["linkedin"] * 6 + ["cold", "warm", "vcard", "csv", "manual"]
    ties = ["connection"] * 8 + ["ally", "mentor"]
    people_rows = []
    for pid in range(1, people + 1):
        joined = TODAY - timedelta(days=pick.randrange(1_800))
        introducer = pick.randrange(1, pid) if pid > 1 and pick.random() < 0.05 else None
        people_rows.append(
            (
                pid,
                f"Person {pid}",
                None,
                f"Company {pid % 900}",
                None,
                None,
                pick.choice(sources),
                introducer,
                pick.choice(ties),
                joined.isoformat(),
                None,
                created,
            )
        )
    touch_rows = []
    for tid in range(1, touches + 1):
        moment = datetime.combine(TODAY, datetime.min.time(), UTC) - timedelta(
            minutes=pick.randrange(5 * 365 * 24 * 60)
        )
        touch_rows.append(
            (
                tid,
                pick.randrange(1, people + 1),
                pick.choice(KINDS),
                moment.isoformat(timespec="seconds"),
                "email",
                None,
                None,
                "{}",
                created,
            )
        )
    tracker = open_tracker(folder / "big.sqlite")
    tracker.load_rows(
        {
            "people": (list(tracker.table_columns("people")), people_rows),
            "touches": (
                list(tracker.table_columns("touches")),
                touch_rows,
            ),
        }
    )
    return tracker
