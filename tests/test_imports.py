"""Imports: a preview first, duplicates found in order, and bad files change nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.errors import ImportProblem, InvalidValueError
from infoview.network import (
    ImportPreview,
    ImportResult,
    apply_import,
    import_csv,
    import_linkedin,
    import_vcard,
    preview_import,
)
from infoview.tracker import Tracker, open_tracker

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
CONNECTIONS = SAMPLES / "Connections.csv"
VCARDS = {
    "contacts_2.1_quoted_printable_cp1252.vcf": 3,
    "contacts_apple_3.0.vcf": 2,
    "contacts_google_4.0.vcf": 2,
    "contacts_outlook_2.1.vcf": 2,
}
CSV_MAP = {"Full name": "name", "E-mail": "email", "Organisation": "company"}
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def fresh(tmp_path: Path, name: str = "t.sqlite") -> Tracker:
    return open_tracker(tmp_path / name)


def seeded(tmp_path: Path) -> Tracker:
    """A tracker that already knows three of the sample people, in three different ways."""
    tracker = fresh(tmp_path)
    tracker.add_person("Daniel Okoro", email="DANIEL.OKORO@example.org", company="Harbour")
    tracker.add_person("Mei T.", url="http://linkedin.example.org/in/mei/", company="Orbit")
    tracker.add_person("Yusuf Demir", company="lumen labs")
    return tracker


# ---------------------------------------------------------------- each importer, each dialect


@pytest.mark.parametrize(
    ("path", "count"), [(CONNECTIONS, 25), (SAMPLES / "Connections_older_export.csv", 8)]
)
def test_linkedin_exports_import(tmp_path: Path, path: Path, count: int) -> None:
    """Both LinkedIn export forms import everyone, as linkedin connections with their date."""
    tracker = fresh(tmp_path)
    result = import_linkedin(tracker, path)
    assert isinstance(result, ImportResult)
    assert result.added == count
    people = tracker.people()
    assert len(people) == count
    assert set(people["source"]) == {"linkedin"}
    assert set(people["tie"]) == {"connection"}
    assert people["connected_on"].iloc[0] == date(2024, 11, 4)
    assert people["company"].iloc[0] == "Acme, Inc."


@pytest.mark.parametrize(("name", "count"), VCARDS.items())
def test_vcard_dialects_import(tmp_path: Path, name: str, count: int) -> None:
    """Each vCard dialect imports its people, with phones and extra emails in the notes."""
    tracker = fresh(tmp_path)
    result = import_vcard(tracker, SAMPLES / name)
    assert result.added == count
    people = tracker.people()
    assert set(people["source"]) == {"vcard"}
    assert people["name"].notna().all()


def test_apple_group_card_is_skipped_with_its_reason(tmp_path: Path) -> None:
    """A contact group is not a person: skipped, and the reason is counted."""
    result = import_vcard(fresh(tmp_path), SAMPLES / "contacts_apple_3.0.vcf")
    assert result.skipped == 1
    assert result.reasons == {"a contact group, not a person": 1}
    assert result.summary() == "added 2, 0 duplicates, 1 skipped (a contact group, not a person: 1)"


def test_generic_csv_imports_through_a_mapping(tmp_path: Path) -> None:
    """A CSV with its own column names imports through the mapping, as source csv."""
    tracker = fresh(tmp_path)
    result = import_csv(tracker, SAMPLES / "contacts_generic.csv", CSV_MAP)
    assert result.added == 3
    assert tracker.people()["source"].tolist() == ["csv"] * 3


def test_uploaded_bytes_import_under_their_name(tmp_path: Path) -> None:
    """Bytes from an upload import like a file; messages use the name given."""
    preview = import_linkedin(
        fresh(tmp_path), CONNECTIONS.read_bytes(), name="upload.csv", dry_run=True
    )
    assert preview.file == "upload.csv"


# ---------------------------------------------------------------- preview, then write


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    """The preview counts what would happen; the tracker stays as it was."""
    tracker = fresh(tmp_path)
    preview = import_linkedin(tracker, CONNECTIONS, dry_run=True)
    assert isinstance(preview, ImportPreview)
    assert preview.to_add == 25
    assert tracker.people().empty
    assert repr(preview) == "ImportPreview(Connections.csv: 25 to add, 0 duplicates, 0 skipped)"


def test_duplicates_by_email_then_url_then_name_and_company(tmp_path: Path) -> None:
    """Email (any case) and profile URL are duplicates; name + company waits for you."""
    tracker = seeded(tmp_path)
    preview = import_linkedin(tracker, CONNECTIONS, dry_run=True)
    duplicates = preview.duplicates.set_index("name")
    assert duplicates.loc["Daniel Okoro", "match"] == "email"
    assert duplicates.loc["Mei Tanaka", "match"] == "profile URL"
    assert duplicates.loc["Mei Tanaka", "existing"] == "Mei T."
    assert preview.possible[["line", "name", "existing"]].to_dict("records") == [
        {"line": 19, "name": "Yusuf Demir", "existing": "Yusuf Demir"}
    ]
    assert (preview.to_add, preview.held_back) == (22, 1)
    result = apply_import(tracker, preview)
    assert result.summary() == "added 22, 3 duplicates, 0 skipped"
    assert len(tracker.people()) == 25


def test_possible_duplicates_can_be_added_anyway(tmp_path: Path) -> None:
    """When you say they are different people, name-and-company matches are added."""
    tracker = seeded(tmp_path)
    preview = import_linkedin(tracker, CONNECTIONS, dry_run=True).add_anyway([19])
    assert preview.to_add == 23
    result = apply_import(tracker, preview)
    assert result.added == 23
    assert (tracker.people()["name"] == "Yusuf Demir").sum() == 2
    with pytest.raises(InvalidValueError, match="line 5 is not a possible duplicate"):
        preview.add_anyway([5])


def test_applying_twice_never_adds_twice(tmp_path: Path) -> None:
    """A re-run cell sees everyone as a duplicate the second time."""
    tracker = fresh(tmp_path)
    preview = import_linkedin(tracker, CONNECTIONS, dry_run=True)
    assert apply_import(tracker, preview).added == 25
    again = apply_import(tracker, preview)
    assert again.added == 0
    assert again.duplicates == 25
    assert len(tracker.people()) == 25


def test_duplicates_inside_one_file(tmp_path: Path) -> None:
    """The same email or URL twice in one file is added once; the second names the first."""
    text = HEADER + (
        "Ana,Ruiz,https://x.test/in/ana,ana@example.org,Acme,Lead,12 Aug 2026\n"
        "Ana,R.,,ANA@EXAMPLE.ORG,Acme,Lead,12 Aug 2026\n"
        "Ana,Ruiz,https://x.test/in/ana/,,Acme,Lead,12 Aug 2026\n"
    )
    preview = import_linkedin(fresh(tmp_path), text.encode(), name="c.csv", dry_run=True)
    assert preview.to_add == 1
    assert preview.duplicates["match"].tolist() == [
        "same email as line 2",
        "same profile URL as line 2",
    ]


def test_a_duplicate_row_lends_its_other_keys_to_nobody(tmp_path: Path) -> None:
    """Rows are matched in file order: a duplicate's other URL does not make a later row one."""
    text = HEADER + (
        "Ana,Ruiz,https://x.test/in/ana,ana@example.org,Acme,Lead,12 Aug 2026\n"
        "Ana,Ruiz,https://x.test/in/other,ana@example.org,Acme,Lead,12 Aug 2026\n"
        "Bo,Li,https://x.test/in/other,,Initech,Lead,12 Aug 2026\n"
        "Cy,Diaz,https://x.test/in/cy,,Acme,Lead,12 Aug 2026\n"
        "Ana,Ruiz,,,ACME,Lead,12 Aug 2026\n"
    )
    preview = import_linkedin(fresh(tmp_path), text.encode(), name="c.csv", dry_run=True)
    assert preview.new["line"].tolist() == [2, 4, 5]
    assert preview.duplicates["match"].tolist() == ["same email as line 2"]
    assert preview.possible[["line", "existing"]].values.tolist() == [[6, "line 2 of this file"]]


