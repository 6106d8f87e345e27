"""Today's outbox table, for queries (`store.migrations.m0007_signin` creates it,
`m0009_mail_failed` adds `failed_at`)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, Text

from hojokin.store.columns import UtcTime

meta = MetaData()

mail_outbox = Table(
    "mail_outbox",
    meta,
    Column("id", Integer, primary_key=True),
    Column("to_address", Text),
    Column("subject", Text),
    Column("body", Text),
    Column("created_at", UtcTime),
    Column("attempts", Integer),
    Column("last_error", Text),
    Column("next_attempt_at", UtcTime),
    Column("sent_at", UtcTime),
    Column("failed_at", UtcTime),
)
