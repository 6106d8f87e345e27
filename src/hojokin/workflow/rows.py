"""The workflow's rows read into records (`records`), and the few queries every part
of the service shares."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from hojokin.store.columns import is_row_id
from hojokin.workflow.records import (
    Application,
    Booking,
    Call,
    Document,
    DocumentRequest,
    Receipt,
    Slot,
    Source,
)
from hojokin.workflow.states import ACTIVE_BOOKING
from hojokin.workflow.tables import (
    application,
    application_document,
    booking,
    call,
    call_slot,
    document_request,
    receipt,
)


def call_of(row: Any) -> Call:
    sources = tuple(
        Source(s["label"], s["doc"], (s["lines"][0], s["lines"][1]), s["quote"], s["note"])
        for s in json.loads(row.sources)
    )
    return Call(
        row.id, row.issuer_id, row.code, row.program_id, row.frame_id, row.name, row.status,
        row.window_start, row.window_end, row.booking_start, row.booking_end,
        row.slot_minutes, row.slot_capacity, sources,
        row.created_at, row.published_at, row.closed_at,
    )  # fmt: skip


def slot_of(row: Any) -> Slot:
    return Slot(
        row.id, row.call_id, row.starts_at, row.ends_at, row.capacity, row.booked, row.closed_at
    )


def load_call(conn: Connection, call_id: int) -> Call | None:
    if not is_row_id(call_id):
        return None
    row = conn.execute(select(call).where(call.c.id == call_id)).first()
    return None if row is None else call_of(row)


def load_slot(conn: Connection, slot_id: int) -> Slot | None:
    if not is_row_id(slot_id):
        return None
    row = conn.execute(select(call_slot).where(call_slot.c.id == slot_id)).first()
    return None if row is None else slot_of(row)


_BOOKING = select(booking, call_slot.c.starts_at, call_slot.c.ends_at).join(
    call_slot, call_slot.c.id == booking.c.slot_id
)


def booking_of(row: Any) -> Booking:
    return Booking(
        row.id, row.call_id, row.slot_id, row.issuer_id, row.company_id, row.status,
        row.starts_at, row.ends_at, row.created_at, row.changed_at,
    )  # fmt: skip


def load_booking(conn: Connection, booking_id: int) -> Booking | None:
    if not is_row_id(booking_id):
        return None
    row = conn.execute(_BOOKING.where(booking.c.id == booking_id)).first()
    return None if row is None else booking_of(row)


def active_booking(conn: Connection, call_id: int, company_id: int) -> Booking | None:
    """The company's booking that holds its place in the call (予約済 or 面談済)."""
    row = conn.execute(
        _BOOKING.where(
            booking.c.call_id == call_id,
            booking.c.company_id == company_id,
            booking.c.status.in_(ACTIVE_BOOKING),
        )
    ).first()
    return None if row is None else booking_of(row)


def bookings_of_call(conn: Connection, call_id: int) -> list[Booking]:
    query = _BOOKING.where(booking.c.call_id == call_id)
    return [
        booking_of(r) for r in conn.execute(query.order_by(call_slot.c.starts_at, booking.c.id))
    ]


_APPLICATION = select(application, receipt.c.number.label("receipt_number")).outerjoin(
    receipt, receipt.c.application_id == application.c.id
)


def application_of(row: Any) -> Application:
    return Application(
        row.id, row.call_id, row.issuer_id, row.company_id, row.status,
        None if row.company_profile is None else json.loads(row.company_profile),
        None if row.plan is None else json.loads(row.plan),
        row.created_at, row.updated_at, row.submitted_at, row.receipt_number,
    )  # fmt: skip


def load_application(conn: Connection, application_id: int) -> Application | None:
    if not is_row_id(application_id):
        return None
    row = conn.execute(_APPLICATION.where(application.c.id == application_id)).first()
    return None if row is None else application_of(row)


def application_of_company(conn: Connection, call_id: int, company_id: int) -> Application | None:
    query = _APPLICATION.where(
        application.c.call_id == call_id, application.c.company_id == company_id
    )
    row = conn.execute(query).first()
    return None if row is None else application_of(row)


def document_of(row: Any) -> Document:
    return Document(
        row.id, row.application_id, row.item, row.title, row.file_name, row.size, row.sha256,
        row.media_type, row.uploaded_by, row.uploaded_at, row.request_id,
    )  # fmt: skip


def documents_of(conn: Connection, application_id: int) -> list[Document]:
    query = select(application_document).where(
        application_document.c.application_id == application_id
    )
    rows = conn.execute(query.order_by(application_document.c.item, application_document.c.id))
    return [document_of(r) for r in rows]


def requests_of(conn: Connection, application_id: int) -> list[DocumentRequest]:
    query = select(document_request).where(document_request.c.application_id == application_id)
    return [
        DocumentRequest(
            r.id, r.application_id, r.message, r.requested_by, r.requested_at, r.completed_at
        )
        for r in conn.execute(query.order_by(document_request.c.id))
    ]


def receipt_of(row: Any) -> Receipt:
    detail = json.loads(row.detail)
    return Receipt(
        row.number,
        row.application_id,
        row.call_id,
        row.submitted_at,
        detail["verdict"],
        tuple(detail["to_confirm"]),
        tuple(detail["documents"]),
        detail["notice"],
    )


def load_receipt(conn: Connection, application_id: int) -> Receipt | None:
    if not is_row_id(application_id):
        return None
    row = conn.execute(select(receipt).where(receipt.c.application_id == application_id)).first()
    return None if row is None else receipt_of(row)
