"""The search page: its parameters, and one page of results from the database search
(`hojokin.search`), the same search as the API's and the CLI's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from hojokin.catalog import status as st
from hojokin.catalog.kinds import KINDS
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Frame, Period, Program
from hojokin.catalog.vocabulary import SIZE_LABELS, STATUS_LABELS, Status
from hojokin.ja.fields import small_number
from hojokin.ja.prefectures import prefecture_code
from hojokin.search.query import MAX_OFFSET, SORTS, Sort
from hojokin.search.request import program_query
from hojokin.search.service import ProgramPage, search_programs
from hojokin.store.snapshot import LiveCatalog, Snapshot
from hojokin.web import format as fmt
from hojokin.web.sources import plain_text

PAGE_SIZE = 20
LAST_PAGE = MAX_OFFSET // PAGE_SIZE + 1

# 上限額の絞り込み: the amounts a business owner thinks in.
MIN_CAPS = (1_000_000, 5_000_000, 10_000_000, 50_000_000, 100_000_000)


# The form's labels of the filters whose value must be one of their choices.
FILTER_LABELS: dict[str, str] = {
    "prefecture": "都道府県",
    "kind": "種類",
    "fiscal_year": "年度",
    "min_cap_yen": "上限額",
    "size": "会社の規模",
    "status": "募集状況",
    "use_purpose": "利用目的",
    "sort": "並び順",
    "page": "ページ",
}

STATUS_CHOICES: dict[str, str] = {
    "open": "募集中の制度のみ",
    "upcoming": "募集予定の制度のみ",
    "closed": "募集終了の制度のみ",
    "reported": "実施済み（実績報告）の取組のみ",
}


@dataclass(frozen=True)
class SearchParams:
    """The search form as submitted; values outside the allowed sets are dropped.

    `status` asks for programs of that status on `today` (the day of the request in
    Japan); `open_now` is the older 「募集中のみ」 box, the same as status `open`."""

    query: str = ""
    prefecture: str = ""
    kind: str = ""
    fiscal_year: int | None = None
    open_now: bool = False
    min_cap_yen: int | None = None
    size: str = ""
    status: str = ""
    use_purpose: str = ""
    sort: str = ""
    page: int = 1
    today: date = field(default_factory=st.today_jst)
    # Labels of the filters given a value outside their choices, to say they were ignored.
    ignored: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.open_now and not self.status:
            object.__setattr__(self, "status", "open")

    @classmethod
    def from_query(
        cls, args: Mapping[str, str], catalog: Catalog, today: date | None = None
    ) -> SearchParams:
        prefecture = args.get("prefecture", "")
        kind = args.get("kind", "")
        year = args.get("fiscal_year", "")
        cap = args.get("min_cap_yen", "")
        size = args.get("size", "")
        chosen = args.get("status", "")
        purpose = args.get("use_purpose", "")
        sort = args.get("sort", "")
        page = args.get("page", "")
        params = cls(
            query=args.get("q", "").strip(),
            prefecture=prefecture if prefecture in prefectures(catalog) else "",
            kind=kind if kind in KINDS else "",
            fiscal_year=small_number(year, 4)
            if small_number(year, 4) in fiscal_years(catalog)
            else None,
            open_now=args.get("open") == "1",
            min_cap_yen=small_number(cap, 15) if small_number(cap, 15) in MIN_CAPS else None,
            size=size if size in SIZE_LABELS else "",
            status=chosen if chosen in STATUS_CHOICES else "",
            use_purpose=purpose if purpose in use_purposes(catalog) else "",
            sort=sort if sort in SORTS else "",
            page=small_number(page) or 1,
            today=today or st.today_jst(),
        )
        ignored = tuple(
            label
            for name, label in FILTER_LABELS.items()
            if args.get(name, "") and str(getattr(params, name) or "") != args[name]
        )
        return replace(params, ignored=ignored) if ignored else params

    @property
    def narrowed(self) -> bool:
        """Whether a filter other than the keyword is set."""
        return bool(
            self.prefecture
            or self.kind
            or self.fiscal_year
            or self.min_cap_yen
            or self.size
            or self.status
            or self.use_purpose
        )

    @property
    def filtered(self) -> bool:
        return bool(self.query) or self.narrowed

    @property
    def order(self) -> Sort:
        """The sort asked for; relevance by default."""
        return cast(Sort, self.sort) if self.sort else "relevance"

    def link(self, page: int, **changes: str) -> dict[str, str | int]:
        """The query string of this search at another page (for the page links), with
        `changes` to its parameters (for the links that widen an empty search)."""
        args: dict[str, str | int] = {
            "q": self.query,
            "prefecture": self.prefecture,
            "kind": self.kind,
            "fiscal_year": self.fiscal_year or "",
            "min_cap_yen": self.min_cap_yen or "",
            "size": self.size,
            "status": self.status,
            "use_purpose": self.use_purpose,
            "sort": self.sort,
            "page": page,
        }
        return args | changes


@dataclass(frozen=True)
class Suggestion:
    """A link that widens a search that found nothing."""

    label: str
    args: dict[str, str | int]


def empty_advice(params: SearchParams, words_total: int | None) -> tuple[str, list[Suggestion]]:
    """What to say when nothing matched, fitting what was asked: a keyword that finds
    nothing, or filters (a status today …) that exclude what the keyword, or the whole
    catalog, has. `words_total` is how many programs the keyword alone finds."""
    query = params.query
    if query and not words_total:
        message = f"「{query}」に合う制度は見つかりませんでした。"
        return message + "キーワードを短くするか、別の言葉で探してください。", []
    found = f"「{query}」に合う制度は{words_total}件ありますが、" if query else ""
    # What the filters leave: nothing of the keyword's programs, or of the catalog.
    none = "ものは見つかりませんでした" if query else "制度はありません"
    others = any(
        (
            params.prefecture,
            params.kind,
            params.fiscal_year,
            params.min_cap_yen,
            params.size,
            params.use_purpose,
        )
    )
    suggestions: list[Suggestion] = []
    if params.status:
        label = STATUS_LABELS[cast(Status, params.status)]
        within = "この絞り込みに合う" if others else ""
        day = fmt.date_text(params.today)
        message = f"{found}{day}時点で{within}{label}の{none}。"
        if others:
            only: dict[str, str | int] = {"q": query, "status": params.status, "sort": params.sort}
            suggestions.append(Suggestion(f"ほかの絞り込みを外して{label}の制度を見る", only))
        if params.status == "open":
            upcoming = params.link(1, status="upcoming")
            suggestions.append(Suggestion("募集予定の制度を見る", upcoming))
    else:
        message = f"{found}この絞り込みに合う{none}。条件を減らしてください。"
    if query:
        widen = f"絞り込みを外して「{query}」の{words_total}件を見る"
        suggestions.append(Suggestion(widen, {"q": query, "sort": params.sort}))
    else:
        suggestions.append(Suggestion("すべての制度を見る", {"sort": params.sort}))
    return message, suggestions


@dataclass(frozen=True)
class FrameAmounts:
    """A frame's amounts as a card shows them; `name` only when the program has several."""

    name: str | None
    cap_yen: int | None
    floor_yen: int | None
    fixed_yen: int | None
    varies: bool


