"""The one search: posting lists read from the database, intersected and ranked as arrays.

A query word matches through one of its forms (`hojokin.search.words`: the word, its
synonyms, its parts). Each word of a form is looked up in the posting lists: a word of
up to `MAX_GRAM` folded characters is itself a gram, whose list gives every program
containing it with its weighted count (`facets.FIELD_WEIGHTS`); a longer word's
candidates are the programs holding all of its `MAX_GRAM`-grams, its weight the least of
theirs, and the word as typed is checked in the candidates' texts. Programs must match
every word and filter; they are ranked by the sum of their words' scores times their
kind's factor (`facets.kind_factor`), ties by id (byte order), and without words by id;
the other sorts (deadline, cap, newest) put their own key first and keep that order for
ties. Both databases store the same lists
and the ranking happens here, so SQLite and PostgreSQL give the same pages.

The work grows with the lists a query touches, not with the catalog: the word with the
fewest candidates goes first, and each further word is scored on the programs kept so
far only.
"""

from __future__ import annotations

import threading
from datetime import date

import numpy as np
from sqlalchemy import Connection

from hojokin.catalog import status
from hojokin.search import tables
from hojokin.search.index import Mask, SearchIndex, index_of_load
from hojokin.search.postings import Docs, PostingList
from hojokin.search.query import ProgramQuery, SearchResult
from hojokin.search.text import MAX_GRAM, query_words
from hojokin.search.words import BALANCE, PARTS_ALONE, Alternative, Form, Slot, forms
from hojokin.store.engine import placeholder
from hojokin.store.retry import driver_cursor
from hojokin.store.state import TOKEN_KEY
from hojokin.store.tables import catalog_state

_NOTHING = SearchResult(total=0, ids=[])


def _postings_sql(grams: int, marker: str) -> str:
    """The load's token and the posting lists of `grams` grams in one statement (a row
    with no gram when none is stored), in SQL both databases read alike."""
    listed = ", ".join([marker] * grams) if grams else "NULL"
    return (
        f"SELECT s.value, p.gram, p.docs, p.weights FROM {catalog_state.name} s "
        f"LEFT JOIN {tables.search_posting.name} p ON p.gram IN ({listed}) "
        f"WHERE s.key = {marker}"
    )


def _grams(word: str) -> list[str]:
    """The grams whose lists a word reads: itself, or every `MAX_GRAM`-gram of it."""
    if len(word) <= MAX_GRAM:
        return [word]
    return sorted({word[i : i + MAX_GRAM] for i in range(len(word) - MAX_GRAM + 1)})


def _postings(conn: Connection, grams: set[str]) -> tuple[str | None, dict[str, PostingList]]:
    """The token of the stored load (None: nothing was ever loaded) and the posting lists
    of those of `grams` that some program contains.

    Read through the driver's own cursor: one SELECT needs no transaction around it, and
    SQLAlchemy's statement handling and BEGIN/ROLLBACK took four times the query's time
    in a search request."""
    marker = placeholder(conn)
    with driver_cursor(conn) as cursor:
        cursor.execute(_postings_sql(len(grams), marker), (*sorted(grams), TOKEN_KEY))
        rows = cursor.fetchall()
    lists = {gram: PostingList.decode(docs, weights) for _, gram, docs, weights in rows if gram}
    return (rows[0][0] if rows else None), lists


_EMPTY: Docs = np.zeros(0, np.int64)
# A word's weights are looked up in a dense array of every program once it is to be read
# for more than one program in this many: cheaper than a binary search per program.
_DENSE_SHARE = 16


_local = threading.local()


def _scratch(size: int) -> Docs:
    """An array of `size` zeros, one per thread, kept between lookups: a new one each time
    cost more in page faults than the lookup itself."""
    scratch: Docs | None = getattr(_local, "scratch", None)
    if scratch is None or len(scratch) != size:
        scratch = _local.scratch = np.zeros(size, np.int64)
    return scratch


