"""The search page's results: the one place that decides which programs a search shows.

`search_page_results` is the seam for the database search (`hojokin.search`): it takes
the page's parameters and returns one page of programs and the number of all matches.
Until the index exists it filters the in-memory catalog with the substring search.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import KINDS, Frame, Period, Program
from hojokin.ja.prefectures import prefecture_code
from hojokin.search.substring import search

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


def search_page_results(catalog: Catalog, params: SearchParams) -> SearchResults:
    """One page of the programs matching the text and the filters, best matches first."""
    programs = list(catalog)
    if params.query:
        programs = search(programs, params.query, limit=len(programs))
    if params.prefecture:
        programs = [p for p in programs if p.prefecture == params.prefecture]
    if params.kind:
        programs = [p for p in programs if p.kind == params.kind]
    if params.fiscal_year is not None:
        programs = [p for p in programs if p.fiscal_year == params.fiscal_year]
    pages = max(1, -(-len(programs) // PAGE_SIZE))
    page = min(params.page, pages)
    shown = programs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return SearchResults(shown, len(programs), page, pages)


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
