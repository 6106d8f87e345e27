"""The ASGI application: the API under /api/v1 and the web UI, on one database."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from hojokin import web
from hojokin.api import api_docs, errors
from hojokin.api.limits import BodyLimit
from hojokin.api.routes import router
from hojokin.catalog import status
from hojokin.catalog.loader import Catalog
from hojokin.server import guards
from hojokin.server.settings import Settings
from hojokin.store.open import open_store
from hojokin.store.read import read_catalog

OPENAPI_URL = "/api/v1/openapi.json"


def create_app(
    engine: Engine | None = None,
    catalog: Catalog | None = None,
    *,
    settings: Settings | None = None,
) -> FastAPI:
    """The app on `engine` (default: the configured database, migrated and holding the
    current catalog). `app.state.catalog` is the catalog it serves, read back from the
    database unless given; `app.state.engine` the database its search queries;
    `app.state.today` gives the date statuses are judged on (today in Japan)."""
    settings = settings or Settings.from_env()
    engine = engine or open_store(settings.database_url, settings.catalog_root)
    app = FastAPI(
        title="hojokin API",
        version="1",
        description="中小企業向け支援制度の検索・要件確認・金額試算（docs/api.md）",
        openapi_url=OPENAPI_URL,
        docs_url=None,  # Swagger UI loads its script from a CDN; api_docs serves a page
        redoc_url=None,
        lifespan=_serving,
    )
    app.state.engine = engine
    app.state.catalog = catalog if catalog is not None else read_catalog(engine)
    app.state.today = status.today_jst
    app.state.listed_json, app.state.listed_day = {}, None
    errors.install(app)
    app.include_router(router)
    app.include_router(api_docs.router)
    app.include_router(web.router)
    web.mount_static(app)
    _pages_for_people(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, timeout=settings.body_timeout_s)
    guards.install(app, settings)  # last: the outermost layer
    return app


@asynccontextmanager
async def _serving(app: FastAPI) -> AsyncIterator[None]:
    # The catalog and the app live as long as the server: taking them out of the
    # collector's reach keeps its full passes short, which had held every waiting
    # request for tens of milliseconds under load.
    gc.freeze()
    yield


def _pages_for_people(app: FastAPI) -> None:
    """Outside /api/, an unknown address gets the web UI's Japanese page, not JSON."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404 and not request.url.path.startswith("/api/"):
            return web.not_found(request, "ページ")
        return errors.http_error(exc)

    app.add_exception_handler(HTTPException, http_error)
