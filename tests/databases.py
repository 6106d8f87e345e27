"""Test databases: SQLite always; PostgreSQL whenever HOJOKIN_TEST_DATABASE_URL is set
(CI sets it). Each PostgreSQL engine lives in a schema of its own, dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

from hojokin.store.engine import make_engine, scratch_database

PG_URL = os.environ.get("HOJOKIN_TEST_DATABASE_URL")
DIALECTS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@contextmanager
def empty_database(dialect: str, folder: Path) -> Iterator[Engine]:
    """A new, empty database of `dialect`, removed on exit."""
    if dialect == "postgresql":
        assert PG_URL is not None
    with scratch_database(PG_URL if dialect == "postgresql" else None, folder) as engine:
        yield engine


def application_url(url: str, name: str) -> str:
    """`url` with its connections named `name` in pg_stat_activity, so that a test can
    find (and terminate) its own backends and no one else's."""
    return f"{url}{'&' if '?' in url else '?'}application_name={name}"


def terminate_backends(name: str) -> int:
    """Terminate the PostgreSQL backends of connections named `name` (waiting until
    they are gone), as a database restart or an idle-connection killer would; how many."""
    assert PG_URL is not None
    admin = make_engine(PG_URL)
    try:
        with admin.connect() as conn:
            # The pids first, then each one: in one statement the planner may call
            # pg_terminate_backend before the name is compared, on other sessions too.
            pids = (
                conn.execute(
                    text(
                        "SELECT pid FROM pg_stat_activity "
                        "WHERE application_name = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )
                .scalars()
                .all()
            )
            for pid in pids:
                conn.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
    finally:
        admin.dispose()
    return len(pids)
