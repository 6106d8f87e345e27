"""What the workflow's pages share: rendering, the service's refusals as pages, the
notices shown after a redirect.

The service decides every permission (`hojokin.accounts.permissions`); a page only
words its refusal: another tenant's object, or one that does not exist, is the 404
page (the service conceals which), a refusal a 403 page, a state or input the service
will not take a page that says so in its own Japanese words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from hojokin.accounts.errors import NotFound, Refused, ServiceError
from hojokin.accounts.signin import SignedIn
from hojokin.web.session import session_form
from hojokin.web.templating import templates

# Fixed messages a redirect names (`?done=`), so that no text of the request is echoed.
DONE = {
    "booked": "面談を予約しました。確認のメールをお送りしました。",
    "cancelled": "予約を辞退しました。",
    "saved": "下書きを保存しました。",
    "accepted": "受付完了にしました。",
    "requested": "書類の追加を依頼しました。申請者にメールでお知らせしました。",
    "attended": "面談済として記録しました。",
    "absent": "欠席として記録しました。申請は辞退扱いになりました。",
    "uploaded": "書類をアップロードしました。",
    "removed": "書類を削除しました。",
    "completed": "追加書類を提出しました。",
    "withdrawn": "申請を辞退しました。この申請はこれ以上進みません。",
    "call_created": "公募回を作成しました（準備中）。日程と面談枠を確かめてから公開してください。",
    "call_updated": "公募回を更新しました。面談枠は新しい日程から作り直しました。",
    "call_published": "公募回を公開しました。申請者が面談の予約と申請をできるようになりました。",
    "call_closed": "公募回の受付を終了しました。",
    "draft_uploaded": (
        "文書を取り込み、制度データの下書きを作成しました。原文と照らして確認してください。"
    ),
    "draft_followed": "値を保存しました。原文に記載があるので、引用をその箇所に合わせました。",
    "draft_reviewers": (
        "値を保存しました。原文に記載が見つからないため、事務局の入力として記録しました。"
    ),
    "draft_removed": "値を削除しました（未記載）。",
    "document_published": "文書の下書きを公開しました。カタログと検索に表示されます。",
    "draft_published": "制度データを公開しました。カタログと検索に表示されます。",
    "program_unpublished": "公開を停止しました。カタログと検索に表示されなくなりました。",
    "slot_closed": "面談枠の受付を締め切りました。予約済みの面談はそのまま残ります。",
}


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def refusal(request: Request, exc: ServiceError) -> Response:
    """The page of a service's refusal (see the module's note)."""
    if isinstance(exc, NotFound) or exc.code == "not_found":
        return page(
            request, "not_found.html", 404, what=exc.message.removesuffix("が見つかりません")
        )
    status = 403 if isinstance(exc, Refused) else 409 if exc.code == "conflict" else 422
    heading = "この操作はできません" if status != 422 else "入力内容を確認してください"
    return page(request, "notice.html", status, heading=heading, lines=exc.message.split("\n"))


async def served(request: Request, work: Callable[[], Response]) -> Response:
    """`work` in a worker thread (it reads the database), a refusal as its page."""
    try:
        return await run_in_threadpool(work)
    except ServiceError as exc:
        return refusal(request, exc)


def done(path: str, what: str) -> Response:
    """Back to `path` after a change, with the notice of `what` (a `DONE` key)."""
    return RedirectResponse(f"{path}?done={what}", 303)


def application_path(request: Request, application_id: int) -> str:
    return str(request.app.url_path_for("application", application_id=application_id))


async def acted(
    request: Request,
    user: SignedIn,
    what: str,
    act: Callable[[], int],
    back: Callable[[Request, int], str] = application_path,
) -> Response:
    """A one-button form: its token checked, `act` done through the service (it gives
    the id of the object whose page the form was on, an application's unless `back`
    says another), then back to that page with the notice of `what`."""
    await session_form(request, user, "request.csrf")

    def work() -> Response:
        return done(back(request, act()), what)

    return await served(request, work)


def notice_of(request: Request) -> str:
    return DONE.get(request.query_params.get("done", ""), "")
