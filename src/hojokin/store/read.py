"""Reading the stored catalog back as a `Catalog` of validated models."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Connection, select

from hojokin.catalog.facts import FACTS_CONTEXT, Fact
from hojokin.catalog.loader import Catalog, Document
from hojokin.catalog.schema import Program
from hojokin.store import tables


class EmptyStoreError(LookupError):
    """The database holds no catalog yet."""


def read_catalog_in(conn: Connection, state: dict[str, str]) -> Catalog:
    """The catalog stored in `conn`'s database, whose state `state` was read on `conn`
    (in the same transaction, for a catalog that matches it)."""
    if "root" not in state:
        raise EmptyStoreError("the database holds no catalog (run `hojokin serve` to load one)")
    root = Path(state["root"])
    catalog = Catalog(root=root)
    for row in conn.execute(select(tables.document).order_by(tables.document.c.name)):
        catalog.documents[row.name] = Document(
            name=row.name,
            title=row.title,
            issuer=row.issuer,
            prefecture=row.prefecture,
            fiscal_year=row.fiscal_year,
            kind=row.kind,
            lines=tuple(row.body.split("\n")) if row.body else (),
        )
    for row in conn.execute(select(tables.fact).order_by(tables.fact.c.position)):
        catalog.facts[row.name] = Fact.model_validate_json(row.data)
    context = {FACTS_CONTEXT: catalog.facts}
    query = select(tables.program.c.id, tables.program.c.path, tables.program.c.data)
    for row in conn.execute(query.order_by(tables.program.c.position)):
        catalog.programs[row.id] = Program.model_validate(json.loads(row.data), context=context)
        catalog.paths[row.id] = root / row.path
    return catalog
