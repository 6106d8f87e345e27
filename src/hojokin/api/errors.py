"""Error responses: `{"error": {"code", "message", "field"}}`, the message in Japanese
naming the field. Bad input is always a 4xx, never a 500."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException

from hojokin.catalog.primitives import error_path
from hojokin.server.guards import refusal
from hojokin.server.refusals import HttpRefusal
from hojokin.server.uploads import BodyRefused


class ApiError(HttpRefusal):
    """A refusal of the API, answered as JSON."""


def error_response(status: int, code: str, message: str, field: str | None) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message, "field": field}}, status_code=status
    )


# pydantic explains a refused instant in English ("day value is outside expected range",
# "unexpected extra characters"); the form and a real example say it all.
_DATETIME = "日時は 2024-11-13T09:00:00+09:00 の形で、実在する日時を指定してください"
_DATE = "日付は 2024-11-13 の形で、実在する日付を指定してください"
_PHRASES = {
    "missing": "必須の項目です",
    "extra_forbidden": "使えない項目です",
    "int_type": "整数で指定してください",
    "int_parsing": "整数で指定してください",
    "int_parsing_size": "数が大きすぎます",
    "int_from_float": "整数で指定してください（小数は使えません）",
    "bool_type": "true か false で指定してください",
    "bool_parsing": "true か false で指定してください",
    "string_type": "文字列で指定してください",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "timezone_aware": _DATETIME,
    "dict_type": "オブジェクトで指定してください",
    "model_type": "オブジェクトで指定してください",
    "model_attributes_type": "オブジェクトで指定してください",
    "list_type": "配列で指定してください",
    "string_pattern_mismatch": "形式が正しくありません",
}


def _given(error: Any) -> str:
    """The refused value as a short, printable quote: repr escapes control and bidi
    characters, and a long value is cut so that the message stays readable."""
    given = repr(error.get("input"))
    return given if len(given) <= 40 else f"{given[:40]}…"


def _phrase(error: Any) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in _PHRASES:
        return _PHRASES[kind]
    limits = {
        "greater_than_equal": ("ge", "以上"),
        "greater_than": ("gt", "より大きい値"),
        "less_than_equal": ("le", "以下"),
        "less_than": ("lt", "より小さい値"),
    }
    if kind in limits:
        key, words = limits[kind]
        return f"{ctx.get(key)} {words}で指定してください"
    if kind == "string_too_long":
        return f"{ctx.get('max_length')} 文字以内で指定してください"
    if kind == "string_too_short":
        return "空にはできません"
    if kind == "too_short":
        return f"{ctx.get('min_length')} 件以上指定してください"
    if kind == "too_long":
        return f"{ctx.get('max_length')} 件以内で指定してください"
    if kind in ("literal_error", "enum"):
        return f"次のいずれかを指定してください: {ctx.get('expected')}（指定値: {_given(error)}）"
    # Our own validators explain the value (e.g. an undeclared fact); keep their words.
    detail = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"値が正しくありません（{detail}）"


def field_name(loc: Sequence[int | str], prefix: str = "") -> str | None:
    path = error_path(tuple(loc))
    if prefix:
        path = f"{prefix}.{path}" if path and not path.startswith("[") else f"{prefix}{path}"
    return path or None


def validation_error(errors: Sequence[Any], prefix: str = "") -> ApiError:
    """The first problem of a pydantic validation, worded for its field (one problem at a
    time keeps the shape simple; the rest surface once it is fixed)."""
    error = errors[0]
    if error["type"] == "json_invalid":
        # Its location is a character position, not a field.
        at = "".join(f"（{part} 文字目）" for part in error["loc"][-1:])
        return ApiError(400, "invalid_json", f"本文が JSON として読めません{at}", None)
    field = field_name(error["loc"], prefix)
    phrase = _phrase(error)
    message = f"{field}: {phrase}" if field else phrase
    return ApiError(422, "invalid", message, field)


def _request_field(loc: Sequence[int | str]) -> Sequence[int | str]:
    # FastAPI locates errors as ("query", "kind") or ("body", "company", …).
    return loc[1:] if loc and loc[0] in ("query", "path", "body", "header") else loc


_HTTP_CODES = {
    404: ("not_found", "見つかりません"),
    413: ("too_large", "リクエストが大きすぎます"),
}


def http_error(exc: HTTPException) -> JSONResponse:
    if isinstance(exc.__cause__, (UnicodeDecodeError, RecursionError)):
        # FastAPI's 400 for a body json.loads could not read: not UTF-8, or nested deeper
        # than the parser goes.
        why = (
            "UTF-8 ではありません"
            if isinstance(exc.__cause__, UnicodeDecodeError)
            else "入れ子が深すぎます"
        )
        return error_response(400, "invalid_json", f"本文が JSON として読めません（{why}）", None)
    code, message = _HTTP_CODES.get(exc.status_code, ("http_error", "リクエストを処理できません"))
    response = error_response(exc.status_code, code, message, None)
    # Headers the exception carries, as raised.
    response.headers.update(exc.headers or {})
    return response


# How long a client is asked to wait before trying again while the database is away.
RETRY_AFTER_S = 5
UNAVAILABLE_MESSAGE = "データベースに接続できません。しばらくしてからもう一度お試しください"
_log = logging.getLogger("hojokin.database")


_TABLES_GONE = frozenset({"42P01", "3F000"})  # undefined_table, invalid_schema_name


def database_unavailable(exc: SQLAlchemyError) -> bool:
    """Whether `exc` says the database cannot be reached now (refused, dropped, out of
    pooled connections), which passes; other errors are faults of ours (a 500)."""
    lost = isinstance(exc, DBAPIError) and exc.connection_invalidated
    # PostgreSQL without our tables or schema (dropped, renamed, a restore in progress)
    # cannot serve until they are back; SQLite says the same with an OperationalError.
    gone = getattr(getattr(exc, "orig", None), "sqlstate", None) in _TABLES_GONE
    return lost or gone or isinstance(exc, OperationalError | PoolTimeoutError)


def unavailable(exc: Exception) -> JSONResponse:
    """The API's 503 while the database is away; logged with the driver's words."""
    log_unavailable(exc)
    response = error_response(503, "unavailable", UNAVAILABLE_MESSAGE, None)
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def log_unavailable(exc: Exception) -> None:
    _log.warning("database unavailable: %s", getattr(exc, "orig", None) or exc)


def install(app: FastAPI) -> None:
    """JSON errors for the API; `create_app` routes HTTP errors (404 …) by path, and
    hojokin.server.guards answers an unhandled error (500)."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        response = error_response(exc.status, exc.code, exc.message, exc.field)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(BodyRefused)
    async def _body_refused(request: Request, exc: BodyRefused) -> Response:
        # An upload's body cut off under the API or a page the upload route does not
        # answer itself (a timeout): JSON under /api/, the plain page elsewhere.
        if request.url.path.startswith("/api/"):
            response = error_response(exc.status, exc.code, exc.message, exc.field)
            response.headers.update(exc.headers)
            return response
        extra = tuple((k.lower().encode(), v.encode()) for k, v in exc.headers.items())
        head, body = refusal(request.url.path, exc.status, exc.code, exc.message, extra)
        return Response(body, exc.status, {k.decode(): v.decode() for k, v in head})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return invalid_request(exc)


def invalid_request(exc: RequestValidationError) -> JSONResponse:
    """The API's answer to a request FastAPI could not read into a route's parameters."""
    errors = [{**e, "loc": _request_field(e.get("loc", ()))} for e in exc.errors()]
    if not errors:
        return error_response(422, "invalid", "リクエストが正しくありません", None)
    err = validation_error(errors)
    return error_response(err.status, err.code, err.message, err.field)
