"""Status, use purpose and sort in the one search, on every test database: the index
judges each program's status as `hojokin.catalog.status` does, and each sort pages
consistently (ties broken by relevance, then id)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from hojokin import ja
from hojokin.catalog.loader import Catalog
from hojokin.catalog.status import deadline, program_status, windows
from hojokin.catalog.vocabulary import STATUSES
from hojokin.search import facets
from hojokin.search.engine import search
from hojokin.search.index import STATUS_CODE, search_index
from hojokin.search.query import SORTS, ProgramQuery, Sort

TOKYO = "tokyo-zeroemi-innovation"
DAYS = [
    date(2020, 6, 1),
    date(2022, 3, 31),
    date(2022, 4, 1),
    date(2023, 4, 1),
    date(2024, 6, 12),
    date(2024, 6, 13),
    date(2024, 7, 1),
    date(2024, 11, 13),
    date(2024, 11, 23),
    date(2026, 11, 30),
]


def ids(engine: Engine, **asked: object) -> list[str]:
    """Every matching id, read a page of 100 at a time."""
    found: list[str] = []
    with engine.connect() as conn:
        while True:
            page = search(conn, ProgramQuery(limit=100, offset=len(found), **asked))  # type: ignore[arg-type]
            found += page.ids
            if len(found) >= page.total:
                return found


def _status(catalog: Catalog, program_id: str, today: date) -> str | None:
    program = catalog.programs[program_id]
    return program_status(program, catalog.documents[program.source.doc].kind, today)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_index_judges_status_as_the_catalog_does(
    seed_db: Engine, seed_catalog: Catalog, today: date
) -> None:
    with seed_db.connect() as conn:
        index = search_index(conn)
    assert index is not None
    codes = index.on(today).status
    for doc, program_id in enumerate(index.ids):
        expected = _status(seed_catalog, program_id, today)
        assert codes[doc] == (0 if expected is None else STATUS_CODE[expected]), program_id
    for status in STATUSES:
        wanted = sorted(p.id for p in seed_catalog if _status(seed_catalog, p.id, today) == status)
        assert ids(seed_db, status=status, today=today) == wanted


def test_tokyo_is_upcoming_open_then_closed(seed_db: Engine) -> None:
    # 募集期間 令和6年6月13日～令和6年11月22日 (003 line 7).
    assert ids(seed_db, text="ゼロエミッション", status="upcoming", today=date(2024, 6, 1)) == [
        TOKYO
    ]
    assert ids(seed_db, status="open", today=date(2024, 7, 1)) == [TOKYO]
    assert ids(seed_db, status="open", today=date(2024, 11, 23)) == []
    assert TOKYO in ids(seed_db, status="closed", today=date(2024, 11, 23))
    # Today (2026-11-30) every seed program is past: nothing is open.
    assert ids(seed_db, status="open", today=date(2026, 11, 30)) == []


def test_hokkaidos_report_entries_are_reported(seed_db: Engine, seed_catalog: Catalog) -> None:
    hokkaido = sorted(p.id for p in seed_catalog if p.prefecture == "北海道")
    assert len(hokkaido) == 87
    assert ids(seed_db, status="reported", today=date(2026, 11, 30)) == hokkaido
    # Even during their 年度: a results report describes measures done, not open calls.
    assert ids(seed_db, status="reported", today=date(2020, 6, 1)) == hokkaido


def test_use_purpose_filter_is_an_exact_purpose(seed_db: Engine, seed_catalog: Catalog) -> None:
    purpose = "研究開発・実証事業を行いたい"
    expected = sorted(p.id for p in seed_catalog if purpose in p.use_purpose)
    assert TOKYO in expected and len(expected) > 1
    assert ids(seed_db, use_purpose=purpose) == expected
    assert ids(seed_db, use_purpose="研究開発") == []  # part of a purpose is not one
    both = ids(seed_db, text="ゼロエミッション", use_purpose=purpose)
    assert both == [TOKYO]


def _sorted_ids(catalog: Catalog, sort: Sort, today: date) -> list[str]:
    """The expected order of every program without words (all scores 0: ties by id)."""

    def first(program_id: str) -> int:
        program = catalog.programs[program_id]
        if sort == "deadline":
            end = deadline(program, today)
            return end.toordinal() if end else 10**9  # none last
        if sort == "cap":
            cap = facets.max_cap_yen(program)
            return 1 if cap is None else -cap  # none last
        if sort == "newest":
            starts = [w.period.start for w in windows(program)]
            return -max(starts or [ja.fiscal_year_range(program.fiscal_year).start]).toordinal()
        return 0

    return sorted(catalog.programs, key=lambda i: (first(i), i.encode()))


@pytest.mark.parametrize("sort", SORTS)
def test_each_sort_orders_and_pages_alike(
    seed_db: Engine, seed_catalog: Catalog, sort: Sort
) -> None:
    today = date(2024, 7, 1)
    expected = _sorted_ids(seed_catalog, sort, today)
    assert ids(seed_db, sort=sort, today=today) == expected
    # Pages of 7 (the page edge falls inside runs of equal keys) give the same order.
    with seed_db.connect() as conn:
        paged = [
            i
            for offset in range(0, len(expected), 7)
            for i in search(conn, ProgramQuery(sort=sort, today=today, limit=7, offset=offset)).ids
        ]
    assert paged == expected


def test_sorts_put_tokyo_first_where_it_leads(seed_db: Engine) -> None:
    today = date(2024, 7, 1)
    # The only window ahead on 2024-07-01 closes 2024-11-12; the rest have no deadline.
    assert ids(seed_db, sort="deadline", today=today)[0] == TOKYO
    assert ids(seed_db, sort="cap")[:2] == [TOKYO, "toyama-genki-toyama-venture-fund"]
    # 令和6年度, window from 2024-06-13: the newest program.
    assert ids(seed_db, sort="newest")[0] == TOKYO


def test_a_sort_keeps_relevance_for_ties(seed_db: Engine) -> None:
    # Without a deadline every 販路開拓 program ties: relevance decides, as without a sort.
    by_deadline = ids(seed_db, text="販路開拓", sort="deadline", today=date(2026, 11, 30))
    assert by_deadline == ids(seed_db, text="販路開拓")
