"""LinkedIn's export as found in the wild: preambles, BOMs, quotes, empty emails, dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview.errors import ImportProblem
from infoview.formats.contacts import (
    LONG_ROW,
    NOT_A_DATE,
    SHORT_ROW,
    AmbiguousDate,
    needs_date_order,
    parse_day,
    read_days,
)
from infoview.formats.linkedin import (
    first_contacts,
    read_connections,
    read_export,
    read_invitations,
    read_messages,
)

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PREAMBLE = 'Notes:\n"Some addresses are missing, as, you know, some people hide them."\n\n'
ROWS = (
    'Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,"Acme, Inc.",UX Lead,12 Aug 2026\n'
    'Bo,"O\'Neil ""Bobby""",https://www.linkedin.com/in/bo,bo@example.org,Quill,"Head, Design",'
    "03 Jan 2025\n"
)


def records(text: str, *, bom: bool = False) -> list[dict[str, object]]:
    data = ("\ufeff" if bom else "") + text
    frame = read_connections(data.encode("utf-8"), name="Connections.csv")
    return frame[["line", "name", "email", "company", "role", "connected_on"]].to_dict("records")


EXPECTED = [
    {
        "name": "Ana Ruiz",
        "email": None,
        "company": "Acme, Inc.",
        "role": "UX Lead",
        "connected_on": date(2026, 8, 12),
    },
    {
        "name": 'Bo O\'Neil "Bobby"',
        "email": "bo@example.org",
        "company": "Quill",
        "role": "Head, Design",
        "connected_on": date(2025, 1, 3),
    },
]


@pytest.mark.parametrize("bom", [False, True])
def test_current_export_with_notes_preamble(bom: bool) -> None:
    """The header is found after the Notes block; lines are the file's own."""
    found = records(PREAMBLE + HEADER + ROWS, bom=bom)
    assert [r.pop("line") for r in found] == [5, 6]
    assert found == EXPECTED


@pytest.mark.parametrize("bom", [False, True])
def test_older_export_without_preamble(bom: bool) -> None:
    """Older exports start with the header row."""
    found = records(HEADER + ROWS, bom=bom)
    assert [r.pop("line") for r in found] == [2, 3]
    assert found == EXPECTED


def test_crlf_blank_lines_and_reordered_columns() -> None:
    """Windows line ends, blank lines and columns in another order (any case) still read."""
    text = (
        "connected on,COMPANY,first name,last name\r\n\r\n"
        '12 Aug 2026,"Acme, Inc.",Ana,Ruiz\r\n\r\n'
        "1 September 2026,,Bo,\r\n"
    )
    frame = read_connections(text.encode(), name="c.csv")
    assert frame["line"].tolist() == [3, 5]
    assert frame["name"].tolist() == ["Ana Ruiz", "Bo"]
    assert frame["company"].tolist() == ["Acme, Inc.", None]
    assert frame["connected_on"].tolist() == [date(2026, 8, 12), date(2026, 9, 1)]
    assert frame["url"].tolist() == [None, None]


def test_quoted_field_spanning_lines_keeps_line_numbers() -> None:
    """A position with a line break inside quotes is one field; later lines stay right."""
    text = HEADER + 'Ana,Ruiz,,,Acme,"Lead,\nResearch",12 Aug 2026\nBo,Li,,,X,Y,13 Aug 2026\n'
    frame = read_connections(text.encode(), name="c.csv")
    assert frame["line"].tolist() == [2, 4]
    assert frame["role"].tolist()[0] == "Lead,\nResearch"


