"""The /api/v1 routes: thin wrappers over the services the CLI uses.

The routes are `async def` and run on the event loop: they compute on the catalog in
memory, and a search adds one short SELECT, well under a millisecond on SQLite, which
costs less than handing the request to a thread and back. A PostgreSQL search, which
waits on the network, goes to a thread with a deadline (`hojokin.server.offload`), and
so does the estimate, whose cost grows with the plan."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import date
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from hojokin.api.errors import ApiError, validation_error
from hojokin.api.models import (
    CheckJSON,
    CheckRequest,
    ErrorResponse,
    EstimateJSON,
    EstimateRequest,
    ProgramDetail,
    ProgramList,
)
from hojokin.api.responses import FastJSONResponse, json_bytes
from hojokin.catalog.kinds import Kind
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.catalog.vocabulary import COMPANY_SIZES, CompanySize, Status
from hojokin.rules import service
from hojokin.rules.company import Company, parse_company
from hojokin.rules.input_files import InputError, read_json
from hojokin.rules.plan import Plan, parse_plan
from hojokin.search.query import MAX_LIMIT, MAX_QUERY_CHARS, MAX_WORDS, Sort
from hojokin.search.request import QueryError, program_query
from hojokin.search.service import search_programs
from hojokin.server.offload import database_read
from hojokin.server.snapshot import CatalogDep, LiveDep, SnapshotDep, TodayDep, go_on_with
from hojokin.store.snapshot import Snapshot
from hojokin.views.checks import check_json, estimate_json
from hojokin.views.programs import program_json_on
from hojokin.views.wording import frames_text, unknown_text


class _InputRequest(Request):
    """A request whose JSON body is read as input files are (`read_json`): an integer too
    long for any field becomes a value that field refuses by name."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = read_json(await self.body())
        return self._json


class _InputRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            return await handler(_InputRequest(request.scope, request.receive))

        return handle


router = APIRouter(prefix="/api/v1", tags=["api v1"], route_class=_InputRoute)
JSON = "application/json"

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (400, 404, 413, 422)
}


def _program(catalog: Catalog, program_id: str, field: str) -> Program:
    program = catalog.get(program_id)
    if program is None:
        raise ApiError(404, "program_not_found", f"事業「{program_id}」はありません", field)
    return program


def _company(catalog: Catalog, data: dict[str, Any]) -> Company:
    try:
        return parse_company(data, "company", catalog.facts)
    except InputError as exc:
        raise validation_error(exc.errors, "company") from None


def _plan(catalog: Catalog, data: dict[str, Any]) -> Plan:
    try:
        return parse_plan(data, "plan", catalog.facts)
    except InputError as exc:
        raise validation_error(exc.errors, "plan") from None


@router.get(
    "/programs",
    summary="制度の検索",
    response_model=ProgramList,
    responses=_ERRORS,
)
async def list_programs(
    request: Request,
    found: LiveDep,
    taken: SnapshotDep,
    today: TodayDep,
    q: Annotated[
        str,
        Query(
            description=f"検索語（空白区切りで AND。{MAX_QUERY_CHARS} 文字・{MAX_WORDS} 語まで）"
        ),
    ] = "",
    prefecture: Annotated[str | None, Query(description="都道府県（東京 / 東京都）")] = None,
    issuer: Annotated[str | None, Query(description="実施機関・部署（部分一致）")] = None,
    kind: Annotated[Kind | None, Query(description="種類")] = None,
    fiscal_year: Annotated[int | None, Query(description="年度（西暦）")] = None,
    open_on: Annotated[date | None, Query(description="この日に募集中")] = None,
    min_cap_yen: Annotated[int | None, Query(description="上限額がこの額以上")] = None,
    size: Annotated[
        CompanySize | None, Query(description=f"会社の規模: {', '.join(COMPANY_SIZES)}")
    ] = None,
    status: Annotated[
        Status | None,
        Query(
            description="今日（日本時間）の状況: open 募集中, upcoming 募集予定, "
            "closed 募集終了, reported 実施済み（実績報告）"
        ),
    ] = None,
    use_purpose: Annotated[
        str | None, Query(description="利用目的（jGrants の語彙、完全一致）")
    ] = None,
    sort: Annotated[
        Sort,
        Query(
            description="並び順: relevance 関連度, deadline 締切が近い順（締切なしは最後）, "
            "cap 上限額が大きい順, newest 新着順"
        ),
    ] = "relevance",
    limit: Annotated[int, Query(description=f"件数（{MAX_LIMIT} まで）")] = 20,
    offset: Annotated[int, Query(description="何件目から（0 から）")] = 0,
) -> Response:
    """Search and filter programs: `{"total": n, "items": [program JSON]}`, in the order of
    `sort` (best first by default)."""
    try:
        query = program_query(
            q,
            prefecture=prefecture,
            issuer=issuer,
            kind=kind,
            fiscal_year=fiscal_year,
            open_on=open_on,
            min_cap_yen=min_cap_yen,
            size=size,
            status=status,
            use_purpose=use_purpose,
            sort=sort,
            today=today,
            limit=limit,
            offset=offset,
        )
    except QueryError as exc:
        raise ApiError(422, "invalid", f"{exc.field}: {exc.message}", exc.field) from None
    read = partial(search_programs, found, taken, query)
    page = await database_read(found.engine, read)
    go_on_with(request, page.snapshot)
    items = b",".join(_listed_json(page.snapshot, p, today) for p in page.programs)
    return Response(b'{"total":%d,"items":[%b]}' % (page.total, items), media_type=JSON)


