"""The web UI's routes. Each reads the request, calls the services the CLI uses, and
renders a template; the page-specific shaping lives in check_groups, search_page and the forms.

The catalog is the request's snapshot, and the day the app's (today in Japan), both
taken as typed dependencies (`hojokin.server.snapshot`): one load throughout.
Forms are plain GET/POST, so every flow works without JavaScript; bad input is shown
next to its field (status 422), never as an error page.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from hojokin.catalog import status
from hojokin.catalog.kinds import KINDS
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.catalog.vocabulary import DOCUMENT_NEED_LABELS, SIZE_LABELS
from hojokin.ja.fields import small_number
from hojokin.rules import service
from hojokin.rules.company import Company
from hojokin.rules.grant_steps import fixed_only
from hojokin.search.query import SORT_LABELS
from hojokin.search.request import QueryError
from hojokin.server.offload import within
from hojokin.server.snapshot import CatalogDep, LiveDep, SnapshotDep, TodayDep, go_on_with, live
from hojokin.store.snapshot import LiveCatalog, Snapshot
from hojokin.views.terms import criterion_notes, term_rows
from hojokin.web.check_groups import find_matches
from hojokin.web.company_form import CompanyFormSpec, company_facts, read_company
from hojokin.web.export import attachment, rows, to_csv, to_xlsx
from hojokin.web.fields import FormState, form_data
from hojokin.web.plan_form import (
    MONTHS,
    estimate_verdict,
    person_fields,
    persons,
    plan_fits,
    plan_layout,
    read_frame,
    read_plan,
)
from hojokin.web.results import Results, shape
from hojokin.web.search_page import (
    MIN_CAPS,
    STATUS_CHOICES,
    SearchParams,
    SearchResults,
    empty_advice,
    fiscal_years,
    prefectures,
    search_page_results,
    use_purposes,
    window,
)
from hojokin.web.session import load_session
from hojokin.web.sources import cites, headings_above
from hojokin.web.templating import templates

# Pages, not API; each knows who is signed in, for the header.
router = APIRouter(
    default_response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(load_session)],
)


def _page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def not_found(request: Request, what: str) -> Response:
    return _page(request, "not_found.html", 404, what=what)


def unavailable(request: Request, retry_after_s: int) -> Response:
    """The page shown while the database cannot be reached (503)."""
    # Until a worker has read a catalog, nothing else can be shown either.
    response = _page(request, "unavailable.html", 503, catalog=live(request).loaded() is not None)
    response.headers["Retry-After"] = str(retry_after_s)
    return response


@router.get("/", name="search")
async def search_page(
    request: Request, found: LiveDep, taken: SnapshotDep, today: TodayDep
) -> Response:
    return await within(lambda: _search_page(request, found, taken, today))


def _search_page(request: Request, found: LiveCatalog, taken: Snapshot, today: date) -> Response:
    params = SearchParams.from_query(request.query_params, taken.catalog, today)
    try:
        results = search_page_results(found, taken, params)
    except QueryError as exc:
        # A keyword over the limits is shown at its field, with the form to shorten it.
        return _search_form(request, taken.catalog, 422, params, None, {exc.field: exc.message})
    go_on_with(request, results.snapshot)
    # A filter given a value it cannot take is said on the page, which still searches
    # without it; the status says the request was not all taken.
    status_code = 400 if params.ignored else 200
    return _search_form(request, results.snapshot.catalog, status_code, params, results, {})


def _search_form(
    request: Request,
    catalog: Catalog,
    status_code: int,
    params: SearchParams,
    results: SearchResults | None,
    errors: dict[str, str],
) -> Response:
    return _page(
        request,
        "search.html",
        status_code,
        params=params,
        results=results,
        errors=errors,
        empty=empty_advice(params, results.words_total) if results and not results.total else None,
        prefectures=prefectures(catalog),
        kinds=KINDS,
        fiscal_years=fiscal_years(catalog),
        min_caps=MIN_CAPS,
        sizes=SIZE_LABELS,
        statuses=STATUS_CHOICES,
        purposes=use_purposes(catalog),
        sorts=SORT_LABELS,
    )


@router.get("/programs/{program_id}", name="program")
def program_page(
    request: Request, catalog: CatalogDep, today: TodayDep, program_id: str
) -> Response:
    program = catalog.get(program_id)
    if program is None:
        return not_found(request, f"制度「{program_id}」")
    document = catalog.documents.get(program.source.doc)
    return _page(
        request,
        "program.html",
        program=program,
        standing=status.standing(catalog, program, today),
        window=window(program, today),
        term_rows=term_rows,
        criterion_notes=criterion_notes,
        source_title=document.title if document else program.source.doc,
        estimable=_estimable(program),
    )


@router.get("/documents/{name}", name="document")
def document_page(request: Request, catalog: CatalogDep, name: str) -> Response:
    document = catalog.documents.get(name)
    if document is None:
        return not_found(request, f"資料「{name}」")
    args = request.query_params
    first = small_number(args.get("from", "")) or 0
    last = small_number(args.get("to", "")) or first
    back = catalog.get(args.get("program", ""))
    return _page(
        request,
        "document.html",
        document=document,
        first=first,
        last=max(first, last),
        headings=headings_above(document.lines, first) if first else [],
        back=back if back is not None and cites(back, name) else None,
    )


# --- 使える支援制度を調べる -----------------------------------------------------------


def company_spec(catalog: Catalog, program_id: str | None = None) -> CompanyFormSpec:
    return CompanyFormSpec(
        facts=company_facts(catalog, program_id),
        university_venture=catalog.facts.get("university_venture"),
        zero_emission_theme=catalog.facts.get("zero_emission_theme"),
    )


@router.get("/check", name="check_form")
def check_form(request: Request, catalog: CatalogDep) -> Response:
    spec = company_spec(catalog)
    return _page(request, "check_form.html", spec=spec, form=FormState())


async def _posted(request: Request) -> FormState:
    return FormState(form_data((await request.form()).multi_items()))


def _company_from(catalog: Catalog, form: FormState) -> tuple[CompanyFormSpec, Company | None]:
    spec = company_spec(catalog)
    if form.value("edit"):
        return spec, None
    return spec, read_company(form, spec, catalog.facts)


def _results(catalog: Catalog, company: Company, today: date) -> Results:
    return shape(find_matches(catalog, company), catalog, company, today)


# The POST pages read the form on the event loop, then judge and render in a worker
# thread, as FastAPI runs the GET pages: the whole catalog's results take a few hundred
# milliseconds to compute and render, which would hold every other request meanwhile.


@router.post("/check", name="check_results")
async def check_results(request: Request, catalog: CatalogDep, today: TodayDep) -> Response:
    form = await _posted(request)
    return await run_in_threadpool(_check_results, request, catalog, today, form)


def _check_results(request: Request, catalog: Catalog, today: date, form: FormState) -> Response:
    spec, company = _company_from(catalog, form)
    if form.value("edit"):  # 入力内容を修正する: the form again, filled in
        form.data.pop("edit")
        return _page(request, "check_form.html", spec=spec, form=form)
    if company is None:
        return _page(request, "check_form.html", 422, spec=spec, form=form)
    return _page(
        request,
        "check_results.html",
        spec=spec,
        company=company,
        form=form,
        results=_results(catalog, company, today),
        today=today,
        carried=form.hidden(spec.field_names()),
        estimable=_estimable,
    )


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", to_xlsx),
}


@router.post("/check/export", name="check_export")
async def check_export(request: Request, catalog: CatalogDep, today: TodayDep) -> Response:
    """The results as a file to keep: the same company fields, and `format` csv or xlsx."""
    form = await _posted(request)
    return await run_in_threadpool(_check_export, request, catalog, today, form)


def _check_export(request: Request, catalog: Catalog, today: date, form: FormState) -> Response:
    spec, company = _company_from(catalog, form)
    if company is None or form.value("format") not in EXPORTS:
        if form.value("format") not in EXPORTS:
            form.add("format", "出力形式", "CSVかExcelを選んでください")
        return _page(request, "check_form.html", 422, spec=spec, form=form)
    media_type, extension, write = EXPORTS[form.value("format")]
    table = rows(
        _results(catalog, company, today),
        lambda pid: str(request.url_for("program", program_id=pid)),
    )
    name = f"支援制度の判定結果_{today.isoformat()}.{extension}"
    headers = attachment(f"hojokin-check.{extension}", name)
    return Response(write(table), media_type=media_type, headers=headers)


# --- 金額の試算 ---------------------------------------------------------------------


def _estimable(program: Program) -> bool:
    """A program whose terms give an amount: a rate, a cap or a fixed amount (its own or
    its variants')."""
    return any(f.effective_rate or f.cap or f.fixed or fixed_only(f) for f in program.frames)


@router.get("/programs/{program_id}/estimate", name="estimate_form")
def estimate_form(request: Request, catalog: CatalogDep, program_id: str) -> Response:
    return _estimate(request, catalog, program_id, FormState(), compute=False)


@router.post("/programs/{program_id}/estimate", name="estimate_result")
async def estimate_result(request: Request, catalog: CatalogDep, program_id: str) -> Response:
    form = await _posted(request)
    # "prefill" arrives from the results page with the company; "add_person" asks for a row.
    compute = not (form.value("prefill") or form.value("add_person"))
    work = partial(_estimate, request, catalog, program_id, form, compute=compute)
    return await run_in_threadpool(work)


def _estimate(
    request: Request, catalog: Catalog, program_id: str, form: FormState, *, compute: bool
) -> Response:
    program = catalog.get(program_id)
    if program is None or not _estimable(program):
        return not_found(request, f"試算できる制度「{program_id}」")
    spec = company_spec(catalog, program.id)
    layout = plan_layout(catalog, program)
    # small_number, not str.isdigit(): "²" or 5,000 digits would reach int() and raise.
    added = small_number(form.value("add_person"))
    if added is not None:
        form.data[f"y{added}_persons"] = [str(persons(form, added) + 1)]
    context: dict[str, Any] = {
        "program": program,
        "spec": spec,
        "layout": layout,
        "form": form,
        "result": None,
        "focus_row": "" if added is None else str(added),
        "statuses": DOCUMENT_NEED_LABELS,
        "frame_names": {f.id: f.name for f in program.frames},
        "persons": persons,
        "months": MONTHS,
        "month_names": lambda year, row: person_fields(year, row)[3:],
        "verdict": estimate_verdict,
        "category_names": lambda frame: {c.id: c.name for c in frame.categories},
    }
    if not compute:
        return _page(request, "estimate.html", **context)
    frame = read_frame(form, layout)
    company = read_company(form, spec, catalog.facts)
    plan = read_plan(form, layout, catalog.facts)
    if (
        frame is None
        or company is None
        or plan is None
        or not plan_fits(form, program, frame, plan)
    ):
        return _page(request, "estimate.html", 422, **context)
    context["result"] = service.estimate(program, frame, company, plan)
    return _page(request, "estimate.html", **context)
