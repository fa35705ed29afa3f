"""Any contacts CSV through a column mapping; decoding shared by every reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview.errors import ImportProblem, InvalidChoiceError, InvalidValueError
from infoview.formats.contacts import decode_text, person_key, url_key
from infoview.formats.contacts_csv import read_contacts_csv

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
MAPPING = {
    "Full name": "name",
    "E-mail": "email",
    "Organisation": "company",
    "Job title": "role",
    "Met on": "connected_on",
    "Comments": "notes",
}


def test_sample_generic_csv() -> None:
    """The sample reads through its mapping; quotes and commas survive."""
    frame = read_contacts_csv(SAMPLES / "contacts_generic.csv", MAPPING)
    assert frame["name"].tolist() == ["Hana Kobayashi", "Tomasz Wójcik", "Adaeze Eze"]
    assert frame["company"].tolist()[1] == "Pinecrest Games, Ltd."
    assert frame["notes"].tolist()[1] == 'Said "call me any time"'
    assert frame["connected_on"].tolist() == [date(2026, 9, 14), date(2026, 10, 2), None]
    assert frame["line"].tolist() == [2, 3, 4]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_separators_and_case_of_column_names(delimiter: str) -> None:
    """Commas, semicolons or tabs; column names match without case or spaces."""
    text = delimiter.join(["  FULL NAME ", "e-mail"]) + "\n" + delimiter.join(["Ana", "a@x.org"])
    frame = read_contacts_csv(text.encode(), {"Full name": "name", "E-mail": "email"}, name="x")
    assert frame[["name", "email"]].to_dict("records") == [{"name": "Ana", "email": "a@x.org"}]


def test_first_and_last_name_columns() -> None:
    """first_name and last_name join into the name."""
    text = "Given,Family\nAna,Ruiz\n,Li\n"
    frame = read_contacts_csv(
        text.encode(), {"Given": "first_name", "Family": "last_name"}, name="x.csv"
    )
    assert frame["name"].tolist() == ["Ana Ruiz", "Li"]


def test_excel_windows_1252_file() -> None:
    """A CSV saved by older Excel in Windows-1252 reads correctly."""
    data = "Name,Company\r\nJosé Núñez,Café Olé\r\n".encode("cp1252")
    frame = read_contacts_csv(data, {"Name": "name", "Company": "company"}, name="x.csv")
    assert frame[["name", "company"]].to_dict("records") == [
        {"name": "José Núñez", "company": "Café Olé"}
    ]


def test_missing_column_names_what_the_file_has() -> None:
    """A mapped column that is not there: the error lists the columns found."""
    with pytest.raises(ImportProblem, match=r"Full name.*first row has: Name, Phone"):
        read_contacts_csv(b"Name,Phone\nAna,1\n", {"Full name": "name"}, name="people.csv")


@pytest.mark.parametrize(
    ("mapping", "error", "words"),
    [
        ({"A": "nom"}, InvalidChoiceError, "field must be one of"),
        ({}, InvalidValueError, "column mapping"),
        ({"A": "email"}, InvalidValueError, "map a column to name"),
        ({"A": "name", "B": "name"}, InvalidValueError, "two columns are mapped to name"),
    ],
)
def test_bad_mappings_are_explained(
    mapping: dict[str, str], error: type[Exception], words: str
) -> None:
    """Unknown fields, no name, or one field twice: a learner-facing message."""
    with pytest.raises(error, match=words):
        read_contacts_csv(b"A,B\n1,2\n", mapping, name="x.csv")


def test_bad_date_is_set_aside_with_its_column() -> None:
    """A date that cannot be read costs the date only; the note names its column."""
    people = read_contacts_csv(
        b"Name,Met on\nAna,2026-01-02\nBo,soon\n",
        {"Name": "name", "Met on": "connected_on"},
        name="x.csv",
    )
    assert people["name"].tolist() == ["Ana", "Bo"]
    (note,) = people["set_aside"][1]
    assert (note.field, note.value) == ("Met on", "soon")


def test_a_long_bad_date_gives_a_short_note() -> None:
    """A very long unreadable date is cut short in its note, never kept whole."""
    people = read_contacts_csv(
        ("Name,Met on\nAna," + "é" * 2000 + "\n").encode(),
        {"Name": "name", "Met on": "connected_on"},
        name="x.csv",
    )
    (note,) = people["set_aside"][0]
    assert len(note.value) <= 200
    assert "is not a date like 12 Aug 2026" in note.reason


def test_shift_jis_is_named() -> None:
    """A Japanese Shift_JIS file is refused with the encoding it seems to be in."""
    data = "氏名,メール\n山田 花子,hanako@example.org\n佐藤 ゆき,yuki@example.org\n".encode(
        "shift_jis"
    )
    with pytest.raises(ImportProblem, match="looks like Shift_JIS"):
        read_contacts_csv(data, {"氏名": "name"}, name="jp.csv")


def test_mixed_encodings_are_refused() -> None:
    """UTF-8 in one place and Windows-1252 in another: refused, naming the line."""
    data = "Name\nJosé\n".encode() + "Zoë\n".encode("cp1252")
    with pytest.raises(ImportProblem, match="mixes text encodings") as caught:
        decode_text(data, "x.csv", fallback="cp1252")
    assert caught.value.line == 3


def test_file_cut_inside_a_character() -> None:
    """A file that stops halfway through a UTF-8 character was cut short."""
    with pytest.raises(ImportProblem, match="middle of a character; it may be cut short"):
        decode_text("Name\nJosé".encode()[:-1], "x.csv", fallback="cp1252")


def test_binary_is_refused() -> None:
    """NUL bytes or control characters mean this is not a text file."""
    with pytest.raises(ImportProblem, match="binary data"):
        decode_text(b"PK\x03\x04\x00\x00", "contacts.zip")
    with pytest.raises(ImportProblem, match="control character"):
        decode_text(b"Name\n\x1b[31mAna\n", "x.csv")


def test_keys_for_matching() -> None:
    """URLs and name-and-company pairs compare without case, scheme or stray spaces."""
    assert url_key("http://linkedin.com/in/Ana/") == url_key("https://www.linkedin.com/in/ana")
    assert url_key("  ") is None
    assert person_key("Ana  Ruiz", " ACME ") == person_key("ana ruiz", "acme")
    assert person_key("Ana", None) is None
    assert person_key("Ana", "  ") is None


def test_short_rows_are_read_and_a_broken_quote_is_named() -> None:
    """A short row is read as the csv module does; a quote that never closes names its line."""
    text = "name,email\nAna,ana@example.org\nBo\nCy,cy@example.org\n"
    people = read_contacts_csv(text.encode(), {"name": "name", "email": "email"}, name="c.csv")
    assert people["name"].tolist() == ["Ana", "Bo", "Cy"]
    assert people["set_aside"][1][0].reason.startswith("has 1 of the header's 2 fields")
    broken = 'name,email\nAna,ana@example.org\n\nCy,"cy@example.org\nDi,di@example.org\n'
    with pytest.raises(ImportProblem, match="line 4: a quote opened on line 4 never closes"):
        read_contacts_csv(broken.encode(), {"name": "name", "email": "email"}, name="c.csv")
    stray = 'name,email\nAna,ana@example.org\n\nCy,"cy@x.org"z\n'
    with pytest.raises(ImportProblem, match="line 4: is not valid CSV"):
        read_contacts_csv(stray.encode(), {"name": "name", "email": "email"}, name="c.csv")
