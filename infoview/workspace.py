"""Where a learner's data lives, and the clock the kit reads.

The workspace is ``$INFOVIEW_DATA_DIR`` if set, else ``~/infoview-data/``. It sits
outside the checkout, so nothing personal can be committed by accident. Every file the
kit writes (tracker, drafts, sheets, calendars, exports) goes inside it.

>>> safe_filename("../../etc/passwd")
'etc-passwd'
>>> safe_filename("Ana María López: thank you!")
'Ana-María-López-thank-you'
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import re
import tempfile
import zoneinfo
from collections import Counter
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from infoview.errors import (
    InvalidValueError,
    StorageError,
    WriteRefusedError,
    shown,
    storage_problem,
)

TRACKER_FILENAME = "infoview.sqlite"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside a database
_SQLITE_HEADER = b"SQLite format 3\x00"
_open_trackers: Counter[Path] = Counter()  # the trackers open in this process, resolved
_MAX_NAME_BYTES = 120
_README = """\
This folder holds your infoview workspace.

  infoview.sqlite   your tracker: profile, people, touches, question plans
  backups/          copies made before every upgrade of the tracker's format
  drafts/           .eml email drafts (open them in your mail app)
  sheets/           printable question sheets
  calendar/         .ics calendar files
  exports/          CSV exports that open in Excel

Back it up with:   infoview backup ~/infoview-backup.sqlite
Export it with:    infoview export csv ~/infoview-export
Nothing here is ever sent anywhere by infoview.
"""


def data_dir() -> Path:
    """The workspace folder: ``$INFOVIEW_DATA_DIR``, else ``~/infoview-data``."""
    configured = os.environ.get("INFOVIEW_DATA_DIR", "").strip()
    return Path(configured).expanduser() if configured else Path.home() / "infoview-data"


def ensure_workspace(folder: Path | None = None) -> Path:
    """Create the workspace (with a short README.txt) if needed and return it."""
    configured = folder is None and bool(os.environ.get("INFOVIEW_DATA_DIR", "").strip())
    folder = folder if folder is not None else data_dir()
    named = f"INFOVIEW_DATA_DIR ({folder})" if configured else str(folder)
    if folder.exists() and not folder.is_dir():
        raise StorageError(
            f"the workspace {named} is a file, not a folder; point INFOVIEW_DATA_DIR at a "
            "folder (or unset it to use ~/infoview-data)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        readme = folder / "README.txt"
        if not readme.exists():
            write_atomic(readme, _README)
    except StorageError as exc:
        raise StorageError(f"the workspace {named} cannot be used: {exc}") from None
    except OSError as exc:
        problem = storage_problem(folder, exc)
        raise StorageError(
            f"the workspace {named} cannot be used: {problem}; make it writable, or point "
            "INFOVIEW_DATA_DIR at a folder you can write"
        ) from None
    return folder


def tracker_path() -> Path:
    """The default tracker file inside the workspace."""
    return data_dir() / TRACKER_FILENAME


def user_path(value: object, what: str = "path") -> Path:
    """A file or folder named by a learner, ``~`` expanded; refuses what no file system takes.

    >>> user_path("~/x").name
    'x'
    >>> user_path("a\\x00b", "the backup's path")
    Traceback (most recent call last):
    ...
    infoview.errors.InvalidValueError: the backup's path contains a NUL character; no file name can
    """
    if isinstance(value, os.PathLike) and not isinstance(value, Path):
        value = os.fspath(value)
    if not isinstance(value, str | Path):
        raise InvalidValueError(f"{what} must be text or a Path (got {type(value).__name__})")
    text = str(value)
    if not text.strip():
        raise InvalidValueError(f"{what} is empty; give the name of a file or folder")
    if "\0" in text:
        raise InvalidValueError(f"{what} contains a NUL character; no file name can")
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        raise InvalidValueError(
            f"{what} contains a character no file name can hold (a broken surrogate)"
        ) from None
    return Path(text).expanduser()


def safe_filename(name: str, *, default: str = "untitled") -> str:
    """A file name made from free text that cannot leave its folder or upset a file system."""
    cleaned = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-.")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:80]
    # File systems count bytes (255 at most); leave room for a suffix and a temporary name.
    while len(cleaned.encode("utf-8")) > _MAX_NAME_BYTES:
        cleaned = cleaned[:-1]
    return cleaned.strip("-.") or default


def output_path(subfolder: str, name: str, suffix: str, *, folder: Path | None = None) -> Path:
    """A path for a file the kit writes, always inside the workspace's ``subfolder``.

    Symlinks are resolved first, so a linked ``drafts/`` cannot lead a file out of the
    workspace.

    >>> import tempfile; root = Path(tempfile.mkdtemp())
    >>> output_path("drafts", "../../x", ".eml", folder=root).relative_to(root).as_posix()
    'drafts/x.eml'
    """
    root = ensure_workspace(folder).resolve()
    target_dir = (root / safe_filename(subfolder)).resolve()
    if not target_dir.is_relative_to(root):
        raise WriteRefusedError(
            f"refusing to write into {root / safe_filename(subfolder)}: it is a link to "
            f"{target_dir}, outside the workspace {root}; remove the link and try again"
        )
    target_dir.mkdir(parents=True, exist_ok=True)
    target = (target_dir / (safe_filename(name) + suffix)).resolve()
    if target.parent != target_dir:  # a link with the file's own name, or a separator
        raise WriteRefusedError(f"refusing to write outside the workspace: {shown(name)}")
    return target


def unused_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``... the first that does not exist yet."""
    candidate, number = path, 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


