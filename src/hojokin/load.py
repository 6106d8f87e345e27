"""Loading the catalog folder into the database: the catalog's own tables
(`hojokin.store`) and search's index of its programs (`hojokin.search`), written in one
transaction. The one place both are composed: store knows nothing of search."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from sqlalchemy import Connection, Engine

from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.catalog.schema import Program
from hojokin.search import facets
from hojokin.search.build import IndexWriter, clear_index, umbrellas
from hojokin.store import write
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate
from hojokin.store.state import stored_state, write_token

_SETTLE_ATTEMPTS = 3


def catalog_digest(root: Path) -> str:
    """A digest of every file of the catalog folder and of the search index's format: the
    stored catalog is current when its digest matches."""
    h = hashlib.sha256(facets.INDEX_FORMAT.encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def insert_programs(
    conn: Connection,
    programs: Iterable[tuple[Program, str]],
    reports: Collection[str] = (),
    umbrella_names: Mapping[str, str] | None = None,
) -> int:
    """Insert programs with their paths (relative to the catalog folder), numbered in the
    order given, and their index; returns how many. `reports` names the documents that
    are results reports: their programs are `reported`; `umbrella_names` the
    comprehensive programs' names by id (`hojokin.search.build.umbrellas`)."""
    index = IndexWriter(conn, reports, umbrella_names)
    count = 0
    for batch in write.batches(programs):
        numbered = [(count + i, program, path) for i, (program, path) in enumerate(batch)]
        write.insert_programs(conn, numbered)
        index.add((doc, program) for doc, program, _ in numbered)
        count += len(batch)
    index.finish()
    write_token(conn)
    return count


def store_catalog(engine: Engine, catalog: Catalog, digest: str) -> None:
    """Replace whatever the database holds with `catalog`, in one transaction."""
    with engine.begin() as conn:
        clear_index(conn)
        write.clear_catalog(conn)
        write.insert_catalog(conn, catalog, digest)
        insert_programs(
            conn,
            (
                (p, str(catalog.paths[p.id].relative_to(catalog.root)))
                for p in catalog.programs.values()
            ),
            {d.name for d in catalog.documents.values() if d.kind == "report"},
            umbrellas(catalog.programs.values()),
        )


def sync_catalog(engine: Engine, root: Path) -> bool:
    """Load the catalog folder into the database when the database is empty or holds
    another version of it; returns whether it loaded. A broken catalog raises
    CatalogError and leaves the stored one as it was."""
    state = stored_state(engine)
    for _ in range(_SETTLE_ATTEMPTS):
        digest = catalog_digest(root)
        if state.get("digest") == digest and state.get("root") == str(root):
            return False
        catalog = load_catalog(root)
        # A file saved while the folder was read: the catalog read may be of neither
        # version, so it is read again rather than stored under the earlier digest
        # (which would then match the folder and never be loaded over).
        if catalog_digest(root) == digest:
            store_catalog(engine, catalog, digest)
            return True
    # Still changing: stored under no digest, so the next look loads it again.
    store_catalog(engine, catalog, "")
    return True


def open_store(url: str, root: Path) -> Engine:
    """An engine on a migrated database holding the current catalog."""
    engine = make_engine(url)
    migrate(engine)
    sync_catalog(engine, root)
    return engine
