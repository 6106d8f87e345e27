"""Required documents: the rows of a table whose header has a number column (No, 番号)
and a documents column (…書類), with 部数 and 様式 where the header has them.

The table belongs to the frame that the line above it names (「申請に必要な書類
【ゼロエミッション枠で申請する場合】」), else to every frame; it ends at the first line
that is not a row of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hojokin.ingest.spans import Folded

_NUMBER = re.compile(r"^(?:No\.?|番号|NO)$")
_NAME_END = re.compile(r"\s+(?:・|【)")


@dataclass(frozen=True)
class Columns:
    number: int
    name: int
    copies: int | None
    form: int | None


@dataclass(frozen=True)
class Row:
    """One document of the table: its number, name, copies and form as written, and
    the quote its citation takes (the name)."""

    number: int
    name: str
    copies: str | None
    form: str | None


def header(row: list[Folded]) -> Columns | None:
    texts = [cell.text.replace(" ", "") for cell in row]
    number = next((i for i, t in enumerate(texts) if _NUMBER.match(t)), None)
    name = next((i for i, t in enumerate(texts) if t.endswith("書類")), None)
    if number is None or name is None:
        return None
    copies = next((i for i, t in enumerate(texts) if t == "部数"), None)
    form = next((i for i, t in enumerate(texts) if t == "様式"), None)
    return Columns(number, name, copies, form)


def document_row(row: list[Folded], columns: Columns) -> Row | None:
    """The document a table row lists, or None when the row is not one of the table's."""
    width = max(columns.number, columns.name, columns.copies or 0, columns.form or 0)
    if len(row) <= width or not row[columns.number].text.isdigit():
        return None
    cell = row[columns.name]
    name = _NAME_END.split(cell.text, maxsplit=1)[0].strip()
    if not name:
        return None

    def text(index: int | None) -> str | None:
        return row[index].text or None if index is not None else None

    return Row(int(row[columns.number].text), name, text(columns.copies), text(columns.form))
