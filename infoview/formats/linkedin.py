"""LinkedIn's data export: ``Connections.csv``, plus ``Invitations.csv`` and ``messages.csv``.

Recent exports open with a ``Notes:`` block before the header row; older ones don't, so
the header row is found, never skipped by a fixed count. Text is UTF-8 with or without a
BOM, companies hold commas inside quotes, most emails are empty, and ``Connected On`` reads
like ``12 Aug 2026`` in English whatever the machine's language.

>>> export = (
...     b'Notes:\\n"Emails are shown only when a connection allows it."\\n\\n'
...     b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
...     b'Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,"Acme, Inc.",UX Lead,12 Aug 2026\\n'
... )
>>> people = read_connections(export, name="Connections.csv")
>>> people[["line", "name", "email", "company", "connected_on"]].to_dict("records")
[{'line': 5, 'name': 'Ana Ruiz', 'email': None, 'company': 'Acme, Inc.',
  'connected_on': datetime.date(2026, 8, 12)}]
>>> read_connections(b"Name,Phone\\nAna,123\\n", name="phones.csv")
Traceback (most recent call last):
...
infoview.errors.ImportProblem: phones.csv: no header row with the columns First Name, Last Name ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from infoview.errors import ImportProblem
from infoview.formats.contacts import (
    Source,
    blank_to_none,
    column_index,
    columns_of,
    data_rows,
    decode_text,
    email_cells,
    find_header,
    joined_notes,
    name_key,
    notes_with_other_emails,
    read_days,
    read_source,
    records_frame,
    rows_with_lines,
    url_key,
)

CONNECTION_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "email address": "email",
    "company": "company",
    "position": "role",
    "connected on": "connected_on",
}
INVITATION_COLUMNS = {
    "from": "from",
    "to": "to",
    "sent at": "at",
    "direction": "direction",
    "inviterprofileurl": "from_url",
    "inviteeprofileurl": "to_url",
}
MESSAGE_COLUMNS = {
    "from": "from",
    "sender profile url": "from_url",
    "to": "to",
    "recipient profile urls": "to_url",
    "date": "at",
}
CONTACT_COLUMNS = ["line", "name", "url", "at"]


def read_connections(
    source: Source, *, name: str | None = None, day_first: bool | None = None
) -> pd.DataFrame:
    """The people in a LinkedIn ``Connections.csv``, as a record frame (one row each).

    A value that cannot be used (a hidden email written as ``urn:li:member:…``, a date
    not understood) is set aside with a note; the person is kept. ``day_first`` says how
    to read dates like ``06/02/2026`` when the file itself does not show it.
    """
    data, file = read_source(source, name)
    text = decode_text(data, file)
    rows = rows_with_lines(text, file)
    _, header = find_header(rows, file, ("first name", "last name"), "LinkedIn's Connections.csv")
    where = column_index(header, CONNECTION_COLUMNS)
    ends_cleanly = text.endswith(("\n", "\r"))
    lines, kept, row_notes = data_rows(rows, len(header), file, ends_cleanly=ends_cleanly)
    columns = columns_of(kept, len(header))

    def column(field: str) -> Sequence[str]:
        return columns[where[field]] if field in where else [""] * len(kept)

    dates = column("connected_on")
    if kept and "connected_on" in where and not ends_cleanly and _cut_date(dates):
        # LinkedIn dates every row and ends with a line break: this file stops mid-row.
        raise ImportProblem(file, lines[-1], "ends in the middle of a row; it may be cut short")
    names = [
        f"{first.strip()} {last.strip()}".strip() or None
        for first, last in zip(column("first"), column("last"), strict=True)
    ]
    emails, others, email_notes = email_cells(blank_to_none(column("email")))
    days, day_notes = read_days(dates, column="Connected On", day_first=day_first)
    return records_frame(
        {
            "line": lines,
            "name": names,
            "email": emails,
            "other_emails": others,
            "company": blank_to_none(column("company")),
            "role": blank_to_none(column("role")),
            "url": blank_to_none(column("url")),
            "connected_on": days,
            "notes": notes_with_other_emails([None] * len(kept), others),
            "set_aside": joined_notes(row_notes, email_notes, day_notes),
        }
    )


def _shape(text: str) -> str:
    return re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", text.strip()))


def _cut_date(dates: Sequence[str]) -> bool:
    """True when the last date looks cut short: empty, or unlike every other row's date."""
    last = dates[-1].strip()
    if not last:
        return True
    others = {_shape(day) for day in dates[-50:-1]}
    return _shape(last) not in others if others else not re.search(r"\d{4}", last)


