"""Files kept by content: `root/ab/cd/<sha256>`, written whole or not at all, once per
content, read-only. The name and type live with whatever refers to the file (the
`StoredFile` a put returns); the folder holds only bytes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hojokin.files.errors import FileRejected
from hojokin.files.kinds import KINDS, Kind, kind_of
from hojokin.files.names import clean_name, extension

MEGABYTE = 1024 * 1024
_DIGEST = re.compile(r"[0-9a-f]{64}")
# Read-only for the owner and the group: a stored file never changes.
_MODE = 0o440


@dataclass(frozen=True)
class StoredFile:
    sha256: str  # lower-case hex, the file's address
    size: int
    media_type: str
    kind: Kind
    name: str  # the cleaned display name


def _limit_text(max_bytes: int) -> str:
    if max_bytes % MEGABYTE == 0:
        return f"{max_bytes // MEGABYTE} MB"
    return f"{max_bytes:,} バイト"


def too_large(name: str | None, max_bytes: int, size: int | None = None) -> FileRejected:
    """The refusal of a file over `max_bytes`: its name and size when they are known (a
    body cut off as it arrives has neither for certain)."""
    what = "ファイル" if name is None else f"「{name}」"
    got = "" if size is None else f"{size:,} バイト、"
    return FileRejected(
        "too_large", f"{what}は大きすぎます（{got}上限 {_limit_text(max_bytes)}）。"
    )


class FileStore:
    def __init__(self, root: Path, max_bytes: int) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {max_bytes}")
        self.root = root
        self.max_bytes = max_bytes

    def put(self, name: str, data: bytes) -> StoredFile:
        """Store `data` uploaded as `name` and describe it; `FileRejected` (and nothing
        written) when the name, the size or the content is refused. The same content
        put again, even by another process at the same time, is stored once."""
        stored = self._checked(name, data)
        path = self._path(stored.sha256)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, data)
        return stored

    def keep(self, data: bytes) -> str:
        """Store bytes whose kind a reader of its own has judged already (a source
        document `hojokin.ingest` read: HTML and text too, which `put` refuses as no
        applicant's file) and give their SHA-256; the size limit holds all the same."""
        if not data:
            raise FileRejected("empty", "空のファイルです（0 バイト）。")
        if len(data) > self.max_bytes:
            raise too_large(None, self.max_bytes, len(data))
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, data)
        return digest

    def _checked(self, name: str, data: bytes) -> StoredFile:
        cleaned = clean_name(name)
        if not data:
            raise FileRejected("empty", f"「{cleaned}」は空のファイルです（0 バイト）。")
        if len(data) > self.max_bytes:
            raise too_large(cleaned, self.max_bytes, len(data))
        kind = kind_of(cleaned, data)
        info = KINDS[kind]
        given = extension(cleaned)
        if given not in info.extensions:
            shown = f".{given}" if given else "なし"
            raise FileRejected(
                "extension_mismatch",
                f"「{cleaned}」はファイル名の拡張子（{shown}）と中身（{info.label}）が"
                f"合いません。中身が {info.label} なら拡張子を .{info.extensions[0]} に"
                "してください。",
            )
        digest = hashlib.sha256(data).hexdigest()
        return StoredFile(digest, len(data), info.media_type, kind, cleaned)

    def open(self, sha256: str) -> BinaryIO:
        """The stored file for reading; FileNotFoundError for a digest not stored or
        not one at all (checked before the file system is asked)."""
        return self._path(sha256).open("rb")

    def exists(self, sha256: str) -> bool:
        try:
            return self._path(sha256).is_file()
        except FileNotFoundError:
            return False

    def _path(self, sha256: str) -> Path:
        if not _DIGEST.fullmatch(sha256):
            raise FileNotFoundError("保存されたファイルの SHA-256（64 桁の 16 進数）ではありません")
        return self.root / sha256[:2] / sha256[2:4] / sha256


def _write_atomically(path: Path, data: bytes) -> None:
    """`data` at `path`, complete or absent: written to a temporary file beside it,
    flushed to disk, then renamed over (a rename within a folder is atomic, so a
    concurrent writer of the same content only replaces equal bytes)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), _MODE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