def test_vcard_other_emails_find_duplicates(tmp_path: Path) -> None:
    """A card's second email matching someone you have makes it a duplicate."""
    tracker = fresh(tmp_path)
    tracker.add_person("C. Okonkwo", email="c.okonkwo@example.org")
    preview = import_vcard(tracker, SAMPLES / "contacts_apple_3.0.vcf", dry_run=True)
    assert preview.duplicates["name"].tolist() == ["Chidi Okonkwo"]


def test_only_nameless_rows_are_skipped_and_bad_values_are_set_aside(tmp_path: Path) -> None:
    """No name at all skips a row; a bad email or endless text costs that value only."""
    text = HEADER + (
        ",,,,Acme,Lead,12 Aug 2026\n"
        "Bo,Li,,bo@,Acme,Lead,12 Aug 2026\n"
        f"Cy,Diaz,,,{'x' * 2_100},Lead,12 Aug 2026\n"
        "Di,Ng,,,Acme,Lead,12 Aug 2026\n"
    )
    tracker = fresh(tmp_path)
    preview = import_linkedin(tracker, text.encode(), name="c.csv", dry_run=True)
    assert preview.set_aside[["line", "field"]].values.tolist() == [[3, "email"], [4, "company"]]
    result = apply_import(tracker, preview)
    assert (result.added, result.reasons) == (3, {"no name": 1})
    people = tracker.people().set_index("name")
    assert people.index.tolist() == ["Bo Li", "Cy Diaz", "Di Ng"]
    assert pd.isna(people.loc["Bo Li", "email"])
    assert pd.isna(people.loc["Cy Diaz", "company"])


