"""The workspace: where data lives, safe file names, atomic writes, and the pinned clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infoview.clock import now, resolve_today, today
from infoview.errors import InvalidValueError, WriteRefusedError
from infoview.workspace import (
    data_dir,
    ensure_workspace,
    output_path,
    safe_filename,
    user_path,
    writable_target,
    write_atomic,
)

ROOT = Path(__file__).resolve().parents[1]


def test_data_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """$INFOVIEW_DATA_DIR wins; without it the workspace is ~/infoview-data."""
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(tmp_path / "ws"))
    assert data_dir() == tmp_path / "ws"
    monkeypatch.delenv("INFOVIEW_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / "infoview-data"


def test_workspace_is_outside_the_checkout() -> None:
    """The default workspace never falls inside the repository."""
    assert ROOT not in ensure_workspace().resolve().parents


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "a/../../b", "..", "CON:", "x\x00y"])
def test_output_paths_stay_inside_the_workspace(name: str) -> None:
    """Whatever the name, the file lands inside the workspace's subfolder."""
    root = ensure_workspace()
    target = output_path("drafts", name, ".eml")
    assert target.parent == (root / "drafts").resolve()


def test_safe_filename_keeps_letters_of_any_script() -> None:
    """Accented and non-Latin names stay readable."""
    assert safe_filename("Zoë Ōkubo — 東京") == "Zoë-Ōkubo-東京"
    assert safe_filename("...") == "untitled"


def test_write_atomic_replaces_whole_files(tmp_path: Path) -> None:
    """The file holds the new content, with line endings exactly as given; no temp file is left."""
    target = tmp_path / "a.txt"
    write_atomic(target, "old")
    write_atomic(target, "new\r\nline")
    assert target.read_bytes() == b"new\r\nline"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """INFOVIEW_TODAY pins the date; a bad value is explained."""
    monkeypatch.setenv("INFOVIEW_TODAY", "2026-03-14")
    assert today() == date(2026, 3, 14)
    assert now().date() == date(2026, 3, 14)
    assert now().tzinfo is not None
    monkeypatch.setenv("INFOVIEW_TODAY", "14/03/2026")
    with pytest.raises(InvalidValueError, match="INFOVIEW_TODAY must be a date"):
        today()


def test_long_names_in_any_script_still_make_writable_files() -> None:
    """Eighty 4-byte letters would pass 255 bytes; the name is cut so the file can be written."""
    name = "\U00020000" * 80  # a CJK letter outside the basic plane: 4 bytes in UTF-8
    target = write_atomic(output_path("drafts", name, ".eml"), "x")
    assert target.read_text() == "x"
    assert len(target.name.encode()) <= 130


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a\x00b", "NUL character"),
        ("copy-\ud800.sqlite", "broken surrogate"),
        ("   ", "is empty"),
        (42, "must be text or a Path"),
    ],
)
def test_user_paths_are_checked(value: object, message: str) -> None:
    """Paths a learner types are refused with a reason when no file system could take them."""
    with pytest.raises(InvalidValueError, match=message):
        user_path(value, "the backup's path")


def test_today_arguments_accept_text_and_refuse_nonsense() -> None:
    """A today= argument may be a date, a datetime or ISO text; other values are explained."""
    assert resolve_today("2026-03-14") == date(2026, 3, 14)
    assert resolve_today(datetime(2026, 3, 14, 23, 0, tzinfo=UTC)) == date(2026, 3, 14)
    with pytest.raises(InvalidValueError, match="today must be a date like 2026-03-14"):
        resolve_today(5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="between 1900 and 2200"):
        resolve_today(date(1, 1, 1))


def test_write_atomic_never_replaces_the_tracker_or_a_backup(workspace: Path) -> None:
    """The lowest writer refuses the tracker, its side files and backups/, even via a link."""
    from infoview.tracker import open_tracker

    with open_tracker() as tracker:
        tracker.add_person("Ana")
        backups = tracker.path.parent / "backups"
        backups.mkdir()
        link = workspace / "innocent.ics"
        link.symlink_to(tracker.path)
        before = tracker.path.read_bytes()
        for target in (tracker.path, Path(f"{tracker.path}-wal"), backups / "x.sqlite", link):
            with pytest.raises(WriteRefusedError, match="nothing was written"):
                write_atomic(target, "BEGIN:VCALENDAR")
        assert tracker.path.read_bytes() == before
        assert list(tracker.people()["name"]) == ["Ana"]


def test_writable_target_names_the_file_and_the_choices(tmp_path: Path) -> None:
    """An existing file is refused with --force and another name offered; force allows it."""
    existing = tmp_path / "summary.json"
    existing.write_text("{}")
    with pytest.raises(WriteRefusedError, match=r"summary.json already exists.*--force"):
        writable_target(existing, "summary")
    assert writable_target(existing, "summary", force=True) == existing.resolve()
    database = tmp_path / "old.sqlite"
    database.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(WriteRefusedError, match="SQLite database"):
        writable_target(database, "calendar file", force=True)
    assert writable_target(database, "backup", force=True, database=True) == database.resolve()


def test_local_zone_is_a_named_zone_infoview_tz_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """INFOVIEW_TZ overrides TZ; the zone keeps DST rules and its name is shown."""
    from zoneinfo import ZoneInfo

    from infoview.clock import local_zone
    from infoview.meeting import system_zone_name

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    monkeypatch.setenv("INFOVIEW_TZ", "Europe/Berlin")
    assert local_zone() == ZoneInfo("Europe/Berlin")
    assert system_zone_name() == "Europe/Berlin"  # the meeting planner's default
    summer, winter = datetime(2026, 7, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    assert (
        summer.astimezone(local_zone()).utcoffset() != winter.astimezone(local_zone()).utcoffset()
    )
    monkeypatch.delenv("INFOVIEW_TZ")
    assert system_zone_name() == "Asia/Tokyo"
    monkeypatch.setenv("INFOVIEW_TZ", "Mars/Olympus")
    with pytest.raises(InvalidValueError, match="INFOVIEW_TZ must be a time zone name"):
        local_zone()


def test_a_plain_localtime_file_is_matched_to_its_zone(tmp_path: Path) -> None:
    """/etc/localtime copied (not linked), as in containers, is named by its contents."""
    import zoneinfo

    from infoview.clock import _system_zone_name

    source = next(
        Path(folder) / "America" / "New_York"
        for folder in zoneinfo.TZPATH
        if (Path(folder) / "America" / "New_York").is_file()
    )
    copied = tmp_path / "localtime"
    copied.write_bytes(source.read_bytes())
    assert _system_zone_name(copied) == "America/New_York"
    linked = tmp_path / "linked"
    linked.symlink_to(source.parent.parent / "Australia" / "Sydney")
    assert _system_zone_name(linked) == "Australia/Sydney"