def _lookup(size: int, found: PostingList, docs: Docs) -> Docs:
    """The weight `found` gives each of `docs` (0 for those it does not list)."""
    if docs is found.docs:
        return found.weights
    if len(found.docs) * _DENSE_SHARE < len(docs):
        # A short list against many programs: find each of its programs among them.
        at = np.searchsorted(docs, found.docs)
        inside = at < len(docs)
        at, listed = at[inside], inside.nonzero()[0]
        hit = docs[at] == found.docs[listed]
        weights = np.zeros(len(docs), np.int64)
        weights[at[hit]] = found.weights[listed[hit]]
        return weights
    if len(docs) * _DENSE_SHARE > size:
        dense = _scratch(size)
        dense[found.docs] = found.weights
        weights = dense[docs]
        dense[found.docs] = 0  # left as found, all zeros, for the next lookup
        return weights
    at = np.searchsorted(found.docs, docs)
    at[at == len(found.docs)] = 0  # past the end: compared with the first, a miss
    return np.where(found.docs[at] == docs, found.weights[at], 0)


def _count(
    index: SearchIndex, lists: dict[str, PostingList], alternative: Alternative, docs: Docs
) -> Docs:
    """The weight of a word in each of `docs` (0: not there): a gram's own weight; for a
    longer word, the least weight of its grams, where the word itself occurs when it is
    `verified`, else where all its grams do."""
    text = alternative.text
    grams = _grams(text)
    if any(g not in lists for g in grams):
        return np.zeros(len(docs), np.int64)
    if len(text) <= MAX_GRAM:
        return _lookup(index.size, lists[text], docs)
    # Only the programs holding every gram of a longer word can hold it.
    hit = np.arange(len(docs))
    least = np.full(len(docs), np.iinfo(np.int64).max)
    for gram in sorted(grams, key=lambda g: len(lists[g].docs)):
        weights = _lookup(index.size, lists[gram], docs[hit])
        keep = weights > 0
        hit = hit[keep]
        least[hit] = np.minimum(least[hit], weights[keep])
    weights = np.zeros(len(docs), np.int64)
    held = hit[index.holds(text, docs[hit])] if alternative.verified else hit
    weights[held] = least[held]
    return weights


def _slot_score(index: SearchIndex, lists: dict[str, PostingList], slot: Slot, docs: Docs) -> Docs:
    """A slot's score in each of `docs`: its words' weights times their factors, summed."""
    total = np.zeros(len(docs), np.int64)
    for alternative in slot:
        total += alternative.factor * _count(index, lists, alternative, docs)
    return total


def _score(
    index: SearchIndex, lists: dict[str, PostingList], forms: tuple[Form, ...], docs: Docs
) -> Docs:
    """A word's score in each of `docs` (0: it does not match), as `words.combine` defines
    it from its whole form (the first) and its parts form (when it has one)."""
    whole_form, *parts_forms = forms
    whole = _slot_score(index, lists, whole_form.slots[0], docs)
    if not parts_forms:
        return PARTS_ALONE * whole
    slots = np.stack([_slot_score(index, lists, slot, docs) for slot in parts_forms[0].slots])
    # Form.score, for every program at once.
    capped = np.minimum(slots, BALANCE * slots.min(axis=0))
    parts = capped.sum(axis=0) // len(slots)
    combined: Docs = np.where(whole > 0, PARTS_ALONE * (whole + parts), parts)
    return combined


def _rarest(lists: dict[str, PostingList], text: str) -> Docs | None:
    """The shortest posting list among a word's grams: every program holding the word is
    on it (None: some gram is in no program)."""
    found = [lists.get(g) for g in _grams(text)]
    if any(f is None for f in found):
        return None
    return min((f.docs for f in found if f is not None), key=len)


def _rarest_slots(lists: dict[str, PostingList], forms: tuple[Form, ...]) -> list[list[Docs]]:
    """For each form, the lists of its rarest slot: a program matching the form is on one."""
    chosen = []
    for form in forms:
        slots = [
            [d for a in slot if (d := _rarest(lists, a.text)) is not None] for slot in form.slots
        ]
        chosen.append(min(slots, key=lambda found: sum(map(len, found))))
    return chosen


def _candidates(size: int, arrays: list[Docs]) -> Docs:
    """The programs on any of `arrays` (a word's rarest slots' lists), each once."""
    if len(arrays) <= 1:
        return arrays[0] if arrays else _EMPTY
    if sum(map(len, arrays)) * _DENSE_SHARE > size:
        mask = np.zeros(size, np.bool_)
        for docs in arrays:
            mask[docs] = True
        return np.flatnonzero(mask).astype(np.int64)
    # A few hundred or thousand programs: sorted, each kept once.
    merged = np.sort(np.concatenate(arrays))
    first = np.ones(len(merged), np.bool_)
    first[1:] = merged[1:] != merged[:-1]
    return merged[first]