def test_stale_preview_is_checked_again(tmp_path: Path) -> None:
    """Someone added after the preview is not added a second time."""
    tracker = fresh(tmp_path)
    preview = import_linkedin(tracker, CONNECTIONS, dry_run=True)
    tracker.add_person("Bruno Carvalho", email="bruno.carvalho@example.org")
    result = apply_import(tracker, preview)
    assert (result.added, result.duplicates) == (24, 1)


def test_preview_html_escapes_imported_text(tmp_path: Path) -> None:
    """Names from a file never become markup in the preview."""
    text = HEADER + "<img src=x onerror=alert(1)>,Ruiz,,,<b>Acme</b>,Lead,12 Aug 2026\n"
    preview = import_linkedin(fresh(tmp_path), text.encode(), name="<x>.csv", dry_run=True)
    page = preview._repr_html_()
    assert "<img" not in page
    assert "<b>Acme" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;x&gt;.csv" in page


def test_preview_text_lists_what_needs_a_look(tmp_path: Path) -> None:
    """The terminal preview shows possible duplicates and skipped rows with their lines."""
    tracker = seeded(tmp_path)
    text = import_linkedin(tracker, CONNECTIONS, dry_run=True).as_text().splitlines()
    assert text[0] == (
        "Connections.csv: 22 to add, 2 duplicates, 1 possible duplicate, 0 skipped (nothing saved)"
    )
    assert text[1] == (
        "  possible duplicate, line 19: Yusuf Demir (Lumen Labs) ~ Yusuf Demir: left out"
    )


def test_source_must_be_an_import_source(tmp_path: Path) -> None:
    """Only linkedin, vcard and csv are import sources."""
    from infoview.errors import InvalidChoiceError

    with pytest.raises(InvalidChoiceError, match="source must be one of linkedin, vcard, csv"):
        preview_import(fresh(tmp_path), pd.DataFrame(), source="fax")


# ---------------------------------------------------------------- bad files change nothing


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Tracker:
    """One seeded tracker for the generated files below (each checks it is left unchanged)."""
    return seeded(tmp_path_factory.mktemp("imports"))


SLOW = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def unchanged_after(tracker: Tracker, attempt: object, match: str) -> None:
    """``attempt()`` raises ImportProblem and the tracker's people are exactly as before."""
    before = tracker.people()
    with pytest.raises(ImportProblem, match=match):
        attempt()  # type: ignore[operator]
    pd.testing.assert_frame_equal(tracker.people(), before)


CUT = "cut short|not valid CSV|never closes|no header row"
BINARY = "binary data"
MIXED = "mixes text encodings|not UTF-8 text"


