"""The search engine against a plain reading of its definition; its posting lists as
stored; its in-memory index kept in step with the stored catalog."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine

from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.catalog.schema import Program
from hojokin.load import sync_catalog
from hojokin.search import build, facets, index
from hojokin.search.engine import search
from hojokin.search.postings import PostingList, PostingsBuilder
from hojokin.search.query import ProgramQuery, SearchResult
from hojokin.search.text import MAX_GRAM, query_words
from hojokin.search.words import Alternative, combine, forms
from hojokin.store.migrate import migrate

from ..databases import empty_database


def word_score(texts: facets.SearchTexts, weights: Counter[str], word: str) -> int:
    """A word's score in a program, read off its texts as `hojokin.search.words` and the
    engine define it: its whole form's and parts form's scores combined (`combine`), a
    form's the balanced mean of its slots, a slot's words each times its factor, summed; a
    word's weight is its gram's, or for a longer word the least of its grams' where the
    word itself occurs in a text (for a synonym or a part, where all its grams do)."""

    def weight(word: Alternative) -> int:
        text = word.text
        if len(text) <= MAX_GRAM:
            return weights[text]
        if word.verified and not any(text in t for t, _ in texts.fields()):
            return 0
        return min(weights[text[i : i + MAX_GRAM]] for i in range(len(text) - MAX_GRAM + 1))

    scores = []
    for form in forms(word):
        slots = [sum(a.factor * weight(a) for a in slot) for slot in form.slots]
        scores.append(form.score(slots) if all(slots) else 0)
    whole, parts = (*scores, 0)[:2]
    return combine(whole, parts)


_read: dict[int, tuple[Program, facets.SearchTexts, Counter[str]]] = {}


def _texts(catalog: Catalog, program: Program) -> facets.SearchTexts:
    """A program's texts as the load stores them: with its umbrella's name, if any."""
    umbrella = build.umbrellas(catalog).get(program.parent) if program.parent else None
    return facets.search_texts(program, umbrella)


def _texts_and_weights(
    catalog: Catalog, program: Program
) -> tuple[facets.SearchTexts, Counter[str]]:
    # Read once per program object (kept alive here, so its id is not reused):
    # hypothesis asks the reference 150 times.
    found = _read.get(id(program))
    if found is None or found[0] is not program:
        texts = _texts(catalog, program)
        found = _read[id(program)] = (program, texts, texts.weights())
    return found[1], found[2]


def reference(catalog: Catalog, query: ProgramQuery) -> SearchResult:
    """Every program scored word by word, as the docstring of search.engine defines it."""
    words = query_words(query.text)
    ranked = []
    for program in catalog:
        texts, weights = _texts_and_weights(catalog, program)
        scores = [word_score(texts, weights, w) for w in words]
        if all(scores):
            ranked.append((-sum(scores) * facets.kind_factor(program.kind), program.id))
    ranked.sort()
    page = ranked[query.offset : query.offset + query.limit]
    return SearchResult(total=len(ranked), ids=[program_id for _, program_id in page])


@st.composite
def queries(draw: st.DrawFn, catalog: Catalog) -> ProgramQuery:
    """One to three words cut out of the programs' own texts (1–9 characters, so both
    words read from the index and longer ones), sometimes a word no program has."""
    programs = list(catalog)
    words = []
    for _ in range(draw(st.integers(1, 3))):
        texts = _texts(catalog, draw(st.sampled_from(programs)))
        text = draw(st.sampled_from([t for t, _ in texts.fields()]))
        size = draw(st.integers(1, 9))
        start = draw(st.integers(0, max(0, len(text) - size)))
        words.append(text[start : start + size] or "事業")
    if draw(st.booleans()):
        words.append(
            draw(
                st.sampled_from(
                    ["ぬ", "水素えね", "存在しない言葉", "助成金", "it導入", "富山補助金"]
                )
            )
        )
    return ProgramQuery(
        text=" ".join(words),
        limit=draw(st.integers(1, 30)),
        offset=draw(st.sampled_from([0, 0, 3, 20])),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_search_is_its_definition(
    seed_db: Engine, seed_catalog: Catalog, data: st.DataObject
) -> None:
    query = data.draw(queries(seed_catalog))
    with seed_db.connect() as conn:
        assert search(conn, query) == reference(seed_catalog, query)


def test_posting_lists_are_little_endian_uint32() -> None:
    builder = PostingsBuilder()
    builder.add(0, Counter({"水素": 110, "水": 1}))
    builder.add(2, Counter({"水素": 1}))
    rows = list(builder.rows())
    assert rows == [
        ("水", b"\0\0\0\0", b"\1\0\0\0"),
        ("水素", b"\0\0\0\0\2\0\0\0", b"\x6e\0\0\0\1\0\0\0"),
    ]
    hydrogen = PostingList.decode(rows[1][1], rows[1][2])
    assert hydrogen.docs.tolist() == [0, 2] and hydrogen.weights.tolist() == [110, 1]


def test_a_reloaded_catalog_is_searched_at_once(catalog_copy: Path, tmp_path: Path) -> None:
    # The index in memory belongs to one load: the next search reads the new one.
    word = ProgramQuery(text="改訂版")
    with empty_database("sqlite", tmp_path) as engine:
        migrate(engine)
        sync_catalog(engine, catalog_copy)
        with engine.connect() as conn:
            assert search(conn, word).total == 0
        path = catalog_copy / "programs/tokyo/2024/tokyo-zeroemi-innovation.yaml"
        text = path.read_text(encoding="utf-8")
        name = "name: ゼロエミッション東京の実現等に向けたイノベーション促進事業"
        path.write_text(text.replace(name, name + "（改訂版）"), encoding="utf-8")
        assert sync_catalog(engine, catalog_copy) is True
        with engine.connect() as conn:
            assert search(conn, word) == SearchResult(total=1, ids=["tokyo-zeroemi-innovation"])


def test_a_reload_while_the_index_is_read_is_searched_again(
    catalog_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The posting lists were read from one load and the index rows from the next: the
    # search notices by the load's token and reads both again.
    query = ProgramQuery(text="事業", limit=1000)
    with empty_database("sqlite", tmp_path) as engine:
        migrate(engine)
        sync_catalog(engine, catalog_copy)
        before = reference(load_catalog(catalog_copy), query)
        (catalog_copy / "programs/tokyo/2024/tokyo-zeroemi-innovation.yaml").unlink()
        after = reference(load_catalog(catalog_copy), query)
        assert "tokyo-zeroemi-innovation" in before.ids and before.total == after.total + 1
        real_read = index._read
        reads = []

        def read_after_a_reload(conn: Connection) -> index.SearchIndex:
            if not reads:
                assert sync_catalog(engine, catalog_copy) is True  # another process, say
            reads.append(conn)
            return real_read(conn)

        monkeypatch.setattr(index, "_read", read_after_a_reload)
        with engine.connect() as conn:
            assert search(conn, query) == after
        assert len(reads) == 2
