"""Storing the catalog: documents, facts and programs (as JSON that reads back into
`Program`), with the columns the filters use and the n-gram postings of the search."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
)

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.search import facets
from hojokin.store import tables

BATCH = 2_000


def catalog_digest(root: Path) -> str:
    """A digest of every file of the catalog folder: the stored catalog is current when
    its digest matches."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def stored_state(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(select(tables.catalog_state.c.key, tables.catalog_state.c.value))
        return {key: value for key, value in rows}


# Rows as the driver takes them: values in the order of the table's columns.
Rows = list[tuple[Any, ...]]


def program_rows(program: Program, position: int, path: str) -> tuple[Rows, Rows, Rows, Rows]:
    """The program row, its search row, its window rows and its postings."""
    texts = facets.search_texts(program)
    row = (program.id, position, path, program.model_dump_json(exclude_none=True))
    doc = (
        program.id,
        program.prefecture,
        program.fiscal_year,
        program.kind,
        facets.max_cap_yen(program),
        facets.admits(program, "large"),
        facets.admits(program, "sme"),
        facets.admits(program, "small_business"),
        texts.name,
        texts.mid,
        texts.body,
        facets.issuer_text(program),
    )
    windows = [(program.id, wid, start, end) for wid, start, end in facets.windows(program)]
    postings = [(gram, program.id, weight) for gram, weight in texts.weights().items()]
    return [row], [doc], windows, postings


def _insert_many(conn: Connection, table: Table, rows: Rows) -> None:
    """Insert `rows` with one driver-level executemany: SQLAlchemy's per-row parameter
    processing took longer than the database's own work."""
    names = ", ".join(c.name for c in table.columns)
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    markers = ", ".join([marker] * len(table.columns))
    if conn.dialect.name == "sqlite":
        # SQLAlchemy stores dates in SQLite as ISO text; the driver is given the same.
        rows = [tuple(v.isoformat() if isinstance(v, date) else v for v in r) for r in rows]
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({markers})", rows)


def _batches(items: Iterable[tuple[Program, str]]) -> Iterator[list[tuple[Program, str]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _clear(conn: Connection) -> None:
    for table in (
        tables.search_gram_stat,
        tables.search_gram,
        tables.program_window,
        tables.search_doc,
        tables.program,
        tables.fact,
        tables.document,
        tables.catalog_state,
    ):
        conn.execute(delete(table))


# Sorted as search_gram's key is (byte order on PostgreSQL too).
_Key = String().with_variant(String(collation="C"), "postgresql")
_staged_postings = Table(
    "search_gram_staged",
    MetaData(),
    Column("gram", _Key),
    Column("program_id", _Key),
    Column("weight", Integer),
    prefixes=["TEMPORARY"],
)


def insert_programs(conn: Connection, programs: Iterable[tuple[Program, str]]) -> int:
    """Insert programs with their paths (relative to the catalog folder), then the
    statistics of the postings; returns how many."""
    # The postings go to an unindexed temporary table first, then into search_gram in key
    # order, so that its B-tree only grows at its end instead of taking each batch's rows
    # all over; the ranking index is built once, after them.
    tables.search_gram_rank.drop(conn)
    _staged_postings.create(conn)
    count = 0
    for batch in _batches(programs):
        rows: tuple[Rows, Rows, Rows, Rows] = ([], [], [], [])
        for program, path in batch:
            for into, more in zip(rows, program_rows(program, count, path), strict=True):
                into += more
            count += 1
        for table, values in zip(
            (tables.program, tables.search_doc, tables.program_window, _staged_postings),
            rows,
            strict=True,
        ):
            if values:
                _insert_many(conn, table, values)
    staged = _staged_postings.c
    conn.execute(
        insert(tables.search_gram).from_select(
            ["gram", "program_id", "weight"],
            select(staged.gram, staged.program_id, staged.weight).order_by(
                staged.gram, staged.program_id
            ),
        )
    )
    _staged_postings.drop(conn)
    tables.search_gram_rank.create(conn)
    gram = tables.search_gram
    conn.execute(
        insert(tables.search_gram_stat).from_select(
            ["gram", "programs"], select(gram.c.gram, func.count()).group_by(gram.c.gram)
        )
    )
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
        )
        conn.exec_driver_sql("ANALYZE")
