"""What a file is, read from its bytes: the signatures of PDF, PNG and JPEG, and for a
ZIP the content type its `[Content_Types].xml` gives the main part of a workbook or a
document. A ZIP is only read, never extracted: its directory (the names and sizes) and
at most `_MAX_TYPES_BYTES` of that one member, so a zip bomb costs nothing here; it is
refused all the same, by the sizes its directory declares, since whoever opens the file
later (the office's Excel, a converter) would unpack it."""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from dataclasses import dataclass
from typing import Literal
from xml.etree import ElementTree

from hojokin.files.errors import FileRejected

Kind = Literal["pdf", "xlsx", "docx", "png", "jpeg"]


@dataclass(frozen=True)
class KindInfo:
    label: str  # as the refusals name it
    media_type: str
    extensions: tuple[str, ...]  # the first is the one suggested


KINDS: dict[Kind, KindInfo] = {
    "pdf": KindInfo("PDF", "application/pdf", ("pdf",)),
    "xlsx": KindInfo(
        "Excel（.xlsx）",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("xlsx",),
    ),
    "docx": KindInfo(
        "Word（.docx）",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
    ),
    "png": KindInfo("PNG 画像", "image/png", ("png",)),
    "jpeg": KindInfo("JPEG 画像", "image/jpeg", ("jpg", "jpeg")),
}
ACCEPTED = "、".join(info.label for info in KINDS.values())

_SIGNATURES: tuple[tuple[bytes, Kind], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
_ZIP = b"PK\x03\x04"
# What zipfile raises for a ZIP it cannot read: a broken directory or header (BadZipFile,
# ValueError, EOFError, OSError), an encrypted member or an unknown compression
# (RuntimeError), compressed data that does not decompress.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    RuntimeError,
    ValueError,
    EOFError,
    OSError,
    zlib.error,
    lzma.LZMAError,
)
_TYPES_PART = "[Content_Types].xml"
# A real workbook or document unpacks to a few MB (XML compresses some 5–20 times);
# more, or a ratio no XML reaches, is a file built to exhaust whoever opens it. The ratio
# is judged only past a floor: a tiny archive of blank parts harms nobody.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 10 * 1024 * 1024
_MAX_TYPES_BYTES = 64 * 1024  # a real one is a few KB
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# The main part of each Office kind and the content type its package declares for it
# (macro-enabled .xlsm/.docm declare others, and are refused).
_MAIN_PARTS: dict[Kind, tuple[str, str]] = {
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
}


def _unaccepted(name: str, why: str = "") -> FileRejected:
    return FileRejected(
        "unsupported_type",
        f"「{name}」は受け付けられない種類のファイルです{why}。受け付けるのは {ACCEPTED} です。",
    )


def kind_of(name: str, data: bytes) -> Kind:
    """The kind of `data` (`name` is only quoted in the refusal)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(_ZIP):
        return _office_kind(name, data)
    raise _unaccepted(name)


def _office_kind(name: str, data: bytes) -> Kind:
    not_office = _unaccepted(name, "（Excel・Word 形式ではない ZIP ファイル）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if _TYPES_PART not in names:
                raise not_office
            with package.open(_TYPES_PART) as part:
                types = part.read(_MAX_TYPES_BYTES + 1)
            unpacked = sum(info.file_size for info in package.infolist())
    except _UNREADABLE:
        raise _unaccepted(name, "（壊れているか読めない ZIP ファイル）") from None
    if len(types) > _MAX_TYPES_BYTES:
        raise not_office
    declared = _overrides(types)
    found = [
        kind
        for kind, (part_name, content_type) in _MAIN_PARTS.items()
        if part_name in names and declared.get("/" + part_name) == content_type
    ]
    if len(found) != 1:
        raise not_office
    _check_unpacked(name, unpacked, len(data))
    return found[0]


def _check_unpacked(name: str, unpacked: int, size: int) -> None:
    """Refuse a package whose declared contents are too large, in total or for its size."""
    shown = f"{unpacked / (1024 * 1024):,.0f} MB"
    if unpacked > MAX_UNPACKED_BYTES:
        limit = f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB"
        why = f"展開すると大きすぎます（展開後 {shown}、上限 {limit}）"
    elif unpacked > _RATIO_FLOOR and unpacked > MAX_RATIO * size:
        why = f"圧縮率が異常です（{size:,} バイトが展開後 {shown}）"
    else:
        return
    raise FileRejected(
        "unpacks_too_large",
        f"「{name}」は{why}。Excel・Word で保存し直したファイルをアップロードしてください。",
    )


def _overrides(types: bytes) -> dict[str, str]:
    """Each part's declared content type; empty for anything but plain XML."""
    # No package declares a DTD: refusing one keeps entity expansion out of the parser.
    if b"<!DOCTYPE" in types or b"<!ENTITY" in types:
        return {}
    try:
        root = ElementTree.fromstring(types)
    except (ElementTree.ParseError, LookupError, ValueError):  # also an unknown encoding
        return {}
    return {
        element.get("PartName", ""): element.get("ContentType", "")
        for element in root.iter(f"{_CONTENT_TYPES}Override")
    }
