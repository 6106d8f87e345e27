"""SQLite and PostgreSQL give the same totals and the same ordered ids for the same
queries. Runs whenever HOJOKIN_TEST_DATABASE_URL is set (always in CI)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery
from hojokin.store.load import store_catalog
from hojokin.store.migrate import migrate

from ..databases import PG_URL, empty_database

pytestmark = pytest.mark.skipif(PG_URL is None, reason="HOJOKIN_TEST_DATABASE_URL is not set")

QUERIES = [
    ProgramQuery(text=""),
    ProgramQuery(text="販路開拓"),
    ProgramQuery(text="水素"),
    ProgramQuery(text="ゼロエミッション"),
    ProgramQuery(text="IT"),
    ProgramQuery(text="事業", limit=100),
    ProgramQuery(text="事業", limit=7, offset=30),
    ProgramQuery(text="支援 中小企業"),
    ProgramQuery(text="の"),
    ProgramQuery(text="ー-_%"),
    ProgramQuery(text="補助", prefecture="富山県", kind="grant"),
    ProgramQuery(text="", fiscal_year=2020, size="small_business", limit=100),
    ProgramQuery(text="", min_cap_yen=5_000_000, limit=100),
    ProgramQuery(text="", open_on=date(2024, 7, 1)),
    ProgramQuery(text="経済", issuer="経済部"),
]


@pytest.fixture(scope="module")
def both(seed_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Engine]]:
    folder: Path = tmp_path_factory.mktemp("parity")
    with empty_database("sqlite", folder) as lite, empty_database("postgresql", folder) as pg:
        for engine in (lite, pg):
            migrate(engine)
            store_catalog(engine, seed_catalog, "parity")
        yield [lite, pg]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q.text) + str(q.offset))
def test_same_results_on_both_databases(both: list[Engine], query: ProgramQuery) -> None:
    results = []
    for engine in both:
        with engine.connect() as conn:
            results.append(search(conn, query))
    assert results[0] == results[1]
    assert results[0].total >= len(results[0].ids)
