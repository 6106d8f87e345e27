"""Today's tables of search's index, for queries: written by `hojokin.search.build`,
read by `hojokin.search.index` and `hojokin.search.engine` (store's migrations create
them; see docs/database.md)."""

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
