"""SQLite and PostgreSQL give the same totals and the same ordered ids for the same
queries. Runs whenever HOJOKIN_TEST_DATABASE_URL is set (always in CI)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from hojokin.load import store_catalog
from hojokin.search.engine import search
from hojokin.search.query import SORTS, ProgramQuery
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
    ProgramQuery(text="", status="open", today=date(2024, 7, 1)),
    ProgramQuery(text="", status="upcoming", today=date(2024, 6, 1)),
    ProgramQuery(text="", status="closed", today=date(2026, 11, 30), limit=100),
    ProgramQuery(text="", status="reported", today=date(2026, 11, 30), limit=100),
    ProgramQuery(text="", use_purpose="研究開発・実証事業を行いたい", limit=100),
    *(
        ProgramQuery(text=text, sort=sort, today=date(2024, 7, 1), limit=limit, offset=offset)
        for sort in SORTS
        for text, limit, offset in (("", 100, 0), ("", 9, 20), ("事業", 30, 5), ("支援", 100, 0))
    ),
]


@pytest.fixture(scope="module")
def both(seed_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Engine]]:
    folder: Path = tmp_path_factory.mktemp("parity")
    with empty_database("sqlite", folder) as lite, empty_database("postgresql", folder) as pg:
        for engine in (lite, pg):
            migrate(engine)
            store_catalog(engine, seed_catalog, "parity")
        yield [lite, pg]


@pytest.mark.parametrize(
    "query", QUERIES, ids=lambda q: f"{q.text!r}{q.offset}-{q.sort}-{q.status}-{q.use_purpose}"
)
def test_same_results_on_both_databases(both: list[Engine], query: ProgramQuery) -> None:
    results = []
    for engine in both:
        with engine.connect() as conn:
            results.append(search(conn, query))
    assert results[0] == results[1]
    assert results[0].total >= len(results[0].ids)
