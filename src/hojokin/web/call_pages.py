"""The office's pages of its calls (公募回): the list with each call's status, dates and
applications, opening a call from the catalog's cited schedule or from dates typed to
the second, a call's page with its sources and slot calendar, and the actions its
status allows — 公開, 受付終了, 編集 while 準備中, closing one slot.

Routes are thin: `Workflow.calls` checks every permission and state; the pages read
the form (`web.call_form`) and offer only what `allowed_actions` gives. Applicants and
reviewers are refused every page here, published calls included: theirs is /calls."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hojokin.accounts.errors import Duplicate, Invalid
from hojokin.catalog.loader import Catalog
from hojokin.catalog.primitives import Citation
from hojokin.rules.service import UnknownProgramError
from hojokin.server.snapshot import CatalogDep, WorkflowDep
from hojokin.views.wording import unknown_text
from hojokin.web.call_form import (
    DATES,
    LABELS,
    call_form,
    frame_choices,
    plan_of,
    read_dates,
    read_settings,
    refused_field,
    schedule_lines,
)
from hojokin.web.fields import FormState
from hojokin.web.roles import may
from hojokin.web.service_pages import acted, done, notice_of, page, served
from hojokin.web.session import CurrentUser, load_session, session_form
from hojokin.web.slot_calendar import weeks
from hojokin.workflow import times
from hojokin.workflow.records import Call
from hojokin.workflow.states import CALL_STATUS_LABELS

router = APIRouter(
    default_response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(load_session)],
)
WORDS = {"jst_full": times.jst_full, "call_status": CALL_STATUS_LABELS}
CREATE_FIELDS = ("frame", "code", "name", *DATES, "slot_minutes", "slot_capacity")
EDIT_FIELDS = CREATE_FIELDS[1:]
MODES = ("catalog", "dates")
NO_MODE = "「制度データの日程で作成」か「日時を指定して作成」を選んでください"
DATES_TYPED = (
    "制度データの日程で作成するときは日時の欄を空にしてください。"
    "入力した日時で作成するときは「日時を指定して作成」を選んでください"
)


def _names(catalog: Catalog, found: Call) -> tuple[str, str]:
    """The call's program and frame as the catalog names them (the ids, should either
    have left the catalog since)."""
    program = catalog.programs.get(found.program_id)
    frame = (
        None
        if program is None
        else next((f for f in program.frames if f.id == found.frame_id), None)
    )
    return (
        found.program_id if program is None else program.name,
        found.frame_id if frame is None else frame.name,
    )


@router.get("/office/calls", name="office_calls")
async def office_calls(request: Request, user: CurrentUser, flow: WorkflowDep) -> Response:
    def work() -> Response:
        rows = flow.calls.run_by(user.actor)
        return page(request, "office_calls.html", rows=rows, words=WORDS,
                    may_create=may(user, "call.create"), notice=notice_of(request))  # fmt: skip

    return await served(request, work)


def _form_page(
    request: Request,
    catalog: Catalog,
    form: FormState,
    *,
    editing: Call | None = None,
    status: int = 200,
) -> Response:
    choices = frame_choices(catalog)
    programs = {c.program.id: c.program for c in choices.scheduled}
    return page(
        request,
        "call_form.html",
        status,
        form=form,
        editing=editing,
        names=None if editing is None else _names(catalog, editing),
        choices=choices,
        schedules=[(p, schedule_lines(p)) for p in programs.values()],
        labels=LABELS,
        words=WORDS,
    )


@router.get("/office/calls/new", name="call_new")
async def call_new(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep
) -> Response:
    def work() -> Response:
        flow.calls.may_create(user.actor)
        chosen = request.query_params.get("frame", "")
        first = frame_choices(catalog).scheduled
        if not chosen and first:
            chosen = first[0].value
        mode = "catalog" if first else "dates"
        return _form_page(request, catalog, FormState({"frame": [chosen], "mode": [mode]}))

    return await served(request, work)


@router.post("/office/calls/new", name="call_create")
async def call_create(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep
) -> Response:
    form = await session_form(request, user, "request.csrf")
    form.data.pop("csrf_token", None)
    mode = form.value("mode")

    def again() -> Response:
        return _form_page(request, catalog, form, status=422)

    def work() -> Response:
        flow.calls.may_create(user.actor)
        if mode not in MODES:
            form.add("mode", LABELS["mode"], NO_MODE, group=True)
        elif mode == "catalog" and any(form.value(name).strip() for name in DATES):
            form.add("mode", LABELS["mode"], DATES_TYPED, group=True)
        chosen = frame_choices(catalog).find(form.value("frame"))
        if chosen is None:
            form.add("frame", LABELS["frame"], "公募回を開く制度と枠を選んでください")
        settings = read_settings(form)
        dates = read_dates(form) if mode == "dates" else None
        if form.errors or chosen is None or settings is None:
            return again()
        program_id, frame_id = chosen.value.split("/", 1)
        try:
            if dates is None:
                made = flow.calls.create_from_catalog(
                    user.actor, program_id, frame_id, settings.code, name=settings.name,
                    slot_minutes=settings.slot_minutes, slot_capacity=settings.slot_capacity,
                )  # fmt: skip
            else:
                plan = plan_of(program_id, frame_id, settings, dates)
                made = flow.calls.create(user.actor, plan)
        except (Invalid, Duplicate) as exc:
            shown = (
                CREATE_FIELDS
                if mode == "dates"
                else tuple(f for f in CREATE_FIELDS if f not in DATES)
            )
            refused_field(form, exc, shown)
            return again()
        except UnknownProgramError as exc:
            form.add("frame", LABELS["frame"], unknown_text(exc))
            return again()
        return done(_call_path(request, made.id), "call_created")

    return await served(request, work)


@router.get("/office/calls/{call_id}", name="office_call")
async def office_call(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep, call_id: int
) -> Response:
    def work() -> Response:
        found = flow.calls.run(user.actor, call_id)
        slots = flow.calls.slots(user.actor, call_id)
        return page(
            request,
            "office_call.html",
            call=found,
            names=_names(catalog, found),
            cites=[(s, Citation(doc=s.doc, lines=s.lines, quote=s.quote)) for s in found.sources],
            actions=flow.allowed_actions(user.actor, found),
            weeks=weeks(slots),
            booked=sum(s.booked for s in slots),
            capacity=sum(s.capacity for s in slots),
            notice=notice_of(request),
            words=WORDS,
        )

    return await served(request, work)


def _not_editable(request: Request, found: Call) -> Response:
    status = CALL_STATUS_LABELS[found.status]
    line = f"「{status}」の公募回は編集できません。編集できるのは準備中の公募回だけです"
    return page(request, "notice.html", 409, heading="この操作はできません", lines=[line])


@router.get("/office/calls/{call_id}/edit", name="call_edit")
async def call_edit(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep, call_id: int
) -> Response:
    def work() -> Response:
        found = flow.calls.run(user.actor, call_id)
        if "call.update" not in flow.allowed_actions(user.actor, found):
            return _not_editable(request, found)
        return _form_page(request, catalog, call_form(found), editing=found)

    return await served(request, work)


@router.post("/office/calls/{call_id}/edit", name="call_update")
async def call_update(
    request: Request, user: CurrentUser, flow: WorkflowDep, catalog: CatalogDep, call_id: int
) -> Response:
    form = await session_form(request, user, "request.csrf")
    form.data.pop("csrf_token", None)

    def work() -> Response:
        found = flow.calls.run(user.actor, call_id)
        if "call.update" not in flow.allowed_actions(user.actor, found):
            return _not_editable(request, found)
        settings, dates = read_settings(form), read_dates(form)
        if settings is None or dates is None:
            return _form_page(request, catalog, form, editing=found, status=422)
        stored = (found.window_start, found.window_end, found.booking_start, found.booking_end)
        # The citations stay only while the dates are still the ones they cite.
        sources = found.sources if dates == stored else ()
        plan = plan_of(found.program_id, found.frame_id, settings, dates, sources)
        try:
            flow.calls.update(user.actor, call_id, plan)
        except (Invalid, Duplicate) as exc:
            refused_field(form, exc, EDIT_FIELDS)
            return _form_page(request, catalog, form, editing=found, status=422)
        except UnknownProgramError as exc:
            # The program or frame left the catalog after the call was opened.
            lines = [unknown_text(exc)]
            return page(request, "notice.html", 422, heading="入力内容を確認してください",
                        lines=lines)  # fmt: skip
        return done(_call_path(request, call_id), "call_updated")

    return await served(request, work)


def _call_path(request: Request, call_id: int) -> str:
    return str(request.app.url_path_for("office_call", call_id=call_id))


@router.post("/office/calls/{call_id}/publish", name="call_publish")
async def call_publish(
    request: Request, user: CurrentUser, flow: WorkflowDep, call_id: int
) -> Response:
    actor = user.actor
    return await acted(
        request, user, "call_published", lambda: flow.calls.publish(actor, call_id).id, _call_path
    )


@router.post("/office/calls/{call_id}/close", name="call_close")
async def call_close(
    request: Request, user: CurrentUser, flow: WorkflowDep, call_id: int
) -> Response:
    actor = user.actor
    return await acted(
        request, user, "call_closed", lambda: flow.calls.close(actor, call_id).id, _call_path
    )


@router.post("/office/slots/{slot_id}/close", name="slot_close")
async def slot_close(
    request: Request, user: CurrentUser, flow: WorkflowDep, slot_id: int
) -> Response:
    actor = user.actor
    return await acted(
        request, user, "slot_closed", lambda: flow.calls.close_slot(actor, slot_id).call_id,
        _call_path,
    )  # fmt: skip
