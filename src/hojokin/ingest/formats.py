"""Which reader a file needs, decided by its content (the name only tells HTML from
text), and the checks every document passes before anything is extracted: a size
limit read from the file system before the file is opened, something to read, and
Japanese to read."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from hojokin.ingest.docx import docx_lines
from hojokin.ingest.errors import IngestError
from hojokin.ingest.html import html_lines
from hojokin.ingest.pdf import pdf_lines
from hojokin.ingest.plain import decode, text_lines
from hojokin.ingest.source import Source

# A 公募要領 PDF is a few MB; a scanned 100-page one about 30 MB.
MAX_BYTES = 30 * 1024 * 1024
# Below these a text is not taken for Japanese: a share of the letters, and a count.
MIN_JAPANESE_SHARE = 0.2
MIN_JAPANESE_CHARS = 20
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".csv", ".tsv")
UNKNOWN = "対応していない形式のファイルです（PDF、HTML、DOCX、テキストに対応しています）"


def read_document(path: Path) -> Source:
    """The document at `path` as lines; IngestError says in Japanese why it cannot be."""
    source = _read(read_bounded(path, MAX_BYTES), path)
    _check_text(source)
    return source


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of the file at `path`; IngestError for what is not a file, empty, or
    larger than `max_bytes` (said before anything is read)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"ファイルを開けません: {path}（{exc.strerror}）") from exc
    if not path.is_file():
        raise IngestError(f"ファイルではありません: {path}")
    if size > max_bytes:
        limit = max_bytes // 1024 // 1024
        raise IngestError(f"{path}: ファイルが大きすぎます（{size:,} バイト。{limit} MB まで）")
    if size == 0:
        raise IngestError(f"{path}: ファイルが空です")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"ファイルを読めません: {path}（{exc.strerror}）") from exc


def _read(data: bytes, path: Path) -> Source:
    origin = path.name
    if data.startswith(b"%PDF-"):
        lines, title = pdf_lines(data)
        return Source(origin, "pdf", lines, title)
    if data.startswith(b"PK\x03\x04"):
        if not _is_docx(data):
            raise IngestError(UNKNOWN)
        lines, title = docx_lines(data)
        return Source(origin, "docx", lines, title)
    suffix = path.suffix.lower()
    if suffix and suffix not in HTML_SUFFIXES + TEXT_SUFFIXES:
        raise IngestError(UNKNOWN)
    text = decode(data)
    if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        lines, title = html_lines(text)
        return Source(origin, "html", lines, title)
    return Source(origin, "text", text_lines(text))


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _japanese(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff"


def _check_text(source: Source) -> None:
    letters = [ch for line in source.lines for ch in line if ch.isalpha()]
    if not letters:
        raise IngestError("本文がありません（読み取れる文字がありません）")
    japanese = sum(1 for ch in letters if _japanese(ch))
    if japanese < MIN_JAPANESE_CHARS or japanese < MIN_JAPANESE_SHARE * len(letters):
        raise IngestError(
            "日本語の文書ではないようです（日本語の公募要領・事業計画などを指定してください）"
        )
