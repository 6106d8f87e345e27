"""Database reads of a request, bounded in time.

A database that accepts connections but never answers (a frozen proxy, a network that
drops packets) leaves a driver call blocked without end. On the event loop that held
every request of the worker, /healthz included; in a thread with a deadline the
request gets a 503 and the worker goes on answering. The abandoned thread ends when
the driver gives up or the database answers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine

T = TypeVar("T")

# Longer than any real read (a search is a millisecond on SQLite, a round trip on
# PostgreSQL), short enough that a person waiting sees the 503 page.
DATABASE_WAIT_S = 10.0


class DatabaseTimeout(TimeoutError):
    """The database did not answer a read in time."""


async def within(work: Callable[[], T], wait_s: float | None = None) -> T:
    """`work()` in a thread, given up after `wait_s` (default DATABASE_WAIT_S)."""
    limit = DATABASE_WAIT_S if wait_s is None else wait_s
    try:
        # asyncio's executor, not anyio's: a cancelled anyio thread call waits for its
        # thread, which is the very wait this avoids.
        return await asyncio.wait_for(asyncio.to_thread(work), limit)
    except TimeoutError:
        raise DatabaseTimeout(f"the database did not answer within {limit:g} s") from None


async def database_read(engine: Engine, read: Callable[[], T]) -> T:
    """A read of `engine` for a request on the event loop. Over the network
    (PostgreSQL) it goes to a thread with a deadline; a SQLite read is a local file
    read of well under a millisecond and stays on the loop, where handing it to a
    thread and back cost more than the read (bench/api.py: search p50 60 → 100 ms)."""
    if engine.dialect.name == "sqlite":
        return read()
    return await within(read)
