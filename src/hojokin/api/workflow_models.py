"""Request bodies and response shapes of the workflow's routes (calls, bookings,
applications, the office's inbox), built from the service's records. Times are given
in JST (ISO 8601 with +09:00); each object carries `actions`, what the caller may do
to it now (`Workflow.allowed_actions`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hojokin.accounts.permissions import ACTION_LABELS, Action
from hojokin.accounts.records import AuditEntry
from hojokin.api.models import CompanyObject, PlanObject
from hojokin.catalog.status import JST
from hojokin.views.checks import check_json, document_json, estimate_json
from hojokin.workflow.applications import ApplicationView
from hojokin.workflow.inbox import InboxRow
from hojokin.workflow.records import (
    Application,
    Booking,
    Call,
    Document,
    DocumentRequest,
    Receipt,
    Slot,
)
from hojokin.workflow.schedule import DEFAULT_SLOT_CAPACITY, DEFAULT_SLOT_MINUTES
from hojokin.workflow.states import (
    APPLICATION_STATUS_LABELS,
    BOOKING_STATUS_LABELS,
    CALL_STATUS_LABELS,
)


def jst(at: datetime) -> datetime:
    return at.astimezone(JST)


def jst_or_none(at: datetime | None) -> datetime | None:
    return None if at is None else jst(at)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActionJSON(BaseModel):
    action: Action
    label: str


def actions_json(actions: tuple[Action, ...]) -> list[ActionJSON]:
    return [ActionJSON(action=a, label=ACTION_LABELS[a]) for a in actions]


class CallRequest(_Body):
    program_id: str = Field(min_length=1, max_length=200, description="制度の id")
    frame_id: str = Field(min_length=1, max_length=200, description="枠の id か名称")
    code: str = Field(
        min_length=1, max_length=40, description="公募回コード（受付番号の頭。英数字とハイフン）"
    )
    name: str = Field(default="", max_length=400, description="名前（空なら制度・枠・年度から）")
    slot_minutes: int = Field(default=DEFAULT_SLOT_MINUTES, description="面談枠の長さ（分）")
    slot_capacity: int = Field(default=DEFAULT_SLOT_CAPACITY, description="面談枠の定員")
    window_start: datetime | None = Field(
        default=None,
        description="申請書提出期間の始まり（タイムゾーン付き）。"
        "4 つの日時をすべて省くと、カタログに引用された日程から作ります",
    )
    window_end: datetime | None = Field(default=None, description="申請書提出期間の終わり")
    booking_start: datetime | None = Field(default=None, description="予約受付期間の始まり")
    booking_end: datetime | None = Field(default=None, description="予約受付期間の終わり")


class SourceJSON(BaseModel):
    label: str
    doc: str
    lines: tuple[int, int]
    quote: str
    note: str | None


class CallJSON(BaseModel):
    id: int
    issuer_id: int
    code: str
    name: str
    program_id: str
    frame_id: str
    status: str
    status_label: str
    window_start: datetime
    window_end: datetime
    booking_start: datetime
    booking_end: datetime
    slot_minutes: int
    slot_capacity: int
    published_at: datetime | None
    closed_at: datetime | None
    sources: list[SourceJSON]
    actions: list[ActionJSON]

    @classmethod
    def of(cls, found: Call, actions: tuple[Action, ...]) -> CallJSON:
        return cls(
            id=found.id,
            issuer_id=found.issuer_id,
            code=found.code,
            name=found.name,
            program_id=found.program_id,
            frame_id=found.frame_id,
            status=found.status,
            status_label=CALL_STATUS_LABELS[found.status],
            window_start=jst(found.window_start),
            window_end=jst(found.window_end),
            booking_start=jst(found.booking_start),
            booking_end=jst(found.booking_end),
            slot_minutes=found.slot_minutes,
            slot_capacity=found.slot_capacity,
            published_at=jst_or_none(found.published_at),
            closed_at=jst_or_none(found.closed_at),
            sources=[
                SourceJSON(label=s.label, doc=s.doc, lines=s.lines, quote=s.quote, note=s.note)
                for s in found.sources
            ],
            actions=actions_json(actions),
        )


class CallList(BaseModel):
    items: list[CallJSON]


class SlotJSON(BaseModel):
    id: int
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int
    places_left: int = Field(description="残り（締め切られた枠は 0）")
    closed: bool

    @classmethod
    def of(cls, slot: Slot) -> SlotJSON:
        return cls(
            id=slot.id,
            starts_at=jst(slot.starts_at),
            ends_at=jst(slot.ends_at),
            capacity=slot.capacity,
            booked=slot.booked,
            places_left=slot.places_left,
            closed=slot.closed_at is not None,
        )


class CallDetail(CallJSON):
    slots: list[SlotJSON]


class BookingJSON(BaseModel):
    id: int
    call_id: int
    slot_id: int
    company_id: int
    status: str
    status_label: str
    starts_at: datetime
    ends_at: datetime
    created_at: datetime
    changed_at: datetime
    actions: list[ActionJSON]

    @classmethod
    def of(cls, held: Booking, actions: tuple[Action, ...]) -> BookingJSON:
        return cls(
            id=held.id,
            call_id=held.call_id,
            slot_id=held.slot_id,
            company_id=held.company_id,
            status=held.status,
            status_label=BOOKING_STATUS_LABELS[held.status],
            starts_at=jst(held.starts_at),
            ends_at=jst(held.ends_at),
            created_at=jst(held.created_at),
            changed_at=jst(held.changed_at),
            actions=actions_json(actions),
        )


class ApplicationJSON(BaseModel):
    id: int
    call_id: int
    issuer_id: int
    company_id: int
    status: str
    status_label: str
    receipt_number: str | None = Field(description="受付番号（提出後）")
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    actions: list[ActionJSON]

    @classmethod
    def fields_of(cls, found: Application, actions: tuple[Action, ...]) -> dict[str, Any]:
        return {
            "id": found.id,
            "call_id": found.call_id,
            "issuer_id": found.issuer_id,
            "company_id": found.company_id,
            "status": found.status,
            "status_label": APPLICATION_STATUS_LABELS[found.status],
            "receipt_number": found.receipt_number,
            "created_at": jst(found.created_at),
            "updated_at": jst(found.updated_at),
            "submitted_at": jst_or_none(found.submitted_at),
            "actions": actions_json(actions),
        }

    @classmethod
    def of(cls, found: Application, actions: tuple[Action, ...]) -> ApplicationJSON:
        return cls(**cls.fields_of(found, actions))


class ApplicationUpdate(_Body):
    company: CompanyObject | None = Field(
        default=None, description="事業者情報（docs/contract.md の company file）"
    )
    plan: PlanObject | None = Field(
        default=None, description="事業計画（docs/contract.md の plan file）"
    )


class DocumentJSON(BaseModel):
    id: int
    item: int = Field(description="提出書類の番号（チェックリストの位置、1 から）")
    title: str
    file_name: str
    size: int
    sha256: str
    media_type: str
    uploaded_by: str
    uploaded_at: datetime
    request_id: int | None = Field(description="応えた書類追加依頼（提出後の追加のとき）")

    @classmethod
    def of(cls, d: Document) -> DocumentJSON:
        return cls(
            id=d.id,
            item=d.item,
            title=d.title,
            file_name=d.file_name,
            size=d.size,
            sha256=d.sha256,
            media_type=d.media_type,
            uploaded_by=d.uploaded_by,
            uploaded_at=jst(d.uploaded_at),
            request_id=d.request_id,
        )


class ChecklistJSON(BaseModel):
    item: int
    document: dict[str, Any] = Field(
        description="提出書類と、この申請で必要かどうか（docs/contract.md の documents の要素）"
    )
    uploads: list[DocumentJSON]


class DocumentRequestJSON(BaseModel):
    id: int
    message: str
    requested_by: str
    requested_at: datetime
    completed_at: datetime | None

    @classmethod
    def of(cls, r: DocumentRequest) -> DocumentRequestJSON:
        return cls(
            id=r.id,
            message=r.message,
            requested_by=r.requested_by,
            requested_at=jst(r.requested_at),
            completed_at=jst_or_none(r.completed_at),
        )


class DocumentRequestBody(_Body):
    message: str = Field(
        min_length=1, max_length=4000, description="事業者に送る依頼の内容（メールで届きます）"
    )


class ReceiptJSON(BaseModel):
    number: str = Field(description="受付番号")
    application_id: int
    call_id: int
    submitted_at: datetime
    verdict: str = Field(description="提出時の判定（eligible / needs_check …）")
    to_confirm: list[str] = Field(description="事務局が確認する要確認の項目")
    documents: list[str]
    notice: str

    @classmethod
    def of(cls, made: Receipt) -> ReceiptJSON:
        return cls(
            number=made.number,
            application_id=made.application_id,
            call_id=made.call_id,
            submitted_at=jst(made.submitted_at),
            verdict=made.verdict,
            to_confirm=list(made.to_confirm),
            documents=list(made.documents),
            notice=made.notice,
        )


class ApplicationDetail(ApplicationJSON):
    company: dict[str, Any] | None = Field(description="保存された事業者情報")
    plan: dict[str, Any] | None = Field(description="保存された事業計画")
    call: CallJSON
    booking: BookingJSON | None = Field(description="この公募回での事業者の予約（有効なもの）")
    verdict: str | None = Field(description="枠の判定（事業者情報の保存後）")
    assessment: dict[str, Any] | None = Field(
        description="その時点の要件確認（事業者情報のみ）又は金額の試算（事業計画も保存後）。"
        "docs/contract.md の check / estimate JSON"
    )
    checklist: list[ChecklistJSON]
    requests: list[DocumentRequestJSON]
    receipt: ReceiptJSON | None

    @classmethod
    def of_view(
        cls,
        view: ApplicationView,
        actions: tuple[Action, ...],
        call_actions: tuple[Action, ...],
        booking: BookingJSON | None,
    ) -> ApplicationDetail:
        found, assessment = view.application, view.assessment
        reading: dict[str, Any] | None = None
        if assessment.estimate is not None:
            reading = estimate_json(assessment.estimate)
        elif assessment.check is not None:
            reading = check_json(assessment.check)
        return cls(
            **cls.fields_of(found, actions),
            company=found.company,
            plan=found.plan,
            call=CallJSON.of(view.call, call_actions),
            booking=booking,
            verdict=assessment.verdict,
            assessment=reading,
            checklist=[
                ChecklistJSON(
                    item=entry.item,
                    document=document_json(entry.status),
                    uploads=[DocumentJSON.of(d) for d in entry.documents],
                )
                for entry in assessment.checklist
            ],
            requests=[DocumentRequestJSON.of(r) for r in view.requests],
            receipt=None if view.receipt is None else ReceiptJSON.of(view.receipt),
        )


class InboxItem(ApplicationJSON):
    call_code: str
    call_name: str
    frame_id: str
    deadline: datetime = Field(description="申請書提出期間の終わり")
    company_name: str
    interview: datetime | None = Field(description="受付・確認面談の日時（有効な予約）")

    @classmethod
    def of_row(cls, row: InboxRow, actions: tuple[Action, ...]) -> InboxItem:
        return cls(
            **cls.fields_of(row.application, actions),
            call_code=row.call_code,
            call_name=row.call_name,
            frame_id=row.frame_id,
            deadline=jst(row.deadline),
            company_name=row.company_name,
            interview=jst_or_none(row.interview),
        )


class InboxPage(BaseModel):
    total: int
    items: list[InboxItem]


class HistoryEntry(BaseModel):
    id: int
    at: datetime
    actor_name: str
    actor_role: str
    action: str
    action_label: str
    outcome: str
    reason: str | None
    before: Any
    after: Any

    @classmethod
    def of(cls, entry: AuditEntry) -> HistoryEntry:
        return cls(
            id=entry.id,
            at=jst(entry.at),
            actor_name=entry.actor_name,
            actor_role=entry.actor_role,
            action=entry.action,
            action_label=ACTION_LABELS.get(entry.action, entry.action),  # type: ignore[call-overload]
            outcome=entry.outcome,
            reason=entry.reason,
            before=entry.before,
            after=entry.after,
        )


class History(BaseModel):
    items: list[HistoryEntry]
