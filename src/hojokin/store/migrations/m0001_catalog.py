"""The catalog (documents, facts, programs) and the n-gram search index."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

from hojokin.store.migrations.columns import Key

VERSION = 1
NAME = "catalog and search index"


def upgrade(conn: Connection) -> None:
    meta = MetaData()
    Table(
        "catalog_state",
        meta,
        Column("key", Key, primary_key=True),
        Column("value", Text, nullable=False),
    )
    Table(
        "document",
        meta,
        Column("name", Key, primary_key=True),
        Column("title", Text, nullable=False),
        Column("issuer", Text, nullable=False),
        Column("prefecture", Text, nullable=False),
        Column("fiscal_year", Integer, nullable=False),
        Column("kind", Text, nullable=False),
        Column("body", Text, nullable=False),
    )
    Table(
        "fact",
        meta,
        Column("name", Key, primary_key=True),
        Column("position", Integer, nullable=False),
        Column("data", Text, nullable=False),
    )
    Table(
        "program",
        meta,
        Column("id", Key, primary_key=True),
        Column("position", Integer, nullable=False),
        Column("path", Text, nullable=False),
        Column("data", Text, nullable=False),
    )
    # What search reads, apart from the program's JSON, so that scanning candidates never
    # reads the large JSON; on SQLite stored in its primary key's B-tree (one lookup).
    doc = Table(
        "search_doc",
        meta,
        Column("program_id", Key, ForeignKey("program.id"), primary_key=True),
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
        sqlite_with_rowid=False,
    )
    Index("ix_search_doc_prefecture", doc.c.prefecture)
    Index("ix_search_doc_kind", doc.c.kind)
    Index("ix_search_doc_fiscal_year", doc.c.fiscal_year)
    Table(
        "program_window",
        meta,
        Column("program_id", Key, ForeignKey("program.id"), nullable=False),
        Column("window_id", Key, nullable=False),
        Column("opens_on", Date, nullable=False),
        Column("closes_on", Date, nullable=False),
        PrimaryKeyConstraint("program_id", "window_id"),
    )
    Table(
        "search_gram",
        meta,
        Column("gram", Key, nullable=False),
        Column("program_id", Key, ForeignKey("program.id"), nullable=False),
        Column("weight", Integer, nullable=False),
        PrimaryKeyConstraint("gram", "program_id"),
        # On SQLite the postings are the primary key's B-tree itself, weight included.
        sqlite_with_rowid=False,
    )
    Table(
        "search_gram_stat",
        meta,
        Column("gram", Key, primary_key=True),
        Column("programs", Integer, nullable=False),
    )
    meta.create_all(conn)
