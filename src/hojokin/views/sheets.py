"""The one CSV writer of every export, the web's and the API's: a byte order mark and
every text cell guarded against spreadsheet formulas.

Excel reads a CSV without a byte order mark in the system's code page and garbles
Japanese; a cell it reads as a formula runs (CSV injection), whoever wrote the text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

Cell = str | int | date | None

# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula;
# a leading apostrophe makes it text. A workbook needs none: its cells are inline
# strings, which Excel never evaluates.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Cell) -> str | int:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return guarded(value)
    return value


def csv_file(header: Sequence[str], table: Sequence[Sequence[Cell]]) -> bytes:
    """A CSV Excel reads as UTF-8 (the byte order mark), every text cell guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guarded(h) for h in header])
    writer.writerows([_csv_cell(v) for v in row] for row in table)
    return buffer.getvalue().encode("utf-8-sig")
