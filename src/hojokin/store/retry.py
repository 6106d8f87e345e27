"""Reads that survive a dropped database connection: a read that only looks is tried
again once when its connection turned out dead (a restarted PostgreSQL, a terminated
backend); the second attempt checks out a fresh one. Anything else, and a database
that is still unreachable, is raised for the 503 answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

T = TypeVar("T")


def retry_read(read: Callable[[], T]) -> T:
    """`read()`, called a second time if its connection was lost. Only for reads: a
    write may have committed before its connection went."""
    try:
        return read()
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    return read()


@contextmanager
def driver_cursor(conn: Connection) -> Iterator[Any]:
    """The driver's own cursor on `conn`, for statements that skip SQLAlchemy's handling.
    Its errors come out as SQLAlchemy's would: wrapped in a `DBAPIError`, and a lost
    connection invalidated so that the pool does not hand it out again."""
    dbapi_connection = conn.connection.dbapi_connection
    assert dbapi_connection is not None
    cursor = dbapi_connection.cursor()
    try:
        try:
            yield cursor
        finally:
            cursor.close()
    except conn.dialect.loaded_dbapi.Error as exc:
        lost = conn.dialect.is_disconnect(exc, dbapi_connection, cursor)
        if lost:
            conn.invalidate(exc)
        raise DBAPIError.instance(
            None,
            None,
            exc,
            conn.dialect.loaded_dbapi.Error,
            hide_parameters=True,
            connection_invalidated=lost,
            dialect=conn.dialect,
        ) from exc
