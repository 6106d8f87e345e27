"""The applicant's pages of the program office's workflow: the published calls, a
call with its interview calendar, booking and cancelling (辞退) a place, the
application (company profile and plan, the live estimate, the checklist, 下書き保存 and
提出), its receipt and its 辞退.

Routes are thin: each calls `hojokin.workflow.service.Workflow` as the signed-in
actor and renders what it returns; the actions shown are those `allowed_actions`
gives. Every POST checks its CSRF token first."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hojokin.accounts.errors import Invalid
from hojokin.accounts.permissions import ACTION_LABELS
from hojokin.catalog.loader import Catalog
from hojokin.catalog.vocabulary import DOCUMENT_NEED_LABELS
from hojokin.ja.fields import small_number
from hojokin.server.snapshot import CatalogDep, WorkflowDep
from hojokin.server.uploads import BodyRefused, read_upload
from hojokin.web.application_form import read_application, stored_form, submit_key
from hojokin.web.export import attachment
from hojokin.web.fields import FormState
from hojokin.web.pages import company_spec
from hojokin.web.plan_form import MONTHS, estimate_verdict, person_fields, persons, plan_layout
from hojokin.web.roles import may
from hojokin.web.service_pages import acted, application_path, done, notice_of, page, served
from hojokin.web.session import CurrentUser, checked_form, load_session, session_form
from hojokin.web.slot_calendar import weeks
from hojokin.workflow import times
from hojokin.workflow.applications import ApplicationView
from hojokin.workflow.errors import NotReady, Problem
from hojokin.workflow.service import Workflow
from hojokin.workflow.states import (
    ACTIVE_BOOKING,
    APPLICATION_STATUS_LABELS,
    BOOKING_STATUS_LABELS,
    CALL_STATUS_LABELS,
)
from hojokin.workflow.submission import document_title

router = APIRouter(
    default_response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(load_session)],
)

WORDS = {
    "jst": times.jst,
    "jst_span": times.jst_span,
    "jst_full": times.jst_full,
    "call_status": CALL_STATUS_LABELS,
    "booking_status": BOOKING_STATUS_LABELS,
    "application_status": APPLICATION_STATUS_LABELS,
    "document_title": document_title,
}


# --- 公募 --------------------------------------------------------------------------


@router.get("/calls", name="calls")
async def calls_page(request: Request, user: CurrentUser, flow: WorkflowDep) -> Response:
    def work() -> Response:
        found = flow.calls.list_calls(user.actor)
        mine = [] if user.actor.company_id is None else flow.inbox.of_own_company(user.actor)
        return page(request, "calls.html", calls=found, applications=mine, words=WORDS)

    return await served(request, work)


@router.get("/calls/{call_id}", name="call")
async def call_page(
    request: Request, user: CurrentUser, flow: WorkflowDep, call_id: int
) -> Response:
    def work() -> Response:
        shown = flow.calls.get(user.actor, call_id)
        mine = user.actor.company_id is not None
        held = [b for b in flow.bookings.of_call(user.actor, call_id) if b.status in ACTIVE_BOOKING]
        booking = held[0] if held and mine else None
        application = None
        if mine:
            application = flow.applications.of_company(user.actor, call_id)
        now = flow.office.now()
        return page(
            request,
            "call.html",
            call=shown,
            weeks=weeks(flow.calls.slots(user.actor, call_id)),
            booking=booking,
            cancel_allowed=booking is not None
            and "booking.cancel" in flow.allowed_actions(user.actor, booking),
            application=application,
            may_apply=mine and may(user, "application.create") and shown.status == "published",
            bookable=lambda slot: slot.places_left > 0 and slot.starts_at > now,
            started=lambda slot: slot.starts_at <= now,
            notice=notice_of(request),
            words=WORDS,
        )

    return await served(request, work)


@router.post("/calls/{call_id}/book", name="book")
async def book(request: Request, user: CurrentUser, flow: WorkflowDep, call_id: int) -> Response:
    form = await session_form(request, user, "request.csrf")
    slot_id = small_number(form.value("slot_id"), 12)

    def work() -> Response:
        if slot_id is None:
            return page(request, "notice.html", 422, heading="入力内容を確認してください",
                        lines=["予約する面談枠を選んでください"])  # fmt: skip
        flow.bookings.book(user.actor, slot_id)
        return done(request.app.url_path_for("call", call_id=call_id), "booked")

    return await served(request, work)


@router.get("/bookings/{booking_id}/cancel", name="cancel_form")
async def cancel_form(
    request: Request, user: CurrentUser, flow: WorkflowDep, booking_id: int
) -> Response:
    def work() -> Response:
        held = flow.bookings.get(user.actor, booking_id)
        return page(
            request,
            "cancel.html",
            booking=held,
            call=flow.calls.get(user.actor, held.call_id),
            allowed="booking.cancel" in flow.allowed_actions(user.actor, held),
            deadline=times.cancel_deadline(held, flow.office.policy),
            words=WORDS,
        )

    return await served(request, work)


@router.post("/bookings/{booking_id}/cancel", name="cancel")
async def cancel(
    request: Request, user: CurrentUser, flow: WorkflowDep, booking_id: int
) -> Response:
    await session_form(request, user, "request.csrf")

    def work() -> Response:
        cancelled = flow.bookings.cancel(user.actor, booking_id)
        return done(request.app.url_path_for("call", call_id=cancelled.call_id), "cancelled")

    return await served(request, work)


# --- 申請 --------------------------------------------------------------------------


@router.post("/calls/{call_id}/apply", name="apply")
async def apply(request: Request, user: CurrentUser, flow: WorkflowDep, call_id: int) -> Response:
    await session_form(request, user, "request.csrf")

    def work() -> Response:
        started = flow.applications.start(user.actor, call_id)
        path = request.app.url_path_for("application", application_id=started.id)
        return RedirectResponse(path, 303)

    return await served(request, work)


def application_context(
    flow: Workflow, user: CurrentUser, catalog: Catalog, view: ApplicationView
) -> dict[str, Any]:
    """What the application's pages show, for the applicant and the office alike."""
    program, frame = flow.office.frame(view.call.program_id, view.call.frame_id)
    actions = flow.allowed_actions(user.actor, view.application)
    booking_actions = () if view.booking is None else flow.allowed_actions(user.actor, view.booking)
    return {
        "view": view,
        "program": program,
        "frame": frame,
        "actions": actions,
        "booking_actions": booking_actions,
        "result": view.assessment.estimate,
        "verdict": estimate_verdict,
        "category_names": lambda f: {c.id: c.name for c in f.categories},
        "statuses": DOCUMENT_NEED_LABELS,
        "words": WORDS,
        "action_labels": ACTION_LABELS,
        "checklist_shown": True,
    }


