"""Touches: logging what happened with a person, and reading touches back (part of
:class:`Tracker`).

The read side keeps its frames while the file is unchanged (see
:meth:`TrackerBase._kept`), so the due list and the journey can ask for them often.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd

from infoview.clock import local_zone
from infoview.errors import InvalidValueError, shown
from infoview.model import TouchKind
from infoview.tracker.base import TrackerBase
from infoview.tracker.rows import (
    _LARGEST_ID,
    _TOUCH_COLUMNS,
    _json_text,
    _moment,
    _person_id,
    _typed_touches,
    _wide,
    utc_text,
)
from infoview.validation import clean_text


class Touches(TrackerBase):
    """Logging touches, changing their details, and the frames read from them."""

    def log(
        self,
        person_id: int,
        kind: str | TouchKind,
        /,
        *,
        on: date | datetime | None = None,
        channel: str | None = None,
        subject: str | None = None,
        body: str | None = None,
        **details: Any,
    ) -> int:
        """Record something that happened with a person; returns the touch id.

        ``on`` is a date (taken as noon, local time) or a tz-aware datetime; it defaults to now.
        Extra keyword arguments are kept as JSON details (for example a meeting's place);
        ``person_id`` and ``kind`` are positional, so a detail may itself be called
        ``person_id`` (a ``referral`` names the new person that way).
        """
        kind = TouchKind.parse(kind)
        moment = _moment(on)
        details_text = _json_text(details, "details", sort_keys=True)
        row: dict[str, Any] = {
            "kind": kind.value,
            "at": utc_text(moment),
            "channel": clean_text(channel, "channel"),
            "subject": clean_text(subject, "subject"),
            "body": clean_text(body, "body", multiline=True),
            "details": details_text,
            "created_at": utc_text(datetime.now(UTC)),
        }
        before = self._revision_if_kept()
        with self._write() as con:
            row["person_id"] = self._require_person(person_id, con)
            cursor = con.execute(
                "INSERT INTO touches (person_id, kind, at, channel, subject, body, details,"
                " created_at) VALUES (:person_id, :kind, :at, :channel, :subject, :body,"
                " :details, :created_at)",
                row,
            )

        def change(key: Hashable, frame: pd.DataFrame) -> pd.DataFrame | None:
            if key == "people":
                return frame
            if key == "touch_summary":
                return _summary_with(frame, row["person_id"], row["kind"], row["at"])
            if isinstance(key, tuple) and key[0] == "touch_details" and key[1] != row["kind"]:
                return frame  # a view of touches of another kind
            return None  # the rest is worked out again from these, or read again

        self._carry_kept(before, change)
        return int(cursor.lastrowid or 0)

    def update_touch(self, touch_id: int, /, **details: Any) -> int:
        """Merge ``details`` into a touch's JSON details; returns the touch id.

        Each key given replaces that key's value; keys not given are kept (a debrief saved
        again adds to its interview touch this way). Kind, time and text are not changed.
        """
        _json_text(details, "details")  # explained before the transaction starts
        missing = InvalidValueError(f"there is no touch with id {shown(touch_id)}")
        if isinstance(touch_id, bool) or not isinstance(touch_id, int):
            raise missing
        if not -_LARGEST_ID <= touch_id <= _LARGEST_ID:
            raise missing
        before = self._revision_if_kept()
        with self._write() as con:
            row = con.execute("SELECT details FROM touches WHERE id = ?", (touch_id,)).fetchone()
            if row is None:
                raise missing
            current = json.loads(row[0])
            merged = {**(current if isinstance(current, dict) else {}), **details}
            con.execute(
                "UPDATE touches SET details = ? WHERE id = ?",
                (_json_text(merged, "details", sort_keys=True), touch_id),
            )
        # Only details changed: every frame but the details views still holds.
        self._carry_kept(before, _unless_details)
        return touch_id

    def touches(
        self,
        person_id: int | None = None,
        *,
        kinds: Iterable[str | TouchKind] | None = None,
        people: Iterable[int] | None = None,
        since: datetime | None = None,
    ) -> pd.DataFrame:
        """Every touch, oldest first; ``at`` is a UTC timestamp, ``details`` a dict.

        ``kinds`` keeps only touches of those kinds, ``people`` only those with these
        person ids, and ``since`` (tz-aware) only those at or after that time. All filter
        in SQL, so reading a few stays fast on a large tracker (the due list reads only the
        meetings this way).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if person_id is not None:
            clauses.append("person_id = ?")
            params.append(self._require_person(person_id))
        if kinds is not None:
            wanted = sorted({TouchKind.parse(kind).value for kind in kinds})
            clauses.append(f"kind IN ({', '.join('?' for _ in wanted)})")
            params.extend(wanted)
        if people is not None:  # one JSON parameter, however many ids
            clauses.append("person_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted({_person_id(pid) for pid in people})))
        if since is not None:
            clauses.append("at >= ?")
            params.append(utc_text(since))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._con.execute(
            f"SELECT {', '.join(_TOUCH_COLUMNS)} FROM touches {where} ORDER BY at, id", params
        ).fetchall()
        frame = pd.DataFrame(rows, columns=list(_TOUCH_COLUMNS))
        return _typed_touches(frame)

    def touch_details(
        self,
        kind: str | TouchKind,
        keys: Sequence[str] = (),
        *,
        since: datetime | None = None,
        people: Iterable[int] | None = None,
    ) -> pd.DataFrame:
        """A light view of the touches of one kind: person_id, at, and some detail keys.

        The keys are read from the JSON in SQL, and only touches with at least one of them
        set are returned, so due rules can look at many touches quickly. Without keys,
        every touch of that kind is returned (person_id and at only). ``since`` and
        ``people`` (person ids) narrow it further.

        >>> import tempfile, pathlib
        >>> from infoview.tracker import open_tracker
        >>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
        >>> ana = t.add_person("Ana")
        >>> _ = t.log(ana, "interview", on=date(2026, 3, 2), next_step="read the book")
        >>> _ = t.log(ana, "interview", on=date(2026, 4, 2), notes="no next step this time")
        >>> t.touch_details("interview", ["next_step"])["next_step"].tolist()
        ['read the book']
        """
        wanted = tuple(str(key) for key in keys)
        bad = [key for key in wanted if not key.isidentifier()]
        if bad:
            raise InvalidValueError(f"detail keys must be simple names (got {bad[0]!r})")
        kind_value = TouchKind.parse(kind).value
        since_text = utc_text(since) if since is not None else None
        ids = None if people is None else json.dumps(sorted({_person_id(p) for p in people}))
        return self._kept(
            ("touch_details", kind_value, wanted, since_text, ids),
            lambda: self._touch_details(kind_value, wanted, since_text, ids),
        )

    def _touch_details(
        self, kind: str, wanted: tuple[str, ...], since: str | None, ids: str | None
    ) -> pd.DataFrame:
        params: list[Any] = [f"$.{key}" for key in wanted]
        selects = ["person_id", "at"] + ["json_extract(details, ?)" for _ in wanted]
        clauses = ["kind = ?"]
        params.append(kind)
        if wanted:
            present = " OR ".join("coalesce(json_extract(details, ?), '') <> ''" for _ in wanted)
            clauses.append(f"({present})")
            params.extend(f"$.{key}" for key in wanted)
        if since is not None:
            clauses.append("at >= ?")
            params.append(since)
        if ids is not None:  # one JSON parameter, however many ids
            clauses.append("person_id IN (SELECT value FROM json_each(?))")
            params.append(ids)
        rows = self._con.execute(
            f"SELECT {', '.join(selects)} FROM touches WHERE {' AND '.join(clauses)}"
            " ORDER BY at, id",
            params,
        ).fetchall()
        frame = pd.DataFrame(rows, columns=["person_id", "at", *wanted])
        frame["person_id"] = frame["person_id"].astype("int64")
        frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
        for key in wanted:
            frame[key] = frame[key].where(frame[key].notna(), None).astype(object)
        return frame

    def touch_summary(self, until: date | None = None) -> pd.DataFrame:
        """Per person and kind: how many touches, the first and the last (computed in SQL).

        With ``until``, only touches up to the end of that day (local time) count, so a
        history seen "as of" a day never includes what happened after it.
        """
        everything = self._kept("touch_summary", self._touch_summary)
        if until is None:
            return everything
        next_day = datetime.combine(until + timedelta(days=1), time(0), tzinfo=local_zone())
        if everything.empty or everything["last_at"].max() < next_day:
            return everything  # nothing later: the kept summary is the answer
        cutoff = utc_text(next_day)
        return self._kept(("touch_summary", cutoff), lambda: self._touch_summary(cutoff))

    def _touch_summary(self, before: str | None = None) -> pd.DataFrame:
        rows = self._con.execute(
            "SELECT person_id, kind, count(*), max(at), min(at) FROM touches"
            + (" WHERE at < ?" if before else "")
            + " GROUP BY person_id, kind",
            (before,) if before else (),
        ).fetchall()
        frame = pd.DataFrame(rows, columns=["person_id", "kind", "count", "last_at", "first_at"])
        frame["person_id"] = frame["person_id"].astype("int64")
        frame["count"] = frame["count"].astype("int64")
        for column in ("last_at", "first_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
        return frame

    def latest_touches(self) -> pd.DataFrame:
        """Per person with touches (index) and kind (a column each): the latest such touch.

        NaT where a person has no touch of that kind. Rules that ask "when did we last ..."
        read this instead of filtering :meth:`touch_summary` each time.
        """
        return self._kept("latest_touches", lambda: _wide(self.touch_summary(), "last_at"))

    def touch_counts(self) -> pd.DataFrame:
        """Per person with touches (index) and kind (a column each): how many touches."""
        return self._kept("touch_counts", lambda: _wide(self.touch_summary(), "count"))


def _unless_details(key: Hashable, frame: pd.DataFrame) -> pd.DataFrame | None:
    return None if isinstance(key, tuple) and key[0] == "touch_details" else frame


def _summary_with(summary: pd.DataFrame, person_id: int, kind: str, at: str) -> pd.DataFrame | None:
    """The touch summary with one more touch, as reading it again would give it.

    None for an empty summary (its first row is read, so its column types are the file's).

    >>> first = pd.DataFrame({"person_id": [1], "kind": ["reply"], "count": [1],
    ...     "last_at": pd.to_datetime(["2026-03-02T12:00:00+00:00"], utc=True),
    ...     "first_at": pd.to_datetime(["2026-03-02T12:00:00+00:00"], utc=True)})
    >>> later = _summary_with(first, 1, "reply", "2026-03-05T09:00:00+00:00")
    >>> later["count"].tolist(), str(later["last_at"].iloc[0]), str(later["first_at"].iloc[0])
    ([2], '2026-03-05 09:00:00+00:00', '2026-03-02 12:00:00+00:00')
    >>> _summary_with(later, 0, "outreach", "2026-03-01T08:00:00+00:00")["person_id"].tolist()
    [0, 1]
    """
    if summary.empty:
        return None
    moment = pd.to_datetime(at, utc=True, format="ISO8601")
    hit = np.flatnonzero(
        (summary["person_id"].to_numpy() == person_id) & (summary["kind"].to_numpy() == kind)
    )
    if len(hit):
        at_row = int(hit[0])
        counts = summary["count"].to_numpy(dtype="int64", copy=True)
        counts[at_row] += 1
        last, first = summary["last_at"].copy(), summary["first_at"].copy()
        last.iloc[at_row] = max(last.iloc[at_row], moment)
        first.iloc[at_row] = min(first.iloc[at_row], moment)
        return summary.assign(count=counts, last_at=last, first_at=first)
    added = pd.DataFrame(
        {
            "person_id": pd.Series([person_id], dtype="int64"),
            "kind": pd.Series([kind], dtype=summary["kind"].dtype),
            "count": pd.Series([1], dtype="int64"),
            "last_at": pd.Series([moment], dtype=summary["last_at"].dtype),
            "first_at": pd.Series([moment], dtype=summary["first_at"].dtype),
        }
    )
    frame = pd.concat([summary, added], ignore_index=True)
    return frame.sort_values(["person_id", "kind"], kind="stable", ignore_index=True)
