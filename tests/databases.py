"""Test databases: SQLite always; PostgreSQL whenever HOJOKIN_TEST_DATABASE_URL is set
(CI sets it). Each PostgreSQL engine lives in a schema of its own, dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from hojokin.store.engine import scratch_database

PG_URL = os.environ.get("HOJOKIN_TEST_DATABASE_URL")
DIALECTS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@contextmanager
def empty_database(dialect: str, folder: Path) -> Iterator[Engine]:
    """A new, empty database of `dialect`, removed on exit."""
    if dialect == "postgresql":
        assert PG_URL is not None
    with scratch_database(PG_URL if dialect == "postgresql" else None, folder) as engine:
        yield engine
