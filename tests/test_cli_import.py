"""`infoview import linkedin|vcard|csv FILE`: one summary line, or the preview with --dry-run."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview.cli import main
from infoview.network import import_linkedin
from infoview.tracker import open_tracker

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip()


def test_linkedin_dry_run_then_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--dry-run shows the preview and saves nothing; then one line says what was done."""
    db = str(tmp_path / "t.sqlite")
    sample = str(SAMPLES / "Connections.csv")
    code, out, _ = run(capsys, "import", "linkedin", sample, "--tracker", db, "--dry-run")
    assert (code, out) == (0, "Connections.csv: 25 to add, 0 duplicates, 0 skipped (nothing saved)")
    assert open_tracker(db).people().empty
    assert run(capsys, "import", "linkedin", sample, "--tracker", db)[:2] == (
        0,
        "Connections.csv: added 25, 0 duplicates, 0 skipped",
    )
    assert run(capsys, "import", "linkedin", sample, "--tracker", db)[1] == (
        "Connections.csv: added 0, 25 duplicates, 0 skipped"
    )


def test_vcard_summary_counts_skipped_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Skipped cards are counted with their reason."""
    sample = str(SAMPLES / "contacts_apple_3.0.vcf")
    code, out, _ = run(capsys, "import", "vcard", sample, "--tracker", str(tmp_path / "t.sqlite"))
    assert code == 0
    assert out == (
        "contacts_apple_3.0.vcf: added 2, 0 duplicates, 1 skipped "
        "(a contact group, not a person: 1)"
    )


def test_csv_with_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--map COLUMN=FIELD, repeated, reads any CSV."""
    db = str(tmp_path / "t.sqlite")
    code, out, _ = run(
        capsys,
        "import",
        "csv",
        str(SAMPLES / "contacts_generic.csv"),
        "--tracker",
        db,
        "--map",
        "Full name=name",
        "--map",
        "E-mail=email",
        "--map",
        "Met on=connected_on",
    )
    assert (code, out) == (0, "contacts_generic.csv: added 3, 0 duplicates, 0 skipped")
    assert open_tracker(db).people()["email"].tolist()[0] == "hana.kobayashi@example.org"


def test_possible_duplicates_are_left_out_unless_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name-and-company match is listed in the preview and added only with --add-possible."""
    db = str(tmp_path / "t.sqlite")
    open_tracker(db).add_person("Yusuf Demir", company="Lumen Labs")
    sample = str(SAMPLES / "Connections.csv")
    _, out, _ = run(capsys, "import", "linkedin", sample, "--tracker", db, "--dry-run")
    assert "possible duplicate, line 19: Yusuf Demir (Lumen Labs) ~ Yusuf Demir: left out" in out
    _, out, _ = run(capsys, "import", "linkedin", sample, "--tracker", db, "--add-possible")
    assert out == "Connections.csv: added 25, 0 duplicates, 0 skipped"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "vcard", str(SAMPLES / "Connections.csv")], "no BEGIN:VCARD"),
        (["import", "linkedin", "missing.csv"], "missing.csv: there is no such file"),
        (["import", "csv", str(SAMPLES / "contacts_generic.csv"), "--map", "A=nom"], "field must"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    """A bad file or mapping: one line on stderr, exit status 2, nothing written."""
    db = tmp_path / "t.sqlite"
    code, _, err = run(capsys, *args, "--tracker", str(db))
    assert code == 2
    assert words in err
    assert len(err.splitlines()) == 1
    assert not db.exists() or open_tracker(db).people().empty


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "csv", "x.csv", "--map", "Full name"], "use COLUMN=FIELD"),
        (["import", "csv", "x.csv"], "--map"),
    ],
)
def test_bad_flags_give_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    """A malformed or missing --map is a usage error: one line, status 2."""
    with pytest.raises(SystemExit) as exited:
        main(args)
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert words in err
    assert len(err.strip().splitlines()) == 1


QUIRKS = Path(__file__).resolve().parent / "data" / "imports"


def test_dry_run_prints_the_report_and_asks_the_date_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run prints the preview's report: counts, each value set aside, the date question."""
    db = str(tmp_path / "t.sqlite")
    undecided = str(QUIRKS / "linkedin_undecided_dates.csv")
    code, out, _ = run(capsys, "import", "linkedin", undecided, "--tracker", db, "--dry-run")
    tracker = open_tracker(db)
    preview = import_linkedin(tracker, undecided, dry_run=True)
    assert code == 0
    assert out == preview.as_text() + "\n  (add --dates day-first or --dates month-first)"
    assert "set aside, line 2, Lene Vasquez: Connected On '06/02/2026' could be" in out
    args = ("import", "linkedin", undecided, "--tracker", db, "--dry-run", "--dates", "day-first")
    code, out, _ = run(capsys, *args)
    assert out == "linkedin_undecided_dates.csv: 2 to add, 0 duplicates, 0 skipped (nothing saved)"
    assert tracker.people().empty


def test_report_is_saved_as_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--report FILE saves every set-aside value with its line, and says where."""
    db, report = str(tmp_path / "t.sqlite"), tmp_path / "report.csv"
    hidden = str(QUIRKS / "linkedin_2018_hidden_emails.csv")
    code, out, _ = run(
        capsys, "import", "linkedin", hidden, "--tracker", db, "--report", str(report)
    )
    assert code == 0
    assert out.splitlines() == [
        "linkedin_2018_hidden_emails.csv: added 3, 0 duplicates, 0 skipped, 2 set aside",
        f"Report saved to {report}",
    ]
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines] == ["line", "2", "4"]
