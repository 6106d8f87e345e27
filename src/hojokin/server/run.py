"""`hojokin serve`: prepare the database once, then run the workers."""

from __future__ import annotations

import os

import uvicorn

from hojokin.server.settings import Settings
from hojokin.store.open import open_store

FACTORY = "hojokin.api.app:create_app"


def prepare(settings: Settings) -> None:
    """Migrate the database and load the catalog before any worker starts (raises
    CatalogError or SQLAlchemyError)."""
    open_store(settings.database_url, settings.catalog_root).dispose()


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    # Each worker process builds its app from the environment (uvicorn starts them
    # with spawn), so the settings given as options travel there.
    os.environ["HOJOKIN_CATALOG"] = str(settings.catalog_root)
    os.environ["HOJOKIN_DATABASE_URL"] = settings.database_url
    os.environ["HOJOKIN_ALLOWED_HOSTS"] = ",".join(settings.allowed_hosts)
    uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning")
