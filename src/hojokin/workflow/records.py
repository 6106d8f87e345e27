"""The workflow's records as the service hands them out: plain values, times aware UTC
(the front ends show them in JST)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from hojokin.accounts.permissions import Target
from hojokin.workflow.states import ApplicationStatus, BookingStatus, CallStatus


@dataclass(frozen=True)
class Source:
    """A date of the call as the catalog cites it: the schedule item's label, the
    document, its lines, the quoted text and the catalog's note."""

    label: str
    doc: str
    lines: tuple[int, int]
    quote: str
    note: str | None = None


@dataclass(frozen=True)
class Call:
    """A call for applications (公募回) of one program frame, run by one issuer:
    submissions between `window_start` and `window_end`, bookings of an interview
    between `booking_start` and `booking_end`, each instant to the second."""

    id: int
    issuer_id: int
    code: str
    program_id: str
    frame_id: str
    name: str
    status: CallStatus
    window_start: datetime
    window_end: datetime
    booking_start: datetime
    booking_end: datetime
    slot_minutes: int
    slot_capacity: int
    sources: tuple[Source, ...]
    created_at: datetime
    published_at: datetime | None
    closed_at: datetime | None

    @property
    def target(self) -> Target:
        return Target(issuer_id=self.issuer_id, public=self.status != "draft")


@dataclass(frozen=True)
class Slot:
    id: int
    call_id: int
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int
    closed_at: datetime | None

    @property
    def places_left(self) -> int:
        return 0 if self.closed_at is not None else self.capacity - self.booked


@dataclass(frozen=True)
class Booking:
    id: int
    call_id: int
    slot_id: int
    issuer_id: int
    company_id: int
    status: BookingStatus
    starts_at: datetime
    ends_at: datetime
    created_at: datetime
    changed_at: datetime

    @property
    def target(self) -> Target:
        return Target(issuer_id=self.issuer_id, company_id=self.company_id)


@dataclass(frozen=True)
class Application:
    """A company's application to a call. `company` and `plan` are the JSON of the
    rules' `Company` and `Plan` (None until saved); `receipt_number` is its 受付番号
    once submitted."""

    id: int
    call_id: int
    issuer_id: int
    company_id: int
    status: ApplicationStatus
    company: dict[str, Any] | None
    plan: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    receipt_number: str | None

    @property
    def target(self) -> Target:
        return Target(issuer_id=self.issuer_id, company_id=self.company_id)

    def audited(self) -> dict[str, Any]:
        """The record as the audit trail keeps it: the profile and plan as digests."""
        kept = asdict(self)
        for name in ("company", "plan"):
            body = kept.pop(name)
            kept[f"{name}_sha256"] = None if body is None else digest(body)
        return kept


def digest(body: dict[str, Any]) -> str:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Document:
    """A file uploaded for one item of the checklist (its position, from 1, in the
    frame's 提出書類), with the item's words at the time."""

    id: int
    application_id: int
    item: int
    title: str
    file_name: str
    size: int
    sha256: str
    media_type: str
    uploaded_by: str
    uploaded_at: datetime
    request_id: int | None  # the office's request it answers, after submission


@dataclass(frozen=True)
class DocumentRequest:
    id: int
    application_id: int
    message: str
    requested_by: str
    requested_at: datetime
    completed_at: datetime | None


@dataclass(frozen=True)
class Receipt:
    """What a submission gives back: the 受付番号 and what was found at that moment —
    the frame's verdict, the requirements left 要確認 for the office (kept, not a
    refusal), and the documents submitted."""

    number: str
    application_id: int
    call_id: int
    submitted_at: datetime
    verdict: str
    to_confirm: tuple[str, ...]
    documents: tuple[str, ...]
    notice: str
