"""Today's tables of the stored catalog, for queries (the migrations create them; see
migrations/). Search's own tables are in `hojokin.search.tables`."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

meta = MetaData()

catalog_state = Table(
    "catalog_state", meta, Column("key", String, primary_key=True), Column("value", Text)
)
document = Table(
    "document",
    meta,
    Column("name", String, primary_key=True),
    Column("title", Text),
    Column("issuer", Text),
    Column("prefecture", Text),
    Column("fiscal_year", Integer),
    Column("kind", Text),
    Column("body", Text),
)
fact = Table(
    "fact",
    meta,
    Column("name", String, primary_key=True),
    Column("position", Integer),
    Column("data", Text),
)
program = Table(
    "program",
    meta,
    Column("id", String, primary_key=True),
    Column("position", Integer),
    Column("path", Text),
    Column("data", Text),
)
