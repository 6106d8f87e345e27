"""Small real files of each accepted kind, made here rather than kept as fixtures, and
the look-alikes the store must refuse."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import date

from hojokin.web.xlsx import workbook


def pdf(content: bytes = b"") -> bytes:
    """A one-page PDF with its cross-reference table at the offsets it states; with
    `content`, the page's content stream holds it (a file of any size and bytes)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    if content:
        objects[2] = objects[2].replace(b" >>", b" /Contents 4 0 R >>")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content) + 1, content))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    """A 1×1 white RGB image."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")  # filter 0, then one pixel
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def _segment(marker: int, data: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data


def jpeg() -> bytes:
    """An 8×8 grey baseline JPEG: one block whose coefficients are all zero, coded with
    one-symbol Huffman tables (category 0 for the DC, end-of-block for the AC)."""
    quantisation = b"\x00" + bytes([1] * 64)
    frame = struct.pack(">BHHB", 8, 8, 8, 1) + bytes([1, 0x11, 0])
    one_code = bytes([1] + [0] * 15)  # one code of length 1
    dc_table = b"\x00" + one_code + b"\x00"
    ac_table = b"\x10" + one_code + b"\x00"
    scan = bytes([1, 1, 0x00, 0, 63, 0])
    return (
        b"\xff\xd8"
        + _segment(0xDB, quantisation)
        + _segment(0xC0, frame)
        + _segment(0xC4, dc_table)
        + _segment(0xC4, ac_table)
        + _segment(0xDA, scan)
        + b"\x3f"  # DC code 0, EOB code 0, padded with ones
        + b"\xff\xd9"
    )


def xlsx() -> bytes:
    return workbook(
        "申請書", ["項目", "金額"], [["機械装置費", 1_200_000], ["日付", date(2024, 7, 1)]]
    )


def xlsx_bomb(unpacked: int) -> bytes:
    """A real workbook with one more part of `unpacked` zero bytes: small on disk (zeros
    deflate a thousandfold), large once unpacked. Written in 1 MB pieces, never whole."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx())) as real,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for info in real.infolist():
            package.writestr(info.filename, real.read(info))
        with package.open("xl/media/zeros.bin", "w", force_zip64=True) as part:
            piece = bytes(1024 * 1024)
            left = unpacked
            while left > 0:
                part.write(piece[: min(left, len(piece))])
                left -= len(piece)
    return out.getvalue()


_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _docx_types(main: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
        "</Types>"
    )


_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCX_BODY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:document xmlns:w="{_WORD}"><w:body><w:p><w:r><w:t>事業計画書</w:t></w:r></w:p>'
    "</w:body></w:document>"
)


def zipped(parts: dict[str, str | bytes], *, encrypted: bool = False) -> bytes:
    """A ZIP of `parts`; `encrypted` only marks them so in their headers (zipfile cannot
    encrypt), which is what a reader meets first."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    data = bytearray(out.getvalue())
    if encrypted:
        # Bit 0 of the flags: at byte 6 of a local header, 8 of a central one.
        for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            while at >= 0:
                data[at + flags] |= 0x1
                at = data.find(signature, at + 4)
    return bytes(data)


def docx(main: str = DOCX_MAIN, *, encoding: str = "UTF-8", encrypted: bool = False) -> bytes:
    """A one-paragraph Word document; another `main` type makes e.g. a .docm, another
    `encoding` one whose `[Content_Types].xml` declares it (its text is ASCII)."""
    types = _docx_types(main).replace('encoding="UTF-8"', f'encoding="{encoding}"', 1)
    return zipped(
        {
            "[Content_Types].xml": types,
            "_rels/.rels": _DOCX_RELS,
            "word/document.xml": _DOCX_BODY,
        },
        encrypted=encrypted,
    )
