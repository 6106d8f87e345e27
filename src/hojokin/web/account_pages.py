"""The account pages: sign-in and sign-out, who am I, changing the password, and
resetting a forgotten one by the link mailed through the outbox.

Every POST here changes something, so each checks its CSRF token first (`session`);
sign-in and a reset request are throttled per client address before anything else."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from hojokin.accounts.errors import Invalid, SignInFailed
from hojokin.accounts.passwords import MIN_LENGTH
from hojokin.accounts.permissions import ROLE_LABELS
from hojokin.accounts.signin import RESET_PROBLEMS, Bucket, ResetRefused
from hojokin.server.guards import local_path, request_id_of
from hojokin.server.snapshot import SettingsDep, SignInDep, settings, signin
from hojokin.web.fields import FormState
from hojokin.web.session import (
    CsrfRefused,
    CurrentUser,
    SignInRequired,
    anonymous_form,
    anonymous_token,
    end_session_cookie,
    keep_new_token,
    load_session,
    session_form,
    set_cookie,
    sign_in_redirect,
    signed_in_of,
)
from hojokin.web.templating import templates

router = APIRouter(
    default_response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(load_session)],
)
HOME = "/account"
PASSWORDS_DIFFER = "2 回入力した新しいパスワードが一致しません"


def _page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    return keep_new_token(request, response)


def notice(
    request: Request,
    status: int,
    heading: str,
    *lines: str,
    links: tuple[tuple[str, str], ...] = (),
) -> Response:
    return _page(request, "notice.html", status, heading=heading, lines=lines, links=links)


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


async def _throttled(request: Request, bucket: Bucket) -> Response | None:
    """The 429 page when the client made too many attempts at this form just now."""
    wait = await run_in_threadpool(
        signin(request).attempt, bucket, _client(request), request_id_of(request)
    )
    if wait is None:
        return None
    seconds = int(wait + 0.999)
    response = notice(
        request,
        429,
        "しばらくお待ちください",
        f"短い時間に何度も送信されたため、受け付けを止めています。{seconds}秒ほどたってから"
        "もう一度お試しください。",
    )
    response.headers["Retry-After"] = str(seconds)
    return response


# --- ログイン・ログアウト ---------------------------------------------------------------


def _signin_page(
    request: Request, form: FormState, status: int = 200, failed: str | None = None
) -> Response:
    lockout = settings(request).signin_lockout_s
    return _page(
        request,
        "signin.html",
        status,
        form=form,
        failed=failed,
        next=local_path(form.value("next")) or "",
        csrf_token=anonymous_token(request),
        lockout_minutes=max(1, round(lockout / 60)),
    )


@router.get("/signin", name="signin_form")
def signin_form(request: Request) -> Response:
    form = FormState({"next": [request.query_params.get("next", "")]})
    return _signin_page(request, form)


@router.post("/signin", name="signin")
async def signin_post(request: Request, service: SignInDep) -> Response:
    if (refused := await _throttled(request, "signin")) is not None:
        return refused
    form = await anonymous_form(request, "user.sign_in")
    email, password = form.value("email"), form.value("password")
    if not email.strip():
        form.add("email", "メールアドレス", "メールアドレスを入力してください")
    if not password:
        form.add("password", "パスワード", "パスワードを入力してください")
    if form.errors:
        return _signin_page(request, form, 422)
    try:
        _, _, secret = await run_in_threadpool(
            service.start, email, password, request_id_of(request)
        )
    except SignInFailed as exc:
        form.data.pop("password", None)  # never sent back
        return _signin_page(request, form, 401, exc.message)
    if (before := signed_in_of(request)) is not None:
        # A second sign-in in the same browser: the session before it ends.
        await run_in_threadpool(service.end, before.actor, before.session)
    response = RedirectResponse(local_path(form.value("next")) or HOME, 303)
    lifetime = int(settings(request).session_max_s)
    set_cookie(request, response, "session", secret, lifetime)
    return response


@router.post("/signout", name="signout")
async def signout(request: Request, user: CurrentUser, service: SignInDep) -> Response:
    await session_form(request, user, "user.sign_out")
    await run_in_threadpool(service.end, user.actor, user.session)
    response = RedirectResponse("/", 303)
    end_session_cookie(request, response)
    return response


# --- アカウント -----------------------------------------------------------------------


def _account_page(request: Request, user: CurrentUser, notice_text: str = "") -> Response:
    role = user.user.role
    return _page(
        request,
        "account.html",
        notice=notice_text,
        role_label=ROLE_LABELS[role],
        tenant_label="事業者" if role == "applicant" else "実施機関",
    )


@router.get("/account", name="account")
def account(request: Request, user: CurrentUser) -> Response:
    return _account_page(request, user)


@router.get("/account/password", name="password_change_form")
def password_change_form(request: Request, user: CurrentUser) -> Response:
    return _page(request, "password_change.html", form=FormState(), min_length=MIN_LENGTH)


def _new_password(form: FormState) -> str | None:
    """The new password typed twice alike; None (the problem noted) otherwise."""
    new = form.value("new")
    if new != form.value("new2"):
        form.add("new2", "新しいパスワード（確認）", PASSWORDS_DIFFER)
        return None
    return new


def _blank_passwords(form: FormState) -> FormState:
    """The form to show again: passwords are never sent back."""
    return FormState({}, form.errors)


@router.post("/account/password", name="password_change")
async def password_change(request: Request, user: CurrentUser, service: SignInDep) -> Response:
    form = await session_form(request, user, "user.password_change")
    new = _new_password(form)
    if new is not None:
        try:
            await run_in_threadpool(
                service.change_password, user.actor, user.session, form.value("current"), new
            )
        except Invalid as exc:
            label = "現在のパスワード" if exc.field == "current" else "新しいパスワード"
            form.add(exc.field or "new", label, exc.message)
        else:
            return _account_page(request, user, "パスワードを変更しました。")
    return _page(
        request, "password_change.html", 422, form=_blank_passwords(form), min_length=MIN_LENGTH
    )


# --- パスワードの再設定 -----------------------------------------------------------------


@router.get("/password/forgot", name="password_forgot_form")
def password_forgot_form(request: Request) -> Response:
    return _forgot_page(request, FormState(), sent=False)


def _forgot_page(request: Request, form: FormState, *, sent: bool, status: int = 200) -> Response:
    minutes = max(1, round(settings(request).reset_token_s / 60))
    return _page(
        request,
        "password_forgot.html",
        status,
        form=form,
        sent=sent,
        csrf_token=anonymous_token(request),
        lifetime_minutes=minutes,
    )


@router.post("/password/forgot", name="password_forgot")
async def password_forgot(request: Request, service: SignInDep, config: SettingsDep) -> Response:
    if (refused := await _throttled(request, "password_reset_request")) is not None:
        return refused
    form = await anonymous_form(request, "user.password_reset_request")
    if not form.value("email").strip():
        form.add("email", "メールアドレス", "メールアドレスを入力してください")
        return _forgot_page(request, form, sent=False, status=422)
    base = config.public_url.rstrip("/")

    def link(token: str) -> str:
        return base + str(request.app.url_path_for("password_reset_form", token=token))

    await run_in_threadpool(
        service.request_reset, form.value("email"), link, request_id_of(request)
    )
    return _forgot_page(request, FormState(), sent=True)


def _spent(request: Request, message: str) -> Response:
    return notice(
        request,
        410,
        "このリンクは使えません",
        message,
        "お手数ですが、もう一度パスワードの再設定をお申し込みください。",
        links=(("/password/forgot", "パスワードの再設定を申し込む"),),
    )


def _reset_page(request: Request, token: str, form: FormState, status: int = 200) -> Response:
    return _page(
        request,
        "password_reset.html",
        status,
        form=form,
        token=token,
        csrf_token=anonymous_token(request),
        min_length=MIN_LENGTH,
    )


@router.get("/password/reset/{token}", name="password_reset_form")
def password_reset_form(request: Request, service: SignInDep, token: str) -> Response:
    if len(token) > 100:
        return _spent(request, RESET_PROBLEMS["unknown"])
    if (problem := service.reset_problem(token)) is not None:
        return _spent(request, RESET_PROBLEMS[problem])
    return _reset_page(request, token, FormState())


@router.post("/password/reset/{token}", name="password_reset")
async def password_reset(request: Request, service: SignInDep, token: str) -> Response:
    form = await anonymous_form(request, "user.password_reset")
    new = _new_password(form)
    if new is not None:
        try:
            await run_in_threadpool(service.reset, token, new, request_id_of(request))
        except ResetRefused as exc:
            return _spent(request, exc.message)
        except Invalid as exc:
            form.add("new", "新しいパスワード", exc.message)
        else:
            return notice(
                request,
                200,
                "パスワードを再設定しました",
                "新しいパスワードでログインしてください。",
                links=(("/signin", "ログインする"),),
            )
    return _reset_page(request, token, _blank_passwords(form), 422)


def install(app: FastAPI) -> None:
    """Answer a page that needs sign-in with the way there, and a refused CSRF token
    with a 403 page."""

    async def to_signin(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInRequired)
        return RedirectResponse(sign_in_redirect(exc.back), 303)

    async def csrf_refused(request: Request, exc: Exception) -> Response:
        return notice(
            request,
            403,
            "この操作は受け付けられませんでした",
            "ページの有効期限が切れたか、別のサイトから送信された可能性があります。"
            "何も変更していません。ページを開き直してから、もう一度お試しください。",
        )

    app.add_exception_handler(SignInRequired, to_signin)
    app.add_exception_handler(CsrfRefused, csrf_refused)
