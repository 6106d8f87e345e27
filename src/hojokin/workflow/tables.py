"""Today's workflow tables, for queries (`store.migrations.m0008_workflow` creates them)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from hojokin.store.columns import UtcTime

meta = MetaData()

call = Table(
    "call",
    meta,
    Column("id", Integer, primary_key=True),
    Column("issuer_id", Integer),
    Column("code", String),
    Column("program_id", String),
    Column("frame_id", String),
    Column("name", Text),
    Column("status", String),
    Column("window_start", UtcTime),
    Column("window_end", UtcTime),
    Column("booking_start", UtcTime),
    Column("booking_end", UtcTime),
    Column("slot_minutes", Integer),
    Column("slot_capacity", Integer),
    Column("sources", Text),
    Column("receipts", Integer),
    Column("created_at", UtcTime),
    Column("published_at", UtcTime),
    Column("closed_at", UtcTime),
)
call_slot = Table(
    "call_slot",
    meta,
    Column("id", Integer, primary_key=True),
    Column("call_id", Integer),
    Column("starts_at", UtcTime),
    Column("ends_at", UtcTime),
    Column("capacity", Integer),
    Column("booked", Integer),
    Column("closed_at", UtcTime),
)
booking = Table(
    "booking",
    meta,
    Column("id", Integer, primary_key=True),
    Column("slot_id", Integer),
    Column("call_id", Integer),
    Column("issuer_id", Integer),
    Column("company_id", Integer),
    Column("status", String),
    Column("created_at", UtcTime),
    Column("changed_at", UtcTime),
)
application = Table(
    "application",
    meta,
    Column("id", Integer, primary_key=True),
    Column("call_id", Integer),
    Column("issuer_id", Integer),
    Column("company_id", Integer),
    Column("status", String),
    Column("company_profile", Text),
    Column("plan", Text),
    Column("created_at", UtcTime),
    Column("updated_at", UtcTime),
    Column("submitted_at", UtcTime),
)
document_request = Table(
    "document_request",
    meta,
    Column("id", Integer, primary_key=True),
    Column("application_id", Integer),
    Column("message", Text),
    Column("requested_by", Text),
    Column("requested_at", UtcTime),
    Column("completed_at", UtcTime),
)
application_document = Table(
    "application_document",
    meta,
    Column("id", Integer, primary_key=True),
    Column("application_id", Integer),
    Column("item", Integer),
    Column("title", Text),
    Column("file_name", Text),
    Column("size", Integer),
    Column("sha256", String),
    Column("media_type", String),
    Column("uploaded_by", Text),
    Column("uploaded_at", UtcTime),
    Column("request_id", Integer),
)
receipt = Table(
    "receipt",
    meta,
    Column("id", Integer, primary_key=True),
    Column("application_id", Integer),
    Column("call_id", Integer),
    Column("seq", Integer),
    Column("number", String),
    Column("idempotency_key", String),
    Column("submitted_at", UtcTime),
    Column("detail", Text),
)
