"""Publishing reviewed drafts: each publication or withdrawal of a program is a version
(`program_version`: which program, its number, what was done, by whom and when, from
which draft and document, the program as published and what changed from the version
before). The programs whose latest version is a publication are part of the stored
catalog beside the folder's. A source document now keeps what the catalog's document
index holds of it (its prefecture, fiscal year and shape), so that it can be a catalog
document of its own."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

from hojokin.store.migrations.columns import Key, Time

VERSION = 11
NAME = "published programs: program_version; source_document: prefecture, fiscal_year, shape"


def upgrade(conn: Connection) -> None:
    for column, kind in (("prefecture", Text()), ("fiscal_year", Integer()), ("shape", Key)):
        compiled = kind.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE source_document ADD COLUMN {column} {compiled}")
    meta = MetaData()
    Table("issuer", meta, Column("id", Integer, primary_key=True))
    Table("source_document", meta, Column("id", Integer, primary_key=True))
    Table("program_draft", meta, Column("id", Integer, primary_key=True))
    version = Table(
        "program_version",
        meta,
        Column("id", Integer, primary_key=True),
        Column("program_id", Key, nullable=False),
        Column("version", Integer, nullable=False),  # 1, 2, 3 … per program
        Column("issuer_id", Integer, ForeignKey("issuer.id"), nullable=False),
        Column("action", Key, nullable=False),  # publish, unpublish
        Column("draft_id", Integer, ForeignKey("program_draft.id")),
        Column("source_id", Integer, ForeignKey("source_document.id")),
        Column("program", Text),  # JSON: the Program as published (none when withdrawn)
        Column("changes", Text, nullable=False),  # JSON: [{path, before, after}]
        Column("reason", Text),  # why it was withdrawn
        Column("actor", Text, nullable=False),
        Column("at", Time, nullable=False),
        UniqueConstraint("program_id", "version", name="uq_program_version"),
    )
    Index("ix_program_version_issuer", version.c.issuer_id, version.c.id)
    meta.create_all(conn, tables=[version])
