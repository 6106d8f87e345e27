"""A search request: words, filters and order, as the API, the CLI and the web take them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from hojokin.catalog.vocabulary import CompanySize, Status

# The limits of a search, whichever front end asks it (`hojokin.search.request`).
MAX_QUERY_CHARS = 200  # and at most MAX_WORDS words: each word is a lookup
MAX_WORDS = 10
MAX_FILTER_CHARS = 100  # a prefecture, issuer or use purpose
MAX_CAP_YEN = 10**15
MAX_LIMIT = 100  # programs in a page served over HTTP
MAX_LOCAL_LIMIT = 1000  # the CLI's, on its own copy of the catalog: the whole of it
MAX_OFFSET = 1_000_000

Sort = Literal["relevance", "deadline", "cap", "newest"]
SORTS: tuple[Sort, ...] = ("relevance", "deadline", "cap", "newest")
SORT_LABELS: dict[Sort, str] = {
    "relevance": "関連度順",
    "deadline": "締切が近い順",
    "cap": "上限額が大きい順",
    "newest": "新着順",
}


@dataclass(frozen=True)
class ProgramQuery:
    """`text`: words that must all occur (empty: every program); the rest are filters that
    all must hold. `prefecture` is a full name (東京都); `issuer` matches part of the
    issuer, its department or the prefecture; `open_on`: an application window contains
    that day; `min_cap_yen`: some frame can grant at least that much; `size`: a company
    of that size can meet the program's size criteria; `status`: the program's status
    on `today` (hojokin.catalog.status); `use_purpose`: one of the program's jGrants use
    purposes. `sort`: relevance (score, then id), deadline (nearest first, none last),
    cap (largest first, none last) or newest (latest window or 年度 first); ties go by
    relevance. `today` is the day status and deadlines are judged on (None: today in
    Japan)."""

    text: str = ""
    prefecture: str | None = None
    issuer: str | None = None
    kind: str | None = None
    fiscal_year: int | None = None
    open_on: date | None = None
    min_cap_yen: int | None = None
    size: CompanySize | None = None
    status: Status | None = None
    use_purpose: str | None = None
    sort: Sort = "relevance"
    today: date | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class SearchResult:
    total: int
    ids: list[str]
    # The stored load the ids are of (None when nothing was loaded); two results are
    # the same page whichever load gave it.
    token: str | None = field(default=None, compare=False)
