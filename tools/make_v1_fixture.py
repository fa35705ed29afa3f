"""Make ``tests/fixtures/tracker-v1.sqlite``: a tracker as the first released schema wrote it.

Run once, from the repository root::

    PYTHONPATH=. python tools/make_v1_fixture.py

The file is committed and the tests only ever copy it. Do not regenerate it after a later
schema change: version 1 is frozen (``infoview.tracker.schema._MIGRATIONS[1]`` is never
edited), and this file is the proof that a learner's old tracker still opens, upgrades and
keeps every row.
It holds realistic rows in every version-1 table (meta, profile, people, touches, plans),
with the text a real learner produces: accents, RTL names, emoji, quotes, commas, line
breaks, a formula-looking company, NULLs where fields were left empty.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from infoview.tracker import apply_migrations

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "tracker-v1.sqlite"

PROFILE = (
    "Jo Ortega",
    "jo.ortega@example.org",
    "Urban planning",
    "Find out how planners got started",
    "Five years in retail management.\nVolunteer on a city cycling board.\nStudying GIS.",
    "2025-09-01T08:00:00+00:00",
)
PEOPLE = [
    # id, name, email, company, role, url, source, introduced_by, tie, connected_on, notes
    (1, "Lee Friend", "lee@example.org", None, None, None, "manual", None, "ally", None, None),
    (
        2,
        "Ana María López",
        "ana.lopez@example.org",
        "City of Springfield, Planning Dept.",
        "Senior planner",
        "https://www.linkedin.com/in/ana-lopez-example",
        "warm",
        1,
        "connection",
        "2025-08-12",
        'Met at the "Streets for People" talk.\nAsked about zoning, transit.',
    ),
    (
        3,
        "נועה כהן",
        None,
        "=Acme Transit",
        "Analyst",
        None,
        "linkedin",
        None,
        "connection",
        "2024-02-29",
        "Prefers mornings 🌅",
    ),
    (
        4,
        "Zoë Ōkubo",
        "zoe@example.org",
        "Ōkubo & Partners",
        None,
        None,
        "cold",
        None,
        "mentor",
        None,
        None,
    ),
]
TOUCHES = [
    # id, person_id, kind, at, channel, subject, body, details
    (
        1,
        1,
        "intro_requested",
        "2025-09-02T09:15:00+00:00",
        "email",
        "Could you introduce me?",
        "Hi Lee,\nwould you introduce me to Ana?",
        {"route": "warm", "via": None},
    ),
    (2, 1, "introduced", "2025-09-04T12:00:00+00:00", "email", None, None, {"route": "warm"}),
    (
        3,
        2,
        "outreach",
        "2025-09-05T08:30:00+00:00",
        "email",
        "Learning about urban planning",
        "Dear Ms López,\nLee suggested I write…",
        {"route": "warm", "via": 1, "draft": "warm"},
    ),
    (
        4,
        2,
        "reply",
        "2025-09-08T16:45:00+00:00",
        "email",
        "Re: Learning about urban planning",
        "Happy to talk!",
        {},
    ),
    (
        5,
        2,
        "scheduled",
        "2025-09-09T10:00:00+00:00",
        "email",
        None,
        None,
        {
            "start": "2025-09-16T10:00:00+02:00",
            "tz": "Europe/Madrid",
            "minutes": 30,
            "place_kind": "coffee",
            "location": "Café Central, Calle Mayor 5",
        },
    ),
    (
        6,
        2,
        "interview",
        "2025-09-16T08:00:00+00:00",
        "in person",
        None,
        None,
        {
            "notes": "Start with a GIS certificate.",
            "answers": {"q1": "Through an internship"},
            "advice": "Join the regional planning association",
            "next_step": "Apply in spring",
            "referrals": ["Zoë Ōkubo"],
        },
    ),
    (
        7,
        2,
        "thank_you_email",
        "2025-09-16T18:00:00+00:00",
        "email",
        "Thank you",
        "Thank you for your time today.",
        {},
    ),
    (
        8,
        3,
        "outreach",
        "2025-10-01T07:00:00+00:00",
        "linkedin",
        None,
        "שלום! Could we talk?",
        {"route": "cold"},
    ),
    (
        9,
        3,
        "reminder",
        "2025-10-12T07:00:00+00:00",
        "linkedin",
        None,
        "A gentle reminder.",
        {"route": "cold"},
    ),
    (
        10,
        2,
        "referral",
        "2025-09-16T18:05:00+00:00",
        None,
        None,
        None,
        {"to": "Zoë Ōkubo", "person_id": 4},
    ),
]
PLANS = [
    (
        1,
        2,
        "Questions for Ana",
        {
            "questions": [
                {"id": "q1", "text": "How did you start?"},
                {"id": "q2", "text": "What does a day look like?"},
            ]
        },
    ),
    (2, None, "My standard questions", {"questions": [{"id": "q1", "text": "How did you start?"}]}),
]


def make(path: Path = FIXTURE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path, isolation_level=None)) as con:
        apply_migrations(con, 0, 1)
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO meta (key, value) VALUES ('created_by', 'infoview 0.1.0 (schema 1)')"
        )
        con.execute(
            "INSERT INTO profile (id, name, email, field, goal, synopsis, updated_at)"
            " VALUES (1, ?, ?, ?, ?, ?, ?)",
            PROFILE,
        )
        for row in PEOPLE:
            con.execute(
                "INSERT INTO people (id, name, email, company, role, url, source, introduced_by,"
                " tie, connected_on, notes, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-09-01T08:00:00+00:00')",
                row,
            )
        for *touch, details in TOUCHES:
            con.execute(
                "INSERT INTO touches (id, person_id, kind, at, channel, subject, body, details,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*touch, json.dumps(details, ensure_ascii=False, sort_keys=True), touch[3]),
            )
        for plan_id, person_id, title, plan in PLANS:
            con.execute(
                "INSERT INTO plans (id, person_id, title, plan, created_at)"
                " VALUES (?, ?, ?, ?, '2025-09-10T20:00:00+00:00')",
                (plan_id, person_id, title, json.dumps(plan, ensure_ascii=False)),
            )
        con.execute("COMMIT")
        con.execute("VACUUM")
    return path


if __name__ == "__main__":
    make()