def _listed_json(snapshot: Snapshot, program: Program, today: date) -> bytes:
    """A program as the list shows it, serialised once per snapshot and day: a snapshot's
    catalog never changes, a status changes with the date in Japan, and serialising was
    most of a search request's time."""
    return snapshot.listed_json.get(
        today, program.id, lambda: json_bytes(program_json_on(snapshot.catalog, program, today))
    )


@router.get(
    "/programs/{program_id}", summary="制度の詳細", response_model=ProgramDetail, responses=_ERRORS
)
async def get_program(
    catalog: CatalogDep, today: TodayDep, program_id: Annotated[str, Path(max_length=200)]
) -> FastJSONResponse:
    """One program with every term and citation (`detail`) and its status today."""
    program = _program(catalog, program_id, "program_id")
    return FastJSONResponse(program_json_on(catalog, program, today, detail=True))


@router.post("/check", summary="要件の確認", response_model=list[CheckJSON], responses=_ERRORS)
async def check(catalog: CatalogDep, body: CheckRequest) -> FastJSONResponse:
    """Check a company against every program frame, or one program's: the check JSON."""
    programs = (
        [_program(catalog, body.program_id, "program_id")] if body.program_id else list(catalog)
    )
    company = _company(catalog, body.company)
    return FastJSONResponse([check_json(c) for c in service.check_company(programs, company)])


@router.post("/estimate", summary="金額の試算", response_model=EstimateJSON, responses=_ERRORS)
async def estimate(catalog: CatalogDep, body: EstimateRequest) -> FastJSONResponse:
    """Estimate the grant of one frame for a company and its plan: the estimate JSON.

    Unlike the other routes, its cost grows with the input: the largest plan the body
    limit lets through (hundreds of personnel lines, each month by month) takes about
    100 ms to read, estimate and serialise, so it runs in a worker thread and the event
    loop goes on answering other requests meanwhile."""
    return await run_in_threadpool(_estimate, catalog, body)


def _estimate(catalog: Catalog, body: EstimateRequest) -> FastJSONResponse:
    program = _program(catalog, body.program_id, "program_id")
    if body.frame is None and len(program.frames) > 1:
        message = f"frame: 枠を指定してください: {frames_text(program)}"
        raise ApiError(422, "invalid", message, "frame")
    try:
        (frame,) = service.select_frames(program, body.frame)
    except service.UnknownProgramError as exc:
        raise ApiError(422, "invalid", f"frame: {unknown_text(exc)}", "frame") from None
    company = _company(catalog, body.company)
    plan = _plan(catalog, body.plan)
    try:
        result = service.estimate(program, frame, company, plan)
    except InputError as exc:  # a plan field this frame would ignore
        raise validation_error(exc.errors, "plan") from None
    return FastJSONResponse(estimate_json(result))
