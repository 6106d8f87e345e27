"""Posting lists: one row per gram holding the numbers of the programs that contain it
and their weights, instead of one row per gram and program.

Search now intersects and ranks whole posting lists as arrays (hojokin.search.engine),
which needs each program numbered (`search_doc.doc`, its position in the catalog). The
old postings took 3 GB for 100,000 programs; the lists take a tenth of that. Only a
reload writes the new tables: forgetting the stored catalog's digest makes the next
start reload it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    delete,
)

from hojokin.store.migrations.columns import Key

VERSION = 3
NAME = "posting lists of numbered programs"


def upgrade(conn: Connection) -> None:
    old = MetaData()
    for name in ("search_gram_stat", "search_gram", "search_doc"):
        Table(name, old).drop(conn)
    meta = MetaData()
    Table("program", meta, Column("id", Key, primary_key=True))
    Table(
        "search_doc",
        meta,
        Column("program_id", Key, ForeignKey("program.id"), primary_key=True),
        Column("doc", Integer, nullable=False, unique=True),
        Column("prefecture", Key, nullable=False),
        Column("fiscal_year", Integer, nullable=False),
        Column("kind", Key, nullable=False),
        Column("max_cap_yen", BigInteger),
        Column("admits_large", Boolean, nullable=False),
        Column("admits_sme", Boolean, nullable=False),
        Column("admits_small_business", Boolean, nullable=False),
        Column("name_text", Text, nullable=False),
        Column("mid_text", Text, nullable=False),
        Column("body_text", Text, nullable=False),
        Column("issuer_text", Text, nullable=False),
    )
    Table(
        "search_posting",
        meta,
        Column("gram", Key, primary_key=True),
        Column("docs", LargeBinary, nullable=False),
        Column("weights", LargeBinary, nullable=False),
    )
    meta.create_all(conn, tables=[meta.tables["search_doc"], meta.tables["search_posting"]])
    state = Table("catalog_state", meta, Column("key", String), Column("value", String))
    conn.execute(delete(state))
