"""The tracker: the only code that reads or writes a learner's data.

One SQLite file holds the profile, the people, every touch with them, question plans and
targets. Writes are transactions; the file runs in WAL mode with ``synchronous=FULL``, so an
acknowledged write survives a crash; before any migration a backup is taken with SQLite's
backup API.

>>> import tempfile, pathlib
>>> from datetime import date
>>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> ana = t.add_person("Ana Ruiz", email="ana@example.org", company="Acme", tie="ally")
>>> t.log(ana, "outreach", on=date(2026, 3, 2), subject="Learning about UX research")
1
>>> t.journey(today=date(2026, 3, 5))[["name", "stage"]].to_dict("records")
[{'name': 'Ana Ruiz', 'stage': 'contacted'}]
>>> t.add_person("Bo", tie="frend")
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: tie must be one of connection, ally, mentor (got 'frend')
"""

from infoview.tracker.rows import Column, utc_text
from infoview.tracker.schema import SCHEMA_VERSION, apply_migrations
from infoview.tracker.store import Tracker, open_tracker

__all__ = [
    "SCHEMA_VERSION",
    "Column",
    "Tracker",
    "apply_migrations",
    "open_tracker",
    "utc_text",
]
