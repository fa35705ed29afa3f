"""What every contacts reader shares: reading bytes, decoding text, dates, and the record frame.

Each reader (LinkedIn, vCard, a generic CSV) returns the same *record frame*: one row per
contact found, with the file's line number, so a preview can say exactly where each came
from. A reader may mark a row it knows cannot be used (``skip`` holds the reason, such as
a contact group in a vCard file). Readers never touch a tracker: :mod:`infoview.network.imports`
decides what is written.

>>> parse_day("12 Aug 2026")
datetime.date(2026, 8, 12)
>>> parse_day("2026-08-12 10:15:00 UTC"), parse_day("6-Feb-26")
(datetime.date(2026, 8, 12), datetime.date(2026, 2, 6))
>>> parse_day("8/12/26, 10:15 AM", day_first=False), parse_day("13/08/2026")
(datetime.date(2026, 8, 12), datetime.date(2026, 8, 13))
>>> parse_day("12 Ag 2026")
Traceback (most recent call last):
...
ValueError: '12 Ag 2026' is not a date like 12 Aug 2026
>>> parse_day("06/02/2026")
Traceback (most recent call last):
...
infoview.formats.contacts.AmbiguousDate: '06/02/2026' could be 6 February or 2 June
>>> decode_text("Inès".encode("cp1252"), "old.vcf", fallback="cp1252")
'Inès'
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from infoview.errors import ImportProblem, shown

# Where contacts can come from: a path, or the bytes of an uploaded file.
Source = str | os.PathLike[str] | bytes | bytearray | memoryview

RECORD_COLUMNS = (
    "line",
    "name",
    "email",
    "other_emails",
    "company",
    "role",
    "url",
    "connected_on",
    "notes",
    "skip",
    "set_aside",
)
MAX_FILE_BYTES = 200 * 1024 * 1024
HEADER_SEARCH_ROWS = 50

# Month names in English, as LinkedIn writes them whatever the machine's locale.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.?[\s-]+(\d{1,2}),?[\s-]+(\d{4}|\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{2}|\d{4})(?:,?\s.*)?")
MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)

# What a note counts as, in the preview's one-line report ("3 imported without an email").
NOT_A_DATE = "dates not understood"
WITHOUT_EMAIL = "imported without an email"
AMBIGUOUS_DATE = "dates that could be day-first or month-first"
SHORT_ROW = "rows shorter than the header"
LONG_ROW = "rows with cells past the header"
_ONE_OF = {
    NOT_A_DATE: "date not understood",
    AMBIGUOUS_DATE: "date that could be day-first or month-first",
    SHORT_ROW: "row shorter than the header",
    LONG_ROW: "row with cells past the header",
}


def count_of(kind: str, count: int) -> str:
    """A note kind counted in words: ``1 date not understood``, ``2 dates not understood``.

    >>> count_of(NOT_A_DATE, 1), count_of(NOT_A_DATE, 1200), count_of(WITHOUT_EMAIL, 1)
    ('1 date not understood', '1,200 dates not understood', '1 imported without an email')
    """
    return f"{count:,} {_ONE_OF.get(kind, kind) if count == 1 else kind}"


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BINARY_CHARS = [chr(c) for c in range(0x80) if _BINARY.match(chr(c))]


class Note(NamedTuple):
    """A value an import set aside (or a row it read leniently), why, and what it counts as."""

    field: str
    value: str
    reason: str
    kind: str


def note_text(note: Note) -> str:
    """A note in words: ``email 'urn:li:member:1' is not an address: imported without it``."""
    value = f" {shown(note.value)}" if note.value else ""
    return f"{note.field}{value} {note.reason}"


def joined_notes(*columns: Sequence[Note | None]) -> list[tuple[Note, ...] | None]:
    """Per-row notes from several columns of them, joined (None where a row has none)."""
    present = [c for c in columns if any(note is not None for note in c)]
    if not present:
        return [None] * (len(columns[0]) if columns else 0)
    return [
        tuple(note for note in row if note is not None) or None
        for row in zip(*present, strict=True)
    ]


class AmbiguousDate(ValueError):  # noqa: N818 - reads as what it is: an ambiguous date
    """A date like 06/02/2026 that could be read day-first or month-first."""


def _year(text: str) -> int:
    """A year; two digits mean 2000-2069 or 1970-1999, as POSIX ``%y`` reads them."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def parse_day(text: str, day_first: bool | None = None) -> date | None:
    """A day written as ``12 Aug 2026``, ``6-Feb-26``, ``Aug 12, 2026``, ``2026-08-12`` or
    ``13/08/2026`` (a time after it is ignored).

    Month names are matched in English on purpose: ``strptime("%b")`` follows the
    machine's locale, and LinkedIn does not. Two-digit years are 2000-2069 or 1970-1999.
    A date of numbers alone such as ``06/02/2026`` needs ``day_first`` unless its numbers
    decide it (13/08); without it, it raises :class:`AmbiguousDate`. Empty text gives None.
    """
    value = text.strip()
    if not value:
        return None
    try:
        if match := _DAY_MONTH_YEAR.fullmatch(value):
            day, month_name, year = match.groups()
            month = MONTHS.get(month_name.lower())
            if month is not None:
                return date(_year(year), month, int(day))
        elif match := _MONTH_DAY_YEAR.fullmatch(value):
            month_name, day, year = match.groups()
            month = MONTHS.get(month_name.lower())
            if month is not None:
                return date(_year(year), month, int(day))
        elif match := _ISO.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        elif match := _NUMERIC.fullmatch(value):
            first, second, year = int(match[1]), int(match[3]), _year(match[4])
            order = day_first if day_first is not None else _numeric_order(first, second)
            if order is None:
                raise AmbiguousDate(
                    f"{shown(text)} could be {first} {MONTH_NAMES[second - 1]} "
                    f"or {second} {MONTH_NAMES[first - 1]}"
                )
            day, month = (first, second) if order else (second, first)
            return date(year, month, day)
    except AmbiguousDate:
        raise
    except (ValueError, IndexError):
        pass
    raise ValueError(f"{shown(text)} is not a date like 12 Aug 2026")


