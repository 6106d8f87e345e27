"""What search keeps in memory of the stored programs: the filter columns as arrays, the
folded texts (to find a long word in its candidates) and the ranking of ids.

Read from `search_doc` and `program_window` once per loaded catalog: every load writes
a new token (`hojokin.store.state`), and a token not seen before is read again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, select

from hojokin import ja
from hojokin.catalog.vocabulary import COMPANY_SIZES, STATUSES, Status
from hojokin.search import facets, tables
from hojokin.search.postings import Docs
from hojokin.search.query import ProgramQuery
from hojokin.search.text import SEPARATOR, fold
from hojokin.store.state import stored_token

Mask = npt.NDArray[np.bool_]

# Status codes in the index: 0 is unknown (the data cannot tell), then STATUSES' order.
STATUS_CODE: dict[Status, int] = {s: i + 1 for i, s in enumerate(STATUSES)}
# The deadline of a program with none: after every real one.
NO_DEADLINE = np.iinfo(np.int64).max
_DAYS_KEPT = 2  # today and, around midnight in Japan, yesterday


@dataclass(frozen=True)
class Codes:
    """A text column as codes into its distinct values, so that a filter tests each
    distinct value once."""

    values: list[str]
    codes: npt.NDArray[np.int32]

    @classmethod
    def of(cls, column: Sequence[str]) -> Codes:
        values = sorted(set(column))
        number = {v: i for i, v in enumerate(values)}
        return cls(values, np.fromiter((number[v] for v in column), np.int32, len(column)))

    def where(self, test: Callable[[str], bool]) -> Mask:
        chosen = [i for i, value in enumerate(self.values) if test(value)]
        return np.isin(self.codes, chosen)


@dataclass(frozen=True)
class DayFacts:
    """What depends on the day: each program's status code and deadline (an ordinal,
    `NO_DEADLINE` when no window is open or ahead)."""

    status: npt.NDArray[np.int8]
    deadline: Docs


@dataclass(frozen=True)
class SearchIndex:
    ids: list[str]
    # Each program's place among the ids in byte order: ties in the ranking go by id.
    id_rank: Docs
    prefecture: Codes
    kind: Codes
    # What each program's score is multiplied by (`facets.kind_factor`).
    kind_factor: Docs
    issuer: Codes
    fiscal_year: Docs
    max_cap_yen: Docs
    has_cap: Mask
    admits: dict[str, Mask]
    window_doc: Docs
    window_opens: Docs
    window_closes: Docs
    reported: Mask
    use_purpose: Codes
    # The first and last day of each program's 年度, and its newest date (the latest
    # window's first day, else the 年度's), as ordinals.
    year_starts: Docs
    year_ends: Docs
    newest: Docs
    # Each program's folded texts, all fields kept apart by SEPARATOR: where a long word
    # is looked for once its grams say it may be there.
    texts: list[str]
    _days: dict[date, DayFacts] = field(default_factory=dict, compare=False, repr=False)
    _purposes: dict[str, Mask] = field(default_factory=dict, compare=False, repr=False)

    @property
    def size(self) -> int:
        return len(self.ids)

    def on(self, today: date) -> DayFacts:
        """Status and deadlines on `today`, as `hojokin.catalog.status` judges them one
        program at a time; computed once per day."""
        days = self._days
        found = days.get(today)
        if found is None:
            found = self._judge(today.toordinal())
            if len(days) >= _DAYS_KEPT:
                days.clear()  # one call each: safe while other threads read
            days[today] = found
        return found

    def _judge(self, day: int) -> DayFacts:
        def any_window(test: Mask) -> Mask:
            mask = np.zeros(self.size, np.bool_)
            mask[self.window_doc[test]] = True
            return mask

        opens, closes = self.window_opens, self.window_closes
        windowed = any_window(np.ones(len(opens), np.bool_))
        code = np.zeros(self.size, np.int8)  # unknown: under way with no window stated
        code[~windowed & (day < self.year_starts)] = STATUS_CODE["upcoming"]
        code[~windowed & (day > self.year_ends)] = STATUS_CODE["closed"]
        code[windowed] = STATUS_CODE["closed"]
        code[any_window(opens > day)] = STATUS_CODE["upcoming"]
        code[any_window((opens <= day) & (closes >= day))] = STATUS_CODE["open"]
        code[self.reported] = STATUS_CODE["reported"]
        deadline = np.full(self.size, NO_DEADLINE, np.int64)
        ahead = closes >= day
        np.minimum.at(deadline, self.window_doc[ahead], closes[ahead])
        return DayFacts(code, deadline)

    def purpose(self, wanted: str) -> Mask:
        """The programs listing the use purpose `wanted`; kept for purposes some program
        lists (a vocabulary of a dozen), so that any text asked for costs no memory."""
        found = self._purposes.get(wanted)
        if found is None:
            sep = facets.PURPOSE_SEPARATOR
            found = self.use_purpose.where(lambda text: wanted in text.split(sep))
            if found.any():
                self._purposes[wanted] = found
        return found

    def allowed(self, query: ProgramQuery, today: date) -> Mask | None:
        """The programs every filter of `query` admits (status judged on `today`); None
        when it has no filter."""
        masks: list[Mask] = []
        if query.prefecture is not None:
            masks.append(self.prefecture.where(query.prefecture.__eq__))
        if query.issuer:
            needle = fold(query.issuer) or query.issuer
            masks.append(self.issuer.where(lambda text: needle in text))
        if query.kind is not None:
            masks.append(self.kind.where(query.kind.__eq__))
        if query.fiscal_year is not None:
            masks.append(self.fiscal_year == query.fiscal_year)
        if query.open_on is not None:
            day = query.open_on.toordinal()
            open_now = (self.window_opens <= day) & (self.window_closes >= day)
            mask = np.zeros(self.size, np.bool_)
            mask[self.window_doc[open_now]] = True
            masks.append(mask)
        if query.min_cap_yen is not None:
            masks.append(self.has_cap & (self.max_cap_yen >= query.min_cap_yen))
        if query.size is not None:
            masks.append(self.admits[query.size])
        if query.status is not None:
            masks.append(self.on(today).status == STATUS_CODE[query.status])
        if query.use_purpose is not None:
            masks.append(self.purpose(query.use_purpose))
        if not masks:
            return None
        return np.logical_and.reduce(masks) if len(masks) > 1 else masks[0]

    def holds(self, word: str, docs: Docs) -> Mask:
        """Whether each of `docs` contains `word` in one of its texts."""
        texts = self.texts
        return np.fromiter((word in texts[d] for d in docs.tolist()), np.bool_, len(docs))


_d, _w = tables.search_doc, tables.program_window
_DOCS = select(
    _d.c.doc,
    _d.c.program_id,
    _d.c.prefecture,
    _d.c.kind,
    _d.c.issuer_text,
    _d.c.reported,
    _d.c.use_purpose,
    _d.c.fiscal_year,
    _d.c.max_cap_yen,
    *(_d.c[f"admits_{size}"] for size in COMPANY_SIZES),
    *(_d.c[f"{field}_text"] for field in facets.FIELD_WEIGHTS),
).order_by(_d.c.doc)
_WINDOWS = select(_d.c.doc, _w.c.opens_on, _w.c.closes_on).join_from(
    _w, _d, _w.c.program_id == _d.c.program_id
)


def _read(conn: Connection) -> SearchIndex:
    rows = conn.execute(_DOCS).all()
    names = list(_DOCS.selected_columns.keys())
    column = dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)) if rows else {}
    column = {name: column.get(name, []) for name in names}
    if column["doc"] != list(range(len(rows))):
        raise RuntimeError("search_doc: programs are not numbered 0, 1, 2 …; reload the catalog")
    ids: list[str] = column["program_id"]
    rank = np.empty(len(ids), np.int64)
    rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    caps = column["max_cap_yen"]
    windows = conn.execute(_WINDOWS).all()
    years = {y: ja.fiscal_year_range(y) for y in set(column["fiscal_year"])}
    year_starts = np.array([years[y].start.toordinal() for y in column["fiscal_year"]], np.int64)
    window_doc = np.array([w.doc for w in windows], np.int64)
    window_opens = np.array([w.opens_on.toordinal() for w in windows], np.int64)
    newest = year_starts.copy()
    windowed = np.zeros(len(ids), np.bool_)
    windowed[window_doc] = True
    newest[windowed] = 0
    np.maximum.at(newest, window_doc, window_opens)
    return SearchIndex(
        ids=ids,
        id_rank=rank,
        prefecture=Codes.of(column["prefecture"]),
        kind=Codes.of(column["kind"]),
        kind_factor=np.array([facets.kind_factor(k) for k in column["kind"]], np.int64),
        issuer=Codes.of(column["issuer_text"]),
        fiscal_year=np.array(column["fiscal_year"], np.int64),
        max_cap_yen=np.array([cap or 0 for cap in caps], np.int64),
        has_cap=np.array([cap is not None for cap in caps], np.bool_),
        admits={size: np.array(column[f"admits_{size}"], np.bool_) for size in COMPANY_SIZES},
        window_doc=window_doc,
        window_opens=window_opens,
        window_closes=np.array([w.closes_on.toordinal() for w in windows], np.int64),
        reported=np.array(column["reported"], np.bool_),
        use_purpose=Codes.of(column["use_purpose"]),
        year_starts=year_starts,
        year_ends=np.array([years[y].end.toordinal() for y in column["fiscal_year"]], np.int64),
        newest=newest,
        texts=[
            SEPARATOR.join(fields)
            for fields in zip(*(column[f"{f}_text"] for f in facets.FIELD_WEIGHTS), strict=True)
        ],
    )


_cache: dict[str, SearchIndex] = {}
_cache_lock = threading.Lock()
_KEEP = 2  # the catalog in use and the one loaded over it


def search_index(conn: Connection) -> SearchIndex | None:
    """The index of the programs stored in `conn`'s database; None when no programs were
    ever loaded, or a reload committed while it was read."""
    token = stored_token(conn)
    return None if token is None else index_of_load(conn, token)


def index_of_load(conn: Connection, token: str) -> SearchIndex | None:
    """The index of the load that wrote `token`, read from `conn` the first time; None
    when another load replaced that one before the read was done."""
    with _cache_lock:
        index = _cache.get(token)
        if index is None:
            index = _read(conn)
            # A load writes its rows and its token in one transaction, so the token
            # read after the rows tells whose rows they were.
            if stored_token(conn) != token:
                return None
            _cache[token] = index
            while len(_cache) > _KEEP:
                del _cache[next(iter(_cache))]
    return index
