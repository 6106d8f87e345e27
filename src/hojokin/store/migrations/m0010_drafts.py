"""Program drafts for review: a source document an issuer's staff uploaded in the web
UI (its file kept by SHA-256 in the file store, its text as ingest read it, line by
line, so that every citation of its drafts can be shown beside the lines it names) and
the drafts ingested from it, each the program as ingest gave it (JSON)."""

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
)

from hojokin.store.migrations.columns import Key, Time

VERSION = 10
NAME = "drafts: source_document, program_draft"


def upgrade(conn: Connection) -> None:
    meta = MetaData()
    Table("issuer", meta, Column("id", Integer, primary_key=True))
    source = Table(
        "source_document",
        meta,
        Column("id", Integer, primary_key=True),
        Column("issuer_id", Integer, ForeignKey("issuer.id"), nullable=False),
        Column("file_name", Text, nullable=False),  # as uploaded, cleaned
        Column("sha256", Key, nullable=False),  # the file in the file store
        Column("size", Integer, nullable=False),
        Column("format", Key, nullable=False),  # pdf, docx, html, text: the reader used
        Column("doc_name", Text, nullable=False),  # what the drafts' citations name
        Column("title", Text, nullable=False),
        Column("lines", Text, nullable=False),  # JSON: the text, line 1 first
        Column("skipped", Text, nullable=False),  # JSON: headings that made no draft
        Column("uploaded_by", Text, nullable=False),
        Column("uploaded_at", Time, nullable=False),
    )
    draft = Table(
        "program_draft",
        meta,
        Column("id", Integer, primary_key=True),
        Column("source_id", Integer, ForeignKey("source_document.id"), nullable=False),
        Column("issuer_id", Integer, ForeignKey("issuer.id"), nullable=False),
        Column("position", Integer, nullable=False),  # its order in the document
        Column("program_id", Key, nullable=False),
        Column("name", Text, nullable=False),
        Column("program", Text, nullable=False),  # JSON: the Program as ingested
        Column("status", Key, nullable=False),
        Column("created_at", Time, nullable=False),
    )
    Index("ix_source_document_issuer", source.c.issuer_id, source.c.id)
    Index("ix_program_draft_source", draft.c.source_id, draft.c.position)
    meta.create_all(conn, tables=[source, draft])
