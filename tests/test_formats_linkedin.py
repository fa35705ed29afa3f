"""LinkedIn's export as found in the wild: preambles, BOMs, quotes, empty emails, dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview.errors import ImportProblem
from infoview.formats.contacts import parse_day
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
        ("8/12/26, 10:15 AM", date(2026, 8, 12)),
        ("  ", None),
    ],
)
def test_days_parse_without_the_locale(text: str, expected: date | None) -> None:
    """Month names are English whatever the machine's language; other common forms too."""
    assert parse_day(text) == expected


@pytest.mark.parametrize("text", ["12 Ago 2026", "31 Feb 2026", "12 Aug 26", "yesterday"])
def test_bad_days_are_refused(text: str) -> None:
    """An unknown month, an impossible day or a two-digit year is not guessed."""
    with pytest.raises(ValueError, match="not a date"):
        parse_day(text)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (HEADER + "Ana,Ruiz,,,Acme,Lead,12 Ago 2026\n", 2, "Connected On '12 Ago 2026'"),
        (HEADER + "Ana,Ruiz,,,Acme,Lead,12 Aug 2026,extra\n", 2, "has 8 fields"),
        (HEADER + "Ana,Ruiz,,,Acme\n", 2, "has 5 fields where the header has 7"),
        (HEADER + 'Ana,Ruiz,,,"Acme,Lead,12 Aug 2026\n', 2, "not valid CSV"),
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