def _single(forms: tuple[Form, ...]) -> Alternative | None:
    """The one word a word matches when it has no synonym, no parts and is short."""
    if len(forms) == 1 and len(forms[0].slots) == 1 and len(forms[0].slots[0]) == 1:
        only = forms[0].slots[0][0]
        return only if len(only.text) <= MAX_GRAM else None
    return None


def _matches(
    index: SearchIndex,
    words: tuple[str, ...],
    lists: dict[str, PostingList],
    allowed: Mask | None,
) -> tuple[Docs, Docs]:
    """Every program matching all words and filters, with its score."""
    if not words:
        if allowed is not None:
            docs = np.flatnonzero(allowed).astype(np.int64)
            return docs, np.zeros(len(docs), np.int64)
        return np.arange(index.size, dtype=np.int64), np.zeros(index.size, np.int64)
    # Each word with the lists of its forms' rarest slots; the fewest candidates first.
    rarest = [
        (forms(w), [docs for slot in _rarest_slots(lists, forms(w)) for docs in slot])
        for w in words
    ]
    rarest.sort(key=lambda word: sum(map(len, word[1])))
    first = rarest[0][0]
    docs = _candidates(index.size, rarest[0][1])
    if len(docs) == 0:
        return _EMPTY, _EMPTY
    single = _single(first)
    if single is not None:
        # The word's own posting list: its weights give the scores.
        score = PARTS_ALONE * single.factor * lists[single.text].weights
        if allowed is not None:
            keep = allowed[docs]
            docs, score = docs[keep], score[keep]
    else:
        if allowed is not None:
            docs = docs[allowed[docs]]
        score = _score(index, lists, first, docs)
        keep = score > 0
        docs, score = docs[keep], score[keep]
    for word_forms, _ in rarest[1:]:
        found = _score(index, lists, word_forms, docs)
        keep = found > 0
        docs, score = docs[keep], score[keep] + found[keep]
    return docs, score * index.kind_factor[docs]


def _first(index: SearchIndex, docs: Docs, query: ProgramQuery, today: date) -> Docs | None:
    """The key the page is sorted by before relevance, smallest first; None for relevance."""
    if query.sort == "deadline":
        return index.on(today).deadline[docs]
    if query.sort == "cap":
        # Largest first; programs stating no cap after every amount.
        return np.where(index.has_cap[docs], -index.max_cap_yen[docs], 1)
    if query.sort == "newest":
        return -index.newest[docs]
    return None


def _page(
    index: SearchIndex, docs: Docs, score: Docs, query: ProgramQuery, today: date
) -> list[str]:
    """The ids of the page of `query.limit` after `query.offset`: by the sort's key, then
    best score, then by id."""
    total = len(docs)
    end = min(query.offset + query.limit, total)
    if end <= query.offset:
        return []
    first = _first(index, docs, query, today)
    if first is None:
        key = index.id_rank[docs] - score * index.size
        best = np.argpartition(key, end - 1)[:end] if end < total else np.arange(total)
        best = best[np.argsort(key[best])][query.offset : end]
    else:
        # Only programs whose first key is within the page's can be on it; ties at the
        # page's edge are all kept and ordered.
        best = np.arange(total)
        if end < total:
            best = np.flatnonzero(first <= np.partition(first, end - 1)[end - 1])
        order = np.lexsort((index.id_rank[docs[best]], -score[best], first[best]))
        best = best[order][query.offset : end]
    return [index.ids[d] for d in docs[best].tolist()]


def search(conn: Connection, query: ProgramQuery) -> SearchResult:
    """Programs matching every word and filter, best first, one page of them, with the
    token of the load they were found in."""
    words = query_words(query.text)
    grams = {g for word in words for form in forms(word) for t in form.texts() for g in _grams(t)}
    # Twice at most: a reload that commits while this process reads its index makes
    # the lists just read stale, and the next attempt reads the new ones.
    for _ in range(2):
        token, lists = _postings(conn, grams)
        if token is None:
            return _NOTHING  # nothing loaded
        index = index_of_load(conn, token)
        if index is not None:
            today = query.today or status.today_jst()
            docs, score = _matches(index, words, lists, index.allowed(query, today))
            return SearchResult(len(docs), _page(index, docs, score, query, today), token)
    raise RuntimeError("the catalog was reloaded twice during one search")
