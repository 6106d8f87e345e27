"""Today's tables, for queries (the migrations create them; see migrations/)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Integer,
    LargeBinary,
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
search_doc = Table(
    "search_doc",
    meta,
    Column("program_id", String, primary_key=True),
    Column("doc", Integer),
    Column("prefecture", String),
    Column("fiscal_year", Integer),
    Column("kind", String),
    Column("max_cap_yen", BigInteger),
    Column("admits_large", Boolean),
    Column("admits_sme", Boolean),
    Column("admits_small_business", Boolean),
    Column("name_text", Text),
    Column("label_text", Text),
    Column("mid_text", Text),
    Column("tag_text", Text),
    Column("body_text", Text),
    Column("issuer_text", Text),
    Column("reported", Boolean),
    Column("use_purpose", Text),
)
program_window = Table(
    "program_window",
    meta,
    Column("program_id", String, primary_key=True),
    Column("window_id", String, primary_key=True),
    Column("opens_on", Date),
    Column("closes_on", Date),
)
search_posting = Table(
    "search_posting",
    meta,
    Column("gram", String, primary_key=True),
    Column("docs", LargeBinary),
    Column("weights", LargeBinary),
)
