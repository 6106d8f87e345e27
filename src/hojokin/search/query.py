"""A search request: words and filters, as the API and the CLI take them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hojokin.rules.size import Size

MAX_QUERY_CHARS = 200
MAX_WORDS = 10
MAX_LIMIT = 100


@dataclass(frozen=True)
class ProgramQuery:
    """`text`: words that must all occur (empty: every program); the rest are filters that
    all must hold. `prefecture` is a full name (東京都); `issuer` matches part of the
    issuer, its department or the prefecture; `open_on`: an application window contains
    that day; `min_cap_yen`: some frame can grant at least that much; `size`: a company
    of that size can meet the program's size criteria."""

    text: str = ""
    prefecture: str | None = None
    issuer: str | None = None
    kind: str | None = None
    fiscal_year: int | None = None
    open_on: date | None = None
    min_cap_yen: int | None = None
    size: Size | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class SearchResult:
    total: int
    ids: list[str]
