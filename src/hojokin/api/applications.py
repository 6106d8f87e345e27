"""/api/v1 applications: the applicant's draft, its live estimate and checklist,
submission with an `Idempotency-Key` and the receipt; the office's inbox, history,
受付完了, requests for documents and CSV export. Thin routes over `hojokin.workflow`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Response
from fastapi.responses import JSONResponse

from hojokin.accounts.errors import NotFound
from hojokin.accounts.permissions import Actor
from hojokin.api.calls import ERRORS, CallId, booking_json
from hojokin.api.downloads import attachment_headers
from hojokin.api.me import ActorDep
from hojokin.api.workflow_models import (
    ApplicationDetail,
    ApplicationJSON,
    ApplicationUpdate,
    DocumentRequestBody,
    DocumentRequestJSON,
    History,
    HistoryEntry,
    InboxItem,
    InboxPage,
    ReceiptJSON,
)
from hojokin.server.snapshot import WorkflowDep
from hojokin.views.sheets import csv_file
from hojokin.workflow.inbox import SORT_LABELS, InboxFilter, Sort
from hojokin.workflow.records import Application
from hojokin.workflow.service import Workflow
from hojokin.workflow.states import APPLICATION_STATUS_LABELS, ApplicationStatus

router = APIRouter(prefix="/api/v1", tags=["api v1"])
ApplicationId = Annotated[int, Path(ge=1, le=2**31 - 1, description="申請の id")]
MAX_PAGE = 200
NO_RECEIPT = "この申請はまだ提出されていないため、受付票はありません"


def application_json(flow: Workflow, actor: Actor, found: Application) -> ApplicationJSON:
    return ApplicationJSON.of(found, flow.allowed_actions(actor, found))


def _detail(flow: Workflow, actor: Actor, application_id: int) -> ApplicationDetail:
    view = flow.applications.view(actor, application_id)
    booking = None if view.booking is None else booking_json(flow, actor, view.booking)
    return ApplicationDetail.of_view(
        view,
        flow.allowed_actions(actor, view.application),
        flow.allowed_actions(actor, view.call),
        booking,
    )


def _filter(
    status: ApplicationStatus | None, call_id: int | None, frame: str | None, sort: Sort
) -> InboxFilter:
    return InboxFilter(status=status, call_id=call_id, frame_id=frame, sort=sort)


_STATUS = Query(
    description="状態: " + ", ".join(f"{k} {v}" for k, v in APPLICATION_STATUS_LABELS.items())
)
_CALL = Query(ge=1, le=2**31 - 1, description="公募回の id")
_FRAME = Query(min_length=1, max_length=200, description="枠の id")
_SORT = Query(description="並び順: " + ", ".join(f"{k} {v}" for k, v in SORT_LABELS.items()))


@router.get("/applications", summary="申請の一覧", response_model=InboxPage, responses=ERRORS)
def list_applications(
    actor: ActorDep,
    flow: WorkflowDep,
    status: Annotated[ApplicationStatus | None, _STATUS] = None,
    call_id: Annotated[int | None, _CALL] = None,
    frame: Annotated[str | None, _FRAME] = None,
    sort: Annotated[Sort, _SORT] = "submitted",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"件数（{MAX_PAGE} まで）")] = 50,
    offset: Annotated[int, Query(ge=0, le=10**6, description="何件目から（0 から）")] = 0,
) -> InboxPage:
    """事務局の受付一覧: staff see their issuer's applications, applicants their own
    company's; `{"total": n, "items": [...]}` filtered and sorted."""
    rows = flow.inbox.visible_to(actor, _filter(status, call_id, frame, sort))
    page = rows[offset : offset + limit]
    items = [InboxItem.of_row(r, flow.allowed_actions(actor, r.application)) for r in page]
    return InboxPage(total=len(rows), items=items)


@router.get(
    "/applications/export.csv",
    summary="申請一覧の CSV",
    response_class=Response,
    responses={
        **ERRORS,
        200: {"content": {"text/csv": {}}, "description": "CSV（UTF-8、BOM 付き）"},
    },
)
def export_applications(
    actor: ActorDep,
    flow: WorkflowDep,
    status: Annotated[ApplicationStatus | None, _STATUS] = None,
    call_id: Annotated[int | None, _CALL] = None,
    frame: Annotated[str | None, _FRAME] = None,
    sort: Annotated[Sort, _SORT] = "submitted",
) -> Response:
    """The office's list as CSV for Excel (UTF-8 with a BOM, times in JST); staff and
    administrators only."""
    table = flow.inbox.export_rows(actor, _filter(status, call_id, frame, sort))
    headers = attachment_headers("applications.csv", "申請一覧.csv")
    return Response(
        csv_file(table[0], table[1:]), media_type="text/csv; charset=utf-8", headers=headers
    )


