"""A file's display name: what the uploader's computer called it, cleaned for showing.
It never becomes a path (files are stored by digest), but it is shown, offered back as
a download name and read by people, so anything that could pass for a path or hide
characters is refused rather than repaired."""

from __future__ import annotations

import re
import unicodedata

from hojokin.files.errors import FileRejected

MAX_NAME_CHARS = 200
_DRIVE = re.compile(r"[A-Za-z]:")


def clean_name(name: str) -> str:
    """`name` in NFKC (full-width letters and digits made half-width, half-width kana
    full-width, composed), without surrounding spaces; `FileRejected` for an empty or
    over-long name, one of dots alone, or one with folder parts or control
    characters."""
    # Folded first: a full-width ／ or ＼ becomes a separator only here.
    cleaned = unicodedata.normalize("NFKC", name).strip()
    if not cleaned:
        raise FileRejected("name_empty", "ファイル名が空です。")
    if len(cleaned) > MAX_NAME_CHARS:
        raise FileRejected(
            "name_too_long",
            f"ファイル名が長すぎます（{len(cleaned)} 文字）。"
            f"{MAX_NAME_CHARS} 文字以内にしてください。",
        )
    # Controls, bidirectional overrides (`gpj.exe` shown as `exe.jpg`), surrogates.
    if any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise FileRejected(
            "name_control", "ファイル名に制御文字などの見えない文字が含まれています。"
        )
    if "/" in cleaned or "\\" in cleaned or _DRIVE.match(cleaned):
        raise FileRejected(
            "name_path",
            "ファイル名にフォルダの指定（/、\\、C: など）は使えません。"
            "ファイル名だけにしてください。",
        )
    if not cleaned.strip("."):
        raise FileRejected("name_dots", "ファイル名が「.」だけでできています。")
    return cleaned


def extension(name: str) -> str:
    """The part after the last dot, lower-cased; empty when there is none."""
    stem, dot, suffix = name.rpartition(".")
    return suffix.lower() if dot and stem else ""
