"""Loading the catalog into the database: the catalog's own tables (`hojokin.store`)
and search's index of its programs (`hojokin.search`), written in one transaction. The
one place both are composed: store knows nothing of search.

The stored catalog is the folder's programs and the programs an office published from
its reviewed drafts (`hojokin.drafts.published`): every load of the folder stores the
published ones with it, and a publication or withdrawal stores the catalog again with
the folder's part read back from the database, so neither loses the other."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from sqlalchemy import Connection, Engine

from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.catalog.schema import Program
from hojokin.drafts.published import (
    is_published,
    publications,
    published_document_names,
    published_path,
)
from hojokin.search import facets
from hojokin.search.build import IndexWriter, clear_index, umbrellas
from hojokin.store import write
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate
from hojokin.store.read import read_catalog_in
from hojokin.store.state import lock_catalog, stored_state, stored_state_in, write_token

log = logging.getLogger("hojokin.catalog")

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


def with_published(conn: Connection, folder: Catalog) -> Catalog:
    """The folder's catalog with the programs published now and their documents. A
    published program whose id, or whose document's name, the folder has come to use
    itself is left out (and logged): the folder's program is the one served."""
    composed = Catalog(
        root=folder.root,
        documents=dict(folder.documents),
        facts=folder.facts,
        programs=dict(folder.programs),
        paths=dict(folder.paths),
    )
    found = publications(conn)
    # A part needs its umbrella served (a withdrawal refuses while parts are published;
    # the folder may still drop a program a published one is part of).
    parents = set(folder.programs) | {p.program.id for p in found}
    for published in found:
        program, document = published.program, published.document
        clash = program.id in folder.programs or (
            document.name in folder.documents
            and folder.documents[document.name].lines != document.lines
        )
        if clash:
            log.warning(
                "published program %s clashes with the catalog folder: left out", program.id
            )
            continue
        if program.parent is not None and program.parent not in parents:
            log.warning(
                "published program %s has no parent %s: left out", program.id, program.parent
            )
            continue
        composed.documents[document.name] = document
        composed.programs[program.id] = program
        composed.paths[program.id] = published_path(folder.root, program.id)
    return composed


def _store(conn: Connection, folder: Catalog, digest: str) -> None:
    lock_catalog(conn)
    catalog = with_published(conn, folder)
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


def store_catalog(engine: Engine, catalog: Catalog, digest: str) -> None:
    """Replace whatever the database holds with the folder's `catalog` and the programs
    published now, in one transaction."""
    with engine.begin() as conn:
        _store(conn, catalog, digest)


def restore_published(conn: Connection) -> None:
    """Store the catalog again, in `conn`'s transaction, with the programs published
    now: the folder's part is read back from the database (what every worker serves),
    under the folder's digest, so that a later look at the folder finds it current.
    EmptyStoreError when no catalog was ever stored."""
    state = stored_state_in(conn)
    stored = read_catalog_in(conn, state)
    published = published_document_names(conn)
    folder = Catalog(root=stored.root, facts=stored.facts)
    folder.documents = {n: d for n, d in stored.documents.items() if n not in published}
    for program_id, program in stored.programs.items():
        if not is_published(stored, program_id):
            folder.programs[program_id] = program
            folder.paths[program_id] = stored.paths[program_id]
    _store(conn, folder, state.get("digest", ""))


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