def test_sample_files_read() -> None:
    """The synthetic samples in data/samples read fully."""
    current = read_connections(SAMPLES / "Connections.csv")
    older = read_connections(SAMPLES / "Connections_older_export.csv")
    assert len(current) == 25
    assert len(older) == 8
    assert current["line"].iloc[0] == 5
    assert older["line"].iloc[0] == 2
    assert current["email"].notna().sum() == 6
    assert (current["company"] == "Acme, Inc.").sum() == 2
    assert current["name"].tolist()[:8] == older["name"].tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Aug 2026", date(2026, 8, 12)),
        ("2 aug 2026", date(2026, 8, 2)),
        ("02 Sept 2025", date(2025, 9, 2)),
        ("12-Aug-2026", date(2026, 8, 12)),
        ("31 December 2024", date(2024, 12, 31)),
        ("2026-08-12", date(2026, 8, 12)),
        ("2026-08-12 10:15:42 UTC", date(2026, 8, 12)),
        ("6-Feb-26", date(2026, 2, 6)),
        ("12 Aug 99", date(1999, 8, 12)),
        ("Aug 12, 2026", date(2026, 8, 12)),
        ("13/08/2026", date(2026, 8, 13)),
        ("8/13/26, 10:15 AM", date(2026, 8, 13)),
        ("  ", None),
    ],
)
def test_days_parse_without_the_locale(text: str, expected: date | None) -> None:
    """Month names are English whatever the machine's language; two-digit years too."""
    assert parse_day(text) == expected


@pytest.mark.parametrize("text", ["12 Ago 2026", "31 Feb 2026", "yesterday", "13/13/2026"])
def test_bad_days_are_refused(text: str) -> None:
    """An unknown month or an impossible day is not a date."""
    with pytest.raises(ValueError, match="not a date"):
        parse_day(text)


def test_numeric_days_need_their_order() -> None:
    """06/02/2026 is never guessed: it needs day_first, unless its numbers decide it."""
    with pytest.raises(AmbiguousDate, match="could be 6 February or 2 June"):
        parse_day("06/02/2026")
    assert parse_day("06/02/2026", day_first=True) == date(2026, 2, 6)
    assert parse_day("06/02/2026", day_first=False) == date(2026, 6, 2)


def test_the_whole_column_decides_the_date_order() -> None:
    """One date past the 12th shows the order for the rest; nothing shown means asking."""
    days, notes = read_days(["06/02/2026", "25/12/2025"], column="Connected On")
    assert days == [date(2026, 2, 6), date(2025, 12, 25)]
    assert notes == [None, None]
    days, notes = read_days(["06/02/2026", "03/04/2026"], column="Connected On")
    assert days == [None, None]
    assert needs_date_order([notes])
    assert notes[0] is not None and "could be 6 February or 2 June" in notes[0].reason
    days, _ = read_days(["06/02/2026", "03/04/2026"], day_first=False)
    assert days == [date(2026, 6, 2), date(2026, 3, 4)]


def test_a_bad_date_is_set_aside_and_the_person_kept() -> None:
    """An unreadable date costs the date only, with a note naming it."""
    people = read_connections((HEADER + "Ana,Ruiz,,,Acme,Lead,12 Ago 2026\n").encode())
    assert people["name"].tolist() == ["Ana Ruiz"]
    assert people["connected_on"].tolist() == [None]
    (note,) = people["set_aside"][0]
    assert (note.field, note.value, note.kind) == ("Connected On", "12 Ago 2026", NOT_A_DATE)


def test_hidden_and_several_emails() -> None:
    """urn:li:member stand-ins are set aside; of several addresses the first is the email."""
    text = HEADER + "Ana,Ruiz,,urn:li:member:4417,Acme,Lead,12 Aug 2026\n"
    text += "Bo,Li,,bo@example.org ::: bo.li@example.net,Acme,Lead,12 Aug 2026\n"
    people = read_connections(text.encode())
    assert people["email"].tolist() == [None, "bo@example.org"]
    assert people["other_emails"].tolist() == [None, "bo.li@example.net"]
    assert people["notes"][1] == "Other emails: bo.li@example.net"
    assert people["set_aside"][0][0].value == "urn:li:member:4417"


