"""Engines for SQLite (the embedded default) and PostgreSQL, from one URL."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.pool import StaticPool

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "var" / "hojokin.sqlite3"
# The SQLite file of the checkout; `hojokin.server.settings` reads $HOJOKIN_DATABASE_URL.
DEFAULT_URL = f"sqlite:///{DEFAULT_PATH}"
# Seconds a new PostgreSQL connection may take (unless the URL says `connect_timeout`).
CONNECT_TIMEOUT_S = 5
# The execution option of `writing`: SQLite opens the transaction with BEGIN IMMEDIATE.
WRITE_OPTION = "hojokin_write"


def _driver_url(url: str) -> str:
    # psycopg 3 is the driver; plain postgresql:// URLs (as libpq and CI write them) pick it.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so a migration's
    # CREATE INDEX would commit on its own and survive a failed migration. With the driver
    # in autocommit mode, `_sqlite_begin` opens every transaction, DDL included.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets the server's threads read while a reload writes; NORMAL is durable enough for
    # a catalog that is rebuilt from files.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # 64 MiB of page cache (default 2 MiB): the postings of a large catalog stay in memory.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writing(engine: Engine) -> Engine:
    """`engine` for transactions that read and then write what they read (a slot's
    places, a counter): SQLite takes its one write lock at BEGIN, waiting its busy
    timeout for it. A plain BEGIN would read first and then fail at once on the write
    when another connection committed meanwhile. PostgreSQL is unchanged: its
    transactions lock the rows they update (and `FOR UPDATE` the rows they read)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def placeholder(conn: Connection) -> str:
    """The driver's parameter marker, for the few statements sent to it directly:
    `?` (sqlite3) or `%s` (psycopg)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for `url`.

    `schema` puts every table of a PostgreSQL database in that schema (tests use one schema
    per run); it must exist.
    """
    url = _driver_url(url)
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        if not memory:
            path = url.split("///", 1)[1]
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if memory:
            # One shared connection: an in-memory database exists only inside it.
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args = {"options": f"-csearch_path={schema}"} if schema else {}
    # libpq waits for a server forever by default: one that drops packets would hold
    # every request needing it, where a refused one fails them at once (a 503).
    pg_url = make_url(url)
    if "connect_timeout" not in pg_url.query:
        pg_url = pg_url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    # A pooled connection can die unseen (a restart, a terminated backend): pre-ping
    # checks each one as it leaves the pool and replaces a dead one, instead of a
    # request failing on it.
    return create_engine(
        pg_url,
        connect_args=connect_args,
        pool_size=10,
        max_overflow=20,
        pool_pre_ping=True,
        # Waiting longer for a pooled connection only means every one is stuck on a
        # database that does not answer: the request gets its 503 sooner.
        pool_timeout=5,
    )


@contextmanager
def scratch_database(url: str | None, folder: Path) -> Iterator[Engine]:
    """A new, empty database removed on exit, for tests and benchmarks: a SQLite file in
    `folder` when `url` is None, else a schema of its own in the PostgreSQL database of
    `url`, dropped afterwards."""
    if url is None:
        engine = make_engine(f"sqlite:///{folder / f'{uuid.uuid4().hex}.sqlite3'}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    schema = f"hojokin_scratch_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, schema=schema)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