# ---------------------------------------------------------------- the write guard


def remember_tracker(path: Path, *, is_open: bool = True) -> None:
    """Note a tracker opened (or closed), so that nothing the kit writes can replace it."""
    _open_trackers[path.resolve()] += 1 if is_open else -1
    if _open_trackers[path.resolve()] <= 0:
        del _open_trackers[path.resolve()]


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def protected_reason(path: Path) -> str | None:
    """Why the kit must never write to ``path`` (resolved), whatever the learner says; or None."""
    trackers = {tracker_path().resolve(), *_open_trackers}
    if path in _open_trackers:
        return "it is a tracker in use (open in a notebook or in this program)"
    if path in trackers:
        return "it is your tracker"
    for suffix in SIDE_SUFFIXES:
        base = path.with_name(path.name.removesuffix(suffix))
        if path.name.endswith(suffix) and (base in trackers or _is_sqlite(base)):
            return f"it is a working file SQLite keeps beside the tracker {base.name}"
    if _is_sqlite(path) and any(path.with_name(path.name + s).exists() for s in SIDE_SUFFIXES):
        return "it is a tracker in use (another notebook may have it open)"
    for tracker in trackers:
        backups = tracker.parent / "backups"
        if path.is_relative_to(backups):
            return "it is inside backups/, where the copies made before upgrades are kept"
    return None


def writable_target(
    path: str | Path, what: str, *, force: bool = False, database: bool = False
) -> Path:
    """The resolved path a learner named for ``what``, once it is safe to write there.

    Never the tracker, its ``-wal``/``-shm``/``-journal`` files or anything in ``backups/``;
    never an existing file unless ``force`` (and then never an SQLite file, unless
    ``database``: a new backup may replace an old one). Symlinks are resolved first.
    """
    target = user_path(path, f"the {what}'s path").resolve()
    reason = protected_reason(target)
    if reason is None and target.is_dir():
        reason = "it is a folder"
    if reason is None and target.exists() and not database and _is_sqlite(target):
        reason = "it is an SQLite database (a tracker, or a backup of one)"
    if reason is not None:
        raise WriteRefusedError(
            f"refusing to write the {what} to {target}: {reason}. Nothing was written; "
            "choose another file name"
        )
    if target.exists() and not force:
        raise WriteRefusedError(
            f"{target} already exists, so the {what} was not written. Choose another file "
            "name, or pass --force (force=True in a notebook) to replace it"
        )
    return target


