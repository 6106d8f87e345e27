"""Storing the catalog: documents, facts and programs (as JSON that reads back into
`Program`), with the columns the filters use and the n-gram postings of the search."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.search import facets
from hojokin.store import tables

BATCH = 500


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


Rows = list[dict[str, Any]]


def program_rows(program: Program, position: int, path: str) -> tuple[Rows, Rows, Rows, Rows]:
    """The program row, its search row, its window rows and its postings."""
    texts = facets.search_texts(program)
    row = {
        "id": program.id,
        "position": position,
        "path": path,
        "data": program.model_dump_json(exclude_none=True),
    }
    doc = {
        "program_id": program.id,
        "prefecture": program.prefecture,
        "fiscal_year": program.fiscal_year,
        "kind": program.kind,
        "max_cap_yen": facets.max_cap_yen(program),
        "admits_large": facets.admits(program, "large"),
        "admits_sme": facets.admits(program, "sme"),
        "admits_small_business": facets.admits(program, "small_business"),
        "name_text": texts.name,
        "mid_text": texts.mid,
        "body_text": texts.body,
        "issuer_text": facets.issuer_text(program),
    }
    windows = [
        {"program_id": program.id, "window_id": wid, "opens_on": start, "closes_on": end}
        for wid, start, end in facets.windows(program)
    ]
    postings = [
        {"gram": gram, "program_id": program.id, "weight": weight}
        for gram, weight in texts.weights().items()
    ]
    return [row], [doc], windows, postings


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


def insert_programs(conn: Connection, programs: Iterable[tuple[Program, str]]) -> int:
    """Insert programs with their paths (relative to the catalog folder), then the
    statistics of the postings; returns how many."""
    count = 0
    for batch in _batches(programs):
        rows: tuple[Rows, Rows, Rows, Rows] = ([], [], [], [])
        for program, path in batch:
            for into, more in zip(rows, program_rows(program, count, path), strict=True):
                into += more
            count += 1
        for table, values in zip(
            (tables.program, tables.search_doc, tables.program_window, tables.search_gram),
            rows,
            strict=True,
        ):
            if values:
                conn.execute(insert(table), values)
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
