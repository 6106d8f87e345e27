"""The one search: posting lists read from the database, intersected and ranked as arrays.

A word of up to `MAX_GRAM` folded characters is itself a gram, whose posting list gives
every program containing it with its weighted count (name ×100, targets and purposes ×10,
description ×1). A longer word's candidates are the programs holding all of its
`MAX_GRAM`-grams; its count in each is then read off the folded texts. Programs must
match every word and filter; they are ranked by the sum of their words' counts, ties by
id (byte order), and without words by id. Both databases store the same lists and the
ranking happens here, so SQLite and PostgreSQL give the same pages.

The work grows with the rarest list a query touches, not with the catalog: words are
intersected rarest first, each step keeping only the programs found so far.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Connection, bindparam, select

from hojokin.search.index import Mask, SearchIndex, search_index
from hojokin.search.postings import Docs, PostingList
from hojokin.search.query import ProgramQuery, SearchResult
from hojokin.search.text import MAX_GRAM, query_words
from hojokin.store import tables

_p = tables.search_posting
_POSTINGS = select(_p.c.gram, _p.c.docs, _p.c.weights).where(
    _p.c.gram.in_(bindparam("grams", expanding=True))
)
_NOTHING = SearchResult(total=0, ids=[])


def _grams(word: str) -> list[str]:
    """The grams whose lists a word reads: itself, or every `MAX_GRAM`-gram of it."""
    if len(word) <= MAX_GRAM:
        return [word]
    return sorted({word[i : i + MAX_GRAM] for i in range(len(word) - MAX_GRAM + 1)})


def _postings(conn: Connection, grams: set[str]) -> dict[str, PostingList]:
    rows = conn.execute(_POSTINGS, {"grams": sorted(grams)})
    return {row.gram: PostingList.decode(row.docs, row.weights) for row in rows}


def _within(docs: Docs, score: Docs, found: PostingList, add: bool) -> tuple[Docs, Docs]:
    """The programs of `docs` that `found` lists too, with its weight added to the score
    when `add`."""
    at = np.searchsorted(found.docs, docs)
    at[at == len(found.docs)] = 0
    hit = found.docs[at] == docs if len(found.docs) else np.zeros(len(docs), np.bool_)
    docs, score = docs[hit], score[hit]
    return docs, score + found.weights[at[hit]] if add else score


def _matches(
    index: SearchIndex, words: list[str], lists: dict[str, PostingList], allowed: Mask | None
) -> tuple[Docs, Docs]:
    """Every program matching all words and filters, with its score."""
    short = sorted((lists[w] for w in words if len(w) <= MAX_GRAM), key=lambda p: len(p.docs))
    long = [w for w in words if len(w) > MAX_GRAM]
    if short:
        docs, score = short[0].docs, short[0].weights
    elif long:
        rarest = min((lists[g] for g in _grams(long[0])), key=lambda p: len(p.docs))
        docs, score = rarest.docs, np.zeros(len(rarest.docs), np.int64)
    elif allowed is not None:
        docs = np.flatnonzero(allowed).astype(np.int64)
        return docs, np.zeros(len(docs), np.int64)
    else:
        return np.arange(index.size, dtype=np.int64), np.zeros(index.size, np.int64)
    if allowed is not None:
        keep = allowed[docs]
        docs, score = docs[keep], score[keep]
    for found in short[1:]:
        docs, score = _within(docs, score, found, add=True)
    for word in long:
        for gram in sorted(_grams(word), key=lambda g: len(lists[g].docs)):
            docs, score = _within(docs, score, lists[gram], add=False)
        counts = index.occurrences(word, docs)
        keep = counts > 0
        docs, score = docs[keep], score[keep] + counts[keep]
    return docs, score


def _page(index: SearchIndex, docs: Docs, score: Docs, query: ProgramQuery) -> SearchResult:
    """The page of `query.limit` after `query.offset`: best score first, then by id."""
    total = len(docs)
    end = min(query.offset + query.limit, total)
    if end <= query.offset:
        return SearchResult(total=total, ids=[])
    key = index.id_rank[docs] - score * index.size
    best = np.argpartition(key, end - 1)[:end] if end < total else np.arange(total)
    best = best[np.argsort(key[best])][query.offset : end]
    return SearchResult(total=total, ids=[index.ids[d] for d in docs[best].tolist()])


def search(conn: Connection, query: ProgramQuery) -> SearchResult:
    """Programs matching every word and filter, best first, one page of them."""
    index = search_index(conn)
    if index is None:
        return _NOTHING
    words = query_words(query.text)
    grams = {g for word in words for g in _grams(word)}
    lists = _postings(conn, grams) if grams else {}
    if len(lists) < len(grams):
        return _NOTHING  # a gram no program contains
    docs, score = _matches(index, words, lists, index.allowed(query))
    return _page(index, docs, score, query)
