"""Rows in and frames out: checking values before they are stored, typing what is read.

>>> _person_row(name="  Ana Ruiz ", tie="ally")["name"]
'Ana Ruiz'
>>> utc_text(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
'2026-03-02T12:00:00+00:00'
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from infoview.clock import as_day, check_year, local_zone
from infoview.errors import InvalidValueError, UnknownPersonError, shown
from infoview.model import Source, Tie, TouchKind, require_aware
from infoview.validation import clean_email, clean_emails, clean_text, texts_pass

_LARGEST_ID = 2**63 - 1  # SQLite's INTEGER range

_PEOPLE_COLUMNS = (
    "id",
    "name",
    "email",
    "company",
    "role",
    "url",
    "source",
    "introduced_by",
    "tie",
    "connected_on",
    "notes",
    "created_at",
)
_TOUCH_COLUMNS = (
    "id",
    "person_id",
    "kind",
    "at",
    "channel",
    "subject",
    "body",
    "details",
    "created_at",
)
_PROFILE_FIELDS = ("name", "email", "field", "goal", "synopsis")
_TARGET_COLUMNS = ("id", "organisation", "contact", "motivation", "advocacy", "posting", "notes")


def utc_text(moment: datetime) -> str:
    """A tz-aware time as the UTC ISO text the tracker stores (sortable as text)."""
    try:
        return require_aware(moment).astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:
        raise InvalidValueError(
            f"{moment.isoformat()} is too close to the ends of the calendar; use a real date"
        ) from None


def _json_text(value: object, what: str, *, sort_keys: bool = False) -> str:
    """Plain values as JSON text the tracker can store, or an error a learner can act on."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, default=str)
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValueError(
            f"{what} contain a character that cannot be stored (a broken surrogate); "
            "retype that text"
        ) from None
    except (TypeError, ValueError) as exc:
        raise InvalidValueError(f"{what} must be plain values (text, numbers): {exc}") from None
    return text


def _moment(on: date | datetime | None) -> datetime:
    """When a touch happened: a datetime must be tz-aware; a date means noon, local time."""
    if on is None:
        from infoview.clock import now

        return now()
    if isinstance(on, datetime):
        check_year(on, "on")
        return require_aware(on, "on")
    if isinstance(on, date):
        check_year(on, "on")
        return datetime(on.year, on.month, on.day, 12, 0, tzinfo=local_zone())
    raise InvalidValueError(f"on must be a date or a tz-aware datetime (got {shown(on)})")


class Column(NamedTuple):
    """One column of a tracker table."""

    name: str
    kind: str  # SQLite's declared type: INTEGER or TEXT
    required: bool  # NOT NULL


def _require_table(table: str) -> None:
    if table not in {"profile", "people", "touches", "plans", "targets"}:
        raise InvalidValueError(f"unknown table {shown(table)}")


def _person_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value))
        except ValueError:
            raise UnknownPersonError(value) from None
    if not -_LARGEST_ID <= value <= _LARGEST_ID:
        raise UnknownPersonError(value)
    return value


