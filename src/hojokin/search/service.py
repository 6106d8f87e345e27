"""Searching the stored catalog: the service behind `GET /api/v1/programs` and
`hojokin programs search`, so both give the same programs in the same order."""

from __future__ import annotations

from dataclasses import dataclass

from hojokin.catalog.schema import Program
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery, SearchResult
from hojokin.store.retry import retry_read
from hojokin.store.snapshot import LiveCatalog, Snapshot

_ATTEMPTS = 3


@dataclass(frozen=True)
class ProgramPage:
    total: int
    programs: list[Program]
    # The load the programs are of: the one asked for, or a newer one that search found
    # stored (the rest of the request reads this one).
    snapshot: Snapshot


def search_programs(live: LiveCatalog, snapshot: Snapshot, query: ProgramQuery) -> ProgramPage:
    """One page of matching programs, read from `snapshot` when search read its load,
    else from the snapshot of the load it read."""

    def read() -> SearchResult:
        with live.engine.connect() as conn:
            return search(conn, query)

    for _ in range(_ATTEMPTS):
        result = retry_read(read)
        found: Snapshot | None = snapshot
        if result.ids and result.token != snapshot.token:
            found = live.of_load(result.token)
        if found is not None:
            programs = [found.catalog.programs[i] for i in result.ids]
            return ProgramPage(result.total, programs, found)
    raise RuntimeError(f"the catalog was reloaded {_ATTEMPTS} times during one search")
