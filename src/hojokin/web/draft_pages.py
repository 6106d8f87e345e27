"""The office's pages of program drafts (制度データの取り込み): the upload of a
document to ingest with the issuer's documents and their drafts below it, and the
programs published from them; a draft's review page — every value it holds with its
quote and a link to its line, beside the document's text with every cited line marked
— where it is published (公開); a published program's versions (公開履歴), where it is
withdrawn (公開停止).

Routes are thin: `Drafts` and `Publishing` check every permission (staff their own issuer's, the
administrator any; applicants and reviewers refused, another issuer's draft not
found); the upload is read as the application page's is (`server.uploads`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hojokin.accounts.errors import Invalid
from hojokin.drafts.edit import edit_op, editable
from hojokin.drafts.published import is_published
from hojokin.drafts.records import DRAFT_STATUS_LABELS, VERSION_ACTION_LABELS
from hojokin.ja.fields import small_number
from hojokin.server.snapshot import DraftsDep, LiveDep, PublishingDep, catalog_of
from hojokin.server.uploads import BodyRefused, read_upload
from hojokin.views.drafts import change_rows, cited_lines, review_notes, sections
from hojokin.web.service_pages import done, notice_of, page, served
from hojokin.web.session import CurrentUser, checked_form, load_session, session_form
from hojokin.workflow.errors import Conflict
from hojokin.workflow.times import jst_full

router = APIRouter(
    default_response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(load_session)],
)
WORDS = {
    "jst_full": jst_full,
    "draft_status": DRAFT_STATUS_LABELS,
    "version_action": VERSION_ACTION_LABELS,
}
FORMATS = {"pdf": "PDF", "docx": "Word（.docx）", "html": "HTML", "text": "テキスト"}
NO_FILE = "取り込む文書のファイルを選んでください"
YEAR_FORMAT = "年度は西暦の4桁の数字で入力してください（例: 2025）"


def _sources_page(
    request: Request,
    user: CurrentUser,
    service: DraftsDep,
    publishing: PublishingDep,
    error: str = "",
    status: int = 200,
    publish_error: tuple[int, str] | None = None,
) -> Response:
    """The page; `error` at the upload form, `publish_error` (source id, message) at
    that document's publish form."""
    published = publishing.listing(user.actor)
    return page(
        request,
        "draft_sources.html",
        status,
        publish_error=publish_error,
        listed=service.listing(user.actor),
        published=published,
        latest_of={v.program_id: v for v in published},
        issuers=service.issuers(user.actor),
        own_issuer=user.actor.issuer_id,
        upload_error=error,
        formats=FORMATS,
        notice=notice_of(request),
        words=WORDS,
    )


@router.get("/office/sources", name="draft_sources")
async def sources_page(
    request: Request, user: CurrentUser, service: DraftsDep, publishing: PublishingDep
) -> Response:
    return await served(request, lambda: _sources_page(request, user, service, publishing))


@router.post("/office/sources", name="draft_upload")
async def upload(
    request: Request, user: CurrentUser, service: DraftsDep, publishing: PublishingDep
) -> Response:
    """A document to ingest, streamed under the upload limit; a file that gives no
    draft is refused at the form in the reader's words, and nothing is stored."""
    try:
        sent = await read_upload(request, service.files.max_bytes, max_fields=3)
    except BodyRefused as exc:
        if exc.status != 413:
            raise
        refused = exc

        def too_large() -> Response:
            shown = _sources_page(request, user, service, publishing, refused.message, 413)
            shown.headers.update(refused.headers)
            return shown

        return await served(request, too_large)
    form = await checked_form(request, user, "request.csrf", sent.fields)
    chosen = form.value("issuer_id")
    issuer_id = small_number(chosen, 12) if chosen else None
    year_text = form.value("fiscal_year").strip()
    fiscal_year = small_number(year_text, 4) if year_text else None

    def work() -> Response:
        try:
            if sent.name is None:
                raise Invalid(NO_FILE, "file")
            if chosen and issuer_id is None:
                raise Invalid("実施機関を一覧から選んでください", "issuer_id")
            if year_text and fiscal_year is None:
                raise Invalid(YEAR_FORMAT, "fiscal_year")
            service.upload(user.actor, sent.name, sent.data, issuer_id, fiscal_year)
        except Invalid as exc:
            return _sources_page(request, user, service, publishing, exc.message, 422)
        return done(str(request.app.url_path_for("draft_sources")), "draft_uploaded")

    return await served(request, work)


@router.post("/office/sources/{source_id}/publish", name="document_publish")
async def publish_document(
    request: Request,
    user: CurrentUser,
    service: DraftsDep,
    publishing: PublishingDep,
    live: LiveDep,
    source_id: int,
) -> Response:
    """Every draft of the document not published as it stands, as one change; what
    stops one of them is said at the document's form, naming it, and nothing is
    published."""
    form = await session_form(request, user, "request.csrf")
    checked = form.value("checked") == "yes"

    def work() -> Response:
        try:
            publishing.publish_document(user.actor, source_id, checked)
        except (Invalid, Conflict) as exc:
            status = 409 if isinstance(exc, Conflict) else 422
            shown = (source_id, exc.message)
            return _sources_page(request, user, service, publishing, "", status, shown)
        live.refresh()
        return done(str(request.app.url_path_for("draft_sources")), "document_published")

    return await served(request, work)


