"""Substring search over the catalog (a proper full-text index comes later).

Text and query are compared after `ja.compact` (NFKC, no white space), so full- and
half-width forms match. Every word of the query must occur; programs whose name
contains the query rank first, then those matching it elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from hojokin import ja
from hojokin.catalog.schema import Program


def _fields(program: Program) -> list[str]:
    texts = [t.text for t in (program.description, program.department, program.pillar) if t]
    texts += [t.text for t in program.activities]
    for frame in program.frames:
        texts.append(frame.name)
        texts += [t.text for t in frame.targets]
    return texts


def search(programs: Iterable[Program], query: str, limit: int = 20) -> list[Program]:
    words = [ja.compact(w) for w in ja.normalize(query).split()]
    words = [w for w in words if w]
    if not words:
        return []
    ranked: list[tuple[int, str, Program]] = []
    for program in programs:
        name = ja.compact(program.name)
        rest = ja.compact(" ".join(_fields(program)))
        if not all(w in name or w in rest for w in words):
            continue
        in_name = sum(w in name for w in words)
        ranked.append((-in_name, program.id, program))
    ranked.sort(key=lambda item: item[:2])
    return [program for _, _, program in ranked[:limit]]