def test_short_and_long_rows_are_read_and_named() -> None:
    """A short row is read with empty fields, a long one without its extra cells; both noted."""
    text = HEADER + "Ana,Ruiz,,,Acme\nBo,Li,,,Acme,Lead,12 Aug 2026,stray\n"
    people = read_connections(text.encode())
    assert people["name"].tolist() == ["Ana Ruiz", "Bo Li"]
    assert [n[0].kind for n in people["set_aside"]] == [SHORT_ROW, LONG_ROW]
    assert people["set_aside"][1][0].value == "stray"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (HEADER + "Ana,Ruiz,,,Acme", 2, "ends in the middle of a row"),
        (HEADER + "Ana,Ruiz,,,Acme,Lead,12 Aug 2026\nBo,Li,,,Acme,Lead,12 Au", 3, "cut short"),
        (HEADER + 'Ana,Ruiz,,,"Acme,Lead,12 Aug 2026\n', 2, "a quote opened on line 2 never"),
        (HEADER + 'Ana,Ruiz,,,"Acme"x,Lead,12 Aug 2026\n', 2, "not valid CSV"),
        (PREAMBLE + "Name,Email\nAna,a@x\n", None, "no header row with the columns First Name"),
    ],
)
def test_broken_files_name_the_line(text: str, line: int | None, words: str) -> None:
    """Each problem names the file, the line and what is wrong."""
    with pytest.raises(ImportProblem, match=words) as caught:
        read_connections(text.encode(), name="Connections.csv")
    assert caught.value.file == "Connections.csv"
    assert caught.value.line == line


def test_latin1_bytes_are_refused_with_their_line() -> None:
    """LinkedIn writes UTF-8; other bytes are named, not guessed."""
    data = (HEADER + "Ana,Ruiz,,,Café,Lead,12 Aug 2026\n").encode("cp1252")
    with pytest.raises(ImportProblem, match="not UTF-8 text") as caught:
        read_connections(data, name="Connections.csv")
    assert caught.value.line == 2


def test_missing_file_is_an_import_problem(tmp_path: Path) -> None:
    """A wrong path says so, naming it."""
    with pytest.raises(ImportProblem, match="no such file"):
        read_connections(tmp_path / "nope.csv")


INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    'Maya Okafor,Ana Ruiz,"7/1/26, 9:30 AM",Hello,OUTGOING,'
    "https://www.linkedin.com/in/maya,https://www.linkedin.com/in/ana-ruiz\n"
    'Bo Li,Maya Okafor,"6/2/26, 8:00 PM",,INCOMING,https://www.linkedin.com/in/bo,'
    "https://www.linkedin.com/in/maya\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
    "1,,Maya Okafor,https://www.linkedin.com/in/maya,Ana Ruiz,https://www.linkedin.com/in/ana-ruiz,"
    "2026-06-20 10:00:00 UTC,,Hi,INBOX\n"
)


def test_invitations_and_messages_date_first_contact() -> None:
    """Columns are found by name in any case; the other party and the day are kept."""
    invitations = read_invitations(INVITATIONS.upper().encode(), name="Invitations.csv")
    assert invitations["name"].tolist() == ["ANA RUIZ", "BO LI"]
    assert invitations["at"].tolist() == [date(2026, 7, 1), date(2026, 6, 2)]
    messages = read_messages(MESSAGES.encode(), name="messages.csv")
    earliest = first_contacts(invitations, messages)
    assert earliest["linkedin.com/in/ana-ruiz"] == date(2026, 6, 20)
    assert earliest["linkedin.com/in/bo"] == date(2026, 6, 2)


def test_export_notes_first_contact_and_fills_missing_dates() -> None:
    """First contact goes into notes, and stands in when Connected On is empty."""
    connections = (
        HEADER + "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Acme,Lead,\n"
        "Bo,Li,https://www.linkedin.com/in/bo,,X,Y,12 Aug 2026\n"
    )
    frame = read_export(
        connections.encode(), invitations=INVITATIONS.encode(), messages=MESSAGES.encode()
    )
    assert frame["connected_on"].tolist() == [date(2026, 6, 20), date(2026, 8, 12)]
    assert frame["notes"].tolist() == [
        "First contact on LinkedIn: 2026-06-20",
        "First contact on LinkedIn: 2026-06-02",
    ]
