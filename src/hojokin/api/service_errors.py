"""The services' refusals (`accounts.errors`, `workflow.errors`) as API errors: each
code its HTTP status, the service's Japanese message and field as they are. Another
tenant's object (`Concealed`) is a 404 with the very body of a missing id; a refusal
of the caller's own role is a 403 and carries no data."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from hojokin.accounts.errors import ServiceError
from hojokin.api.errors import error_response
from hojokin.rules.service import UnknownProgramError
from hojokin.views.wording import unknown_text
from hojokin.workflow.errors import NotReady

STATUS_OF_CODE = {
    "invalid": 422,
    "not_found": 404,
    "forbidden": 403,
    "duplicate": 409,
    "conflict": 409,
    "not_ready": 409,
    "unauthorized": 401,
}


def service_error(exc: ServiceError) -> JSONResponse:
    body: dict[str, object] = {
        "error": {"code": exc.code, "message": exc.message, "field": exc.field}
    }
    if isinstance(exc, NotReady):
        # Every failed check by its code, so that a client can point at each one.
        body["problems"] = [
            {"code": p.code, "message": p.message, "item": p.item, "inputs": list(p.inputs)}
            for p in exc.problems
        ]
    return JSONResponse(body, status_code=STATUS_OF_CODE[exc.code])


def install(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def _service(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ServiceError)
        return service_error(exc)

    @app.exception_handler(UnknownProgramError)
    async def _unknown(_request: Request, exc: Exception) -> JSONResponse:
        # A call whose program or frame left the catalog since it was opened.
        assert isinstance(exc, UnknownProgramError)
        return error_response(422, "invalid", unknown_text(exc), "program_id")
