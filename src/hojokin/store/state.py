"""What `catalog_state` says of the stored load: the folder it was loaded from, the
folder's digest, and the load's token, a random value each load writes in its own
transaction so that every process can tell which load it read (snapshots and search's
in-memory index are kept per token)."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, Engine, delete, insert, select

from hojokin.store import tables

# The name it was first stored under, by search: renamed, every stored load would look
# token-less (nothing to search) until the folder changed.
TOKEN_KEY = "search_index"

_state = tables.catalog_state
_TOKEN = select(_state.c.value).where(_state.c.key == TOKEN_KEY)


def stored_state_in(conn: Connection) -> dict[str, str]:
    """The keys of the stored load (root, digest, the token) as `conn` sees them."""
    rows = conn.execute(select(_state.c.key, _state.c.value))
    return {key: value for key, value in rows}


def stored_state(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return stored_state_in(conn)


def stored_token(conn: Connection) -> str | None:
    """The token of the load stored now (None: nothing was ever loaded)."""
    token: str | None = conn.execute(_TOKEN).scalar()
    return token


def write_token(conn: Connection) -> None:
    """Mark the stored load as new, so that every process reads it again."""
    conn.execute(delete(_state).where(_state.c.key == TOKEN_KEY))
    conn.execute(insert(_state).values(key=TOKEN_KEY, value=uuid.uuid4().hex))


# One number for the stored catalog's write lock (PostgreSQL advisory locks are numbers).
_CATALOG_LOCK = 0x686F6A6F


def lock_catalog(conn: Connection) -> None:
    """Hold the stored catalog's write lock until `conn`'s transaction ends, so that two
    writers of the whole catalog (a load of the folder, a publication) take turns rather
    than both clearing and refilling its tables: on PostgreSQL an advisory lock; SQLite
    lets one writer in at a time already."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_CATALOG_LOCK})")
