"""vCard 2.1, 3.0 and 4.0 as Google, Apple and Outlook write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview.errors import ImportProblem
from infoview.formats.vcard import read_vcards

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
COLUMNS = ["line", "name", "email", "other_emails", "company", "role", "url", "notes", "skip"]


def cards(text: str | bytes, encoding: str = "utf-8") -> list[dict[str, object]]:
    data = text if isinstance(text, bytes) else text.replace("\n", "\r\n").encode(encoding)
    return read_vcards(data, name="contacts.vcf")[COLUMNS].to_dict("records")


def full_cards(text: str) -> list[dict[str, object]]:
    return read_vcards(text.replace("\n", "\r\n").encode(), name="c.vcf").to_dict("records")


def test_outlook_21_sample() -> None:
    """Singleton types, preferred email first, phones and a multi-line QP note kept in notes."""
    found = cards((SAMPLES / "contacts_outlook_2.1.vcf").read_bytes())
    assert found[0] == {
        "line": 1,
        "name": "Siobhan Brennan",
        "email": "siobhan.brennan@fernhill.test",
        "other_emails": "s.brennan@example.org",
        "company": "Fernhill Council",
        "role": "Service Design Lead, Housing",
        "url": None,
        "notes": "Coffee chat booked for Thursday.\nAsk about the café research project.\n"
        "Phone: +44 113 496 0000 (work); +44 7700 900456 (cell)\n"
        "Other emails: s.brennan@example.org",
        "skip": None,
    }
    assert found[1]["name"] == "Ivan Petrov"
    assert found[1]["line"] == 16


def test_21_quoted_printable_in_windows_1252() -> None:
    """QP with CHARSET=Windows-1252, raw cp1252 bytes, and N without FN all decode."""
    found = cards((SAMPLES / "contacts_2.1_quoted_printable_cp1252.vcf").read_bytes())
    assert [c["name"] for c in found] == ["Aurélie Lefèvre", "Jörg Müller", "Søren Østergaard"]
    assert found[0]["company"] == "Café Société, SARL"
    assert found[0]["role"] == "Chargée d'études UX"
    assert str(found[0]["notes"]).startswith(
        "Met at the café meetup, March 2026. Happy to talk about research in small teams."
    )
    assert found[1]["role"] == "Head of Design, Mobility"


def test_apple_30_groups_labels_and_photo() -> None:
    """item1.EMAIL is read, the pref one first; the photo is dropped; a group card is skipped."""
    found = cards((SAMPLES / "contacts_apple_3.0.vcf").read_bytes())
    chidi, lin, group = found
    assert chidi["email"] == "chidi@riverbend.test"
    assert chidi["other_emails"] == "c.okonkwo@example.org"
    assert chidi["company"] == "Riverbend Studio, Ltd."
    assert chidi["url"] == "https://www.linkedin.example.org/in/chidi-okonkwo"
    assert str(chidi["notes"]).startswith(
        "Introduced by Grace at the alumni evening. Prefers mornings; very kind and generous"
    )
    assert lin["email"] == "lin.zhang@atlasmaps.test"
    assert lin["url"] == "https://www.linkedin.example.org/in/lin-zhang"
    assert lin["line"] == 20
    assert group["skip"] == "a contact group, not a person"


def test_google_40_pref_and_uri_phones() -> None:
    """PREF=1 picks the main email; tel: URIs and quoted TYPE lists read; N stands in for FN."""
    marisol, kwabena = cards((SAMPLES / "contacts_google_4.0.vcf").read_bytes())
    assert marisol["name"] == "Marisol Santos"
    assert marisol["email"] == "marisol.santos@example.org"
    assert marisol["other_emails"] == "marisol@santos.test"
    assert "Phone: +1-555-0100 (cell)" in str(marisol["notes"])
    assert str(marisol["notes"]).startswith("Met at the UX meetup, asked about research ops.")
    assert kwabena["company"] == "Tidewater Media"


def test_folded_lines_and_escapes() -> None:
    """Folded lines join; escaped commas, semicolons and newlines come back as text."""
    (card,) = cards(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\n  Ruiz\nORG:Acme\\, Inc.;Research\n"
        "NOTE:one\\ntwo\\; three\nEND:VCARD\n"
    )
    assert card["name"] == "Ana Ruiz"
    assert card["company"] == "Acme, Inc."
    assert card["notes"] == "one\ntwo; three"


def test_bare_commas_in_30_are_kept() -> None:
    """A 3.0 exporter that forgets to escape commas does not lose the rest of the text."""
    (card,) = cards("BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ruiz\nTITLE:Lead, Research\nEND:VCARD\n")
    assert card["role"] == "Lead, Research"


@pytest.mark.parametrize(
    ("note", "expected"),
    [("caf=C3=A9", "café"), ("caf=E9", "café"), ("a=2C b", "a, b"), ("x=5Cy", "x\\y")],
)
def test_qp_without_charset_tries_utf8_then_cp1252(note: str, expected: str) -> None:
    """Quoted-printable with no CHARSET: UTF-8 if it fits, else Windows-1252."""
    (card,) = cards(
        f"BEGIN:VCARD\nVERSION:2.1\nFN:A\nNOTE;ENCODING=QUOTED-PRINTABLE:{note}\nEND:VCARD\n"
    )
    assert card["notes"] == expected


def test_name_from_n_with_prefix_and_suffix() -> None:
    """Without FN the name is built from N: prefix, given, additional, family, suffix."""
    (card,) = cards("BEGIN:VCARD\nVERSION:3.0\nN:Ruiz;Ana;María;Dr.;PhD\nEND:VCARD\n")
    assert card["name"] == "Dr. Ana María Ruiz PhD"


def test_card_without_any_name() -> None:
    """A card with neither FN nor N has no name (the import skips it, saying why)."""
    (card,) = cards("BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@example.org\nEND:VCARD\n")
    assert card["name"] is None


def test_utf16_file_with_bom() -> None:
    """Some Windows tools write UTF-16 with a BOM; it reads too."""
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n"
    (card,) = cards(text.encode("utf-16"))
    assert card["name"] == "Zoë"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("FN:Ana\n", None, "no BEGIN:VCARD"),
        ("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:\n", 4, "has BEGIN: where BEGIN:VCARD belongs"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\n", 1, "never closed"),
    ],
)
def test_broken_cards_name_the_line(text: str, line: int | None, words: str) -> None:
    """Each problem names the file, the line and what is wrong."""
    with pytest.raises(ImportProblem, match=words) as caught:
        cards(text)
    assert caught.value.file == "contacts.vcf"
    assert caught.value.line == line


def test_a_backslash_in_a_url_is_kept() -> None:
    """An escaped backslash in a URL stays one backslash; Apple's escaped colon is undone."""
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nURL:http\\://example.org/a\\\\0\r\nEND:VCARD\r\n"
    )
    assert read_vcards(card)["url"][0] == "http://example.org/a\\0"


def test_a_line_vobject_cannot_read_is_set_aside() -> None:
    """A broken line costs that line only; the card and the file are kept."""
    (card,) = full_cards("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nNOTE Ana\nEND:VCARD\n")
    assert card["name"] == "Ana"
    (note,) = card["set_aside"]
    assert (note.value, note.reason) == (
        "NOTE Ana",
        "is a line that cannot be read as vCard: set aside",
    )


def test_an_unknown_character_set_spoils_that_value_only() -> None:
    """A quoted-printable value in a character set nobody knows is set aside, with its reason."""
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN:Ruiz;Ana\n"
        "NOTE;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:A=3D\nEND:VCARD\n"
    )
    (card,) = full_cards(text)
    assert (card["name"], card["notes"]) == ("Ana Ruiz", None)
    assert "unknown character set 'klingon'" in card["set_aside"][0].reason
