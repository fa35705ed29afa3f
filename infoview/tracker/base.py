"""The tracker's connection: opening, closing, and write transactions (see :class:`Tracker`).

The other parts of :class:`infoview.tracker.Tracker` build on this base: every write goes
through :meth:`TrackerBase._write`, so on any error nothing is changed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Self

from infoview.errors import UnknownPersonError
from infoview.tracker.rows import _person_id
from infoview.tracker.schema import (
    _begin_immediate,
    _connect,
    _migrate,
    _prepare,
    _schema_version,
    identify,
)
from infoview.workspace import remember_tracker

if TYPE_CHECKING:
    import pandas as pd


class TrackerBase:
    """An open tracker file: the connection, its transactions, and the person-id check."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        identify(self.path)  # read-only, before WAL or a migration backup writes anything
        self._con = _connect(self.path)
        self._batch_depth = 0
        self._remembered = False
        self._frames: dict[Hashable, pd.DataFrame] = {}
        self._frames_revision: tuple[int, int] | None = None
        self._rewrites = 0  # whole-file rewrites here (a restore), which SQLite does not count
        try:
            _prepare(self._con, self.path)
            _migrate(self._con, self.path)
        except BaseException:
            self._con.close()
            raise
        remember_tracker(self.path)
        self._remembered = True

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self._con.close()
        if self._remembered:
            self._remembered = False
            remember_tracker(self.path, is_open=False)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        (people,) = self._con.execute("SELECT count(*) FROM people").fetchone()
        (touches,) = self._con.execute("SELECT count(*) FROM touches").fetchone()
        return f"<Tracker {self.path} · {people} people · {touches} touches>"

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; on any error nothing is changed.

        Inside :meth:`batch` it is a savepoint of the batch's transaction instead.
        """
        if self._batch_depth:
            name = f"iv_write_{self._batch_depth}"
            self._con.execute(f"SAVEPOINT {name}")
            try:
                yield self._con
            except BaseException:
                self._con.execute(f"ROLLBACK TO {name}")
                self._con.execute(f"RELEASE {name}")
                raise
            self._con.execute(f"RELEASE {name}")
            return
        _begin_immediate(self._con, self.path)
        try:
            yield self._con
            self._con.execute("COMMIT")  # a deferred check can still refuse the commit
        except BaseException:
            if self._con.in_transaction:
                self._con.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def batch(self) -> Iterator[Self]:
        """Make several writes one transaction: all of them are kept, or none.

        >>> import tempfile, pathlib
        >>> from datetime import date
        >>> from infoview.tracker import open_tracker
        >>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
        >>> with t.batch():
        ...     ana = t.add_person("Ana Ruiz")
        ...     _ = t.log(ana, "interview", on=date(2026, 3, 2))
        >>> try:
        ...     with t.batch():
        ...         bo = t.add_person("Bo Lind")
        ...         _ = t.log(bo, "intervew")
        ... except Exception as error:
        ...     type(error).__name__
        'InvalidChoiceError'
        >>> t.people()["name"].tolist()
        ['Ana Ruiz']
        """
        if self._batch_depth:
            with self._write():
                self._batch_depth += 1
                try:
                    yield self
                finally:
                    self._batch_depth -= 1
            return
        with self._write():
            self._batch_depth = 1
            try:
                yield self
            finally:
                self._batch_depth = 0

    @property
    def schema_version(self) -> int:
        return _schema_version(self._con)

    @property
    def revision(self) -> tuple[int, int]:
        """A value that changes whenever data is written, here or by another program.

        Lets a preview made earlier (an import, say) know whether it is still current.
        """
        (version,) = self._con.execute("PRAGMA data_version").fetchone()
        return int(version), self._con.total_changes + self._rewrites

    def _kept(self, key: Hashable, read: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A frame read from the file, kept in memory until anything in the file changes.

        Any write, through this tracker or by another program, makes :attr:`revision`
        change, and every kept frame is read afresh; inside a transaction (a batch) nothing
        is kept, since it may still roll back. Callers get a shallow copy: with pandas'
        copy-on-write, changing it (``loc``, ``iloc``, assigning a column) never changes
        the kept frame. Writing into a column's ``.array`` bypasses copy-on-write; don't.
        """
        if self._con.in_transaction:  # it may still roll back: read, keep nothing
            return read()
        revision = self.revision
        if revision != self._frames_revision:
            self._frames.clear()
            self._frames_revision = revision
        if key not in self._frames:
            self._frames[key] = read()
        return self._frames[key].copy(deep=False)

    def _revision_if_kept(self) -> tuple[int, int] | None:
        """The revision, if the kept frames are of it; else None. Taken just before a write."""
        if self._batch_depth or self._con.in_transaction or not self._frames:
            return None
        revision = self.revision
        return revision if revision == self._frames_revision else None

    def _carry_kept(
        self,
        before: tuple[int, int] | None,
        change: Callable[[Hashable, pd.DataFrame], pd.DataFrame | None],
    ) -> None:
        """After one of the kit's own writes, carry the kept frames over instead of rereading.

        ``change(key, frame)`` gives a kept frame as the write left it, or None to read it
        afresh when asked. It applies only when the frames were current just before the
        write (``before``, from :meth:`_revision_if_kept`) and no other program has written
        since, so that this write is the whole difference; otherwise all are read afresh.
        """
        if before is None:
            return
        after = self.revision
        if after[0] != before[0]:  # another program wrote too
            return
        carried = {}
        for key, frame in self._frames.items():
            now = change(key, frame)
            if now is not None:
                carried[key] = now
        self._frames = carried
        self._frames_revision = after

    def _require_person(self, person_id: int, con: sqlite3.Connection | None = None) -> int:
        pid = _person_id(person_id)
        found = (con or self._con).execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone()
        if found is None:
            raise UnknownPersonError(person_id)
        return pid


def frames_unchanged(key: Hashable, frame: pd.DataFrame) -> pd.DataFrame:
    """For :meth:`TrackerBase._carry_kept`: a write no kept frame reads (profile, plans)."""
    return frame
