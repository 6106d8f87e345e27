"""The office's pages of the workflow: the list of applications (filtered, sorted,
paged, exported as CSV or Excel) and the actions on one application — 受付完了,
書類追加依頼, and the interview recorded as 面談済 or 欠席. The application's own page
is `applicant_pages.application_page`, which shows the office's view to the office.

Routes are thin: the service (`Workflow.inbox`, `Workflow.bookings`) checks every
permission; the pages read the query and render."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hojokin.accounts.permissions import Actor
from hojokin.ja.fields import small_number
from hojokin.server.snapshot import TodayDep, WorkflowDep
from hojokin.views.sheets import csv_file
from hojokin.web.export import attachment
from hojokin.web.service_pages import acted, application_path, done, page, served
from hojokin.web.session import CurrentUser, load_session, session_form
from hojokin.web.xlsx import workbook
from hojokin.workflow.inbox import SORT_LABELS, SORTS, InboxFilter, Sort
from hojokin.workflow.service import Workflow
from hojokin.workflow.states import APPLICATION_STATUS_LABELS, ApplicationStatus
from hojokin.workflow.times import jst_full

router = APIRouter(
    default_response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(load_session)],
)
PAGE_SIZE = 50
STATUSES: tuple[ApplicationStatus, ...] = get_args(ApplicationStatus)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class InboxQuery:
    """The list's filter, sort and page as the query gives them; a value outside the
    choices is dropped (and said on the page), never an error."""

    wanted: InboxFilter
    page: int
    ignored: bool

    @classmethod
    def read(cls, args: Mapping[str, str], frames: set[str]) -> InboxQuery:
        status, call, frame, sort = (args.get(k, "") for k in ("status", "call", "frame", "sort"))
        call_id = small_number(call, 12) if call else None
        chosen_status = next((s for s in STATUSES if s == status), None)
        chosen_sort: Sort = next((s for s in SORTS if s == sort), "submitted")
        number = small_number(args.get("page", ""), 6) if args.get("page") else 1
        ignored = (
            (bool(status) and chosen_status is None)
            or (bool(call) and call_id is None)
            or (bool(frame) and frame not in frames)
            or (bool(sort) and sort not in SORTS)
            or number is None
        )
        wanted = InboxFilter(
            status=chosen_status,
            call_id=call_id,
            frame_id=frame if frame in frames else None,
            sort=chosen_sort,
        )
        return cls(wanted, max(1, number or 1), ignored)

    def query(self, **changes: object) -> str:
        """The query string of this list with `changes` (a page, a format)."""
        values = {
            "status": self.wanted.status or "",
            "call": "" if self.wanted.call_id is None else str(self.wanted.call_id),
            "frame": self.wanted.frame_id or "",
            "sort": self.wanted.sort,
        } | {k: str(v) for k, v in changes.items()}
        return urlencode({k: v for k, v in values.items() if v})


def _choices(flow: Workflow, actor: Actor) -> tuple[dict[str, str], dict[str, str]]:
    """The calls and frames the actor's list can be filtered by."""
    calls = flow.calls.list_calls(actor)
    return (
        {str(c.id): f"{c.code} {c.name}" for c in calls},
        {c.frame_id: c.frame_id for c in calls},
    )


@router.get("/office/applications", name="inbox")
async def inbox_page(request: Request, user: CurrentUser, flow: WorkflowDep) -> Response:
    def work() -> Response:
        calls, frames = _choices(flow, user.actor)
        asked = InboxQuery.read(request.query_params, set(frames))
        rows = flow.inbox.list_applications(user.actor, asked.wanted)
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        number = min(asked.page, pages)
        return page(
            request,
            "inbox.html",
            400 if asked.ignored else 200,
            rows=rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
            total=len(rows),
            page_number=number,
            pages=pages,
            asked=asked,
            calls=calls,
            frames=frames,
            statuses=APPLICATION_STATUS_LABELS,
            sorts=SORT_LABELS,
            jst_full=jst_full,
        )

    return await served(request, work)


EXPORTS: dict[str, tuple[str, Callable[[list[list[str]]], bytes]]] = {
    "csv": ("text/csv; charset=utf-8", lambda t: csv_file(t[0], t[1:])),
    "xlsx": (XLSX, lambda t: workbook("申請一覧", t[0], t[1:], widths=[16] * len(t[0]))),
}


@router.get("/office/applications/export", name="inbox_export")
async def inbox_export(
    request: Request, user: CurrentUser, flow: WorkflowDep, today: TodayDep
) -> Response:
    """The filtered list as a file (`format` csv or xlsx), every application, not a page."""
    kind = request.query_params.get("format", "")

    def work() -> Response:
        if kind not in EXPORTS:
            return page(request, "notice.html", 400, heading="出力形式を確認してください",
                        lines=["出力形式は CSV か Excel を選んでください"])  # fmt: skip
        _, frames = _choices(flow, user.actor)
        asked = InboxQuery.read(request.query_params, set(frames))
        media_type, write = EXPORTS[kind]
        name = f"申請一覧_{today.isoformat()}.{kind}"
        return Response(
            write(flow.inbox.export_rows(user.actor, asked.wanted)),
            media_type=media_type,
            headers=attachment(f"applications.{kind}", name),
        )

    return await served(request, work)


@router.post("/applications/{application_id}/accept", name="application_accept")
async def accept(
    request: Request, user: CurrentUser, flow: WorkflowDep, application_id: int
) -> Response:
    return await acted(
        request, user, "accepted", lambda: flow.inbox.accept(user.actor, application_id).id
    )


@router.post("/applications/{application_id}/request-documents", name="request_documents")
async def request_documents(
    request: Request, user: CurrentUser, flow: WorkflowDep, application_id: int
) -> Response:
    form = await session_form(request, user, "request.csrf")

    def work() -> Response:
        flow.inbox.request_documents(user.actor, application_id, form.value("message"))
        return done(application_path(request, application_id), "requested")

    return await served(request, work)


async def _record_interview(
    request: Request,
    user: CurrentUser,
    booking_id: int,
    record: Callable[[Actor, int], object],
    what: str,
) -> Response:
    """面談済 or 欠席 (`record`), then back to the application the form came from (the
    list when it names none)."""
    form = await session_form(request, user, "request.csrf")
    back = small_number(form.value("application_id"), 12)

    def work() -> Response:
        record(user.actor, booking_id)
        if back is None:
            return done(request.app.url_path_for("inbox"), what)
        return done(application_path(request, back), what)

    return await served(request, work)


@router.post("/bookings/{booking_id}/attend", name="booking_attend")
async def attend(
    request: Request, user: CurrentUser, flow: WorkflowDep, booking_id: int
) -> Response:
    return await _record_interview(request, user, booking_id, flow.bookings.attend, "attended")


@router.post("/bookings/{booking_id}/absent", name="booking_absent")
async def absent(
    request: Request, user: CurrentUser, flow: WorkflowDep, booking_id: int
) -> Response:
    return await _record_interview(request, user, booking_id, flow.bookings.mark_absent, "absent")
