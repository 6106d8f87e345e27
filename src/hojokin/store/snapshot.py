"""The catalog a worker serves: one snapshot of a stored load at a time.

A request takes the current snapshot once and reads only it. Search follows the load
stored now; when that load is newer than the request's snapshot, its snapshot is read
(once, under a lock) and the request goes on with it, so an id search returns is always
a program of the catalog the request shows. A poll swaps in the stored load when its
token changes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from hojokin.catalog.loader import Catalog
from hojokin.store.read import read_catalog_in
from hojokin.store.retry import retry_read
from hojokin.store.state import TOKEN_KEY, stored_state_in, stored_token

log = logging.getLogger("hojokin.catalog")


class DayCache:
    """Bytes by key, for one day at a time: what shows a status changes with the date."""

    def __init__(self) -> None:
        # One attribute, replaced whole: a thread that sees a new day never fills the
        # new day's dict with yesterday's bytes.
        self._day: tuple[date | None, dict[str, bytes]] = (None, {})

    def get(self, day: date, key: str, make: Callable[[], bytes]) -> bytes:
        if self._day[0] != day:
            self._day = (day, {})
        items = self._day[1]
        found = items.get(key)
        if found is None:
            found = items[key] = make()
        return found


@dataclass(frozen=True)
class Snapshot:
    """A stored load: its token and its catalog, with what is computed from them
    and lives as long as they do."""

    token: str | None
    catalog: Catalog
    listed_json: DayCache = field(default_factory=DayCache, compare=False)


def read_snapshot(engine: Engine) -> Snapshot:
    """The stored load, its token and catalog read in one transaction: on PostgreSQL at
    REPEATABLE READ, so that a reload committing meanwhile cannot mix two loads (a SQLite
    read transaction is a snapshot already). Raises EmptyStoreError when none is stored."""
    return retry_read(lambda: _read_snapshot(engine))


def _read_snapshot(engine: Engine) -> Snapshot:
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            state = stored_state_in(conn)
            return Snapshot(state.get(TOKEN_KEY), read_catalog_in(conn, state))


class CatalogNotLoaded(LookupError):
    """No stored catalog could be read yet: the database was unreachable when the
    worker started. Requests that need the catalog wait for it (503)."""


class LiveCatalog:
    """The current snapshot of `engine`'s stored catalog; `catalog`, when given, is the
    one stored there now (read back otherwise). A worker that starts while the database
    is unreachable starts without one, and the first refresh that can read it loads it,
    rather than the worker failing to start again and again."""

    def __init__(self, engine: Engine, catalog: Catalog | None = None) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        try:
            if catalog is None:
                self._current = read_snapshot(engine)
            else:
                with engine.connect() as conn:
                    self._current = Snapshot(stored_token(conn), catalog)
        except OperationalError as exc:
            if catalog is not None:  # its token is read when the database answers
                self._current = Snapshot(None, catalog)
            log.warning("stored catalog unreadable at start: %s", getattr(exc, "orig", exc))

    def loaded(self) -> Snapshot | None:
        return self._current

    def current(self) -> Snapshot:
        found = self._current
        if found is None:
            raise CatalogNotLoaded("the stored catalog could not be read yet")
        return found

    def refresh(self) -> bool:
        """Swap in the stored load when its token is not the current snapshot's (a
        small SELECT when it is); whether it swapped."""
        with self._lock:
            with self.engine.connect() as conn:
                token = stored_token(conn)
            if self._current is not None and token == self._current.token:
                return False
            self._current = read_snapshot(self.engine)
            return True

    def of_load(self, token: str | None) -> Snapshot | None:
        """The snapshot of the load that wrote `token`: the current one, else the stored
        one read now; None when yet another load replaced that one meanwhile."""
        if self.current().token != token:
            self.refresh()
        current = self.current()
        return current if current.token == token else None