@router.post(
    "/calls/{call_id}/applications",
    summary="申請の開始",
    response_model=ApplicationJSON,
    responses=ERRORS,
)
def start_application(actor: ActorDep, flow: WorkflowDep, call_id: CallId) -> ApplicationJSON:
    """The caller's company's application to a published call: the one it has, or a
    new draft (下書き). Asking again gives the same application."""
    return application_json(flow, actor, flow.applications.start(actor, call_id))


@router.get(
    "/applications/{application_id}",
    summary="申請",
    response_model=ApplicationDetail,
    responses=ERRORS,
)
def get_application(
    actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId
) -> ApplicationDetail:
    """The application with its call, booking, the live requirements check or estimate,
    the checklist of 提出書類 with the files uploaded, the office's requests and the
    receipt. Another company's or issuer's application is a 404, as a missing one."""
    return _detail(flow, actor, application_id)


@router.patch(
    "/applications/{application_id}",
    summary="申請の下書き保存",
    response_model=ApplicationDetail,
    responses=ERRORS,
)
def update_application(
    actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId, body: ApplicationUpdate
) -> ApplicationDetail:
    """Save the draft's company profile, plan or both (a field left out stays as it
    is), validated as the rules read them; a submitted application is frozen (409)."""
    flow.applications.save(actor, application_id, company=body.company, plan=body.plan)
    return _detail(flow, actor, application_id)


@router.post(
    "/applications/{application_id}/submit",
    summary="申請の提出",
    response_model=ReceiptJSON,
    responses={**ERRORS, 201: {"model": ReceiptJSON, "description": "提出され、受付番号が付いた"}},
)
def submit_application(
    actor: ActorDep,
    flow: WorkflowDep,
    application_id: ApplicationId,
    idempotency_key: Annotated[
        str,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=128,
            description="再送を見分けるキー（必須。1～128 文字の英数字・記号）。"
            "応答が届かなかったときは同じキーで送り直してください",
        ),
    ],
) -> JSONResponse:
    """Submit: 201 with the receipt (受付番号) when this request submitted it, 200 with
    the same receipt when it was submitted before (a retry, with any key): a client
    that lost the answer sends again and gets its number, never a second one. 409
    lists every check that fails (`problems`)."""
    done = flow.submissions.submit(actor, application_id, idempotency_key)
    body = ReceiptJSON.of(done.receipt).model_dump(mode="json")
    return JSONResponse(body, status_code=200 if done.replayed else 201)


@router.get(
    "/applications/{application_id}/receipt",
    summary="受付票",
    response_model=ReceiptJSON,
    responses=ERRORS,
)
def get_receipt(actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId) -> ReceiptJSON:
    """The receipt of a submitted application; 404 before it is submitted."""
    made = flow.submissions.receipt(actor, application_id)
    if made is None:
        raise NotFound(NO_RECEIPT)
    return ReceiptJSON.of(made)


@router.post(
    "/applications/{application_id}/withdraw",
    summary="申請の辞退",
    response_model=ApplicationJSON,
    responses=ERRORS,
)
def withdraw_application(
    actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId
) -> ApplicationJSON:
    """辞退 (the applicant), until the office accepts the application."""
    return application_json(flow, actor, flow.applications.withdraw(actor, application_id))


@router.post(
    "/applications/{application_id}/accept",
    summary="受付完了の記録",
    response_model=ApplicationJSON,
    responses=ERRORS,
)
def accept_application(
    actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId
) -> ApplicationJSON:
    """受付完了 (staff), once the 受付・確認面談 is recorded as held."""
    return application_json(flow, actor, flow.inbox.accept(actor, application_id))


@router.post(
    "/applications/{application_id}/document-requests",
    summary="書類の追加依頼",
    status_code=201,
    response_model=DocumentRequestJSON,
    responses=ERRORS,
)
def request_documents(
    actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId, body: DocumentRequestBody
) -> DocumentRequestJSON:
    """Ask the company for more documents (staff): the application waits for them
    (書類追加依頼中) and the company's users are mailed the message."""
    return DocumentRequestJSON.of(flow.inbox.request_documents(actor, application_id, body.message))


@router.get(
    "/applications/{application_id}/history",
    summary="申請の履歴",
    response_model=History,
    responses=ERRORS,
)
def application_history(
    actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId
) -> History:
    """Every audited event of the application, oldest first (staff): changes, uploads,
    downloads, and refusals of those who tried what they may not."""
    return History(items=[HistoryEntry.of(e) for e in flow.inbox.history(actor, application_id)])
