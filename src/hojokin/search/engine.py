"""The one search: n-gram postings in ordinary tables, the same SQL on SQLite and PostgreSQL.

A word of up to `MAX_GRAM` folded characters is itself a posting, whose weight is its
weighted count (name ×100, targets and purposes ×10, description ×1): candidates and
score come from the index alone. A longer word reads the postings of its rarest
`MAX_GRAM`-gram for candidates, then verifies them against the folded texts and counts
its occurrences there with `length()` and `replace()`, which both databases compute
alike. Programs are ranked by the sum of their words' scores, ties by id (byte order on
both databases).

One word read from the index is the common query, and the cheap one: its postings are
indexed by (gram, weight descending, id), which is the ranking itself, so the page is
the first rows of that index, and without filters the total is the gram's program
count in `search_gram_stat`; nothing is scored or sorted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    and_,
    bindparam,
    exists,
    func,
    select,
)

from hojokin.search import facets
from hojokin.search.query import ProgramQuery, SearchResult
from hojokin.search.text import MAX_GRAM, fold, query_words
from hojokin.store import tables

d = tables.search_doc


def _removed(column: Any, word: str) -> ColumnElement[int]:
    """How many characters removing every occurrence of `word` takes out of `column`."""
    return func.length(column) - func.length(func.replace(column, word, ""))


def _contains(column: Any, word: str) -> ColumnElement[bool]:
    return _removed(column, word) > 0


def _rarest_gram(conn: Connection, word: str) -> str | None:
    """The `MAX_GRAM`-gram of `word` in fewest programs; None when one is in none (no
    match)."""
    grams = sorted({word[i : i + MAX_GRAM] for i in range(len(word) - MAX_GRAM + 1)})
    stat = tables.search_gram_stat
    rows = conn.execute(select(stat.c.gram, stat.c.programs).where(stat.c.gram.in_(grams))).all()
    if len(rows) < len(grams):
        return None
    rarest: str = min(rows, key=lambda row: (row.programs, row.gram)).gram
    return rarest


def _filters(query: ProgramQuery) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if query.prefecture is not None:
        conds.append(d.c.prefecture == query.prefecture)
    if query.issuer:
        conds.append(_contains(d.c.issuer_text, fold(query.issuer) or query.issuer))
    if query.kind is not None:
        conds.append(d.c.kind == query.kind)
    if query.fiscal_year is not None:
        conds.append(d.c.fiscal_year == query.fiscal_year)
    if query.open_on is not None:
        w = tables.program_window
        conds.append(
            exists().where(
                w.c.program_id == d.c.program_id,
                w.c.opens_on <= query.open_on,
                w.c.closes_on >= query.open_on,
            )
        )
    if query.min_cap_yen is not None:
        conds.append(d.c.max_cap_yen >= query.min_cap_yen)
    if query.size is not None:
        conds.append(d.c[f"admits_{query.size}"].is_(True))
    return conds


def _statement(conn: Connection, query: ProgramQuery) -> tuple[Select[Any], Select[Any]] | None:
    """The page and count statements, or None when a word cannot match anything."""
    source: FromClause = d
    conds = _filters(query)
    scores: list[ColumnElement[int]] = []
    for i, word in enumerate(query_words(query.text)):
        posting = tables.search_gram.alias(f"g{i}")
        if len(word) <= MAX_GRAM:
            source = source.join(
                posting, and_(posting.c.program_id == d.c.program_id, posting.c.gram == word)
            )
            scores.append(posting.c.weight)
            continue
        rarest = _rarest_gram(conn, word)
        if rarest is None:
            return None
        source = source.join(
            posting, and_(posting.c.program_id == d.c.program_id, posting.c.gram == rarest)
        )
        removed = (
            facets.NAME_WEIGHT * _removed(d.c.name_text, word)
            + facets.MID_WEIGHT * _removed(d.c.mid_text, word)
            + facets.BODY_WEIGHT * _removed(d.c.body_text, word)
        )
        # Exact: every removed stretch is len(word) characters long.
        scores.append(removed // len(word))
    if not scores:
        count = select(func.count()).select_from(source).where(*conds)
        page = select(d.c.program_id, func.count().over().label("total"))
        page = page.select_from(source).where(*conds).order_by(d.c.program_id)
        return page.limit(query.limit).offset(query.offset), count
    # Score each match once in a subquery, then rank; the total rides along with the
    # page, so the matches are found once, not twice.
    scored = (
        select(d.c.program_id, sum(scores[1:], scores[0]).label("score"))
        .select_from(source)
        .where(*conds)
        .subquery()
    )
    page = (
        select(scored.c.program_id, func.count().over().label("total"))
        .where(scored.c.score > 0)
        .order_by(scored.c.score.desc(), scored.c.program_id)
    )
    count = select(func.count()).select_from(scored).where(scored.c.score > 0)
    return page.limit(query.limit).offset(query.offset), count


_g, _stat = tables.search_gram, tables.search_gram_stat
# The commonest request, one word and no filter, built once: constructing a statement
# costs more than SQLite takes to run it, and the bound values are all that change.
_WORD_PAGE = (
    select(_g.c.program_id)
    .where(_g.c.gram == bindparam("word"))
    .order_by(_g.c.weight.desc(), _g.c.program_id)
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_WORD_TOTAL = select(_stat.c.programs).where(_stat.c.gram == bindparam("word"))


def _one_word(conn: Connection, query: ProgramQuery, word: str) -> SearchResult:
    """A single word read from the index: the page walks the postings in ranking order."""
    conds = _filters(query)
    if not conds:
        bound = {"word": word, "limit": query.limit, "offset": query.offset}
        ids = list(conn.execute(_WORD_PAGE, bound).scalars())
        if not ids and not query.offset:
            return SearchResult(total=0, ids=[])
        total = conn.execute(_WORD_TOTAL, {"word": word}).scalar()
        return SearchResult(total=total or 0, ids=ids)
    source = _g.join(d, d.c.program_id == _g.c.program_id)
    page = (
        select(_g.c.program_id)
        .select_from(source)
        .where(_g.c.gram == word, *conds)
        .order_by(_g.c.weight.desc(), _g.c.program_id)
        .limit(query.limit)
        .offset(query.offset)
    )
    ids = list(conn.execute(page).scalars())
    if not ids and not query.offset:
        return SearchResult(total=0, ids=[])
    count = select(func.count()).select_from(source).where(_g.c.gram == word, *conds)
    return SearchResult(total=conn.execute(count).scalar() or 0, ids=ids)


def search(conn: Connection, query: ProgramQuery) -> SearchResult:
    """Programs matching every word and filter, best first, one page of them."""
    words = query_words(query.text)
    if len(words) == 1 and len(words[0]) <= MAX_GRAM:
        return _one_word(conn, query, words[0])
    statements = _statement(conn, query)
    if statements is None:
        return SearchResult(total=0, ids=[])
    page, count = statements
    rows = conn.execute(page).all()
    if rows:
        return SearchResult(total=rows[0].total, ids=[row.program_id for row in rows])
    # A page past the end has no row to carry the total.
    return SearchResult(total=conn.execute(count).scalar_one() if query.offset else 0, ids=[])
