"""Postings of up to four characters, indexed in ranking order, and the filter columns
in an index of their own.

The index (gram, weight descending, program id) is the ranking of a one-word query, so
its page is the first rows of the index. The filter index holds every column a filter
other than `issuer` reads, keyed by program: checking a posting's program against the
filters reads that narrow index instead of the wide `search_doc` row with its texts (7
times faster on SQLite). The postings now hold grams of 3–4 characters too, which only
a reload writes: forgetting the stored catalog's digest makes the next start reload it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    delete,
)

VERSION = 2
NAME = "ranked postings of up to four characters, filter index"


def upgrade(conn: Connection) -> None:
    meta = MetaData()
    gram = Table(
        "search_gram",
        meta,
        Column("gram", String),
        Column("program_id", String),
        Column("weight", Integer),
    )
    doc = Table(
        "search_doc",
        meta,
        Column("program_id", String),
        Column("prefecture", String),
        Column("kind", String),
        Column("fiscal_year", Integer),
        Column("max_cap_yen", BigInteger),
        Column("admits_large", Boolean),
        Column("admits_sme", Boolean),
        Column("admits_small_business", Boolean),
    )
    state = Table("catalog_state", meta, Column("key", String), Column("value", String))
    # checkfirst: a database that an earlier runner left half-migrated (SQLite's driver
    # committed DDL on its own before hojokin.store.engine opened transactions itself)
    # may hold these indexes already.
    rank = Index("ix_search_gram_rank", gram.c.gram, gram.c.weight.desc(), gram.c.program_id)
    rank.create(conn, checkfirst=True)
    Index("ix_search_doc_filters", *doc.columns).create(conn, checkfirst=True)
    conn.execute(delete(state).where(state.c.key == "digest"))
