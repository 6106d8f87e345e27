"""The program office's workflow: calls (公募回) with their interview slots, bookings,
applications with their uploaded documents and the office's requests for more, and
receipts (受付番号); an index of the audit trail by object, for an application's history.

The database holds what must never break however many requests race: a slot's
bookings never exceed its capacity (a check on the counter), a company holds one
active booking per call (a partial unique index) and one application per call, and a
受付番号 is given once per application and once per number of its call.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from hojokin.store.migrations.columns import Key, Time

VERSION = 8
NAME = "workflow: call, call_slot, booking, application, application_document, receipt"

_ACTIVE_BOOKING = text("status IN ('booked', 'attended')")


def upgrade(conn: Connection) -> None:
    meta = MetaData()
    Table("issuer", meta, Column("id", Integer, primary_key=True))
    Table("company", meta, Column("id", Integer, primary_key=True))
    Table(
        "call",
        meta,
        Column("id", Integer, primary_key=True),
        Column("issuer_id", Integer, ForeignKey("issuer.id"), nullable=False),
        Column("code", Key, nullable=False, unique=True),  # the 受付番号's prefix
        Column("program_id", Key, nullable=False),
        Column("frame_id", Key, nullable=False),
        Column("name", Text, nullable=False),
        Column("status", Key, nullable=False),
        Column("window_start", Time, nullable=False),  # submissions, to the second
        Column("window_end", Time, nullable=False),
        Column("booking_start", Time, nullable=False),
        Column("booking_end", Time, nullable=False),
        Column("slot_minutes", Integer, nullable=False),
        Column("slot_capacity", Integer, nullable=False),
        Column("sources", Text, nullable=False),  # JSON: the cited schedule
        Column("receipts", Integer, nullable=False),  # the last 受付番号's sequence
        Column("created_at", Time, nullable=False),
        Column("published_at", Time),
        Column("closed_at", Time),
        CheckConstraint("status IN ('draft', 'published', 'closed')", name="ck_call_status"),
        CheckConstraint("window_start < window_end", name="ck_call_window"),
        CheckConstraint("booking_start < booking_end", name="ck_call_booking"),
    )
    slot = Table(
        "call_slot",
        meta,
        Column("id", Integer, primary_key=True),
        Column("call_id", Integer, ForeignKey("call.id"), nullable=False),
        Column("starts_at", Time, nullable=False),
        Column("ends_at", Time, nullable=False),
        Column("capacity", Integer, nullable=False),
        Column("booked", Integer, nullable=False),
        Column("closed_at", Time),
        UniqueConstraint("call_id", "starts_at", name="uq_call_slot_start"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="ck_call_slot_capacity"),
    )
    booking = Table(
        "booking",
        meta,
        Column("id", Integer, primary_key=True),
        Column("slot_id", Integer, ForeignKey("call_slot.id"), nullable=False),
        Column("call_id", Integer, ForeignKey("call.id"), nullable=False),
        Column("issuer_id", Integer, ForeignKey("issuer.id"), nullable=False),
        Column("company_id", Integer, ForeignKey("company.id"), nullable=False),
        Column("status", Key, nullable=False),
        Column("created_at", Time, nullable=False),
        Column("changed_at", Time, nullable=False),
        CheckConstraint(
            "status IN ('booked', 'cancelled', 'absent', 'attended')", name="ck_booking_status"
        ),
    )
    Index(
        "ux_booking_active",
        booking.c.call_id,
        booking.c.company_id,
        unique=True,
        sqlite_where=_ACTIVE_BOOKING,
        postgresql_where=_ACTIVE_BOOKING,
    )
    Index("ix_booking_slot", booking.c.slot_id)
    application = Table(
        "application",
        meta,
        Column("id", Integer, primary_key=True),
        Column("call_id", Integer, ForeignKey("call.id"), nullable=False),
        Column("issuer_id", Integer, ForeignKey("issuer.id"), nullable=False),
        Column("company_id", Integer, ForeignKey("company.id"), nullable=False),
        Column("status", Key, nullable=False),
        Column("company_profile", Text),  # JSON of rules.company.Company
        Column("plan", Text),  # JSON of rules.plan.Plan
        Column("created_at", Time, nullable=False),
        Column("updated_at", Time, nullable=False),
        Column("submitted_at", Time),
        UniqueConstraint("call_id", "company_id", name="uq_application_company"),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'documents_requested', 'accepted', 'withdrawn')",
            name="ck_application_status",
        ),
    )
    Index("ix_application_issuer", application.c.issuer_id, application.c.status)
    request = Table(
        "document_request",
        meta,
        Column("id", Integer, primary_key=True),
        Column("application_id", Integer, ForeignKey("application.id"), nullable=False),
        Column("message", Text, nullable=False),
        Column("requested_by", Text, nullable=False),
        Column("requested_at", Time, nullable=False),
        Column("completed_at", Time),
    )
    Index("ix_document_request_application", request.c.application_id)
    document = Table(
        "application_document",
        meta,
        Column("id", Integer, primary_key=True),
        Column("application_id", Integer, ForeignKey("application.id"), nullable=False),
        Column("item", Integer, nullable=False),  # the checklist's position, from 1
        Column("title", Text, nullable=False),  # the checklist's words at upload
        Column("file_name", Text, nullable=False),
        Column("size", Integer, nullable=False),
        Column("sha256", Key, nullable=False),
        Column("media_type", Key, nullable=False),
        Column("uploaded_by", Text, nullable=False),
        Column("uploaded_at", Time, nullable=False),
        # The request it answers, for a document added after submission.
        Column("request_id", Integer, ForeignKey("document_request.id")),
    )
    Index("ix_application_document", document.c.application_id, document.c.item)
    receipt = Table(
        "receipt",
        meta,
        Column("id", Integer, primary_key=True),
        Column("application_id", Integer, ForeignKey("application.id"), nullable=False),
        Column("call_id", Integer, ForeignKey("call.id"), nullable=False),
        Column("seq", Integer, nullable=False),
        Column("number", Key, nullable=False, unique=True),
        Column("idempotency_key", Key, nullable=False),
        Column("submitted_at", Time, nullable=False),
        Column("detail", Text, nullable=False),  # JSON: verdict, 要確認, documents
        UniqueConstraint("application_id", name="uq_receipt_application"),
        UniqueConstraint("call_id", "seq", name="uq_receipt_seq"),
    )
    meta.create_all(
        conn, tables=[meta.tables["call"], slot, booking, application, request, document, receipt]
    )
    # An application's history is read by its object in the audit trail.
    audit = Table(
        "audit_event",
        meta,
        Column("object_type", Key),
        Column("object_id", Key),
    )
    Index("ix_audit_event_object", audit.c.object_type, audit.c.object_id).create(conn)
