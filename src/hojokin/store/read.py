"""Reading the stored catalog back as a `Catalog` of validated models."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, select

from hojokin.catalog.facts import FACTS_CONTEXT, Fact
from hojokin.catalog.loader import Catalog, Document
from hojokin.catalog.schema import Program
from hojokin.store import tables
from hojokin.store.load import stored_state
from hojokin.store.retry import retry_read


class EmptyStoreError(LookupError):
    """The database holds no catalog yet."""


def read_catalog(engine: Engine) -> Catalog:
    return retry_read(lambda: _read_catalog(engine))


def _read_catalog(engine: Engine) -> Catalog:
    state = stored_state(engine)
    if "root" not in state:
        raise EmptyStoreError("the database holds no catalog (run `hojokin serve` to load one)")
    root = Path(state["root"])
    catalog = Catalog(root=root)
    with engine.connect() as conn:
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