@dataclass(frozen=True)
class Card:
    """A program as the search lists it: status with its deadline, the window, amounts."""

    program: Program
    standing: st.Standing
    window: Period | None
    amounts: list[FrameAmounts]
    summary: str | None

    @property
    def has_floor(self) -> bool:
        return any(a.floor_yen is not None for a in self.amounts)


def card(catalog: Catalog, program: Program, today: date) -> Card:
    several = len(program.frames) > 1
    amounts = [
        FrameAmounts(
            name=f.name if several else None,
            cap_yen=f.cap.yen if f.cap else None,
            floor_yen=f.floor.yen if f.floor else None,
            fixed_yen=f.fixed.yen if f.fixed else None,
            varies=cap_varies(f),
        )
        for f in program.frames
    ]
    summary = plain_text(program.description.text) if program.description else None
    standing = st.standing(catalog, program, today)
    return Card(program, standing, window(program, today), amounts, summary)


@dataclass(frozen=True)
class SearchResults:
    """One page of cards; `words_total`, when nothing matched a keyword and filters, is
    how many programs the keyword alone finds (so the page can say so)."""

    cards: list[Card]
    total: int
    page: int
    pages: int
    snapshot: Snapshot  # the load the cards are of
    words_total: int | None = None

    @property
    def programs(self) -> list[Program]:
        return [c.program for c in self.cards]


def search_page_results(
    live: LiveCatalog, snapshot: Snapshot, params: SearchParams
) -> SearchResults:
    """One page of the programs matching the text and the filters, in the order asked,
    read from `snapshot` or the newer load search found stored. Raises QueryError for
    a keyword over the limits."""

    def page_of(number: int) -> ProgramPage:
        query = program_query(
            params.query,
            prefecture=params.prefecture or None,
            kind=params.kind or None,
            fiscal_year=params.fiscal_year,
            min_cap_yen=params.min_cap_yen,
            size=params.size or None,
            status=params.status or None,
            use_purpose=params.use_purpose or None,
            sort=params.order,
            today=params.today,
            limit=PAGE_SIZE,
            # A page past the end shows the last page: no need to count that far.
            offset=(min(number, LAST_PAGE) - 1) * PAGE_SIZE,
        )
        return search_programs(live, snapshot, query)

    found = page_of(params.page)
    pages = max(1, -(-found.total // PAGE_SIZE))
    if params.page > pages:  # a page number past the end shows the last page
        found = page_of(pages)
    shown = found.snapshot
    cards = [card(shown.catalog, p, params.today) for p in found.programs]
    words_total = None
    if not found.total and params.query and params.narrowed:
        words = program_query(params.query, today=params.today, limit=1)
        words_total = search_programs(live, shown, words).total
    return SearchResults(cards, found.total, min(params.page, pages), pages, shown, words_total)


def prefectures(catalog: Catalog) -> list[str]:
    return sorted({p.prefecture for p in catalog}, key=prefecture_code)


def fiscal_years(catalog: Catalog) -> list[int]:
    return sorted({p.fiscal_year for p in catalog}, reverse=True)


def use_purposes(catalog: Catalog) -> list[str]:
    """The jGrants use purposes the catalog's programs give, in order of first use."""
    return list(dict.fromkeys(purpose for p in catalog for purpose in p.use_purpose))


def window(program: Program, today: date) -> Period | None:
    """The application window a card shows: the one open on `today`, else the next one,
    else the last one (a frame's window, or a schedule entry naming one); of windows
    starting on the same day, the longest (Tokyo's 募集期間 rather than its parts)."""
    periods = [w.period for w in st.windows(program)]
    ahead = [p for p in periods if p.end >= today]
    if ahead:
        return min(ahead, key=lambda p: (p.start > today, p.start, -p.end.toordinal()))
    return max(periods, key=lambda p: (p.end, -p.start.toordinal()), default=None)


def cap_varies(frame: Frame) -> bool:
    """Whether a variant changes the frame's cap or fixed amount for some companies."""
    return any(v.cap or v.fixed or v.cap_multiplier for v in frame.variants)
