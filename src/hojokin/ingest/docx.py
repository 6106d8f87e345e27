"""DOCX to lines with zipfile and ElementTree: no dependency, and a Word file is only
a zip of XML. Paragraphs are lines; a table row is one line with its cells joined by
tabs. XML with a DOCTYPE (entity tricks) and members larger than a real document are
refused before parsing.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from hojokin.ingest.errors import IngestError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
MAX_XML_BYTES = 64 * 1024 * 1024
BROKEN = "DOCXが壊れているため読めません（{}）"


def _member(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise IngestError(BROKEN.format(f"{name} が大きすぎます"))
    data = archive.read(info)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise IngestError(BROKEN.format(f"{name} に DOCTYPE があります"))
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise IngestError(BROKEN.format(f"{name} のXMLが読めません")) from exc


def _paragraph(p: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in p.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return "".join(parts).strip()


def _table(tbl: ElementTree.Element) -> list[str]:
    rows = []
    for tr in tbl.iter(f"{_W}tr"):
        cells = [
            " ".join(t for t in (_paragraph(p) for p in tc.iter(f"{_W}p")) if t)
            for tc in tr.findall(f"{_W}tc")
        ]
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def docx_lines(data: bytes) -> tuple[tuple[str, ...], str | None]:
    """The paragraphs and table rows of the body in order, and the core title."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = _member(archive, "word/document.xml")
            core = _member(archive, "docProps/core.xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        raise IngestError(BROKEN.format("zip として読めません")) from exc
    if document is None:
        raise IngestError(BROKEN.format("word/document.xml がありません"))
    body = document.find(f"{_W}body")
    lines: list[str] = []
    for child in body if body is not None else []:
        if child.tag == f"{_W}p":
            lines.append(_paragraph(child))
        elif child.tag == f"{_W}tbl":
            lines.extend(_table(child))
    title_node = core.find(f"{_DC}title") if core is not None else None
    title = title_node.text.strip() if title_node is not None and title_node.text else None
    return tuple(lines), title or None