def _numeric_order(first: int, second: int) -> bool | None:
    """True (day first) or False (month first) when the numbers show it, else None."""
    if first > 12 and second <= 12:
        return True
    if second > 12 and first <= 12:
        return False
    return True if first == second else None


def column_day_first(values: Iterable[str]) -> bool | None:
    """Whether a whole column of numeric dates puts the day first, or None when no date shows it
    (or dates show both orders).

    >>> column_day_first(["06/02/2026", "13/02/2026"]), column_day_first(["06/02/2026"])
    (True, None)
    """
    seen: set[bool] = set()
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match:
            first, second = int(match[1]), int(match[3])
            if first != second and (first > 12) != (second > 12):
                seen.add(first > 12)
    return seen.pop() if len(seen) == 1 else None


def read_source(source: Source, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of a file (a path or uploaded bytes) and the name to use in messages."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        label = name or "the uploaded file"
    else:
        path = Path(source).expanduser()
        label = name or str(source)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ImportProblem(
                    label, None, f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
                )
            data = path.read_bytes()
        except FileNotFoundError:
            raise ImportProblem(label, None, "there is no such file; check the path") from None
        except IsADirectoryError:
            raise ImportProblem(label, None, "is a folder; give the path of a file") from None
        except OSError as exc:
            raise ImportProblem(label, None, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportProblem(label, None, f"is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    return data, label


def line_at(data: bytes | str, offset: int) -> int:
    """The 1-based line number of a byte (or character) offset."""
    newline: Any = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1


def decode_text(data: bytes, file: str, *, fallback: str | None = None) -> str:
    """Text from bytes: UTF-8 (with or without a BOM), UTF-16 with a BOM, else ``fallback``.

    A file that holds valid UTF-8 in some places and other bytes elsewhere mixes two
    encodings; guessing would garble names, so it is refused with the line to look at.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportProblem(file, None, f"is not valid UTF-16 text ({exc.reason})") from None
        return _checked_text(text, file)
    if b"\x00" in data:
        raise ImportProblem(
            file,
            line_at(data, data.index(b"\x00")),
            "holds binary data; is it really a contacts file?",
        )
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return _checked_text(body.decode("utf-8"), file)
    except UnicodeDecodeError as exc:
        line = line_at(body, exc.start)
        bad = body[exc.start : exc.start + 1].hex().upper()
        if exc.reason == "unexpected end of data":
            raise ImportProblem(
                file, line, "ends in the middle of a character; it may be cut short"
            ) from None
        foreign = east_asian_encoding(body)
        if foreign is not None:
            raise ImportProblem(
                file,
                None,
                f"looks like {foreign} text, not UTF-8; save it again as UTF-8 "
                "(in Excel: Save As, CSV UTF-8) and import that file",
            ) from None
        if fallback is None:
            raise ImportProblem(
                file, line, f"is not UTF-8 text (byte 0x{bad}); export or save it again as UTF-8"
            ) from None
        if _UTF8_MULTIBYTE.search(body):
            raise ImportProblem(
                file,
                line,
                f"mixes text encodings: most of it is UTF-8 but byte 0x{bad} is not; "
                "save it again as UTF-8",
            ) from None
    try:
        return _checked_text(body.decode(fallback), file)
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            file, line_at(body, exc.start), f"is neither UTF-8 nor {fallback} text"
        ) from None


# Encodings a contacts file from Japan, China or Korea may be in, with the letters that show it.
_EAST_ASIAN = (
    ("shift_jis", "Shift_JIS (Japanese)", re.compile(r"[\u3040-\u30ff]")),
    ("euc_jp", "EUC-JP (Japanese)", re.compile(r"[\u3040-\u30ff]")),
    ("euc_kr", "EUC-KR (Korean)", re.compile(r"[\uac00-\ud7a3]")),
    ("gb18030", "GB18030 (Chinese)", re.compile(r"[\u4e00-\u9fff]")),
)
_KANA_CODECS = {"shift_jis", "euc_jp"}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def east_asian_encoding(data: bytes) -> str | None:
    """The name of the East Asian encoding ``data`` seems to be in, or None.

    It must read cleanly in that encoding into the letters of its script, and not read as
    Western text in Windows-1252 (accented Latin letters alone); a few stray bytes in a
    UTF-8 file do not count.

    >>> east_asian_encoding("山田,花子,やまだ".encode("shift_jis"))
    'Shift_JIS (Japanese)'
    >>> east_asian_encoding("Inès,Zoë".encode("cp1252")) is None
    True
    """
    try:
        western = data.decode("cp1252")
        if all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in western):
            return None
    except UnicodeDecodeError:
        pass
    utf8_letters = len(_UTF8_MULTIBYTE.findall(data))
    for codec, label, letters in _EAST_ASIAN:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if not c.isascii()]
        found = sum(1 for c in wide if letters.match(c) or _CJK.match(c))
        if codec in _KANA_CODECS and not letters.search(text):
            continue
        if found >= 3 and found >= 0.9 * len(wide) and found > 2 * utf8_letters:
            return label
    return None


def _checked_text(text: str, file: str) -> str:
    # Searching for each character alone is several times faster than the regex.
    found = _BINARY.search(text) if any(c in text for c in _BINARY_CHARS) else None
    if found:
        raise ImportProblem(
            file,
            line_at(text, found.start()),
            f"holds a control character (U+{ord(found.group()):04X}); "
            "is it really a contacts file?",
        )
    return text


def normalise_header(cell: str) -> str:
    """A column name compared without case, BOM or surrounding spaces."""
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


def column_index(header: Sequence[str], wanted: Mapping[str, str]) -> dict[str, int]:
    """Positions of the wanted columns (normalised name -> field) found in ``header``."""
    positions = {normalise_header(cell): i for i, cell in reversed(list(enumerate(header)))}
    return {field: positions[column] for column, field in wanted.items() if column in positions}


def blank_to_none(values: Sequence[str]) -> list[str | None]:
    """Stripped text, with empty cells as None."""
    return [(value.strip() or None) if value else None for value in values]


def records_frame(columns: Mapping[str, Sequence[Any]]) -> pd.DataFrame:
    """The standard record frame from column lists; missing columns are empty."""
    length = len(next(iter(columns.values()))) if columns else 0
    data: dict[str, Any] = {}
    for column in RECORD_COLUMNS:
        values = columns.get(column)
        if values is None:
            values = [None] * length
        data[column] = pd.Series(values, dtype="int64" if column == "line" else object)
    return pd.DataFrame(data, columns=list(RECORD_COLUMNS))


def empty_records() -> pd.DataFrame:
    """A record frame with no rows."""
    return records_frame({column: [] for column in RECORD_COLUMNS})


# ---------------------------------------------------------------- CSV


class CsvRows:
    """CSV rows with the line each starts on; a broken quote names its line.

    Iterate for one ``(line, row)`` at a time (looking for the header), then take the
    rest at once with :meth:`rest`.

    >>> rows = CsvRows('a,b\\n"x\\ny",z\\n\\nq,r\\n', "f.csv")
    >>> next(rows)
    (1, ['a', 'b'])
    >>> rows.rest()
    ([2, 4, 5], [['x\\ny', 'z'], [], ['q', 'r']], None)
    """

    def __init__(self, text: str, file: str, delimiter: str = ",") -> None:
        self._reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
        self._text = text
        self._file = file
        self._next_line = 1

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        start = self._next_line
        try:
            row = next(self._reader)
        except csv.Error as exc:
            raise self._problem(start, exc) from None
        self._next_line = self._reader.line_num + 1
        return start, row

    def rest(self) -> tuple[list[int], list[list[str]], ImportProblem | None]:
        """The remaining rows, the lines they start on, and the problem that stopped them."""
        reader = self._reader
        rows: list[list[str]] = []
        ends = [self._next_line - 1]
        problem = None
        try:
            for row in reader:
                rows.append(row)
                ends.append(reader.line_num)
        except csv.Error as exc:
            problem = self._problem(ends[-1] + 1, exc)
        self._next_line = ends[-1] + 1
        return [end + 1 for end in ends[:-1]], rows, problem

    def _problem(self, line: int, exc: csv.Error) -> ImportProblem:
        if "unexpected end of data" in str(exc):
            opened = _unclosed_quote_line(self._text, line)
            return ImportProblem(
                self._file,
                opened,
                f"a quote opened on line {opened} never closes; "
                "add the closing quote (or remove the stray one) and try again",
            )
        return ImportProblem(self._file, line, f"is not valid CSV ({exc})")


def _unclosed_quote_line(text: str, start: int) -> int:
    """The line of the quote that is still open at the end of ``text`` (from line ``start``)."""
    opened, inside = start, False
    for number, line in enumerate(text.splitlines()[start - 1 :], start=start):
        for char in line:
            if char == '"':
                inside = not inside
                if inside:
                    opened = number
    return opened


def rows_with_lines(text: str, file: str, delimiter: str = ",") -> CsvRows:
    """CSV rows with the line each starts on; a broken quote names its line."""
    return CsvRows(text, file, delimiter)


def find_header(
    rows: Iterator[tuple[int, list[str]]],
    file: str,
    required: Sequence[str],
    what: str,
    shown: Sequence[str] | None = None,
) -> tuple[int, list[str]]:
    """The first row holding every ``required`` column name (any case), within 50 rows."""
    first: list[str] = []
    for count, (line, row) in enumerate(rows):
        if count >= HEADER_SEARCH_ROWS:
            break
        cells = {normalise_header(cell) for cell in row}
        if all(name in cells for name in required):
            return line, row
        first = first or [cell.strip() for cell in row if cell.strip()]
    titled = ", ".join(shown or [name.title() for name in required])
    seen = f" (the first row has: {', '.join(first[:12])[:200]})" if first else ""
    raise ImportProblem(
        file,
        None,
        f"no header row with the columns {titled} in the first lines{seen}; is this {what}?",
    )


def data_rows(
    rows: CsvRows, width: int, file: str, *, ends_cleanly: bool = True
) -> tuple[list[int], list[list[str]], list[Note | None]]:
    """Rows after the header, read leniently as the csv module does, blank ones dropped.

    A short row is read with its missing fields empty and a long one without the cells past
    the header's last column; each such row gets a note (third, one entry a row). When the
    text does not end with a line break (``ends_cleanly`` false) and its last row is short,
    the file was cut short: that is refused.
    """
    lines, kept, problem = rows.rest()
    if problem is not None:
        raise problem
    notes: dict[int, Note] = {}
    blank: set[int] = set()
    for i in [i for i, length in enumerate(map(len, kept)) if length != width]:
        row = kept[i]
        if not any(cell.strip() for cell in row):
            blank.add(i)
        elif len(row) < width:
            if not ends_cleanly and i == len(kept) - 1:
                raise ImportProblem(
                    file, lines[i], "ends in the middle of a row; it may be cut short"
                )
            kept[i] = row + [""] * (width - len(row))
            notes[i] = Note(
                "row",
                "",
                f"has {len(row)} of the header's {width} fields: the others are read as empty",
                SHORT_ROW,
            )
        else:
            extra = [cell.strip() for cell in row[width:] if cell.strip()]
            kept[i] = row[:width]
            if extra:
                notes[i] = Note(
                    "row",
                    " | ".join(extra),
                    f"is past the header's last column ({len(row)} fields where the header has "
                    f"{width}): set aside",
                    LONG_ROW,
                )
    if blank:
        keep = [i for i in range(len(kept)) if i not in blank]
        lines, kept = [lines[i] for i in keep], [kept[i] for i in keep]
        return lines, kept, [notes.get(i) for i in keep]
    return lines, kept, [notes.get(i) for i in range(len(kept))] if notes else [None] * len(kept)


def columns_of(rows: list[list[str]], width: int) -> list[Sequence[str]]:
    """Rows of equal width turned into columns."""
    return list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]


def read_days(
    values: Sequence[str], *, column: str = "date", day_first: bool | None = None
) -> tuple[list[date | None], list[Note | None]]:
    """Parse a column of days (each distinct text once); the ones that fail are set aside.

    Numeric dates follow ``day_first``, else the order the whole column shows; when nothing
    decides it, each date it matters for is set aside (:data:`AMBIGUOUS_DATE`) so the learner
    can be asked. A value that is no date is set aside too: one bad date never refuses a file.

    >>> days, notes = read_days(["06/02/2026", "soon"], column="Met on")
    >>> days, [note.kind for note in notes]
    ([None, None], ['dates that could be day-first or month-first', 'dates not understood'])
    """
    distinct = list(dict.fromkeys(values))
    if day_first is None:
        day_first = column_day_first(distinct)
    parsed: dict[str, date | None] = {}
    problems: dict[str, Note] = {}
    for value in distinct:
        try:
            parsed[value] = parse_day(value, day_first)
        except AmbiguousDate as exc:
            readings = str(exc).rsplit(" could be ", 1)[-1]
            problems[value] = Note(
                column,
                value.strip(),
                f"could be {readings}: imported without it until you say whether this file "
                "puts the day or the month first",
                AMBIGUOUS_DATE,
            )
        except ValueError:
            problems[value] = Note(
                column,
                value.strip()[:200],
                "is not a date like 12 Aug 2026: imported without it",
                NOT_A_DATE,
            )
    days = [parsed.get(value) for value in values]
    if not problems:
        return days, [None] * len(values)
    return days, [problems.get(value) for value in values]


def needs_date_order(notes: Iterable[Iterable[Note] | None]) -> bool:
    """True when some date was set aside because the file does not show its order."""
    return any(note.kind == AMBIGUOUS_DATE for row in notes if row for note in row)


_EMAIL_MARKS = (":::", ";", ",", " ", "urn:", "\n")
_EMAIL_SPLIT = re.compile(r"\s*(?::::|;|,)\s*|\s+")


def email_cells(
    cells: Sequence[str | None],
) -> tuple[list[str | None], list[str | None], list[Note | None]]:
    """Each cell's first address, its other addresses (``"; "`` between), and a note on what
    in it is no address at all (LinkedIn's ``urn:li:member:…`` for a hidden email).

    Google writes several addresses in one cell as ``a@x.org ::: b@y.org``; others use ``;``.

    >>> first, others, notes = email_cells(["a@x.org ::: b@y.org", "urn:li:member:12"])
    >>> first, others, notes[1].reason
    (['a@x.org', None], ['b@y.org', None], 'is not an address: imported without it')
    """
    joined = "\t".join(cell for cell in cells if cell)
    if not any(mark in joined for mark in _EMAIL_MARKS):
        return list(cells), [None] * len(cells), [None] * len(cells)
    first: list[str | None] = []
    others: list[str | None] = []
    notes: list[Note | None] = []
    for cell in cells:
        parts = [part for part in _EMAIL_SPLIT.split(cell or "") if part]
        addresses = [part for part in parts if "@" in part and not part.startswith("urn:")]
        unusable = [part for part in parts if part not in addresses]
        first.append(addresses[0] if addresses else None)
        others.append("; ".join(addresses[1:]) or None)
        notes.append(
            Note(
                "email", " ".join(unusable), "is not an address: imported without it", WITHOUT_EMAIL
            )
            if unusable and not addresses
            else Note("email", " ".join(unusable), "is not an address: set aside", WITHOUT_EMAIL)
            if unusable
            else None
        )
    return first, others, notes


def notes_with_other_emails(
    notes: Sequence[str | None], others: Sequence[str | None]
) -> list[str | None]:
    """Notes with ``Other emails: …`` added where a row had more than one address."""
    if not any(others):
        return list(notes)
    return [
        "\n".join(x for x in (note, f"Other emails: {other}" if other else None) if x) or None
        for note, other in zip(notes, others, strict=True)
    ]


def url_key(url: object) -> str | None:
    """A profile URL reduced to what identifies it (no scheme, www, query or trailing slash).

    >>> url_key("HTTPS://www.LinkedIn.com/in/ana-ruiz/?trk=x")
    'linkedin.com/in/ana-ruiz'
    """
    return url_keys([url])[0]


def url_keys(urls: Iterable[object]) -> list[str | None]:
    """:func:`url_key` of each URL (anything but text gives None)."""
    texts = [url.strip().lower() if isinstance(url, str) else "" for url in urls]
    texts = [
        text.split("#", 1)[0].split("?", 1)[0] if "?" in text or "#" in text else text
        for text in texts
    ]
    # A scheme is cut only when "://" first appears within the first 12 characters.
    texts = [text[at + 3 :] if (at := text.find("://", 0, 14)) > 0 else text for text in texts]
    return [text.removeprefix("www.").rstrip("/") or None for text in texts]


def name_key(name: object) -> str | None:
    """A name or company compared without case or extra spaces."""
    return name_keys([name])[0]


def name_keys(names: Iterable[object]) -> list[str | None]:
    """:func:`name_key` of each name (anything but text gives None)."""
    return [
        " ".join(name.casefold().split()) or None if isinstance(name, str) else None
        for name in names
    ]


def person_key(name: object, company: object) -> str | None:
    """Name and company together (None without both), compared as :func:`name_key` does.

    >>> person_key(" Ana  RUIZ", "Acme, Inc.") == person_key("ana ruiz", "acme,  inc.")
    True
    """
    return person_keys([name], [company])[0]


def person_keys(names: Sequence[object], companies: Sequence[object]) -> list[str | None]:
    """:func:`person_key` of each (name, company) pair."""
    return [
        f"{who}\0{where}" if who and where else None
        for who, where in zip(name_keys(names), name_keys(companies), strict=True)
    ]
