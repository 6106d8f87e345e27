"""/api/v1 calls (公募回) and bookings of the 受付・確認面談: thin routes over
`hojokin.workflow`. The routes are plain `def`: each waits on the database, so FastAPI
runs it in a worker thread and the event loop goes on serving others."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from hojokin.accounts.errors import Invalid
from hojokin.accounts.permissions import Actor
from hojokin.api.me import ActorDep
from hojokin.api.models import ErrorResponse
from hojokin.api.workflow_models import (
    BookingJSON,
    CallDetail,
    CallJSON,
    CallList,
    CallRequest,
    SlotJSON,
)
from hojokin.server.snapshot import WorkflowDep
from hojokin.workflow.records import Booking, Call
from hojokin.workflow.schedule import CallPlan
from hojokin.workflow.service import Workflow

router = APIRouter(prefix="/api/v1", tags=["api v1"])
# Every workflow route: bad input, no token, a refused action, another tenant's or a
# missing object, a status or time that does not allow it.
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (400, 401, 403, 404, 409, 422)
}
CallId = Annotated[int, Path(ge=1, le=2**31 - 1, description="公募回の id")]
SlotId = Annotated[int, Path(ge=1, le=2**31 - 1, description="面談枠の id")]
BookingId = Annotated[int, Path(ge=1, le=2**31 - 1, description="予約の id")]
_DATES = ("window_start", "window_end", "booking_start", "booking_end")


def call_json(flow: Workflow, actor: Actor, found: Call) -> CallJSON:
    return CallJSON.of(found, flow.allowed_actions(actor, found))


def booking_json(flow: Workflow, actor: Actor, held: Booking) -> BookingJSON:
    return BookingJSON.of(held, flow.allowed_actions(actor, held))


def _detail(flow: Workflow, actor: Actor, found: Call) -> CallDetail:
    slots = [SlotJSON.of(s) for s in flow.calls.slots(actor, found.id)]
    return CallDetail(**call_json(flow, actor, found).model_dump(), slots=slots)


@router.get("/calls", summary="公募回の一覧", response_model=CallList, responses=ERRORS)
def list_calls(actor: ActorDep, flow: WorkflowDep) -> CallList:
    """The calls the caller may read, newest first: staff their issuer's (準備中 too),
    applicants the published and closed ones."""
    return CallList(items=[call_json(flow, actor, c) for c in flow.calls.list_calls(actor)])


@router.post(
    "/calls", summary="公募回の作成", status_code=201, response_model=CallDetail, responses=ERRORS
)
def create_call(actor: ActorDep, flow: WorkflowDep, body: CallRequest) -> CallDetail:
    """A new call (準備中) of the staff's issuer with its interview slots: from the
    catalog's cited schedule, or from the four dates when all are given."""
    dates = body.window_start, body.window_end, body.booking_start, body.booking_end
    if body.window_start and body.window_end and body.booking_start and body.booking_end:
        plan = CallPlan(
            body.program_id,
            body.frame_id,
            body.code,
            body.name,
            body.window_start,
            body.window_end,
            body.booking_start,
            body.booking_end,
            body.slot_minutes,
            body.slot_capacity,
        )
        made = flow.calls.create(actor, plan)
    elif any(d is not None for d in dates):
        missing = next(name for name, d in zip(_DATES, dates, strict=True) if d is None)
        raise Invalid(f"{missing}: 日時は 4 つとも指定するか、すべて省いてください", missing)
    else:
        made = flow.calls.create_from_catalog(
            actor,
            body.program_id,
            body.frame_id,
            body.code,
            name=body.name,
            slot_minutes=body.slot_minutes,
            slot_capacity=body.slot_capacity,
        )
    return _detail(flow, actor, made)


@router.get(
    "/calls/{call_id}", summary="公募回と面談枠", response_model=CallDetail, responses=ERRORS
)
def get_call(actor: ActorDep, flow: WorkflowDep, call_id: CallId) -> CallDetail:
    """One call with its interview slots in time order and the places left in each."""
    return _detail(flow, actor, flow.calls.get(actor, call_id))


@router.post(
    "/calls/{call_id}/publish", summary="公募回の公開", response_model=CallJSON, responses=ERRORS
)
def publish_call(actor: ActorDep, flow: WorkflowDep, call_id: CallId) -> CallJSON:
    """準備中 → 公開: applicants see the call and may book and apply."""
    return call_json(flow, actor, flow.calls.publish(actor, call_id))


@router.post(
    "/calls/{call_id}/close", summary="公募回の終了", response_model=CallJSON, responses=ERRORS
)
def close_call(actor: ActorDep, flow: WorkflowDep, call_id: CallId) -> CallJSON:
    """公開 → 終了."""
    return call_json(flow, actor, flow.calls.close(actor, call_id))


@router.post(
    "/slots/{slot_id}/bookings",
    summary="面談の予約",
    status_code=201,
    response_model=BookingJSON,
    responses=ERRORS,
)
def book(actor: ActorDep, flow: WorkflowDep, slot_id: SlotId) -> BookingJSON:
    """Take a place in the slot for the caller's company (申込順); 409 when it is full,
    closed or the company already holds a booking in the call."""
    return booking_json(flow, actor, flow.bookings.book(actor, slot_id))


@router.get("/bookings/{booking_id}", summary="予約", response_model=BookingJSON, responses=ERRORS)
def get_booking(actor: ActorDep, flow: WorkflowDep, booking_id: BookingId) -> BookingJSON:
    return booking_json(flow, actor, flow.bookings.get(actor, booking_id))


@router.post(
    "/bookings/{booking_id}/cancel",
    summary="予約の辞退",
    response_model=BookingJSON,
    responses=ERRORS,
)
def cancel_booking(actor: ActorDep, flow: WorkflowDep, booking_id: BookingId) -> BookingJSON:
    """辞退: the applicant gives the place back, until the cut-off before the interview."""
    return booking_json(flow, actor, flow.bookings.cancel(actor, booking_id))


@router.post(
    "/bookings/{booking_id}/attend",
    summary="面談済の記録",
    response_model=BookingJSON,
    responses=ERRORS,
)
def attend_booking(actor: ActorDep, flow: WorkflowDep, booking_id: BookingId) -> BookingJSON:
    """面談済 (staff), once the interview has started."""
    return booking_json(flow, actor, flow.bookings.attend(actor, booking_id))


@router.post(
    "/bookings/{booking_id}/absent",
    summary="欠席の記録",
    response_model=BookingJSON,
    responses=ERRORS,
)
def mark_absent(actor: ActorDep, flow: WorkflowDep, booking_id: BookingId) -> BookingJSON:
    """欠席 (staff): the company's application to the call is withdrawn with it (⑤)."""
    return booking_json(flow, actor, flow.bookings.mark_absent(actor, booking_id))
