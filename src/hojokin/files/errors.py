"""The one refusal of an upload."""

from __future__ import annotations


class FileRejected(ValueError):
    """A file or name refused: `message` in Japanese names the problem for the person
    uploading, `code` says which problem for programs and tests."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
