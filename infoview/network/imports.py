"""Bringing contacts in: a preview first, then one all-or-nothing write.

Every import reads the whole file, then :func:`preview_import` says what would happen
(who is new, who is already there, who needs your word, and what cannot be used) before
:func:`apply_import` writes anything, in one transaction. A bad file raises
:class:`~infoview.errors.ImportProblem` naming the file, the line and the problem, and
changes nothing.

Duplicates are found in this order: the same email (any case), then the same profile
URL, then, for you to confirm, the same name at the same company.

>>> import tempfile, pathlib
>>> from infoview.tracker import open_tracker
>>> tracker = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> ana = tracker.add_person("Ana Ruiz", email="ana@example.org", company="Acme")
>>> card = b"BEGIN:VCARD\\nVERSION:3.0\\nFN:Ana Ruiz\\nEMAIL:ANA@example.org\\nEND:VCARD\\n" \\
...        b"BEGIN:VCARD\\nVERSION:3.0\\nFN:Bo Chen\\nORG:Acme\\nEND:VCARD\\n"
>>> preview = import_vcard(tracker, card, name="phone.vcf", dry_run=True)
>>> preview
ImportPreview(phone.vcf: 1 to add, 1 duplicate, 0 skipped)
>>> apply_import(tracker, preview).summary()
'added 1, 1 duplicate, 0 skipped'
>>> apply_import(tracker, preview).summary()  # running it again adds nobody twice
'added 0, 2 duplicates, 0 skipped'
"""

from __future__ import annotations

import contextlib
import gc
import html
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import pandas as pd

from infoview.errors import InvalidValueError
from infoview.formats import contacts
from infoview.formats.contacts import Source
from infoview.network import matching

if TYPE_CHECKING:
    from infoview.tracker import Tracker

