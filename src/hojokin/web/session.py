"""Who is signed in, for the pages: the session cookie read into a `SignedIn`, the
cookies' flags, and CSRF tokens.

A signed-in form carries its session's synchronizer token; an anonymous form that
changes something (sign-in, a reset request or a reset) carries the value of a
pre-session cookie (double submit), a `__Host-` cookie when cookies are Secure, which
no other site, not even a sibling subdomain, can set. A refusal is audited and answered
with a 403 page; nothing was changed."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request, Response
from starlette.concurrency import run_in_threadpool

from hojokin.accounts.audit import OwnAction
from hojokin.accounts.signin import SignedIn
from hojokin.server.guards import request_id_of
from hojokin.server.settings import Settings
from hojokin.server.snapshot import settings, signin
from hojokin.web.fields import FormState, form_data

CSRF_FIELD = "csrf_token"
# Longer is no cookie or token of ours, and is not looked up.
MAX_SECRET = 100


def cookie_name(config: Settings, name: str) -> str:
    # `__Host-` needs Secure, path / and no Domain; a plain-HTTP dev server gets the name.
    return f"__Host-hojokin_{name}" if config.cookie_secure else f"hojokin_{name}"


def _secret(request: Request, name: str) -> str | None:
    value = request.cookies.get(cookie_name(settings(request), name))
    return value if value and len(value) <= MAX_SECRET else None


def load_session(request: Request) -> None:
    """Read the session cookie, if any, into `request.state.signed_in` (the pages'
    header shows who it is). A sync dependency: FastAPI runs it in a thread."""
    secret = _secret(request, "session")
    found = None
    if secret is not None:
        found = signin(request).resume(secret, request_id_of(request))
    request.state.signed_in = found


def signed_in_of(request: Request) -> SignedIn | None:
    found: SignedIn | None = getattr(request.state, "signed_in", None)
    return found


class SignInRequired(Exception):
    """A page that needs a signed-in user; answered with a redirect to /signin."""

    def __init__(self, back: str) -> None:
        super().__init__(back)
        self.back = back


class CsrfRefused(Exception):
    """A state-changing form without its token, or with a wrong one."""


def current_user(request: Request) -> SignedIn:
    """The signed-in user of a page that needs one; else back here after sign-in."""
    found = signed_in_of(request)
    if found is None:
        query = request.url.query
        raise SignInRequired(request.url.path + (f"?{query}" if query else ""))
    return found


CurrentUser = Annotated[SignedIn, Depends(current_user)]


def sign_in_redirect(back: str) -> str:
    return "/signin?next=" + quote(back, safe="/")


async def _refuse(request: Request, actor: SignedIn | None, action: OwnAction) -> None:
    client = request.client.host if request.client else ""
    await run_in_threadpool(
        signin(request).refuse,
        actor.actor if actor else None,
        action,
        "csrf",
        "" if actor else client,
        request_id_of(request),
    )
    raise CsrfRefused


async def session_form(request: Request, user: SignedIn, action: OwnAction) -> FormState:
    """The posted form of a signed-in page, its token checked against the session's."""
    return await checked_form(request, user, action, (await request.form()).multi_items())


async def checked_form(
    request: Request, user: SignedIn, action: OwnAction, items: Iterable[tuple[str, object]]
) -> FormState:
    """The fields of a form read otherwise (an upload's), checked as `session_form`."""
    form = FormState(form_data(items))
    if not hmac.compare_digest(form.value(CSRF_FIELD), user.session.csrf_token):
        await _refuse(request, user, action)
    return form


async def anonymous_form(request: Request, action: OwnAction) -> FormState:
    """The posted form of an anonymous page, its token checked against the cookie's."""
    form = FormState(form_data((await request.form()).multi_items()))
    cookie = _secret(request, "csrf") or ""
    if not cookie or not hmac.compare_digest(form.value(CSRF_FIELD), cookie):
        await _refuse(request, None, action)
    return form


def anonymous_token(request: Request) -> str:
    """The pre-session token of the request's cookie, or a new one (`set_cookies` puts
    it in the answer)."""
    token = _secret(request, "csrf")
    if token is None:
        token = request.state.new_csrf = secrets.token_urlsafe(32)
    return token


def set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None
) -> None:
    config = settings(request)
    response.set_cookie(
        cookie_name(config, name),
        value,
        max_age=max_age,
        path="/",
        secure=config.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def keep_new_token(request: Request, response: Response) -> Response:
    """The answer with the pre-session cookie, when `anonymous_token` made one."""
    token: str | None = getattr(request.state, "new_csrf", None)
    if token is not None:
        set_cookie(request, response, "csrf", token, None)
    return response


def end_session_cookie(request: Request, response: Response) -> None:
    config = settings(request)
    response.delete_cookie(
        cookie_name(config, "session"),
        path="/",
        secure=config.cookie_secure,
        httponly=True,
        samesite="lax",
    )
