"""Storing the catalog: documents, facts and programs (as JSON that reads back into
`Program`), with the columns the filters use and the n-gram postings of the search."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Date, Engine, Table, delete, insert

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.search import facets
from hojokin.search.index import write_token
from hojokin.search.postings import PostingsBuilder
from hojokin.store import tables
from hojokin.store.engine import placeholder
from hojokin.store.read import stored_state_in

BATCH = 2_000
T = TypeVar("T")


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


def stored_state(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return stored_state_in(conn)


# Rows as the driver takes them: values in the order of the table's columns.
Rows = list[tuple[Any, ...]]


def program_rows(
    program: Program, texts: facets.SearchTexts, doc: int, path: str, reported: bool = False
) -> tuple[Rows, Rows, Rows]:
    """The program row, its search row and its window rows; `doc` numbers it, `reported`
    says it is known only from a results report."""
    row = (program.id, doc, path, program.model_dump_json(exclude_none=True))
    search_row = (
        program.id,
        doc,
        program.prefecture,
        program.fiscal_year,
        program.kind,
        facets.max_cap_yen(program),
        facets.admits(program, "large"),
        facets.admits(program, "sme"),
        facets.admits(program, "small_business"),
        texts.name,
        texts.label,
        texts.mid,
        texts.tag,
        texts.body,
        facets.issuer_text(program),
        reported,
        facets.PURPOSE_SEPARATOR.join(program.use_purpose),
    )
    windows = [(program.id, wid, start, end) for wid, start, end in facets.windows(program)]
    return [row], [search_row], windows


def _insert_many(conn: Connection, table: Table, rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert `rows` with driver-level executemany, `BATCH` at a time: SQLAlchemy's per-row
    parameter processing took longer than the database's own work."""
    names = ", ".join(c.name for c in table.columns)
    markers = ", ".join([placeholder(conn)] * len(table.columns))
    dated = conn.dialect.name == "sqlite" and any(isinstance(c.type, Date) for c in table.columns)
    for batch in _batches(rows):
        if dated:
            # SQLAlchemy stores dates in SQLite as ISO text; the driver is given the same.
            batch = [tuple(v.isoformat() if isinstance(v, date) else v for v in r) for r in batch]
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({markers})", batch)


def _batches(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _clear(conn: Connection) -> None:
    for table in (
        tables.search_posting,
        tables.program_window,
        tables.search_doc,
        tables.program,
        tables.fact,
        tables.document,
        tables.catalog_state,
    ):
        conn.execute(delete(table))


def insert_programs(
    conn: Connection,
    programs: Iterable[tuple[Program, str]],
    reports: Collection[str] = (),
) -> int:
    """Insert programs with their paths (relative to the catalog folder), numbered in the
    order given, and the posting lists of their texts; returns how many. `reports` names
    the documents that are results reports: their programs are `reported`."""
    postings = PostingsBuilder()
    count = 0
    for batch in _batches(programs):
        rows: tuple[Rows, Rows, Rows] = ([], [], [])
        for program, path in batch:
            texts = facets.search_texts(program)
            made = program_rows(program, texts, count, path, program.source.doc in reports)
            for into, more in zip(rows, made, strict=True):
                into += more
            postings.add(count, texts.weights())
            count += 1
        for table, values in zip(
            (tables.program, tables.search_doc, tables.program_window), rows, strict=True
        ):
            if values:
                _insert_many(conn, table, values)
    _insert_many(conn, tables.search_posting, postings.rows())
    write_token(conn)
    return count


def store_catalog(engine: Engine, catalog: Catalog, digest: str) -> None:
    """Replace whatever the database holds with `catalog`, in one transaction."""
    with engine.begin() as conn:
        _clear(conn)
        state = {"digest": digest, "root": str(catalog.root)}
        conn.execute(
            insert(tables.catalog_state), [{"key": k, "value": v} for k, v in state.items()]
        )
        if catalog.documents:
            conn.execute(
                insert(tables.document),
                [
                    {
                        "name": d.name,
                        "title": d.title,
                        "issuer": d.issuer,
                        "prefecture": d.prefecture,
                        "fiscal_year": d.fiscal_year,
                        "kind": d.kind,
                        "body": "\n".join(d.lines),
                    }
                    for d in catalog.documents.values()
                ],
            )
        if catalog.facts:
            conn.execute(
                insert(tables.fact),
                [
                    {"name": f.name, "position": i, "data": f.model_dump_json(exclude_none=True)}
                    for i, f in enumerate(catalog.facts.values())
                ],
            )
        insert_programs(
            conn,
            (
                (p, str(catalog.paths[p.id].relative_to(catalog.root)))
                for p in catalog.programs.values()
            ),
            {d.name for d in catalog.documents.values() if d.kind == "report"},
        )
