"""Today's draft tables, for queries (`store.migrations.m0010_drafts` and
`m0011_published` create them)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from hojokin.store.columns import UtcTime

meta = MetaData()

source_document = Table(
    "source_document",
    meta,
    Column("id", Integer, primary_key=True),
    Column("issuer_id", Integer),
    Column("file_name", Text),
    Column("sha256", String),
    Column("size", Integer),
    Column("format", String),
    Column("doc_name", Text),
    Column("title", Text),
    Column("lines", Text),
    Column("skipped", Text),
    Column("uploaded_by", Text),
    Column("uploaded_at", UtcTime),
    Column("prefecture", Text),
    Column("fiscal_year", Integer),
    Column("shape", String),
)
program_draft = Table(
    "program_draft",
    meta,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer),
    Column("issuer_id", Integer),
    Column("position", Integer),
    Column("program_id", String),
    Column("name", Text),
    Column("program", Text),
    Column("status", String),
    Column("created_at", UtcTime),
)
program_version = Table(
    "program_version",
    meta,
    Column("id", Integer, primary_key=True),
    Column("program_id", String),
    Column("version", Integer),
    Column("issuer_id", Integer),
    Column("action", String),
    Column("draft_id", Integer),
    Column("source_id", Integer),
    Column("program", Text),
    Column("changes", Text),
    Column("reason", Text),
    Column("actor", Text),
    Column("at", UtcTime),
)
