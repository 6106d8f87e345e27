"""Health checks for load balancers and orchestrators, at the root (docs/api.md):
`/healthz` says the worker answers, `/readyz` that it can serve (the database answers
and a catalog is loaded)."""

from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from hojokin.api.errors import RETRY_AFTER_S, UNAVAILABLE_MESSAGE
from hojokin.server.offload import DatabaseTimeout, within
from hojokin.server.snapshot import LiveDep
from hojokin.store.snapshot import Snapshot
from hojokin.store.state import stored_token

router = APIRouter(include_in_schema=False)
# A database slower than this to answer a one-row read cannot serve requests either.
READY_TIMEOUT_S = 2.0


@router.api_route("/healthz", methods=["GET", "HEAD"])
async def healthz() -> JSONResponse:
    """The process answers; nothing else is touched."""
    return JSONResponse({"status": "ok", "worker": os.getpid()})


@router.api_route("/readyz", methods=["GET", "HEAD"])
async def readyz(found: LiveDep) -> JSONResponse:
    """200 when the database answers and a catalog is loaded, else 503 with each check."""
    checks = {
        "database": await _database(found.engine),
        "catalog": _catalog(found.loaded()),
    }
    ready = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if ready else "unavailable", "worker": os.getpid(), "checks": checks}
    if ready:
        return JSONResponse(body)
    return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})


def _read_token(engine: Engine) -> None:
    # The stored catalog's token, not `SELECT 1`: a database that answers but lost our
    # tables (a schema dropped or renamed) cannot serve either.
    with engine.connect() as conn:
        stored_token(conn)


async def _database(engine: Engine) -> dict[str, Any]:
    try:
        await within(lambda: _read_token(engine), READY_TIMEOUT_S)
    except DatabaseTimeout:
        message = f"データベースが {READY_TIMEOUT_S:g} 秒以内に応答しません"
        return {"ok": False, "message": message}
    except SQLAlchemyError:
        return {"ok": False, "message": UNAVAILABLE_MESSAGE}
    return {"ok": True}


def _catalog(loaded: Snapshot | None) -> dict[str, Any]:
    if loaded is None:
        found: dict[str, Any] = {"programs": 0, "token": None}
    else:
        found = {"programs": len(loaded.catalog), "token": loaded.token}
    if not found["programs"]:
        return {"ok": False, **found, "message": "支援制度が読み込まれていません"}
    return {"ok": True, **found}
