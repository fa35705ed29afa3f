"""Time zones for meetings: the learner's own zone, IANA names, and a safe way to build a start.

A meeting time always carries a zone. The kit prefers IANA names (``Europe/London``) because
they know about daylight saving; a fixed offset is only a fallback.

>>> zone_label(ZoneInfo("America/New_York"))
'America/New_York'
>>> from datetime import timezone
>>> zone_label(timezone(timedelta(hours=5, minutes=30)))
'UTC+05:30'
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

from infoview.clock import known_zone, local_zone, local_zone_name
from infoview.errors import InvalidValueError


def valid_zone(name: str) -> bool:
    """True when ``name`` is an IANA zone this computer knows."""
    return known_zone(name)


def system_zone_name() -> str:
    """The learner's IANA time zone name (such as ``Europe/London``); ``UTC`` if unknown.

    ``INFOVIEW_TZ`` overrides it (see :func:`infoview.clock.local_zone_name`).
    """
    return local_zone_name()


def learner_zone() -> ZoneInfo:
    """The learner's own zone, with its daylight-saving rules."""
    return local_zone()


def zone_names() -> list[str]:
    """Every IANA zone name, sorted, for pickers."""
    return sorted(available_timezones())


def zone_label(zone: tzinfo | None, moment: datetime | None = None) -> str:
    """An IANA name when the zone has one, else its offset such as ``UTC+02:00``."""
    if isinstance(zone, ZoneInfo):
        return zone.key
    offset = zone.utcoffset(moment) if zone is not None else None
    if not offset:
        return "UTC"
    sign = "+" if offset >= timedelta(0) else "-"
    hours, rest = divmod(abs(int(offset.total_seconds())), 3600)
    return f"UTC{sign}{hours:02d}:{rest // 60:02d}"


def meeting_at(day: date, at: time, zone: str) -> datetime:
    """The tz-aware start of a meeting from a day, a clock time and an IANA zone name.

    >>> meeting_at(date(2026, 10, 25), time(9, 0), "Europe/Paris").isoformat()
    '2026-10-25T09:00:00+01:00'
    >>> meeting_at(date(2026, 3, 29), time(2, 30), "Europe/Paris")
    Traceback (most recent call last):
    ...
    infoview.errors.InvalidValueError: 02:30 does not exist on 2026-03-29 in Europe/Paris: ...
    """
    name = (zone or "").strip()
    if not valid_zone(name):
        raise InvalidValueError(
            f"{zone!r} is not a time zone name; use an IANA name such as Europe/London, "
            "America/New_York or Asia/Tokyo"
        )
    start = datetime.combine(day, at.replace(tzinfo=None), tzinfo=ZoneInfo(name))
    if start.astimezone(UTC).astimezone(start.tzinfo).replace(tzinfo=None) != start.replace(
        tzinfo=None
    ):
        raise InvalidValueError(
            f"{at:%H:%M} does not exist on {day} in {name}: the clocks go forward that night. "
            "Pick a time an hour later."
        )
    return start


def day_text(day: date, *, short: bool = False) -> str:
    """A day as people write it: ``Wednesday 2 December`` (or ``Wed 2 Dec``).

    >>> day_text(date(2026, 12, 2)), day_text(date(2026, 12, 2), short=True)
    ('Wednesday 2 December', 'Wed 2 Dec')
    """
    return f"{day:%a} {day.day} {day:%b}" if short else f"{day:%A} {day.day} {day:%B}"
