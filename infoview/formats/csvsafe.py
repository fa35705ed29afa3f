"""CSV that opens safely in Excel: UTF-8 with a BOM, and no cell read as a formula.

A cell that begins with ``= + - @``, a tab, a carriage return or a NUL could run as a
formula in a spreadsheet, so it gets a leading apostrophe. A cell that already begins with
an apostrophe gets one more, so :func:`unneutralise` gives back exactly what was written.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> unneutralise(neutralise("'quoted")) == "'quoted"
True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from infoview.errors import ImportProblem
from infoview.workspace import write_atomic

_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\0", "'")
_FIELD_LIMIT = 256 * 1024 * 1024


def neutralise(cell: Any) -> Any:
    """Make a text cell inert for spreadsheets; other values pass through."""
    if isinstance(cell, str) and cell.startswith(_RISKY_START):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    """Undo :func:`neutralise` (drop the one apostrophe it added)."""
    return cell[1:] if cell.startswith("'") else cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text with every cell neutralised, CRLF line ends, as Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """Write a safe CSV atomically, in UTF-8 with a BOM (so Excel reads accents right)."""
    return write_atomic(path, csv_text(header, rows), encoding="utf-8-sig")


def read_csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Read a CSV written by :func:`write_csv`: header and rows, cells un-neutralised."""
    header, records = read_csv_records(path)
    return header, [row for _, row in records]


def read_csv_records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Like :func:`read_csv_rows`, with the line each row ends on (for error messages).

    A file that is not UTF-8 text or not CSV raises :class:`~infoview.errors.ImportProblem`.
    """
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))  # long notes and plans
    records: list[tuple[int, list[str]]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, [])
            records.extend((reader.line_num, [unneutralise(c) for c in row]) for row in reader)
        except UnicodeDecodeError as exc:
            raise ImportProblem(
                path.name, None, f"is not UTF-8 text (byte {exc.start + 1}); save it as CSV UTF-8"
            ) from None
        except csv.Error as exc:
            raise ImportProblem(
                path.name, reader.line_num + 1, f"is not valid CSV ({exc})"
            ) from None
    return header, records