def write_atomic(path: Path, content: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write a whole file so that readers see the old file or the new one, never half.

    A temporary file in the same folder is written, flushed to disk, then moved into place.
    The tracker, its working files and ``backups/`` are refused (see :func:`protected_reason`).

    Text is encoded as given, so the caller's line endings (CRLF in mail and calendar
    files) are kept exactly.
    """
    data = content.encode(encoding) if isinstance(content, str) else content
    path = path.resolve()
    reason = protected_reason(path)
    if reason is not None:
        raise WriteRefusedError(f"refusing to write {path}: {reason}; nothing was written")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise storage_problem(path, exc) or exc from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise storage_problem(path, exc) or exc from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# ---------------------------------------------------------------- the clock


def today() -> date:
    """Today's date; ``INFOVIEW_TODAY=YYYY-MM-DD`` pins it (notebook runs in tests do)."""
    pinned = os.environ.get("INFOVIEW_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise InvalidValueError(
                f"INFOVIEW_TODAY must be a date like 2026-03-14 (got {shown(pinned)})"
            ) from None
    return date.today()  # noqa: DTZ011 - the learner's own calendar day is what counts


_LOCALTIME = Path("/etc/localtime")


def local_zone() -> ZoneInfo:
    """The learner's time zone with its daylight-saving rules (see :func:`local_zone_name`).

    Every stored UTC instant becomes a local day with the rules in force at that instant, so
    an email sent at 00:30 in summer stays on its day when read in winter.
    """
    return ZoneInfo(local_zone_name())


def local_zone_name() -> str:
    """The learner's IANA zone name, shown to them: ``$INFOVIEW_TZ``, ``$TZ``, the system's.

    The system's zone is read from ``/etc/localtime`` (its link target, or its contents
    matched against the zone files), then ``/etc/timezone``; else ``UTC``.
    """
    chosen = os.environ.get("INFOVIEW_TZ", "").strip()
    if chosen:
        if not _known_zone(chosen):
            raise InvalidValueError(
                f"INFOVIEW_TZ must be a time zone name such as Europe/London or "
                f"America/New_York (got {shown(chosen)})"
            )
        return chosen
    configured = os.environ.get("TZ", "").lstrip(":").strip()
    if configured.startswith("/"):  # TZ=:/usr/share/zoneinfo/Europe/Paris
        configured = _zone_of_file(Path(configured)) or ""
    if configured and _known_zone(configured):
        return configured
    return _system_zone_name(_LOCALTIME)


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _system_zone_name(localtime: Path) -> str:
    found = _zone_of_file(localtime)
    if found:
        return found
    named = Path("/etc/timezone")
    try:
        text = named.read_text("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text if text and _known_zone(text) else "UTC"


def _zone_of_file(path: Path) -> str | None:
    """The zone a zone file is: from a link's target path, else by its bytes."""
    if path.is_symlink():
        target = path.resolve().as_posix()
        if "zoneinfo/" in target:
            name = target.rsplit("zoneinfo/", 1)[1].removeprefix("posix/")
            if _known_zone(name):
                return name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _zone_with_contents(data)


@functools.cache
def _zone_with_contents(data: bytes) -> str | None:
    """The IANA name whose zone file holds exactly ``data`` (a copied /etc/localtime)."""
    matches = sorted(name for name in available_timezones() if _zone_bytes(name) == data)
    if not matches:
        return None
    if "UTC" in matches or "Etc/UTC" in matches:
        return "UTC"
    regional = [name for name in matches if "/" in name and not name.startswith("Etc/")]
    return (regional or matches)[0]


def _zone_bytes(name: str) -> bytes | None:
    for folder in zoneinfo.TZPATH:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate.read_bytes()
    try:
        package, _, leaf = f"tzdata.zoneinfo.{name}".replace("/", ".").rpartition(".")
        return importlib.resources.files(package).joinpath(leaf).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return None


def now() -> datetime:
    """The current time, tz-aware; on a pinned day it is noon local time of that day."""
    if os.environ.get("INFOVIEW_TODAY", "").strip():
        return datetime.combine(today(), time(12, 0), tzinfo=local_zone())
    return datetime.now(local_zone())


def resolve_today(value: date | str | None) -> date:
    """``value`` if given, else :func:`today` (the pattern every ``today=`` argument uses).

    A datetime counts as its day and text like ``2026-03-14`` is read as a date; anything
    else, or a year outside 1900-2200, is explained.
    """
    if value is None:
        return today()
    from infoview.validation import as_day

    return as_day(value, "today")