def _application_page(
    request: Request,
    user: CurrentUser,
    flow: WorkflowDep,
    catalog: Catalog,
    application_id: int,
    *,
    form: FormState | None = None,
    problems: list[Problem] | None = None,
    upload_error: str = "",
    status: int = 200,
) -> Response:
    view = flow.applications.view(user.actor, application_id)
    context = application_context(flow, user, catalog, view)
    if user.user.role != "applicant":
        history = flow.inbox.history(user.actor, application_id)
        return page(request, "office_application.html", status, history=history,
                    notice=notice_of(request), **context)  # fmt: skip
    program = context["program"]
    if form is None:
        form = stored_form(view.application.company, view.application.plan)
    return page(
        request,
        "application.html",
        status,
        form=form,
        spec=company_spec(catalog, program.id),
        layout=plan_layout(catalog, program),
        persons=persons,
        months=MONTHS,
        month_names=lambda year, row: person_fields(year, row)[3:],
        focus_row="",
        problems=problems or [],
        upload_error=upload_error,
        submit_key=submit_key(),
        notice=notice_of(request),
        **context,
    )


@router.get("/applications/{application_id}", name="application")
async def application_page(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep, application_id: int
) -> Response:
    return await served(
        request, lambda: _application_page(request, user, flow, catalog, application_id)
    )


@router.post("/applications/{application_id}/save", name="application_save")
async def application_save(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep, application_id: int
) -> Response:
    form = await session_form(request, user, "request.csrf")
    form.data.pop("csrf_token", None)

    def work() -> Response:
        found = flow.applications.get(user.actor, application_id)
        of_call = flow.calls.get(user.actor, found.call_id)
        program, frame = flow.office.frame(of_call.program_id, of_call.frame_id)
        spec, layout = company_spec(catalog, program.id), plan_layout(catalog, program)
        form.data["frame"] = [frame.id]  # the call's frame, whatever was sent
        added = small_number(form.value("add_person"))
        if added is not None:
            form.data[f"y{added}_persons"] = [str(persons(form, added) + 1)]
            return _application_page(request, user, flow, catalog, application_id, form=form)
        read = read_application(form, spec, layout, catalog, program, frame)
        if read is None:
            return _application_page(
                request, user, flow, catalog, application_id, form=form, status=422
            )
        flow.applications.save(user.actor, application_id, company=read[0], plan=read[1])
        return done(request.app.url_path_for("application", application_id=application_id), "saved")

    return await served(request, work)