def row_spans(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each data row of a LinkedIn sample, end at its line break."""
    spans, start = [], data.index(b"\nFirst Name") + 1
    start = data.index(b"\n", start) + 1
    while start < len(data):
        end = data.index(b"\n", start)
        spans.append((start, end))
        start = end + 1
    return spans


@SLOW
@given(st.data())
def test_truncated_linkedin_export(known: Tracker, data: st.DataObject) -> None:
    """Cut anywhere inside a row (or the preamble): an import problem, nothing changed."""
    raw = CONNECTIONS.read_bytes()
    spans = [(0, raw.index(b"\nFirst Name")), *row_spans(raw)]
    start, end = data.draw(st.sampled_from(spans))
    cut = data.draw(st.integers(start + 1, end - 1))
    tracker = known
    unchanged_after(tracker, lambda: import_linkedin(tracker, raw[:cut], name="cut.csv"), CUT)


@SLOW
@given(st.data())
def test_truncated_vcard(known: Tracker, data: st.DataObject) -> None:
    """Cut inside a card (before its END:VCARD is complete): an import problem."""
    name = data.draw(st.sampled_from(sorted(VCARDS)))
    raw = (SAMPLES / name).read_bytes()
    ends = [i + len(b"END:VCARD") for i in range(len(raw)) if raw.startswith(b"END:VCARD", i)]
    starts = [i for i in range(len(raw)) if raw.startswith(b"BEGIN:VCARD", i)]
    card = data.draw(st.integers(0, len(starts) - 1))
    cut = data.draw(st.integers(starts[card] + 1, ends[card] - 1))
    tracker = known
    unchanged_after(
        tracker,
        lambda: import_vcard(tracker, raw[:cut], name=name),
        "never closed|cut short|cannot be read|no BEGIN:VCARD|where BEGIN:VCARD belongs",
    )


@SLOW
@given(st.data())
def test_truncated_generic_csv(known: Tracker, data: st.DataObject) -> None:
    """Cut inside a row before its last cell (or inside quotes): an import problem."""
    raw = (SAMPLES / "contacts_generic.csv").read_bytes()
    lines = raw.split(b"\r\n")
    row = data.draw(st.integers(1, len(lines) - 2))
    start = sum(len(x) + 2 for x in lines[:row])
    last_comma = start + lines[row].rindex(b",")
    cut = data.draw(st.integers(start + 1, last_comma))
    tracker = known
    unchanged_after(tracker, lambda: import_csv(tracker, raw[:cut], CSV_MAP, name="cut.csv"), CUT)


@SLOW
@given(
    header=st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12),
        min_size=1,
        max_size=7,
    )
)
def test_wrong_header(known: Tracker, header: list[str]) -> None:
    """A header without the expected columns: an import problem for each importer."""
    lowered = {h.strip().lower() for h in header}
    body = ",".join(f'"{h.replace(chr(34), "")}"' for h in header) + "\nAna,Ruiz,x\n"
    tracker = known
    wrong = "no header row"
    if not {"first name", "last name"} <= lowered:
        attempt = lambda: import_linkedin(tracker, body.encode(), name="h.csv")  # noqa: E731
        unchanged_after(tracker, attempt, wrong)
    if "full name" not in lowered:
        attempt = lambda: import_csv(tracker, body.encode(), CSV_MAP, name="h")  # noqa: E731
        unchanged_after(tracker, attempt, wrong)
    attempt = lambda: import_vcard(tracker, body.encode(), name="h.vcf")  # noqa: E731
    unchanged_after(tracker, attempt, "no BEGIN:VCARD")


@SLOW
@given(junk=st.binary(min_size=1, max_size=400))
def test_binary_files(known: Tracker, junk: bytes) -> None:
    """Random bytes (a photo, a zip) are never imported."""
    tracker = known
    data = b"\x89PNG\r\n\x1a\n\x00" + junk
    unchanged_after(tracker, lambda: import_linkedin(tracker, data, name="b.csv"), BINARY)
    unchanged_after(tracker, lambda: import_vcard(tracker, data, name="b.vcf"), BINARY)
    unchanged_after(tracker, lambda: import_csv(tracker, data, CSV_MAP, name="b.csv"), BINARY)


@SLOW
@given(st.data())
def test_mixed_encodings(known: Tracker, data: st.DataObject) -> None:
    """UTF-8 in one part and Windows-1252 in another: refused, naming the line."""
    word = data.draw(st.sampled_from(["Inès", "Müller", "Søren", "Café", "Zoë"]))
    tracker = known
    utf8_name, cp_name = word.encode(), word.encode("cp1252")
    linkedin = (HEADER + "Ana,Jiménez,,,Acme,Lead,12 Aug 2026\n").encode()
    linkedin += b"Bo," + cp_name + b",,,Acme,Lead,12 Aug 2026\n"
    cards = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + utf8_name + b"\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + cp_name + b"\r\nEND:VCARD\r\n"
    )
    generic = b"Full name\r\n" + utf8_name + b"\r\n" + cp_name + b"\r\n"
    names_only = {"Full name": "name"}
    unchanged_after(tracker, lambda: import_linkedin(tracker, linkedin, name="m.csv"), MIXED)
    unchanged_after(tracker, lambda: import_vcard(tracker, cards, name="m.vcf"), MIXED)
    unchanged_after(tracker, lambda: import_csv(tracker, generic, names_only, name="m.csv"), MIXED)
