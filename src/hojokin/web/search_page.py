"""The search page: its parameters, and one page of results from the database search
(`hojokin.search`), the same search as the API's and the CLI's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from sqlalchemy import Engine

from hojokin.catalog import status
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import KINDS, Frame, Period, Program
from hojokin.ja.prefectures import prefecture_code
from hojokin.rules import labels
from hojokin.rules.size import Size
from hojokin.search.query import ProgramQuery
from hojokin.search.service import ProgramPage, search_programs

PAGE_SIZE = 20

# 上限額の絞り込み: the amounts a business owner thinks in.
MIN_CAPS = (1_000_000, 5_000_000, 10_000_000, 50_000_000, 100_000_000)


@dataclass(frozen=True)
class SearchParams:
    """The search form as submitted; values outside the allowed sets are dropped.

    `open_now` asks for programs taking applications on `today` (the day of the request)."""

    query: str = ""
    prefecture: str = ""
    kind: str = ""
    fiscal_year: int | None = None
    open_now: bool = False
    min_cap_yen: int | None = None
    size: str = ""
    page: int = 1
    today: date = field(default_factory=date.today)

    @classmethod
    def from_query(cls, args: Mapping[str, str], catalog: Catalog) -> SearchParams:
        prefecture = args.get("prefecture", "")
        kind = args.get("kind", "")
        year = args.get("fiscal_year", "")
        cap = args.get("min_cap_yen", "")
        size = args.get("size", "")
        page = args.get("page", "")
        return cls(
            query=args.get("q", "").strip()[:200],
            prefecture=prefecture if prefecture in prefectures(catalog) else "",
            kind=kind if kind in KINDS else "",
            fiscal_year=int(year)
            if year.isdigit() and int(year) in fiscal_years(catalog)
            else None,
            open_now=args.get("open") == "1",
            min_cap_yen=int(cap) if cap.isdigit() and int(cap) in MIN_CAPS else None,
            size=size if size in labels.SIZES else "",
            page=int(page) if page.isdigit() and int(page) >= 1 else 1,
        )

    @property
    def filtered(self) -> bool:
        return bool(
            self.query
            or self.prefecture
            or self.kind
            or self.fiscal_year
            or self.open_now
            or self.min_cap_yen
            or self.size
        )

    def link(self, page: int) -> dict[str, str | int]:
        """The query string of this search at another page (for the page links)."""
        return {
            "q": self.query,
            "prefecture": self.prefecture,
            "kind": self.kind,
            "fiscal_year": self.fiscal_year or "",
            "open": "1" if self.open_now else "",
            "min_cap_yen": self.min_cap_yen or "",
            "size": self.size,
            "page": page,
        }


@dataclass(frozen=True)
class SearchResults:
    programs: list[Program]
    total: int
    page: int
    pages: int


def search_page_results(engine: Engine, catalog: Catalog, params: SearchParams) -> SearchResults:
    """One page of the programs matching the text and the filters, best matches first."""

    def page_of(number: int) -> ProgramPage:
        query = ProgramQuery(
            text=params.query,
            prefecture=params.prefecture or None,
            kind=params.kind or None,
            fiscal_year=params.fiscal_year,
            open_on=params.today if params.open_now else None,
            min_cap_yen=params.min_cap_yen,
            size=cast(Size, params.size) if params.size else None,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )
        return search_programs(engine, catalog, query)

    found = page_of(params.page)
    pages = max(1, -(-found.total // PAGE_SIZE))
    if params.page > pages:  # a page number past the end shows the last page
        found = page_of(pages)
    return SearchResults(found.programs, found.total, min(params.page, pages), pages)


def prefectures(catalog: Catalog) -> list[str]:
    return sorted({p.prefecture for p in catalog}, key=prefecture_code)


def fiscal_years(catalog: Catalog) -> list[int]:
    return sorted({p.fiscal_year for p in catalog}, reverse=True)


def application_window(program: Program) -> Period | None:
    """When applications are taken: a frame's window, else a schedule entry naming it."""
    found = status.windows(program)
    return found[0].period if found else None


def cap_varies(frame: Frame) -> bool:
    """Whether a variant changes the frame's cap or fixed amount for some companies."""
    return any(v.cap or v.fixed or v.cap_multiplier for v in frame.variants)
