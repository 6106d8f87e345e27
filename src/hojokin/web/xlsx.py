"""A one-sheet Excel workbook (.xlsx, Office Open XML) written with zipfile.

Enough of SpreadsheetML for a table people sort and sum: a bold header row that stays
in view, text as inline strings, whole numbers with thousands separators, dates as
dates. No dependency: the format is a zip of a few XML parts.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from xml.sax.saxutils import escape

from hojokin.views.sheets import Cell

_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as Excel counts
# Style indexes into cellXfs below.
_HEADER, _TEXT, _NUMBER, _DATE = 1, 0, 2, 3

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _override(part: str, kind: str) -> str:
    return f'<Override PartName="{part}" ContentType="{_TYPE}.{kind}+xml"/>'


def _relation(rid: str, kind: str, target: str) -> str:
    return f'<Relationship Id="{rid}" Type="{_OFFICE}/{kind}" Target="{target}"/>'


_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + _override("/xl/workbook.xml", "sheet.main")
    + _override("/xl/worksheets/sheet1.xml", "worksheet")
    + _override("/xl/styles.xml", "styles")
    + "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    + _relation("rId1", "officeDocument", "xl/workbook.xml")
    + "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    + _relation("rId1", "worksheet", "worksheets/sheet1.xml")
    + _relation("rId2", "styles", "styles.xml")
    + "</Relationships>"
)
_FONT = '<sz val="11"/><name val="游ゴシック"/>'
# cellXfs: 0 text, 1 bold header, 2 #,##0 (numFmt 3), 3 yyyy/m/d (numFmt 14).
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs></styleSheet>"
)


def column_name(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _text(value: str) -> str:
    # XML 1.0 cannot carry most control characters; form input may hold them.
    kept = "".join(c for c in value if c in "\t\n" or ord(c) >= 0x20)
    return escape(kept)


def _cell(ref: str, value: Cell, header: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # bool is an int: write it as the words people read
        value = "はい" if value else "いいえ"
    if isinstance(value, date):
        return f'<c r="{ref}" s="{_DATE}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}" s="{_NUMBER}"><v>{value}</v></c>'
    style = _HEADER if header else _TEXT
    text = _text(value)
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet(header: Sequence[str], rows: Iterable[Sequence[Cell]], widths: Sequence[int]) -> str:
    out = [
        f'{_XML}<worksheet xmlns="{_MAIN}">',
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2"'
        ' activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
        "<cols>",
        *(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, 1)
        ),
        "</cols>",
        "<sheetData>",
    ]
    for r, values in enumerate([header, *rows], start=1):
        cells = "".join(_cell(f"{column_name(c)}{r}", v, r == 1) for c, v in enumerate(values))
        out.append(f'<row r="{r}">{cells}</row>')
    out += ["</sheetData>", "</worksheet>"]
    return "\n".join(out)


def workbook(
    sheet_name: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[int] = (),
) -> bytes:
    """The .xlsx file of one sheet: `header` in bold, then `rows`."""
    book = (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}">'
        f'<sheets><sheet name="{_text(sheet_name[:31])}" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/styles.xml", _STYLES)
        z.writestr("xl/worksheets/sheet1.xml", _sheet(header, rows, widths))
    return buffer.getvalue()
