"""Question plans and the target list of organisations (part of :class:`Tracker`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from infoview.errors import InvalidValueError, shown
from infoview.tracker.base import TrackerBase, frames_unchanged
from infoview.tracker.rows import (
    _LARGEST_ID,
    _TARGET_COLUMNS,
    _json_text,
    _optional_text,
    _target_row,
    utc_text,
)
from infoview.validation import clean_text


class PlansAndTargets(TrackerBase):
    """Saving question plans, and keeping the list of organisations to approach."""

    def save_plan(self, person_id: int | None, plan: Mapping[str, Any], *, title: str = "") -> int:
        """Store a question plan (as JSON) for a person; returns the plan id."""
        text = _json_text(plan, "a plan's questions and notes")
        before = self._revision_if_kept()
        with self._write() as con:
            pid = None if person_id is None else self._require_person(person_id, con)
            cursor = con.execute(
                "INSERT INTO plans (person_id, title, plan, created_at) VALUES (?, ?, ?, ?)",
                (pid, clean_text(title, "title") or "", text, utc_text(datetime.now(UTC))),
            )
        self._carry_kept(before, frames_unchanged)
        return int(cursor.lastrowid or 0)

    def plans(self, person_id: int | None = None) -> pd.DataFrame:
        """Saved question plans, oldest first; ``plan`` is a dict."""
        where, params = "", []
        if person_id is not None:
            where, params = "WHERE person_id = ?", [self._require_person(person_id)]
        rows = self._con.execute(
            f"SELECT id, person_id, title, plan, created_at FROM plans {where} ORDER BY id", params
        ).fetchall()
        frame = pd.DataFrame(rows, columns=["id", "person_id", "title", "plan", "created_at"])
        frame["id"] = frame["id"].astype("int64")
        frame["person_id"] = frame["person_id"].astype("Int64")
        frame["title"] = frame["title"].astype("str")
        frame["plan"] = frame["plan"].map(json.loads).astype(object)
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
        return frame

    def add_target(
        self,
        organisation: str,
        *,
        contact: str | None = None,
        motivation: int = 2,
        advocacy: bool = False,
        posting: bool = False,
        notes: str | None = None,
    ) -> int:
        """Add an organisation (and perhaps a person there) to the target list."""
        row = _target_row(
            organisation=organisation,
            contact=contact,
            motivation=motivation,
            advocacy=advocacy,
            posting=posting,
            notes=notes,
        )
        before = self._revision_if_kept()
        with self._write() as con:
            cursor = con.execute(
                "INSERT INTO targets (organisation, contact, motivation, advocacy, posting, notes,"
                " created_at) VALUES (:organisation, :contact, :motivation, :advocacy, :posting,"
                " :notes, :created_at)",
                {**row, "created_at": utc_text(datetime.now(UTC))},
            )
        self._carry_kept(before, frames_unchanged)
        return int(cursor.lastrowid or 0)

    def update_target(self, target_id: int, **fields: Any) -> None:
        """Change a target's score or notes."""
        allowed = {"organisation", "contact", "motivation", "advocacy", "posting", "notes"}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise InvalidValueError(
                f"unknown target field {shown(unknown[0])}; use {', '.join(sorted(allowed))}"
            )
        if (
            isinstance(target_id, bool)
            or not isinstance(target_id, int)
            or not -_LARGEST_ID <= target_id <= _LARGEST_ID
        ):
            raise InvalidValueError(f"there is no target with id {shown(target_id)}")
        checked = _target_row(**{"organisation": "unchanged", **fields})
        values = {name: checked[name] for name in fields}
        assignments = ", ".join(f"{name} = :{name}" for name in values) or "id = id"
        before = self._revision_if_kept()
        with self._write() as con:
            changed = con.execute(
                f"UPDATE targets SET {assignments} WHERE id = :id", {**values, "id": target_id}
            ).rowcount
            if not changed:
                raise InvalidValueError(f"there is no target with id {shown(target_id)}")
        self._carry_kept(before, frames_unchanged)

    def targets(self) -> pd.DataFrame:
        """The target list as entered (see :func:`infoview.outreach.targets` to rank it)."""
        rows = self._con.execute(
            f"SELECT {', '.join(_TARGET_COLUMNS)} FROM targets ORDER BY id"
        ).fetchall()
        frame = pd.DataFrame(rows, columns=list(_TARGET_COLUMNS))
        for column in ("id", "motivation"):
            frame[column] = frame[column].astype("int64")
        for column in ("advocacy", "posting"):
            frame[column] = frame[column].astype("bool")
        for column in ("organisation", "contact", "notes"):
            frame[column] = _optional_text(frame[column])
        return frame
