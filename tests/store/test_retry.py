"""Reads retried once over a lost connection, and the search's own cursor reporting a
lost connection as SQLAlchemy does (so the pool drops it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from hojokin.catalog.loader import Catalog
from hojokin.load import catalog_digest, store_catalog
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery, SearchResult
from hojokin.store.engine import scratch_database
from hojokin.store.migrate import migrate
from hojokin.store.retry import retry_read
from tests.conftest import CATALOG
from tests.databases import PG_URL, application_url, terminate_backends

QUERY = ProgramQuery(text="ゼロエミッション")


def _lost() -> DBAPIError:
    return DBAPIError("SELECT 1", None, Exception("server closed"), connection_invalidated=True)


def test_a_lost_connection_is_read_again_once() -> None:
    calls: list[int] = []

    def read() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise _lost()
        return "read"

    assert retry_read(read) == "read" and len(calls) == 2


def test_a_second_loss_or_another_error_is_raised() -> None:
    calls: list[int] = []

    def lost_twice() -> str:
        calls.append(1)
        raise _lost()

    with pytest.raises(DBAPIError):
        retry_read(lost_twice)
    assert len(calls) == 2

    refused = OperationalError("connect", None, Exception("connection refused"))

    def unreachable() -> str:
        calls.append(1)
        raise refused

    with pytest.raises(OperationalError):
        retry_read(unreachable)
    assert len(calls) == 3  # not retried: reconnecting at once would be refused again


needs_pg = pytest.mark.skipif(PG_URL is None, reason="HOJOKIN_TEST_DATABASE_URL is not set")


@pytest.fixture
def named(tmp_path: Path, seed_catalog: Catalog) -> Iterator[tuple[Engine, str]]:
    """A PostgreSQL database holding the seed catalog whose connections carry a name of
    their own."""
    assert PG_URL is not None
    name = f"hojokin-test-{uuid.uuid4().hex[:12]}"
    with scratch_database(application_url(PG_URL, name), tmp_path) as engine:
        migrate(engine)
        store_catalog(engine, seed_catalog, catalog_digest(CATALOG))
        yield engine, name


@needs_pg
def test_the_search_cursor_invalidates_a_lost_connection(named: tuple[Engine, str]) -> None:
    engine, name = named
    with engine.connect() as conn:
        assert search(conn, QUERY).total > 0
        assert terminate_backends(name) >= 1
        with pytest.raises(DBAPIError) as lost:
            search(conn, QUERY)
        assert lost.value.connection_invalidated
        assert conn.invalidated


@needs_pg
def test_a_search_survives_its_connection_dying_after_checkout(
    named: tuple[Engine, str],
) -> None:
    engine, name = named
    attempts: list[int] = []

    def read() -> SearchResult:
        with engine.connect() as conn:
            attempts.append(1)
            if len(attempts) == 1:
                # Past the pre-ping: the connection dies between checkout and query.
                assert terminate_backends(name) >= 1
            return search(conn, QUERY)

    assert retry_read(read).ids[0] == "tokyo-zeroemi-innovation"
    assert len(attempts) == 2
