"""Test databases: SQLite always; PostgreSQL whenever HOJOKIN_TEST_DATABASE_URL is set
(CI sets it). Each PostgreSQL engine lives in a schema of its own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

from hojokin.store.engine import make_engine

PG_URL = os.environ.get("HOJOKIN_TEST_DATABASE_URL")
DIALECTS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@contextmanager
def empty_database(dialect: str, folder: Path) -> Iterator[Engine]:
    """A new, empty database of `dialect`, removed on exit."""
    if dialect == "sqlite":
        engine = make_engine(f"sqlite:///{folder / f'{uuid.uuid4().hex}.sqlite3'}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    assert PG_URL is not None
    schema = f"hojokin_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(PG_URL, schema=schema)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
