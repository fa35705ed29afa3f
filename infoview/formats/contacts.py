"""What every contacts reader shares: reading bytes, decoding text, dates, and the record frame.

Each reader (LinkedIn, vCard, a generic CSV) returns the same *record frame*: one row per
contact found, with the file's line number, so a preview can say exactly where each came
from. A reader may mark a row it knows cannot be used (``skip`` holds the reason, such as
a contact group in a vCard file). Readers never touch a tracker: :mod:`infoview.network.imports`
decides what is written.

>>> parse_day("12 Aug 2026")
datetime.date(2026, 8, 12)
>>> parse_day("2026-08-12 10:15:00 UTC"), parse_day("8/12/26, 10:15 AM")
(datetime.date(2026, 8, 12), datetime.date(2026, 8, 12))
>>> parse_day("12 Ag 2026")
Traceback (most recent call last):
...
ValueError: '12 Ag 2026' is not a date like 12 Aug 2026
>>> decode_text("Inès".encode("cp1252"), "old.vcf", fallback="cp1252")
'Inès'
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

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
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s.*)?")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BINARY_CHARS = [chr(c) for c in range(0x80) if _BINARY.match(chr(c))]


def parse_day(text: str) -> date | None:
    """A day written as ``12 Aug 2026``, ``2026-08-12`` (time ignored) or ``8/12/26``.

    Month names are matched in English on purpose: ``strptime("%b")`` follows the
    machine's locale, and LinkedIn does not. Empty text gives None.
    """
    value = text.strip()
    if not value:
        return None
    try:
        if match := _DAY_MONTH_YEAR.fullmatch(value):
            day, month_name, year = match.groups()
            month = MONTHS.get(month_name.lower())
            if month is not None:
                return date(int(year), month, int(day))
        elif match := _ISO.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        elif match := _US.fullmatch(value):
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return date(year, int(match[1]), int(match[2]))
    except ValueError:
        pass
    raise ValueError(f"{shown(text)} is not a date like 12 Aug 2026")


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
        return ImportProblem(self._file, line, f"is not valid CSV ({exc})")


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


def data_rows(rows: CsvRows, width: int, file: str) -> tuple[list[int], list[list[str]]]:
    """Rows after the header, blank ones dropped; a row of the wrong width names its line."""
    lines, kept, problem = rows.rest()
    blank: set[int] = set()
    for i in [i for i, length in enumerate(map(len, kept)) if length != width]:
        row = kept[i]
        if not any(cell.strip() for cell in row):
            blank.add(i)
        elif len(row) > width and not any(cell.strip() for cell in row[width:]):
            kept[i] = row[:width]
        else:
            raise ImportProblem(
                file,
                lines[i],
                f"has {len(row)} fields where the header has {width}; "
                "the file may be cut short or hold a stray comma",
            )
    if problem is not None:
        raise problem
    if blank:
        lines = [line for i, line in enumerate(lines) if i not in blank]
        kept = [row for i, row in enumerate(kept) if i not in blank]
    return lines, kept


def columns_of(rows: list[list[str]], width: int) -> list[Sequence[str]]:
    """Rows of equal width turned into columns."""
    return list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]


def parse_days(
    values: Sequence[str], lines: Sequence[int], file: str, column: str
) -> list[date | None]:
    """Parse a column of days; each distinct text is parsed once (the first bad one raises)."""
    parsed: dict[str, date | None] = {}
    for value in dict.fromkeys(values):
        try:
            parsed[value] = parse_day(value)
        except ValueError:
            line = lines[values.index(value)]
            raise ImportProblem(
                file, line, f"{column} {shown(value)} is not a date like 12 Aug 2026"
            ) from None
    return [parsed[value] for value in values]


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
