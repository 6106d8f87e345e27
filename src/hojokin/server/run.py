"""`hojokin serve`: prepare the database once, then run the workers while this process
keeps the stored catalog in step with the folder."""

from __future__ import annotations

import math
import os
import threading
from functools import partial
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from hojokin.server import logs
from hojokin.server.protocol import HeaderDeadline
from hojokin.server.settings import Settings
from hojokin.server.watch import FolderSync
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate

FACTORY = "hojokin.api.app:create_app"


def prepare(settings: Settings) -> FolderSync:
    """Migrate the database and load the catalog before any worker starts (raises
    CatalogError, unless the database holds a catalog of this folder to go on serving,
    or SQLAlchemyError); the folder's sync goes on in `serve`."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    folder = FolderSync(engine, settings.catalog_root)
    folder.start()
    return folder


def options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options from the settings: timeouts, graceful shutdown, logs."""
    return {
        "factory": True,
        # A partial of a module-level class, so that it travels to spawned workers.
        "http": partial(HeaderDeadline, header_timeout=settings.header_timeout_s),
        "timeout_keep_alive": math.ceil(settings.keep_alive_s),
        "timeout_graceful_shutdown": math.ceil(settings.shutdown_timeout_s),
        "log_config": logs.LOG_CONFIG,
        "log_level": "info",
        "access_log": False,
    }


class Workers(Multiprocess):
    """uvicorn's worker supervisor, but on SIGTERM it first closes its own copy of the
    listening socket: the workers close theirs and finish their requests, and a new
    connection is refused instead of waiting in a backlog nobody accepts from."""

    def terminate_all(self) -> None:
        for sock in self.sockets:
            sock.close()
        super().terminate_all()


def serve(settings: Settings, host: str, port: int, workers: int, folder: FolderSync) -> None:
    # Each worker process builds its app from the environment (uvicorn starts them
    # with spawn), so the settings given as options travel there.
    os.environ.update(settings.environ())
    stop = threading.Event()
    watcher = threading.Thread(
        target=folder.watch, args=(settings.catalog_poll_s, stop), name="catalog-watch"
    )
    watcher.start()
    try:
        if workers == 1:
            uvicorn.run(FACTORY, host=host, port=port, **options(settings))
            return
        config = uvicorn.Config(FACTORY, host=host, port=port, workers=workers, **options(settings))
        Workers(config, sockets=[config.bind_socket()]).run()
    finally:
        stop.set()
        watcher.join()
        folder.engine.dispose()
