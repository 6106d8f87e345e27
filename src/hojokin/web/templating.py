"""The Jinja2 environment of the pages: templates, and helpers for dates and amounts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.datastructures import URL
from starlette.requests import Request

from hojokin import ja
from hojokin.catalog.kinds import KIND_DESCRIPTIONS, KIND_LABELS
from hojokin.catalog.primitives import Citation, is_office_input
from hojokin.catalog.vocabulary import DOCUMENT_NEED_LABELS
from hojokin.ja import format_fiscal_year
from hojokin.rules.documents import DocumentStatus
from hojokin.server.snapshot import catalog_of
from hojokin.views.requirements import document_condition
from hojokin.views.terms import cap_label, frame_title, rate_label
from hojokin.views.wording import limit_text
from hojokin.web import format as fmt
from hojokin.web.check_groups import web_document_reason, web_finding
from hojokin.web.results import STATE_WORDS
from hojokin.web.roles import may
from hojokin.web.sources import document_label, plain_text

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _signed_in(request: Request) -> dict[str, Any]:
    """Who is signed in (`web.session.load_session`), for every page's header."""
    return {"signed_in": getattr(request.state, "signed_in", None)}


templates = Jinja2Templates(directory=TEMPLATES, context_processors=[_signed_in])
# Block tags on lines of their own leave no blank lines behind in the HTML.
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True


@pass_context
def _url_for(context: Any, name: str, /, **params: Any) -> URL:
    """A root-relative URL: Starlette's url_for puts the request's Host header in
    every link, and that header is the client's to choose."""
    request = context["request"]
    return URL(request.scope.get("root_path", "") + request.app.url_path_for(name, **params))


@pass_context
def _document_reason(context: Any, status: DocumentStatus) -> str | None:
    """Why a document is or is not needed, with the catalog's fact labels."""
    return web_document_reason(status, catalog_of(context["request"]).facts)


@pass_context
def _source_label(context: Any, cite: Citation) -> str:
    """The cited document by its title and issuer, and the lines."""
    documents = catalog_of(context["request"]).documents
    return document_label(documents.get(cite.doc), cite)


templates.env.filters.update(
    say_finding=web_finding,
    document_condition=document_condition,
    document_reason=_document_reason,
    say_limit=limit_text,
    plain=plain_text,
    wareki=ja.format_wareki,
    source_label=_source_label,
    yen=fmt.yen_text,
    yen_short=fmt.yen_short,
    date=fmt.date_text,
    period=fmt.period_text,
    fiscal_year=fmt.fiscal_year_text,
    wareki_fiscal_year=format_fiscal_year,
    share=fmt.share_text,
    lines=fmt.lines_text,
)
templates.env.tests["office_input"] = is_office_input
templates.env.globals.update(
    url_for=_url_for,
    KIND_LABELS=KIND_LABELS,
    KIND_DESCRIPTIONS=KIND_DESCRIPTIONS,
    DOCUMENT_STATUSES=DOCUMENT_NEED_LABELS,
    rate_label=rate_label,
    cap_label=cap_label,
    frame_title=frame_title,
    state_words=STATE_WORDS,
    may=may,
)
