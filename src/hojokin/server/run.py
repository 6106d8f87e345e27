"""`hojokin serve`: prepare the database once, then run the workers."""

from __future__ import annotations

import math
import os
from functools import partial
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from hojokin.server import logs
from hojokin.server.protocol import HeaderDeadline
from hojokin.server.settings import Settings
from hojokin.store.open import open_store

FACTORY = "hojokin.api.app:create_app"


def prepare(settings: Settings) -> None:
    """Migrate the database and load the catalog before any worker starts (raises
    CatalogError or SQLAlchemyError)."""
    open_store(settings.database_url, settings.catalog_root).dispose()


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


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    # Each worker process builds its app from the environment (uvicorn starts them
    # with spawn), so the settings given as options travel there.
    os.environ.update(settings.environ())
    if workers == 1:
        uvicorn.run(FACTORY, host=host, port=port, **options(settings))
        return
    config = uvicorn.Config(FACTORY, host=host, port=port, workers=workers, **options(settings))
    Workers(config, sockets=[config.bind_socket()]).run()
