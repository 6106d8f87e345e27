"""Writing the stored catalog: its state, documents, facts and programs (as JSON that
reads back into `Program`). `hojokin.load` writes search's index in the same
transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Date, Table, delete, insert

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.store import tables
from hojokin.store.engine import placeholder

BATCH = 2_000
T = TypeVar("T")

# Rows as the driver takes them: values in the order of the table's columns.
Rows = list[tuple[Any, ...]]


def insert_many(conn: Connection, table: Table, rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert `rows` with driver-level executemany, `BATCH` at a time: SQLAlchemy's per-row
    parameter processing took longer than the database's own work."""
    names = ", ".join(c.name for c in table.columns)
    markers = ", ".join([placeholder(conn)] * len(table.columns))
    dated = conn.dialect.name == "sqlite" and any(isinstance(c.type, Date) for c in table.columns)
    for batch in batches(rows):
        if dated:
            # SQLAlchemy stores dates in SQLite as ISO text; the driver is given the same.
            batch = [tuple(v.isoformat() if isinstance(v, date) else v for v in r) for r in batch]
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({markers})", batch)


def batches(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def clear_catalog(conn: Connection) -> None:
    """Delete the stored catalog (search's rows, which refer to its programs, must be
    gone first: `hojokin.search.build.clear_index`)."""
    for table in (tables.program, tables.fact, tables.document, tables.catalog_state):
        conn.execute(delete(table))


def insert_catalog(conn: Connection, catalog: Catalog, digest: str) -> None:
    """Store the state, documents and facts of `catalog` (its programs: `insert_programs`)."""
    state = {"digest": digest, "root": str(catalog.root)}
    conn.execute(insert(tables.catalog_state), [{"key": k, "value": v} for k, v in state.items()])
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


def insert_programs(conn: Connection, numbered: Iterable[tuple[int, Program, str]]) -> None:
    """Insert programs, each with its number (its place in the catalog's order) and its
    path relative to the catalog folder."""
    rows = (
        (program.id, doc, path, program.model_dump_json(exclude_none=True))
        for doc, program, path in numbered
    )
    insert_many(conn, tables.program, rows)
