"""Uploaded files, stored by their content: typed by their bytes (never by their name),
refused with a Japanese message when they are not what the program office accepts, and
kept once per SHA-256 under a folder of their own. Standard library only."""

from __future__ import annotations

from hojokin.files.errors import FileRejected
from hojokin.files.names import clean_name
from hojokin.files.store import FileStore, StoredFile, too_large

__all__ = ["FileRejected", "FileStore", "StoredFile", "clean_name", "too_large"]
