"""Building search's index of the stored programs: each program's filter columns and
folded texts (`search_doc`), its application windows (`program_window`) and the posting
lists of every gram (`search_posting`); `hojokin.search.index` and
`hojokin.search.engine` read them. `hojokin.load` writes them in the transaction that
stores the programs."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, delete

from hojokin.catalog.schema import Program
from hojokin.search import facets, tables
from hojokin.search.postings import PostingsBuilder
from hojokin.store.write import Rows, insert_many


def clear_index(conn: Connection) -> None:
    """Delete the index (before the programs its rows refer to)."""
    for table in (tables.search_posting, tables.program_window, tables.search_doc):
        conn.execute(delete(table))


def _search_row(
    program: Program, texts: facets.SearchTexts, doc: int, reported: bool
) -> tuple[Any, ...]:
    """The program's row of `search_doc`; `doc` numbers it, `reported` says it is known
    only from a results report."""
    return (
        program.id,
        doc,
        program.prefecture,
        program.fiscal_year,
        program.kind,
        facets.max_cap_yen(program),
        facets.admits(program, "large"),
        facets.admits(program, "sme"),
        facets.admits(program, "small_business"),
        texts.name,
        texts.label,
        texts.mid,
        texts.tag,
        texts.body,
        facets.issuer_text(program),
        reported,
        facets.PURPOSE_SEPARATOR.join(program.use_purpose),
    )


def umbrellas(programs: Iterable[Program]) -> dict[str, str]:
    """The names of the comprehensive programs (総合支援) by id: a program whose `parent`
    is one of them is found by its name too (`facets.search_texts`)."""
    return {p.id: p.name for p in programs if p.kind == "comprehensive"}


class IndexWriter:
    """Writes the index of programs numbered 0, 1, 2 … as they are stored, batch by
    batch; the posting lists, which need every program, at `finish`. `reports` names
    the documents that are results reports: their programs are `reported`; `umbrellas`
    the comprehensive programs' names by id (`umbrellas`), looked up by `parent`."""

    def __init__(
        self,
        conn: Connection,
        reports: Collection[str] = (),
        umbrellas: Mapping[str, str] | None = None,
    ) -> None:
        self.conn, self.reports = conn, reports
        self.umbrellas = umbrellas or {}
        self.postings = PostingsBuilder()

    def add(self, numbered: Iterable[tuple[int, Program]]) -> None:
        docs: Rows = []
        windows: Rows = []
        for doc, program in numbered:
            umbrella = self.umbrellas.get(program.parent) if program.parent else None
            texts = facets.search_texts(program, umbrella)
            docs.append(_search_row(program, texts, doc, program.source.doc in self.reports))
            windows += [
                (program.id, w, opens, closes) for w, opens, closes in facets.windows(program)
            ]
            self.postings.add(doc, texts.weights())
        insert_many(self.conn, tables.search_doc, docs)
        insert_many(self.conn, tables.program_window, windows)

    def finish(self) -> None:
        insert_many(self.conn, tables.search_posting, self.postings.rows())
