"""The search page: its parameters, and one page of results from the database search
(`hojokin.search`), the same search as the API's and the CLI's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import KINDS, Frame, Period, Program
from hojokin.ja.prefectures import prefecture_code
from hojokin.search.query import ProgramQuery
from hojokin.search.service import ProgramPage, search_programs

PAGE_SIZE = 20
# Schedule labels that name when applications are taken, for programs whose frames
# have no application window of their own.
WINDOW_WORDS = ("募集", "申請", "受付", "公募")


@dataclass(frozen=True)
class SearchParams:
    """The search form as submitted; values outside the allowed sets are dropped."""

    query: str = ""
    prefecture: str = ""
    kind: str = ""
    fiscal_year: int | None = None
    page: int = 1

    @classmethod
    def from_query(cls, args: Mapping[str, str], catalog: Catalog) -> SearchParams:
        prefecture = args.get("prefecture", "")
        kind = args.get("kind", "")
        year = args.get("fiscal_year", "")
        page = args.get("page", "")
        return cls(
            query=args.get("q", "").strip()[:200],
            prefecture=prefecture if prefecture in prefectures(catalog) else "",
            kind=kind if kind in KINDS else "",
            fiscal_year=int(year)
            if year.isdigit() and int(year) in fiscal_years(catalog)
            else None,
            page=int(page) if page.isdigit() and int(page) >= 1 else 1,
        )

    @property
    def filtered(self) -> bool:
        return bool(self.query or self.prefecture or self.kind or self.fiscal_year)


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
    for frame in program.frames:
        if frame.application_window is not None:
            return frame.application_window
    for item in program.schedule:
        if any(word in item.label for word in WINDOW_WORDS):
            return item.period
    return None


def cap_varies(frame: Frame) -> bool:
    """Whether a variant changes the frame's cap or fixed amount for some companies."""
    return any(v.cap or v.fixed or v.cap_multiplier for v in frame.variants)
