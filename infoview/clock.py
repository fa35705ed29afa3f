"""The clock every part of the kit reads: today, now, and the learner's time zone.

It sits at the bottom (it imports nothing of the kit but its errors), so any module can ask
it. ``INFOVIEW_TODAY=YYYY-MM-DD`` pins today (notebook runs in tests do), and
``INFOVIEW_TZ`` chooses the zone.

>>> resolve_today("2026-03-14")
datetime.date(2026, 3, 14)
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import zoneinfo
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from infoview.errors import InvalidValueError, shown

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


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
        if not known_zone(chosen):
            raise InvalidValueError(
                f"INFOVIEW_TZ must be a time zone name such as Europe/London or "
                f"America/New_York (got {shown(chosen)})"
            )
        return chosen
    configured = os.environ.get("TZ", "").lstrip(":").strip()
    if configured.startswith("/"):  # TZ=:/usr/share/zoneinfo/Europe/Paris
        configured = _zone_of_file(Path(configured)) or ""
    if configured and known_zone(configured):
        return configured
    return _system_zone_name(_LOCALTIME)


def known_zone(name: str) -> bool:
    """True when ``name`` is an IANA zone this computer knows."""
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
    return text if text and known_zone(text) else "UTC"


def _zone_of_file(path: Path) -> str | None:
    """The zone a zone file is: from a link's target path, else by its bytes."""
    if path.is_symlink():
        target = path.resolve().as_posix()
        if "zoneinfo/" in target:
            name = target.rsplit("zoneinfo/", 1)[1].removeprefix("posix/")
            if known_zone(name):
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
    return as_day(value, "today")


def as_day(value: object, what: str) -> date:
    """A calendar day from a date, a datetime (its day) or text like ``2026-03-14``.

    >>> as_day("2026-03-14", "today")
    datetime.date(2026, 3, 14)
    >>> as_day(date(1, 1, 1), "today")
    Traceback (most recent call last):
    ...
    infoview.errors.InvalidValueError: today must be between 1900 and 2200 (got 0001-01-01)
    """
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidValueError(
                f"{what} must be a date like 2026-03-14 (got {shown(value)})"
            ) from None
    if not isinstance(value, date):
        raise InvalidValueError(f"{what} must be a date like 2026-03-14 (got {shown(value)})")
    check_year(value, what)
    return value


def check_year(value: date, what: str) -> None:
    """Refuse a day or time outside 1900-2200: such a date is a typing mistake."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise InvalidValueError(
            f"{what} must be between {EARLIEST_YEAR} and {LATEST_YEAR} (got {value.isoformat()})"
        )