def _review_page(
    request: Request,
    user: CurrentUser,
    service: DraftsDep,
    publishing: PublishingDep,
    draft_id: int,
    error: tuple[str, str, str] | None = None,
    publish_error: str = "",
) -> Response:
    """The review page; `error` (path, typed value, message) shown at its field,
    `publish_error` at the publish form."""
    draft, source = service.get(user.actor, draft_id)
    return page(
        request,
        "draft_review.html",
        422 if error or publish_error else 200,
        draft=draft,
        source=source,
        sections=sections(draft.program),
        editable_paths=editable(draft.program),
        notes=review_notes(draft.program),
        marked=cited_lines(draft.program),
        publication=publishing.of_draft(user.actor, draft),
        formats=FORMATS,
        words=WORDS,
        notice=notice_of(request),
        error=error,
        publish_error=publish_error,
    )


@router.get("/office/drafts/{draft_id}", name="draft_review")
async def review_page(
    request: Request,
    user: CurrentUser,
    service: DraftsDep,
    publishing: PublishingDep,
    draft_id: int,
) -> Response:
    return await served(request, lambda: _review_page(request, user, service, publishing, draft_id))


@router.post("/office/drafts/{draft_id}/values", name="draft_edit")
async def edit_value(
    request: Request,
    user: CurrentUser,
    service: DraftsDep,
    publishing: PublishingDep,
    draft_id: int,
) -> Response:
    """One value typed on the review page (`op` set, or add to a list), saved with the
    citation followed to the line that states it, or as the reviewer's input; or one
    removed. An unreadable one is said at its field with nothing saved."""
    form = await session_form(request, user, "request.csrf")
    path, typed, asked = form.value("path"), form.value("value"), form.value("op")

    def work() -> Response:
        try:
            op = edit_op(asked)
            _, followed = service.update(user.actor, draft_id, path, typed, op)
        except Invalid as exc:
            shown = (path, typed, exc.message)
            return _review_page(request, user, service, publishing, draft_id, shown)
        review = str(request.app.url_path_for("draft_review", draft_id=str(draft_id)))
        if asked == "remove":
            return done(review, "draft_removed")
        return done(review, "draft_followed" if followed else "draft_reviewers")

    return await served(request, work)


@router.post("/office/drafts/{draft_id}/publish", name="draft_publish")
async def publish(
    request: Request,
    user: CurrentUser,
    service: DraftsDep,
    publishing: PublishingDep,
    live: LiveDep,
    draft_id: int,
) -> Response:
    """The draft published as its program's next version; what stops it is said at
    the publish form with nothing published. This worker serves the new catalog at
    once (the others follow within seconds, search at its next query)."""
    form = await session_form(request, user, "request.csrf")
    checked, revision = form.value("checked") == "yes", form.value("revision")

    def work() -> Response:
        try:
            version = publishing.publish(user.actor, draft_id, checked, revision)
        except Invalid as exc:
            return _review_page(
                request, user, service, publishing, draft_id, publish_error=exc.message
            )
        live.refresh()
        return done(_versions_path(request, version.program_id), "draft_published")

    return await served(request, work)


def _versions_path(request: Request, program_id: str) -> str:
    return str(request.app.url_path_for("program_versions", program_id=program_id))


def _versions_page(
    request: Request,
    user: CurrentUser,
    publishing: PublishingDep,
    program_id: str,
    error: tuple[str, str] | None = None,
) -> Response:
    """A published program's versions, newest first; `error` (typed reason, message)
    at the withdrawal form. `served`: the catalog serves the published program (not a
    program of the folder's that came to take its id)."""
    versions = publishing.versions(user.actor, program_id)
    served = is_published(catalog_of(request), program_id)
    return page(
        request,
        "program_versions.html",
        422 if error else 200,
        program_id=program_id,
        versions=list(reversed(versions)),
        latest=versions[-1],
        served=served,
        change_rows=change_rows,
        words=WORDS,
        notice=notice_of(request),
        error=error,
    )


@router.get("/office/programs/{program_id}/versions", name="program_versions")
async def versions_page(
    request: Request, user: CurrentUser, publishing: PublishingDep, program_id: str
) -> Response:
    return await served(request, lambda: _versions_page(request, user, publishing, program_id))


@router.post("/office/programs/{program_id}/unpublish", name="program_unpublish")
async def unpublish(
    request: Request,
    user: CurrentUser,
    publishing: PublishingDep,
    live: LiveDep,
    program_id: str,
) -> Response:
    """The program withdrawn from the catalog with the reason typed; a missing reason
    is said at the form with nothing changed."""
    form = await session_form(request, user, "request.csrf")
    reason = form.value("reason")

    def work() -> Response:
        try:
            publishing.unpublish(user.actor, program_id, reason)
        except Invalid as exc:
            return _versions_page(request, user, publishing, program_id, (reason, exc.message))
        live.refresh()
        return done(_versions_path(request, program_id), "program_unpublished")

    return await served(request, work)
