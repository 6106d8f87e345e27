"""Plain text: decoded as UTF-8 or, for older Japanese files, Shift_JIS (cp932) or EUC-JP."""

from __future__ import annotations

from hojokin.ingest.errors import IngestError

# The encodings of older Japanese files besides UTF-8: cp932 is Windows' Shift_JIS, the
# one most public text files still use; EUC-JIS-2004 reads every EUC-JP file.
LEGACY_ENCODINGS = ("cp932", "euc_jis_2004")


def decode(data: bytes) -> str:
    """The text of `data`: UTF-8 (with or without a BOM) where it reads as UTF-8."""
    if b"\x00" in data:
        raise IngestError("テキストとして読めません（バイナリのファイルです）")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Shift_JIS bytes often decode as EUC-JP too (and back), as nonsense: the reading
    # with the most hiragana, which every Japanese sentence has, is the right one.
    readings = []
    for encoding in LEGACY_ENCODINGS:
        try:
            readings.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if readings:
        return max(readings, key=lambda text: sum("\u3041" <= ch <= "\u309f" for ch in text))
    raise IngestError("文字コードを判別できません（UTF-8、Shift_JIS、EUC-JP に対応しています）")


def text_lines(text: str) -> tuple[str, ...]:
    """The lines of a text as written: line numbers are what citations count, so no line
    is dropped or merged."""
    return tuple(text.splitlines())