def _contact_rows(
    source: Source, name: str | None, columns: Mapping[str, str], what: str
) -> pd.DataFrame:
    data, file = read_source(source, name)
    rows = rows_with_lines(decode_text(data, file), file)
    required = [c for c, f in columns.items() if f == "at"]
    _, header = find_header(rows, file, required, what)
    where = column_index(header, columns)
    lines, kept, _ = data_rows(rows, len(header), file)
    cols = columns_of(kept, len(header))

    def column(field: str) -> Sequence[str]:
        return cols[where[field]] if field in where else [""] * len(kept)

    days, _ = read_days(column("at"), day_first=False)  # LinkedIn writes 8/12/26, month first
    direction = [d.strip().upper() for d in column("direction")]
    found: list[tuple[int, str | None, str | None, date | None]] = []
    parties = (("from", "from_url", "INCOMING"), ("to", "to_url", "OUTGOING"))
    for i, line in enumerate(lines):
        for person, url, side in parties:
            if direction[i] and direction[i] != side:
                continue  # the learner's own side of an invitation
            urls = column(url)[i].replace(",", " ").split() or [""]
            for one_url in urls:
                found.append((line, column(person)[i].strip() or None, one_url or None, days[i]))
    return pd.DataFrame(found, columns=CONTACT_COLUMNS).astype(object)


def read_invitations(source: Source, *, name: str | None = None) -> pd.DataFrame:
    """Who each invitation in ``Invitations.csv`` went to or came from, and when.

    Columns are found by name, ignoring case. Rows: ``line, name, url, at`` (a date).
    """
    return _contact_rows(source, name, INVITATION_COLUMNS, "LinkedIn's Invitations.csv")


def read_messages(source: Source, *, name: str | None = None) -> pd.DataFrame:
    """Everyone in each message of ``messages.csv`` (sender and recipients), and when."""
    return _contact_rows(source, name, MESSAGE_COLUMNS, "LinkedIn's messages.csv")


def first_contacts(*frames: pd.DataFrame) -> dict[str, date]:
    """The earliest day seen for each profile URL and each name (``url_key``, ``name_key``).

    >>> rows = pd.DataFrame({"line": [2, 3], "name": ["Ana Ruiz", "Ana Ruiz"],
    ...     "url": [None, "https://www.linkedin.com/in/ana"],
    ...     "at": [date(2026, 5, 2), date(2026, 4, 1)]})
    >>> first_contacts(rows)
    {'ana ruiz': datetime.date(2026, 4, 1), 'linkedin.com/in/ana': datetime.date(2026, 4, 1)}
    """
    earliest: dict[str, date] = {}
    for frame in frames:
        for person, url, day in zip(frame["name"], frame["url"], frame["at"], strict=True):
            if day is None:
                continue
            for key in (name_key(person), url_key(url)):
                if key and (key not in earliest or day < earliest[key]):
                    earliest[key] = day
    return dict(sorted(earliest.items()))


def read_export(
    source: Source,
    *,
    name: str | None = None,
    invitations: Source | None = None,
    messages: Source | None = None,
    day_first: bool | None = None,
) -> pd.DataFrame:
    """Records from ``Connections.csv``, dated by ``Invitations.csv``/``messages.csv`` if given.

    The first contact found in the extras goes into each person's notes, and stands in
    for ``Connected On`` when that is empty.
    """
    records = read_connections(source, name=name, day_first=day_first)
    extras = []
    if invitations is not None:
        extras.append(read_invitations(invitations))
    if messages is not None:
        extras.append(read_messages(messages))
    if not extras:
        return records
    first = first_contacts(*extras)
    days = [
        first.get(url_key(url) or "") or first.get(name_key(person) or "")
        for url, person in zip(records["url"], records["name"], strict=True)
    ]
    notes = [
        "\n".join(x for x in (note, f"First contact on LinkedIn: {day.isoformat()}") if x)
        if day
        else note
        for note, day in zip(records["notes"], days, strict=True)
    ]
    connected = [
        on if on is not None else day for on, day in zip(records["connected_on"], days, strict=True)
    ]
    return records.assign(
        notes=pd.Series(notes, dtype=object), connected_on=pd.Series(connected, dtype=object)
    )
