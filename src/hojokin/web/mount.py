"""The web UI's static files; hojokin.api.app.create_app includes `pages.router` and
calls `mount_static`, so one application serves the API and the pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"


def mount_static(app: FastAPI) -> None:
    """Serve the style sheet and the script under /static (name "static" for url_for)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
