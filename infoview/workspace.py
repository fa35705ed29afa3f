"""Where a learner's data lives (the clock is :mod:`infoview.clock`).

The workspace is ``$INFOVIEW_DATA_DIR`` if set, else ``~/infoview-data/``. It sits
outside the checkout, so nothing personal can be committed by accident. Every file the
kit writes (tracker, drafts, sheets, calendars, exports) goes inside it.

>>> safe_filename("../../etc/passwd")
'etc-passwd'
>>> safe_filename("Ana María López: thank you!")
'Ana-María-López-thank-you'
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

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
