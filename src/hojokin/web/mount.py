"""Putting the web UI into an application: its static files, and an app of its own.

hojokin's application (API and UI) includes `pages.router` and calls `mount_static`;
`web_app` serves the UI alone, for its tests and the screenshot script.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.web.pages import router

STATIC = Path(__file__).resolve().parent / "static"


def mount_static(app: FastAPI) -> None:
    """Serve the style sheet and the script under /static (name "static" for url_for)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def web_app(catalog: Catalog | None = None) -> FastAPI:
    """The web UI alone on `catalog` (default: the configured catalog folder)."""
    app = FastAPI(title="hojokin", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(router)
    mount_static(app)
    app.state.catalog = catalog if catalog is not None else load_catalog()
    return app