SOURCES = ("linkedin", "vcard", "csv")
DUPLICATE_COLUMNS = ["line", "name", "email", "match", "existing_id", "existing"]
POSSIBLE_COLUMNS = ["line", "name", "company", "existing_id", "existing"]
SKIPPED_COLUMNS = ["line", "name", "reason"]
SET_ASIDE_COLUMNS = ["line", "name", "field", "value", "reason", "kind"]
REPORT_COLUMNS = ["line", "name", "outcome", "field", "value", "note"]
NAMED_FROM_EMAIL = "named from their email address"
DATE_ORDER_QUESTION = (
    "Its dates do not show whether the day or the month comes first (06/02/2026 could be "
    "6 February or 2 June): say which (day first or month first) and preview again."
)
SHOWN_ROWS = 10
_TEXT_FIELDS = {"name": False, "company": False, "role": False, "url": False, "notes": True}


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do; nothing is written until :func:`apply_import`."""

    file: str
    source: str
    records: pd.DataFrame = field(repr=False)
    new: pd.DataFrame = field(repr=False)
    duplicates: pd.DataFrame = field(repr=False)
    possible: pd.DataFrame = field(repr=False)
    skipped: pd.DataFrame = field(repr=False)
    set_aside: pd.DataFrame = field(
        repr=False, default_factory=lambda: _frame([], SET_ASIDE_COLUMNS)
    )
    add_anyway_lines: frozenset[int] = frozenset()
    made_for: tuple[str, tuple[int, int]] = field(default=("", (0, 0)), repr=False)

    @property
    def to_add(self) -> int:
        """How many people would be added."""
        return len(self.new) + len(self.add_anyway_lines)

    @property
    def held_back(self) -> int:
        """Possible duplicates treated as the same person (left out)."""
        return len(self.possible) - len(self.add_anyway_lines)

    def add_anyway(self, lines: Iterable[int] | bool = True) -> ImportPreview:
        """A copy in which these possible duplicates (by line, or all) are added as new people."""
        known = set(self.possible["line"].tolist())
        chosen = known if lines is True else set() if lines is False else set(lines)
        unknown = sorted(chosen - known)
        if unknown:
            raise InvalidValueError(
                f"line {unknown[0]} is not a possible duplicate; "
                f"choose from {', '.join(map(str, sorted(known))) or 'none'}"
            )
        return replace(self, add_anyway_lines=frozenset(chosen))

    def reasons(self) -> dict[str, int]:
        """Why rows were skipped, with counts."""
        return dict(Counter(self.skipped["reason"]).most_common())

    @property
    def asks_date_order(self) -> bool:
        """True when dates like 06/02/2026 were set aside because the file does not show
        whether the day or the month comes first: preview again with ``day_first``."""
        return bool((self.set_aside["kind"] == contacts.AMBIGUOUS_DATE).any())

    def counts(self) -> str:
        """The report in one line: ``12 people; 3 imported without an email; 2 dates ...``."""
        people = len(self.records) - len(self.skipped)
        parts = [f"{people:,} {'person' if people == 1 else 'people'}"]
        kinds = Counter(self.set_aside["kind"])
        parts += [contacts.count_of(kind, count) for kind, count in kinds.items()]
        if len(self.skipped):
            parts.append(f"{len(self.skipped):,} skipped")
        return "; ".join(parts)

    def set_aside_lines(self) -> list[str]:
        """Each set-aside value in words, with its line and person."""
        return [
            f"line {line}, {_shown_name(name)}: "
            + contacts.note_text(contacts.Note(field, value, reason, kind))
            for line, name, field, value, reason, kind in self.set_aside.itertuples(index=False)
        ]

    def report_rows(self) -> list[tuple[Any, ...]]:
        """The report as rows (:data:`REPORT_COLUMNS`): every note and every skipped row."""
        rows: list[tuple[Any, ...]] = [
            (line, name, "imported", field, value, f"{field} {reason}")
            for line, name, field, value, reason, _ in self.set_aside.itertuples(index=False)
        ]
        rows += [
            (line, name, "skipped", "", "", reason)
            for line, name, reason in self.skipped.itertuples(index=False)
        ]
        return sorted(rows, key=lambda row: int(row[0]))

    def save_report(self, path: str | os.PathLike[str]) -> Path:
        """Save the report as a CSV that opens safely in a spreadsheet; returns the path."""
        from infoview.formats.csvsafe import write_csv

        return write_csv(Path(path).expanduser(), REPORT_COLUMNS, self.report_rows())

    def summary(self) -> str:
        possible = f", {len(self.possible)} possible duplicate" if len(self.possible) else ""
        possible += "s" if len(self.possible) > 1 else ""
        dups = len(self.duplicates)
        return (
            f"{self.file}: {self.to_add} to add, {dups} duplicate{'s' * (dups != 1)}"
            f"{possible}, {len(self.skipped)} skipped"
        )

    def __repr__(self) -> str:
        return f"ImportPreview({self.summary()})"

    def as_text(self) -> str:
        """The preview for a terminal: the summary, then who needs a look (ten of each)."""
        lines = [f"{self.summary()} (nothing saved)"]
        if len(self.set_aside) or len(self.skipped):
            lines.append(f"  {self.counts()}")
        if self.asks_date_order:
            lines.append(f"  {DATE_ORDER_QUESTION}")
        notes = self.set_aside_lines()
        lines += [f"  set aside, {note}" for note in notes[:SHOWN_ROWS]]
        if len(notes) > SHOWN_ROWS:
            lines.append(f"  … and {len(notes) - SHOWN_ROWS} more set aside (save the report)")
        for line, name, company, _, existing in self.possible.head(SHOWN_ROWS).itertuples(
            index=False
        ):
            keep = "added anyway" if line in self.add_anyway_lines else "left out"
            lines.append(
                f"  possible duplicate, line {line}: {name} ({company}) ~ {existing}: {keep}"
            )
        for line, name, reason in self.skipped.head(SHOWN_ROWS).itertuples(index=False):
            lines.append(f"  skipped, line {line}: {_shown_name(name)}: {reason}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [
            (
                f'<div class="iv-import-preview"><p><strong>Preview of {html.escape(self.file)}'
                f"</strong> — nothing is saved yet.</p>"
                f'<p class="iv-import-counts">{html.escape(self.counts())}</p><ul>'
                f"<li>✚ <strong>{self.to_add}</strong> new people to add</li>"
                f"<li>↺ <strong>{len(self.duplicates)}</strong> already in your tracker "
                "(same email or profile URL)</li>"
            )
        ]
        if len(self.possible):
            parts.append(
                f"<li>❓ <strong>{len(self.possible)}</strong> possible duplicates (same name"
                f" and company): {self.held_back} left out as the same person,"
                f" {len(self.add_anyway_lines)} added anyway</li>"
            )
        aside = self.set_aside.assign(
            note=[note.split(": ", 1)[1] for note in self.set_aside_lines()]
        )[["line", "name", "note"]]
        if len(aside):
            parts.append(
                f"<li>✎ <strong>{len(aside)}</strong> values set aside (each person is kept"
                " without the value)</li>"
            )
        reasons = ", ".join(f"{html.escape(k)}: {v}" for k, v in self.reasons().items())
        parts.append(
            f"<li>✖ <strong>{len(self.skipped)}</strong> skipped"
            f"{' (' + reasons + ')' if reasons else ''}</li></ul>"
        )
        shown = self.new[["line", "name", "email", "company", "role", "connected_on"]]
        for title, table in (
            ("Set aside (the person is kept without the value)", aside),
            ("To add", shown),
            ("Possible duplicates", self.possible),
            ("Already there", self.duplicates),
            ("Skipped", self.skipped),
        ):
            if len(table):
                parts.append(_table_html(title, table, opened=table is aside))
        return "".join(parts) + "</div>"


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    file: str
    source: str
    ids: tuple[int, ...]
    duplicates: int
    skipped: int
    reasons: Mapping[str, int] = field(default_factory=dict)
    set_aside: int = 0

    @property
    def added(self) -> int:
        return len(self.ids)

    def summary(self) -> str:
        """One line: added, duplicates, skipped with reasons, values set aside."""
        why = ", ".join(f"{reason}: {count}" for reason, count in self.reasons.items())
        aside = f", {self.set_aside} set aside" if self.set_aside else ""
        return (
            f"added {self.added}, {self.duplicates} duplicate{'s' * (self.duplicates != 1)}, "
            f"{self.skipped} skipped{f' ({why})' if why else ''}{aside}"
        )

    def __repr__(self) -> str:
        return f"ImportResult({self.file}: {self.summary()})"

    def _repr_html_(self) -> str:
        return (
            f'<p class="iv-import-result"><span aria-hidden="true">✔</span> <strong>Imported'
            f" {html.escape(self.file)}:</strong> {html.escape(self.summary())}</p>"
        )


def _shown_name(name: object) -> str:
    return name if isinstance(name, str) and name.strip() else "(no name)"


def _table_html(title: str, table: pd.DataFrame, *, opened: bool = False) -> str:
    more = f" (first {SHOWN_ROWS} of {len(table)})" if len(table) > SHOWN_ROWS else ""
    body = table.head(SHOWN_ROWS).to_html(index=False, escape=True, border=0, na_rep="")
    start = "<details open>" if opened else "<details>"
    return f"{start}<summary>{html.escape(title)}{more}</summary>{body}</details>"


# ---------------------------------------------------------------- the plan


class _Leniency:
    """One pass over a record frame setting aside what cannot be stored, noting each."""

    def __init__(self, records: pd.DataFrame) -> None:
        self.records = records
        self.changed: dict[str, list[Any]] = {}
        self.notes: list[list[contacts.Note]] = [[] for _ in range(len(records))]
        self.reasons: list[str | None] = [None] * len(records)

    def column(self, name: str) -> list[Any]:
        """The column as a list, to change in place."""
        if name not in self.changed:
            self.changed[name] = self.records[name].tolist()
        return self.changed[name]

    def values(self, name: str) -> list[Any]:
        """The column as it is now (changed or not)."""
        return self.changed[name] if name in self.changed else self.records[name].tolist()

    def emails(self) -> None:
        from infoview.validation import clean_emails

        emails = self.values("email")
        distinct: list[str | None] = list(dict.fromkeys(e for e in emails if isinstance(e, str)))
        try:
            clean_emails(distinct)  # all fine: the common case, checked at once
            return
        except InvalidValueError:
            problems = {e: why for e in distinct if e and (why := _email_problem(e))}
        kept = self.column("email")
        others = self.values("other_emails")
        for i, email in enumerate(emails):
            if email in problems:
                kept[i] = _first_valid(others[i])
                why = f"is not an address ({problems[email]}): imported without it"
                self.notes[i].append(contacts.Note("email", email, why, contacts.WITHOUT_EMAIL))

    def names(self) -> None:
        skips, names = self.values("skip"), self.values("name")
        for i, (skip, name) in enumerate(zip(skips, names, strict=True)):
            if skip is not None:
                self.reasons[i] = skip
            elif not (isinstance(name, str) and name.strip()):
                email = self.values("email")[i]
                local = email.split("@", 1)[0].strip() if isinstance(email, str) else ""
                if local:
                    self.column("name")[i] = local
                    why = "was taken from the email address (the row has no name)"
                    self.notes[i].append(contacts.Note("name", local, why, NAMED_FROM_EMAIL))
                else:
                    self.reasons[i] = "no name"

    def texts(self) -> None:
        from infoview.validation import clean_text, texts_pass

        for name, multiline in _TEXT_FIELDS.items():
            values = self.values(name)
            if texts_pass([v for v in values if isinstance(v, str)], multiline=multiline):
                continue
            for i, value in enumerate(values):
                if self.reasons[i] is not None or not isinstance(value, str):
                    continue
                try:
                    clean_text(value, name, multiline=multiline)
                except InvalidValueError as exc:
                    if name == "name":
                        self.reasons[i] = str(exc)
                        continue
                    self.column(name)[i] = None
                    why = f"cannot be kept ({exc}): imported without it"
                    self.notes[i].append(
                        contacts.Note(name, value, why, f"{name} values set aside")
                    )

    def result(self) -> pd.DataFrame:
        if any(self.notes):
            earlier = self.values("set_aside")
            self.column("set_aside")[:] = [
                (*(before or ()), *added) if added else before
                for before, added in zip(earlier, self.notes, strict=True)
            ]
        if not self.changed:
            return self.records
        return self.records.assign(
            **{name: pd.Series(values, dtype=object) for name, values in self.changed.items()}
        )


def _lenient(records: pd.DataFrame) -> tuple[pd.DataFrame, list[str | None]]:
    """The records with every unusable value set aside (and noted), and why rows are skipped.

    A row is skipped only when no name can be found for it (the email's local part is the
    last resort) or its reader marked it; any other bad value is dropped from its row.
    """
    pass_ = _Leniency(records)
    pass_.emails()
    pass_.names()
    pass_.texts()
    return pass_.result(), pass_.reasons


def _first_valid(others: object) -> str | None:
    """The first address in ``"a@x.org; b@y.org"`` that the tracker would take."""
    if not isinstance(others, str):
        return None
    return next((e for e in others.split("; ") if e and _email_problem(e) is None), None)


def _email_problem(email: str) -> str | None:
    from infoview.validation import clean_email

    try:
        clean_email(email)
    except InvalidValueError as exc:
        why = str(exc).split(": ", 1)[-1].rstrip(".")
        if "special-use or reserved" in why:
            return "its domain is reserved and never receives mail"
        return why
    return None


def _set_aside(records: pd.DataFrame, reasons: list[str | None]) -> pd.DataFrame:
    """One row per value set aside from a row that is kept."""
    rows = [
        (line, name, *note)
        for line, name, notes, reason in zip(
            records["line"].tolist(),
            records["name"].tolist(),
            records["set_aside"].tolist(),
            reasons,
            strict=True,
        )
        if notes and reason is None
        for note in notes
    ]
    return _frame(rows, SET_ASIDE_COLUMNS)


def preview_import(
    tracker: Tracker, records: pd.DataFrame, *, source: str, file: str = "contacts"
) -> ImportPreview:
    """What importing ``records`` (a record frame from a reader) would do; writes nothing."""
    if source not in SOURCES:
        from infoview.errors import InvalidChoiceError

        raise InvalidChoiceError("source", source, SOURCES)
    people = tracker.people()
    names = dict(zip(people["id"].tolist(), people["name"].tolist(), strict=True))
    by_email, by_url, by_name = matching.lookup(people)
    records, reasons = _lenient(records)
    usable = [i for i, reason in enumerate(reasons) if reason is None]
    lines, people_names, emails, companies = (
        records[c].tolist() for c in ("line", "name", "email", "company")
    )
    email_keys = matching.email_keys(records)
    url_keys = contacts.url_keys(records["url"].tolist())
    name_keys = contacts.person_keys(people_names, companies)
    seen_email: dict[str, int] = {}
    seen_url: dict[str, int] = {}
    seen_name: dict[Any, int] = {}
    new: list[int] = []
    dups: list[tuple[Any, ...]] = []
    possible: list[tuple[Any, ...]] = []
    # A row none of whose keys is shared (with the tracker or another row) is simply new;
    # the rest are checked in file order, since an earlier row decides a later one.
    shared = matching.shared_rows(
        usable, (email_keys, url_keys, name_keys), (by_email, by_url, by_name)
    )
    for i in usable:
        if i not in shared:
            new.append(i)
            continue
        line, name = lines[i], people_names[i]
        emails_of, ukey, nkey = email_keys[i], url_keys[i], name_keys[i]
        match = matching.duplicate(emails_of, ukey, (by_email, by_url), (seen_email, seen_url))
        if match is not None:
            how, found = match
            existing = names.get(found, "") if how in {"email", "profile URL"} else ""
            dups.append((line, name, emails[i], how, found if existing else None, existing or how))
            continue
        if nkey is not None and (nkey in by_name or nkey in seen_name):
            person = by_name.get(nkey)
            where = names[person] if person is not None else f"line {seen_name[nkey]} of this file"
            possible.append((line, name, companies[i], person, where))
        else:
            new.append(i)
        for key in emails_of:
            seen_email.setdefault(key, line)
        if ukey is not None:
            seen_url.setdefault(ukey, line)
        if nkey is not None:
            seen_name.setdefault(nkey, line)
    skipped = [
        (line, name, reason)
        for line, name, reason in zip(lines, people_names, reasons, strict=True)
        if reason is not None
    ]
    return ImportPreview(
        file=file,
        source=source,
        made_for=(str(tracker.path), tracker.revision),
        records=records,
        new=records.iloc[new].reset_index(drop=True),
        duplicates=_frame(dups, DUPLICATE_COLUMNS),
        possible=_frame(possible, POSSIBLE_COLUMNS),
        skipped=_frame(skipped, SKIPPED_COLUMNS),
        set_aside=_set_aside(records, reasons),
    )


def _frame(rows: list[tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns).astype(object)
    return frame.astype({"line": "int64"})


def apply_import(tracker: Tracker, preview: ImportPreview) -> ImportResult:
    """Write what the preview promised, in one transaction.

    If the tracker changed since the preview, duplicates are checked again against the
    tracker as it is now, so applying the same preview twice never adds anyone twice.
    """
    fresh = preview
    if preview.made_for != (str(tracker.path), tracker.revision):
        fresh = preview_import(tracker, preview.records, source=preview.source, file=preview.file)
        keep = preview.add_anyway_lines & set(fresh.possible["line"].tolist())
        fresh = fresh.add_anyway(keep)
    keep = fresh.add_anyway_lines
    extra = fresh.records[fresh.records["line"].isin(keep)]
    rows = pd.concat([fresh.new, extra], ignore_index=True) if len(extra) else fresh.new
    people = rows[["name", "email", "company", "role", "url", "connected_on", "notes"]].assign(
        source=preview.source, tie="connection"
    )
    ids = tracker.add_people_frame(people)
    return ImportResult(
        file=preview.file,
        source=preview.source,
        ids=tuple(ids),
        duplicates=len(fresh.duplicates) + fresh.held_back,
        skipped=len(fresh.skipped),
        reasons=fresh.reasons(),
        set_aside=len(fresh.set_aside),
    )


# ---------------------------------------------------------------- the front doors


def _run(
    tracker: Tracker,
    records: pd.DataFrame,
    *,
    source: str,
    file: str,
    dry_run: bool = False,
    add_anyway: Iterable[int] | bool = False,
) -> ImportPreview | ImportResult:
    """Preview ``records``; then, unless ``dry_run``, apply the preview."""
    preview = preview_import(tracker, records, source=source, file=file)
    if add_anyway:
        preview = preview.add_anyway(add_anyway)
    return preview if dry_run else apply_import(tracker, preview)


@contextlib.contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause Python's cycle collector while an import makes many small objects.

    A 50,000-row file makes hundreds of thousands of lists and strings (none in cycles);
    the collector would scan them again and again, a third of the time of a read.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _label(source: Source, name: str | None) -> str:
    from pathlib import Path

    if name:
        return name
    if isinstance(source, bytes | bytearray | memoryview):
        return "the uploaded file"
    return Path(source).name


@overload
def import_linkedin(
    tracker: Tracker,
    path: Source,
    *,
    dry_run: Literal[True],
    name: str | None = ...,
    invitations: Source | None = ...,
    messages: Source | None = ...,
    add_anyway: Iterable[int] | bool = ...,
    day_first: bool | None = ...,
) -> ImportPreview: ...
@overload
def import_linkedin(
    tracker: Tracker,
    path: Source,
    *,
    dry_run: Literal[False] = ...,
    name: str | None = ...,
    invitations: Source | None = ...,
    messages: Source | None = ...,
    add_anyway: Iterable[int] | bool = ...,
    day_first: bool | None = ...,
) -> ImportResult: ...
def import_linkedin(
    tracker: Tracker,
    path: Source,
    *,
    dry_run: bool = False,
    name: str | None = None,
    invitations: Source | None = None,
    messages: Source | None = None,
    add_anyway: Iterable[int] | bool = False,
    day_first: bool | None = None,
) -> ImportPreview | ImportResult:
    """Import LinkedIn's ``Connections.csv`` (a path, or the bytes of an upload).

    With ``dry_run=True`` you get the preview and nothing is written. Possible duplicates
    (same name and company) are left out unless ``add_anyway`` names their lines (or is True).
    ``day_first`` says how to read dates like 06/02/2026 when the file does not show it
    (the preview's :attr:`~ImportPreview.asks_date_order` tells when it is needed).
    """
    from infoview.formats.linkedin import read_export

    with _no_gc_pauses():
        records = read_export(
            path, name=name, invitations=invitations, messages=messages, day_first=day_first
        )
        file = _label(path, name)
        return _run(
            tracker, records, source="linkedin", file=file, dry_run=dry_run, add_anyway=add_anyway
        )


@overload
def import_vcard(
    tracker: Tracker,
    path: Source,
    *,
    dry_run: Literal[True],
    name: str | None = ...,
    add_anyway: Iterable[int] | bool = ...,
) -> ImportPreview: ...
@overload
def import_vcard(
    tracker: Tracker,
    path: Source,
    *,
    dry_run: Literal[False] = ...,
    name: str | None = ...,
    add_anyway: Iterable[int] | bool = ...,
) -> ImportResult: ...
def import_vcard(
    tracker: Tracker,
    path: Source,
    *,
    dry_run: bool = False,
    name: str | None = None,
    add_anyway: Iterable[int] | bool = False,
) -> ImportPreview | ImportResult:
    """Import a vCard file (.vcf) from Google, Apple or Outlook; see :func:`import_linkedin`."""
    from infoview.formats.vcard import read_vcards

    with _no_gc_pauses():
        records = read_vcards(path, name=name)
        file = _label(path, name)
        return _run(
            tracker, records, source="vcard", file=file, dry_run=dry_run, add_anyway=add_anyway
        )


@overload
def import_csv(
    tracker: Tracker,
    path: Source,
    mapping: Mapping[str, str],
    *,
    dry_run: Literal[True],
    name: str | None = ...,
    add_anyway: Iterable[int] | bool = ...,
    day_first: bool | None = ...,
) -> ImportPreview: ...
@overload
def import_csv(
    tracker: Tracker,
    path: Source,
    mapping: Mapping[str, str],
    *,
    dry_run: Literal[False] = ...,
    name: str | None = ...,
    add_anyway: Iterable[int] | bool = ...,
    day_first: bool | None = ...,
) -> ImportResult: ...
def import_csv(
    tracker: Tracker,
    path: Source,
    mapping: Mapping[str, str],
    *,
    dry_run: bool = False,
    name: str | None = None,
    add_anyway: Iterable[int] | bool = False,
    day_first: bool | None = None,
) -> ImportPreview | ImportResult:
    """Import any contacts CSV with a mapping such as ``{"Full name": "name"}``."""
    from infoview.formats.contacts_csv import read_contacts_csv

    with _no_gc_pauses():
        records = read_contacts_csv(path, mapping, name=name, day_first=day_first)
        file = _label(path, name)
        return _run(
            tracker, records, source="csv", file=file, dry_run=dry_run, add_anyway=add_anyway
        )