def _person_row(
    *,
    name: str,
    email: str | None = None,
    company: str | None = None,
    role: str | None = None,
    url: str | None = None,
    source: str | Source = "cold",
    introduced_by: int | None = None,
    tie: str | Tie = "connection",
    connected_on: date | str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    clean_name = clean_text(name, "name")
    if not clean_name:
        raise InvalidValueError("name must not be empty")
    if connected_on is not None and connected_on != "":
        connected_on = as_day(connected_on, "connected_on")  # a datetime keeps its day
    else:
        connected_on = None
    return {
        "name": clean_name,
        "email": clean_email(email),
        "company": clean_text(company, "company"),
        "role": clean_text(role, "role"),
        "url": clean_text(url, "url"),
        "source": Source.parse(source).value,
        "introduced_by": None if introduced_by is None else _person_id(introduced_by),
        "tie": Tie.parse(tie).value,
        "connected_on": connected_on.isoformat() if connected_on else None,
        "notes": clean_text(notes, "notes", multiline=True),
    }


def _target_row(
    *,
    organisation: object,
    contact: object = None,
    motivation: object = 2,
    advocacy: object = False,
    posting: object = False,
    notes: object = None,
) -> dict[str, Any]:
    organisation_text = clean_text(organisation, "organisation")
    if not organisation_text:
        raise InvalidValueError("organisation must not be empty")
    if isinstance(motivation, bool) or motivation not in (1, 2, 3):
        raise InvalidValueError(f"motivation must be 1, 2 or 3 (got {shown(motivation)})")
    for name, flag in (("advocacy", advocacy), ("posting", posting)):
        if isinstance(flag, str) or flag not in (0, 1):  # True, False, 1, 0 (numpy's too)
            raise InvalidValueError(f"{name} must be True or False (got {shown(flag)})")
    return {
        "organisation": organisation_text,
        "contact": clean_text(contact, "contact"),
        "motivation": int(motivation),
        "advocacy": int(bool(advocacy)),
        "posting": int(bool(posting)),
        "notes": clean_text(notes, "notes", multiline=True),
    }


def _optional_text(series: pd.Series) -> pd.Series:
    """Text with missing values as NaN (pandas' ``str`` dtype)."""
    return series.astype("str")


def _typed_people(frame: pd.DataFrame) -> pd.DataFrame:
    frame["id"] = frame["id"].astype("int64")
    frame["introduced_by"] = frame["introduced_by"].astype("Int64")
    for column in ("name", "source", "tie"):
        frame[column] = frame[column].astype("str")
    for column in ("email", "company", "role", "url", "notes"):
        frame[column] = _optional_text(frame[column])
    frame["connected_on"] = pd.to_datetime(frame["connected_on"], format="ISO8601").dt.date.astype(
        object
    )
    frame["connected_on"] = frame["connected_on"].where(frame["connected_on"].notna(), None)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
    return frame


def _typed_touches(frame: pd.DataFrame) -> pd.DataFrame:
    frame["id"] = frame["id"].astype("int64")
    frame["person_id"] = frame["person_id"].astype("int64")
    frame["kind"] = frame["kind"].astype("str")
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
    for column in ("channel", "subject", "body"):
        frame[column] = _optional_text(frame[column])
    frame["details"] = frame["details"].map(json.loads).astype(object)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
    return frame


# ---------------------------------------------------------------- bulk rows

_TEXT_FIELDS = {"company": False, "role": False, "url": False, "notes": True}
_NONE_TYPE = type(None)


def _day_text(day: Any) -> str | None:
    """connected_on as stored, with _person_row's checks (a date, or ISO text)."""
    if day is None:
        return None
    if isinstance(day, date) and not isinstance(day, datetime):
        return day.isoformat()
    checked: str | None = _person_row(name="x", connected_on=day)["connected_on"]
    return checked


def _text_column(values: list[Any], what: str, *, multiline: bool) -> list[str | None]:
    """``clean_text`` over a column: one screen of the whole column, exact errors else."""
    if not set(map(type, values)) <= {str, _NONE_TYPE}:
        for value in values:
            if value is not None and not isinstance(value, str):
                clean_text(value, what)  # raises the learner-facing error
    if multiline:
        values = [
            value.replace("\r\n", "\n").replace("\r", "\n")
            if value is not None and "\r" in value
            else value
            for value in values
        ]
    cleaned = [value.strip() or None if value is not None else None for value in values]
    present = list(filter(None, cleaned))  # texts only: cleaned holds no empty text
    if not texts_pass(present, multiline=multiline):
        for text in present:
            clean_text(text, what, multiline=multiline)
    return cleaned


def _people_columns(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """The columns of :func:`_person_row` for a whole frame, with the same checks."""
    if "name" not in frame:
        raise InvalidValueError("a frame of people needs a name column")
    count = len(frame)

    def column(name: str, default: Any = None) -> list[Any]:
        if name not in frame:
            return [default] * count
        values = frame[name]
        missing = values.isna()
        if not missing.any():
            return values.tolist()
        return values.astype(object).where(~missing, default).tolist()

    names = _text_column(column("name"), "name", multiline=False)
    if None in names:
        raise InvalidValueError("name must not be empty")
    rows: dict[str, list[Any]] = {"name": names}
    rows["email"] = clean_emails(_text_column(column("email"), "email", multiline=False))
    for name, multiline in _TEXT_FIELDS.items():
        rows[name] = _text_column(column(name), name, multiline=multiline)
    sources = {s: Source.parse(s).value for s in set(column("source", "cold"))}
    rows["source"] = [sources[s] for s in column("source", "cold")]
    rows["introduced_by"] = [None if p is None else _person_id(p) for p in column("introduced_by")]
    ties = {t: Tie.parse(t).value for t in set(column("tie", "connection"))}
    rows["tie"] = [ties[t] for t in column("tie", "connection")]
    on = column("connected_on")
    days = {day: _day_text(day) for day in dict.fromkeys(on)}
    rows["connected_on"] = [days[day] for day in on]
    return rows


def _wide(summary: pd.DataFrame, column: str) -> pd.DataFrame:
    """One of the touch summary's columns spread out: a row per person, a column per kind."""
    people, rows = np.unique(summary["person_id"].to_numpy(dtype="int64"), return_inverse=True)
    kinds = [kind.value for kind in TouchKind]
    cols = pd.Categorical(summary["kind"], categories=kinds).codes
    values = summary[column]
    index = pd.Index(people, name="person_id")
    if column == "count":
        table = np.zeros((len(people), len(kinds)), dtype="int64")
        table[rows, cols] = values.to_numpy(dtype="int64")
        return pd.DataFrame(table, index=index, columns=kinds)
    stamps = np.full((len(people), len(kinds)), np.datetime64("NaT"), dtype="datetime64[us]")
    stamps[rows, cols] = values.dt.tz_convert(None).to_numpy(dtype="datetime64[us]")
    return pd.DataFrame(
        {
            kind: pd.Series(stamps[:, i], index=index).dt.tz_localize("UTC")
            for i, kind in enumerate(kinds)
        }
    )
