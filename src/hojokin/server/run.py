"""`hojokin serve`: prepare the database once, then run the workers while this process
keeps the stored catalog in step with the folder."""

from __future__ import annotations

import logging
import os
import threading

import uvicorn

from hojokin.server.settings import Settings
from hojokin.server.watch import FolderSync
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate

FACTORY = "hojokin.api.app:create_app"


def prepare(settings: Settings) -> FolderSync:
    """Migrate the database and load the catalog before any worker starts (raises
    CatalogError, unless the database holds a catalog of this folder to go on serving,
    or SQLAlchemyError); the folder's sync goes on in `serve`."""
    if not logging.getLogger().handlers:
        # Lines of the catalog's state reach stderr.
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    engine = make_engine(settings.database_url)
    migrate(engine)
    folder = FolderSync(engine, settings.catalog_root)
    folder.start()
    return folder


def serve(settings: Settings, host: str, port: int, workers: int, folder: FolderSync) -> None:
    # Each worker process builds its app from the environment (uvicorn starts them
    # with spawn), so the settings given as options travel there.
    os.environ["HOJOKIN_CATALOG"] = str(settings.catalog_root)
    os.environ["HOJOKIN_DATABASE_URL"] = settings.database_url
    os.environ["HOJOKIN_ALLOWED_HOSTS"] = ",".join(settings.allowed_hosts)
    os.environ["HOJOKIN_CATALOG_POLL_S"] = str(settings.catalog_poll_s)
    stop = threading.Event()
    watcher = threading.Thread(
        target=folder.watch, args=(settings.catalog_poll_s, stop), name="catalog-watch"
    )
    watcher.start()
    try:
        uvicorn.run(
            FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning"
        )
    finally:
        stop.set()
        watcher.join()
        folder.engine.dispose()
