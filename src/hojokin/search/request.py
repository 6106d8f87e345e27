"""A search as a person asks it, from any front end (the CLI's options, the API's query
string, the web form), made into a `ProgramQuery` under one set of limits, or refused
with a `QueryError` that names the field and the problem in Japanese; each front end
words the refusal its own way (the CLI exits 2, the API answers 422, the web form shows
it at the field)."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from hojokin import ja
from hojokin.catalog.kinds import KINDS
from hojokin.catalog.vocabulary import COMPANY_SIZES, STATUSES
from hojokin.ja.fields import FISCAL_YEARS
from hojokin.ja.prefectures import prefecture_name
from hojokin.search.query import (
    MAX_CAP_YEN,
    MAX_FILTER_CHARS,
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_QUERY_CHARS,
    MAX_WORDS,
    SORTS,
    ProgramQuery,
)
from hojokin.search.text import query_words

T = TypeVar("T", bound=str)


class QueryError(ValueError):
    """`field` is the parameter as the API and the web form name it (q, kind …);
    `message` says what is wrong with its value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def _one_of(field: str, value: str, choices: tuple[T, ...], what: str) -> T:
    for choice in choices:
        if choice == value:
            return choice
    raise QueryError(field, f"「{value}」は不明な{what}です。使える値: {', '.join(choices)}")


def _within(field: str, value: int, low: int, high: int, what: str) -> int:
    if not low <= value <= high:
        raise QueryError(field, f"{what}は {low:,} から {high:,} までで指定してください")
    return value


def _short(field: str, value: str | None) -> str | None:
    if value is not None and len(value) > MAX_FILTER_CHARS:
        raise QueryError(field, f"{MAX_FILTER_CHARS} 文字以内で指定してください")
    return value


def search_text(text: str) -> str:
    """`text` if a search can take it: at most MAX_QUERY_CHARS characters and at most
    MAX_WORDS words (as the search splits them)."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError("q", f"検索語は {MAX_QUERY_CHARS} 文字までです（{len(text):,} 文字）")
    words = len(query_words(text))
    if words > MAX_WORDS:
        raise QueryError("q", f"検索語は {MAX_WORDS} 語までです（{words} 語）")
    return text


def program_query(
    text: str = "",
    *,
    prefecture: str | None = None,
    issuer: str | None = None,
    kind: str | None = None,
    fiscal_year: int | None = None,
    open_on: date | None = None,
    min_cap_yen: int | None = None,
    size: str | None = None,
    status: str | None = None,
    use_purpose: str | None = None,
    sort: str = "relevance",
    today: date | None = None,
    limit: int = 20,
    offset: int = 0,
    max_limit: int = MAX_LIMIT,
) -> ProgramQuery:
    """The query for these values (see `ProgramQuery`); `prefecture` may be short (東京).
    `max_limit` is MAX_LIMIT for a page served over HTTP; the CLI, which searches its own
    copy of the catalog, may ask for more."""
    prefecture = _short("prefecture", prefecture)
    if prefecture is not None:
        try:
            prefecture = prefecture_name(prefecture)
        except ja.JaParseError:
            raise QueryError("prefecture", f"都道府県名ではありません（{prefecture}）") from None
    if fiscal_year is not None:
        _within("fiscal_year", fiscal_year, *FISCAL_YEARS, "年度")
    if min_cap_yen is not None:
        _within("min_cap_yen", min_cap_yen, 0, MAX_CAP_YEN, "上限額")
    return ProgramQuery(
        text=search_text(text),
        prefecture=prefecture,
        issuer=_short("issuer", issuer),
        kind=None if kind is None else _one_of("kind", kind, KINDS, "種類"),
        fiscal_year=fiscal_year,
        open_on=open_on,
        min_cap_yen=min_cap_yen,
        size=None if size is None else _one_of("size", size, COMPANY_SIZES, "規模"),
        status=None if status is None else _one_of("status", status, STATUSES, "状況"),
        use_purpose=_short("use_purpose", use_purpose),
        sort=_one_of("sort", sort, SORTS, "並び順"),
        today=today,
        limit=_within("limit", limit, 1, max_limit, "件数"),
        offset=_within("offset", offset, 0, MAX_OFFSET, "開始位置"),
    )
