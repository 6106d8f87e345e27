"""The ASGI application: the API under /api/v1 and the web UI, on one database."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from hojokin import web
from hojokin.accounts.service import Accounts
from hojokin.accounts.signin import SignIn
from hojokin.api import (
    api_docs,
    applications,
    calls,
    documents,
    errors,
    health,
    me,
    service_errors,
)
from hojokin.api.limits import BodyLimit
from hojokin.api.routes import router
from hojokin.catalog import status
from hojokin.catalog.loader import Catalog
from hojokin.drafts.publishing import Publishing
from hojokin.drafts.service import Drafts
from hojokin.load import restore_published
from hojokin.server import guards
from hojokin.server.offload import DatabaseTimeout
from hojokin.server.settings import Settings
from hojokin.store.engine import make_engine
from hojokin.store.follow import following
from hojokin.store.snapshot import CatalogNotLoaded, LiveCatalog
from hojokin.workflow.service import Workflow

OPENAPI_URL = "/api/v1/openapi.json"


def create_app(
    engine: Engine | None = None,
    catalog: Catalog | None = None,
    *,
    settings: Settings | None = None,
) -> FastAPI:
    """The app on `engine` (default: the configured database, which `hojokin serve`
    has migrated and loaded: a worker never loads the catalog folder itself).
    `app.state.live` is the catalog it serves and its database (`.engine`), read back
    from the database unless `catalog` (the one stored there) is given, and followed
    while the app runs; `app.state.today` gives the date statuses are judged on (today
    in Japan). Both are read through `hojokin.server.snapshot`. `settings` default to
    the environment's (`hojokin serve` passes its own to each worker that way)."""
    settings = settings or Settings.from_env()
    live = LiveCatalog(engine or make_engine(settings.database_url), catalog)

    @asynccontextmanager
    async def serving(_app: FastAPI) -> AsyncIterator[None]:
        # The catalog and the app live as long as the server: taking them out of the
        # collector's reach keeps its full passes short, which had held every waiting
        # request for tens of milliseconds under load.
        gc.freeze()
        with following(live, settings.catalog_poll_s, on_swap=gc.freeze):
            yield

    app = FastAPI(
        title="hojokin API",
        version="1",
        description="中小企業向け支援制度の検索・要件確認・金額試算（docs/api.md）",
        openapi_url=OPENAPI_URL,
        docs_url=None,  # Swagger UI loads its script from a CDN; api_docs serves a page
        redoc_url=None,
        lifespan=serving,
    )
    # Read through hojokin.server.snapshot, the typed dependencies of routes and pages.
    app.state.live = live
    app.state.today = status.today_jst
    app.state.settings = settings
    app.state.accounts = Accounts(live.engine, policy=settings.signin_policy())
    app.state.signin = SignIn(
        app.state.accounts,
        settings.session_policy(),
        reset_lifetime=timedelta(seconds=settings.reset_token_s),
        throttle=settings.throttle(),
    )
    app.state.files = settings.file_store()
    app.state.workflow = Workflow(
        live.engine,
        lambda: live.current().catalog,
        app.state.files,
        policy=settings.workflow_policy(),
    )
    app.state.drafts = Drafts(live.engine, app.state.files)
    app.state.publishing = Publishing(live.engine, restore_published)
    errors.install(app)
    service_errors.install(app)
    app.include_router(health.router)
    app.include_router(router)
    app.include_router(me.router)
    app.include_router(calls.router)
    app.include_router(applications.router)
    app.include_router(documents.router)
    app.include_router(api_docs.router)
    app.include_router(web.router)
    web.mount_static(app)
    web.install(app)
    _pages_for_people(app)
    app.add_middleware(
        BodyLimit,
        limit=settings.max_body_bytes,
        timeout=settings.body_timeout_s,
        upload_limit=app.state.files.max_bytes,
    )
    guards.install(app, settings)  # last: the outermost layer
    return app


def _pages_for_people(app: FastAPI) -> None:
    """Outside /api/, an unknown address or an unreachable database gets the web UI's
    Japanese page, not JSON."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        page = not request.url.path.startswith("/api/")
        if exc.status_code == 404 and page:
            return web.not_found(request, "ページ")
        if exc.status_code == 405:
            return _not_allowed(request)
        return errors.http_error(exc)

    async def unavailable(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return errors.unavailable(exc)
        errors.log_unavailable(exc)
        return web.unavailable(request, errors.RETRY_AFTER_S)

    async def database_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SQLAlchemyError)
        if not errors.database_unavailable(exc):
            raise exc  # a fault of ours: the 500 handler answers and it is logged
        return await unavailable(request, exc)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if request.url.path.startswith("/api/"):
            return errors.invalid_request(exc)
        # A page's address whose id is not a number (/calls/abc) names no page.
        return web.not_found(request, "ページ")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(CatalogNotLoaded, unavailable)
    app.add_exception_handler(DatabaseTimeout, unavailable)
    app.add_exception_handler(SQLAlchemyError, database_error)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _not_allowed(request: Request) -> Response:
    """405 with every method the path takes: Starlette's Allow names only the first
    route matching the path (GET of /check, which also takes POST). Each method is
    tried against the routes, which nest as routers include routers."""
    routes = request.app.router.routes
    methods = {
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] == Match.FULL for r in routes)
    }
    if "GET" in methods:
        methods.add("HEAD")  # hojokin.server.guards answers HEAD as GET
    allow = (b"allow", ", ".join(sorted(methods)).encode())
    headers, body = guards.refusal(
        request.url.path, 405, "method_not_allowed", "このメソッドは使えません", (allow,)
    )
    return Response(body, 405, headers={k.decode(): v.decode() for k, v in headers})
