"""Real-world export quirks, one fixture each: preview and import keep every named person."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from infoview.errors import ImportProblem
from infoview.network import ImportPreview, apply_import, import_csv, import_linkedin, import_vcard
from infoview.tracker import Tracker, open_tracker

DATA = Path(__file__).resolve().parent / "data" / "imports"
GOOGLE = {
    "First Name": "first_name",
    "Last Name": "last_name",
    "E-mail 1 - Value": "email",
    "Organization Name": "company",
    "Organization Title": "role",
    "Notes": "notes",
}
OUTLOOK = {
    "First Name": "first_name",
    "Last Name": "last_name",
    "E-mail Address": "email",
    "Company": "company",
}


def fresh(tmp_path: Path) -> Tracker:
    return open_tracker(tmp_path / "t.sqlite")


def preview_of(tracker: Tracker, name: str) -> ImportPreview:
    path = DATA / name
    if name.startswith("linkedin"):
        return import_linkedin(tracker, path, dry_run=True)
    if name.startswith("google"):
        return import_csv(tracker, path, GOOGLE, dry_run=True)
    if name.startswith("outlook"):
        return import_csv(tracker, path, OUTLOOK, dry_run=True)
    return import_vcard(tracker, path, dry_run=True)


KEPT = {
    "linkedin_2018_hidden_emails.csv": ["Marta Quell", "Joachim Brandvold", "Sunniva Aakre"],
    "linkedin_resaved_dates.csv": [
        "Pilar Ostergaard",
        "Tomasz Reyvald",
        "Ines Carvallo",
        "Ravi Thandeka",
    ],
    "linkedin_undecided_dates.csv": ["Lene Vasquez", "Oskar Imbert"],
    "google_contacts.csv": ["Aurora Feldhaus", "Bastien Morlaix", "Chiara Valdés"],
    "outlook_short_rows.csv": ["Dagny Holmfrid", "Emeka Ravensworth", "Fenna Vlasblom"],
    "thunderbird.vcf": ["Greta Lindqvar", "Hakon Swithin"],
    "iphone_cr_cr_lf.vcf": ["Ifeoma Okafor-Lind", "Jorun Almgren"],
    "android_bad_qp.vcf": ["Katrin Müller", "Lamine Ndiaye", "Maren Solberg", "Omar Aziz"],
    "lotus_profile.vcf": ["Nils Brightwater", "Odile Ferrant"],
    "vcard4_kinds.vcf": ["Pip", "Quentin Arvel"],
}


@pytest.mark.parametrize(("name", "people"), sorted(KEPT.items()))
def test_every_named_person_is_previewed_and_imported(
    tmp_path: Path, name: str, people: list[str]
) -> None:
    """Each quirky export loses nobody who has a name, in the preview and in the tracker."""
    tracker = fresh(tmp_path)
    preview = preview_of(tracker, name)
    assert preview.new["name"].tolist() == people
    assert tracker.people().empty  # nothing written before the learner confirms
    result = apply_import(tracker, preview)
    assert result.added == len(people)
    assert tracker.people()["name"].tolist() == people


def test_hidden_linkedin_emails_are_set_aside(tmp_path: Path) -> None:
    """urn:li:member stand-ins are listed as set aside and counted; the people stay."""
    preview = preview_of(fresh(tmp_path), "linkedin_2018_hidden_emails.csv")
    assert preview.set_aside["value"].tolist() == ["urn:li:member:40417", "urn:li:member:88120"]
    assert preview.counts() == "3 people; 2 imported without an email"


def test_resaved_dates_read_from_the_whole_column(tmp_path: Path) -> None:
    """6-Feb-26 reads; 25/01/2026 shows the column is day-first; a non-date is set aside."""
    preview = preview_of(fresh(tmp_path), "linkedin_resaved_dates.csv")
    days = [str(day) for day in preview.new["connected_on"]]
    assert days == ["2026-02-06", "2026-02-06", "2026-01-25", "None"]
    assert preview.set_aside["value"].tolist() == ["not recorded"]
    assert not preview.asks_date_order


def test_undecided_dates_are_asked_then_read(tmp_path: Path) -> None:
    """When no date shows the order, the preview asks; given the answer, the dates are read."""
    tracker = fresh(tmp_path)
    asked = preview_of(tracker, "linkedin_undecided_dates.csv")
    assert asked.asks_date_order
    assert "day or the month comes first" in asked.as_text()
    path = DATA / "linkedin_undecided_dates.csv"
    answered = import_linkedin(tracker, path, dry_run=True, day_first=True)
    assert not answered.asks_date_order
    assert [str(d) for d in answered.new["connected_on"]] == ["2026-02-06", "2026-04-03"]


def test_google_multi_value_emails(tmp_path: Path) -> None:
    """Of several addresses in a cell the first is the email; the rest go to the notes."""
    preview = preview_of(fresh(tmp_path), "google_contacts.csv")
    emails = preview.new["email"].tolist()
    assert emails[:2] == ["aurora.feldhaus@example.org", "bastien.morlaix@example.org"]
    assert preview.new["notes"][0] == "Other emails: a.feldhaus@example.net"
    assert preview.new["notes"][1] == "Met at a meetup\nOther emails: bm@example.net"


def test_outlook_short_rows_are_named(tmp_path: Path) -> None:
    """Rows shorter than the header are read, each named in the report by its line."""
    preview = preview_of(fresh(tmp_path), "outlook_short_rows.csv")
    assert preview.set_aside["line"].tolist() == [2, 3]
    assert preview.new["company"].tolist() == [None, None, "Gravel & Pine"]


def test_reserved_domains_cost_the_address_only(tmp_path: Path) -> None:
    """An @….invalid address never receives mail: the person is kept without it, and told."""
    preview = preview_of(fresh(tmp_path), "thunderbird.vcf")
    assert preview.new["email"].tolist() == [None, "hakon.swithin@example.org"]
    (reason,) = preview.set_aside["reason"].tolist()
    assert "reserved and never receives mail" in reason
    assert preview.new["notes"][0] == "First line\nsecond line"  # the bare CR inside the note


def test_iphone_folds_keep_their_space(tmp_path: Path) -> None:
    """CR CR LF line ends: the folded photo is dropped and the folded note joins as written."""
    preview = preview_of(fresh(tmp_path), "iphone_cr_cr_lf.vcf")
    note = "We met at the harbour talk and agreed on a call that continues next month."
    assert preview.new["notes"][0] == note
    assert preview.new["company"][0] == "Saltmarsh Analytics"


def test_android_bad_byte_spoils_one_value(tmp_path: Path) -> None:
    """A quoted-printable value with a bad byte is set aside; the card and the file stay."""
    preview = preview_of(fresh(tmp_path), "android_bad_qp.vcf")
    assert preview.set_aside[["line", "field"]].values.tolist() == [[6, "NOTE"]]


def test_vcard4_kinds_are_skipped_and_said(tmp_path: Path) -> None:
    """A place, a group and an organisation are not people; a nickname names a card."""
    preview = preview_of(fresh(tmp_path), "vcard4_kinds.vcf")
    assert preview.skipped["reason"].tolist() == [
        "a place, not a person",
        "a contact group, not a person",
        "an organisation (the card holds a company name and no person's name)",
    ]
    assert preview.set_aside["kind"].tolist() == ["named from a nickname"]


@pytest.mark.parametrize(
    ("name", "mapping", "words"),
    [
        ("shift_jis.csv", {"氏名": "name"}, "looks like Shift_JIS \\(Japanese\\) text, not UTF-8"),
        ("unclosed_quote.csv", {"Full name": "name"}, "line 3: a quote opened on line 3 never"),
    ],
)
def test_refused_files_say_why_and_change_nothing(
    tmp_path: Path, name: str, mapping: dict[str, str], words: str
) -> None:
    """A file that cannot be read is refused with the right reason; the tracker is unchanged."""
    tracker = fresh(tmp_path)
    tracker.add_person("Ada Known")
    before = tracker.people()
    with pytest.raises(ImportProblem, match=words):
        import_csv(tracker, DATA / name, mapping)
    assert tracker.people().equals(before)


def test_the_report_saves_as_csv(tmp_path: Path) -> None:
    """The report lists every set-aside value and skipped row, with its line, in a CSV."""
    preview = preview_of(fresh(tmp_path), "vcard4_kinds.vcf")
    path = preview.save_report(tmp_path / "report.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["line", "name", "outcome", "field", "value", "note"]
    assert [row[0] for row in rows[1:]] == ["1", "6", "12", "16"]
    assert rows[4][2] == "imported"
