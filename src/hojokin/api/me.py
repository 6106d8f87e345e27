"""Bearer-token authentication of the API, and `GET /api/v1/me`: who the token is."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from hojokin.accounts.errors import SignInFailed
from hojokin.accounts.permissions import Actor
from hojokin.api.errors import ApiError
from hojokin.api.models import ErrorResponse, UserJSON
from hojokin.api.responses import FastJSONResponse
from hojokin.server.guards import request_id_of
from hojokin.server.snapshot import AccountsDep
from hojokin.views.accounts import user_json

# A secret is 47 characters; anything far longer is no token of ours and is not hashed.
MAX_TOKEN_CHARS = 200
NO_TOKEN = "認証が必要です。Authorization: Bearer <API トークン> を付けてください"

_bearer = HTTPBearer(
    auto_error=False,
    description="`hojokin admin token create` が発行する API トークン",
)


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, None, {"WWW-Authenticate": "Bearer"})


async def current_actor(
    request: Request,
    accounts: AccountsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    """The actor of the request's bearer token (its use noted); else a 401."""
    if credentials is None:
        raise _unauthorized(NO_TOKEN)
    secret = credentials.credentials.strip()
    if not secret or len(secret) > MAX_TOKEN_CHARS:
        raise _unauthorized(NO_TOKEN)
    try:
        # A write (the token's last use): off the event loop.
        return await run_in_threadpool(accounts.token_actor, secret, request_id_of(request))
    except SignInFailed as exc:
        raise _unauthorized(exc.message) from None


ActorDep = Annotated[Actor, Depends(current_actor)]

router = APIRouter(prefix="/api/v1", tags=["api v1"])
_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": ErrorResponse}}


@router.get("/me", summary="自分のアカウント", response_model=UserJSON, responses=_ERRORS)
async def me(actor: ActorDep, accounts: AccountsDep) -> FastJSONResponse:
    """The user the bearer token belongs to: email, role, issuer or company."""
    assert actor.user_id is not None  # a token always belongs to a user
    user = await run_in_threadpool(accounts.get_user, actor, actor.user_id)
    return FastJSONResponse(user_json(user))