@router.post("/applications/{application_id}/submit", name="application_submit")
async def application_submit(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep, application_id: int
) -> Response:
    form = await session_form(request, user, "request.csrf")

    def work() -> Response:
        try:
            flow.submissions.submit(user.actor, application_id, form.value("idempotency_key"))
        except NotReady as exc:
            return _application_page(
                request, user, flow, catalog, application_id, problems=exc.problems, status=422
            )
        path = request.app.url_path_for("receipt", application_id=application_id)
        return RedirectResponse(path, 303)

    return await served(request, work)


@router.get("/applications/{application_id}/withdraw", name="withdraw_form")
async def withdraw_form(
    request: Request, user: CurrentUser, flow: WorkflowDep, application_id: int
) -> Response:
    """辞退 asks first, as a booking's cancel does: what goes, and whether it may now."""

    def work() -> Response:
        view = flow.applications.view(user.actor, application_id)
        allowed = "application.withdraw" in flow.allowed_actions(user.actor, view.application)
        return page(request, "withdraw.html", view=view, allowed=allowed, words=WORDS)

    return await served(request, work)


@router.post("/applications/{application_id}/withdraw", name="withdraw")
async def withdraw(
    request: Request, user: CurrentUser, flow: WorkflowDep, application_id: int
) -> Response:
    actor = user.actor
    return await acted(
        request, user, "withdrawn", lambda: flow.applications.withdraw(actor, application_id).id
    )


@router.get("/applications/{application_id}/receipt", name="receipt")
async def receipt_page(
    request: Request, user: CurrentUser, flow: WorkflowDep, application_id: int
) -> Response:
    def work() -> Response:
        view = flow.applications.view(user.actor, application_id)
        if view.receipt is None:
            return page(request, "not_found.html", 404, what="この申請の受付票")
        return page(request, "receipt.html", view=view, words=WORDS)

    return await served(request, work)


# --- 書類 --------------------------------------------------------------------------


@router.post("/applications/{application_id}/documents", name="document_upload")
async def document_upload(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep, application_id: int
) -> Response:
    """A file for a checklist item, read as the API's upload reads it (`server.uploads`):
    streamed under the upload limit, not the small limit of the other forms."""
    try:
        upload = await read_upload(request, flow.documents.files.max_bytes, max_fields=2)
    except BodyRefused as exc:
        if exc.status != 413:
            raise
        # Nothing was read or changed: the page as it was, the limit at its upload form.
        refused = exc

        def too_large() -> Response:
            shown = _application_page(request, user, flow, catalog, application_id,
                                      upload_error=refused.message, status=413)  # fmt: skip
            shown.headers.update(refused.headers)
            return shown

        return await served(request, too_large)
    form = await checked_form(request, user, "request.csrf", upload.fields)
    item = small_number(form.value("item"), 3)

    def work() -> Response:
        try:
            if upload.name is None:
                raise Invalid("アップロードするファイルを選んでください", "file")
            # An item that is no small number (abc, １, 10**20) is one no checklist has:
            # 0 lets the service name the items there are.
            number = 0 if item is None else item
            flow.documents.upload(user.actor, application_id, number, upload.name, upload.data)
        except Invalid as exc:
            return _application_page(
                request, user, flow, catalog, application_id, upload_error=exc.message, status=422
            )
        return done(application_path(request, application_id), "uploaded")

    return await served(request, work)


@router.post("/files/{document_id}/remove", name="document_remove")
async def document_remove(
    request: Request, user: CurrentUser, flow: WorkflowDep, document_id: int
) -> Response:
    actor = user.actor
    return await acted(
        request, user, "removed", lambda: flow.documents.remove(actor, document_id).application_id
    )


@router.post("/applications/{application_id}/complete", name="documents_complete")
async def documents_complete(
    request: Request, user: CurrentUser, flow: WorkflowDep, application_id: int
) -> Response:
    return await acted(
        request, user, "completed", lambda: flow.documents.complete(user.actor, application_id).id
    )


@router.get("/files/{document_id}", name="document_download")
async def document_download(
    request: Request, user: CurrentUser, flow: WorkflowDep, document_id: int
) -> Response:
    """The file as an attachment, with its sniffing and any active content refused."""

    def work() -> Response:
        document, opened = flow.documents.download(user.actor, document_id)
        with opened:
            body = opened.read()
        headers = attachment("document", document.file_name)
        # Served as the bytes it is, never as a page: nothing in it may run.
        headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return Response(body, media_type=document.media_type, headers=headers)

    return await served(request, work)
