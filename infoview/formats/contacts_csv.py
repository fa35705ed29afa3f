"""Any contacts CSV, read through a column mapping such as ``{"Full name": "name"}``.

Column names are matched ignoring case and spaces; the header row may come after a few
lines of notes; commas, semicolons or tabs may separate the cells (Excel's choice depends
on the machine); text is UTF-8, or Windows-1252 as older Excel saves it.

>>> table = b"Full name;E-mail;Organisation\\nAna Ruiz;ana@example.org;Acme, Inc.\\n"
>>> read_contacts_csv(table, {"Full name": "name", "E-mail": "email", "Organisation": "company"},
...                   name="people.csv")[["line", "name", "email", "company"]].to_dict("records")
[{'line': 2, 'name': 'Ana Ruiz', 'email': 'ana@example.org', 'company': 'Acme, Inc.'}]
>>> read_contacts_csv(table, {"Full name": "nom"}, name="people.csv")
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: field must be one of name, first_name, ... (got 'nom')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from infoview.errors import ImportProblem, InvalidChoiceError, InvalidValueError
from infoview.formats.contacts import (
    Note,
    Source,
    blank_to_none,
    column_index,
    columns_of,
    data_rows,
    decode_text,
    email_cells,
    find_header,
    joined_notes,
    normalise_header,
    notes_with_other_emails,
    read_days,
    read_source,
    records_frame,
    rows_with_lines,
)

FIELDS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "company",
    "role",
    "url",
    "connected_on",
    "notes",
)
_DELIMITERS = (",", ";", "\t")


def check_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping with normalised column names; refuses unknown fields and missing names."""
    if not mapping:
        raise InvalidValueError('give a column mapping such as {"Full name": "name"}')
    checked: dict[str, str] = {}
    for column, field in mapping.items():
        if field not in FIELDS:
            raise InvalidChoiceError("field", field, FIELDS)
        key = normalise_header(str(column))
        if not key:
            raise InvalidValueError(f"the column for {field} has no name")
        if field in checked.values():
            raise InvalidValueError(f"two columns are mapped to {field}; map one")
        checked[key] = field
    fields = set(checked.values())
    if "name" not in fields and not fields & {"first_name", "last_name"}:
        raise InvalidValueError("map a column to name (or to first_name and last_name)")
    return checked


def read_contacts_csv(
    source: Source,
    mapping: Mapping[str, str],
    *,
    name: str | None = None,
    day_first: bool | None = None,
) -> pd.DataFrame:
    """The contacts in a CSV file, as a record frame, with ``mapping`` from column to field.

    Fields: name (or first_name and last_name), email, company, role, url,
    connected_on (like 2026-08-12 or 12 Aug 2026) and notes.
    """
    wanted = check_mapping(mapping)
    data, file = read_source(source, name)
    text = decode_text(data, file, fallback="cp1252")
    problem: ImportProblem | None = None
    for delimiter in _DELIMITERS:
        rows = rows_with_lines(text, file, delimiter)
        try:
            _, header = find_header(
                rows, file, list(wanted), "the CSV file you meant", shown=[*mapping]
            )
        except ImportProblem as exc:
            problem = problem or exc
            continue
        where = column_index(header, wanted)
        ends_cleanly = text.endswith(("\n", "\r"))
        lines, kept, row_notes = data_rows(rows, len(header), file, ends_cleanly=ends_cleanly)
        columns = columns_of(kept, len(header))
        return _records(columns, where, lines, header, row_notes=row_notes, day_first=day_first)
    assert problem is not None
    raise problem


def _records(
    columns: list[Sequence[str]],
    where: Mapping[str, int],
    lines: list[int],
    header: Sequence[str],
    *,
    row_notes: list[Note | None],
    day_first: bool | None,
) -> pd.DataFrame:
    def column(field: str) -> Sequence[str]:
        return columns[where[field]] if field in where else [""] * len(lines)

    if "name" in where:
        names = [" ".join(n.split()) for n in column("name")]
    else:
        names = [
            " ".join(f"{a} {b}".split())
            for a, b in zip(column("first_name"), column("last_name"), strict=True)
        ]
    emails, others, email_notes = email_cells(blank_to_none(column("email")))
    found: dict[str, Any] = {
        "line": lines,
        "name": [n or None for n in names],
        "email": emails,
        "other_emails": others,
        "notes": notes_with_other_emails(blank_to_none(column("notes")), others),
    }
    day_notes: list[Note | None] = []
    if "connected_on" in where:
        found["connected_on"], day_notes = read_days(
            column("connected_on"),
            column=header[where["connected_on"]].strip(),
            day_first=day_first,
        )
    found["set_aside"] = joined_notes(row_notes, email_notes, *([day_notes] if day_notes else []))
    for field in ("company", "role", "url"):
        found[field] = blank_to_none(column(field))
    return records_frame(found)
