"""Searching the stored catalog: the service behind `GET /api/v1/programs` and
`hojokin programs search`, so both give the same programs in the same order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery, SearchResult
from hojokin.store.retry import retry_read


@dataclass(frozen=True)
class ProgramPage:
    total: int
    programs: list[Program]


def search_programs(engine: Engine, catalog: Catalog, query: ProgramQuery) -> ProgramPage:
    """One page of matching programs, read from `catalog` (the one stored in `engine`)."""

    def read() -> SearchResult:
        with engine.connect() as conn:
            return search(conn, query)

    result = retry_read(read)
    return ProgramPage(result.total, [catalog.programs[i] for i in result.ids])
