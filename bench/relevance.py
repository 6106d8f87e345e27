"""Search relevance: nDCG@10 and recall@50 of a judged query set over the seed catalog.

    .venv/bin/python bench/relevance.py [--queries FILE] [--db URL]

Loads the seed catalog into a new SQLite file (or the PostgreSQL database of `--db`, in a
schema of its own, dropped afterwards), runs every judged query as the API does (its words,
no filters, relevance order, the first 50), and prints per query its nDCG@10 and recall@50,
the relevant programs missing from the first 50 and the programs in the first 10 that are
not judged relevant at all, so that a developer can see what to fix. The last line printed
is one JSON object: {"queries", "ndcg10", "recall50"}, the means over the queries.

Judgments (tests/search/relevance/queries.yaml): `relevant` are the programs a person typing
the query wants (gain 2), `partly` the related but secondary ones (gain 1), anything else
gains 0. nDCG@10 = DCG / ideal DCG, DCG = Σ gain_i / log2(i + 1) over ranks i = 1..10, the
ideal from the judged gains in descending order. Recall@50 counts `relevant` programs only:
a `partly` program is welcome in the ranking but its absence is not a miss.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Connection

from hojokin.catalog.loader import load_catalog
from hojokin.load import catalog_digest, store_catalog
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery
from hojokin.store.engine import scratch_database
from hojokin.store.migrate import migrate

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "search" / "relevance" / "queries.yaml"
CATALOG = ROOT / "catalog"
RELEVANT_GAIN = 2
PARTLY_GAIN = 1
NDCG_DEPTH = 10
RECALL_DEPTH = 50


@dataclass(frozen=True)
class Judgment:
    query: str
    relevant: tuple[str, ...]
    partly: tuple[str, ...]
    note: str

    def gains(self) -> dict[str, int]:
        return {i: RELEVANT_GAIN for i in self.relevant} | {i: PARTLY_GAIN for i in self.partly}


@dataclass(frozen=True)
class Outcome:
    judgment: Judgment
    ranked: list[str]
    total: int
    ndcg10: float
    recall50: float

    @property
    def missed(self) -> list[str]:
        found = set(self.ranked[:RECALL_DEPTH])
        return [i for i in self.judgment.relevant if i not in found]

    @property
    def unjudged_top(self) -> list[str]:
        gains = self.judgment.gains()
        return [i for i in self.ranked[:NDCG_DEPTH] if i not in gains]


def dcg(gains: Sequence[float]) -> float:
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, start=1))


def ndcg(ranked: Sequence[str], gains: dict[str, int], depth: int = NDCG_DEPTH) -> float:
    """nDCG@depth of `ranked` under graded `gains` (ids not in it gain 0)."""
    ideal = dcg(sorted(gains.values(), reverse=True)[:depth])
    if ideal <= 0:
        raise ValueError("nDCG needs at least one program with a positive gain")
    return dcg([gains.get(i, 0) for i in ranked[:depth]]) / ideal


def recall(ranked: Sequence[str], relevant: Sequence[str], depth: int = RECALL_DEPTH) -> float:
    """Share of `relevant` found in the first `depth` of `ranked`."""
    if not relevant:
        raise ValueError("recall needs at least one relevant program")
    found = set(ranked[:depth])
    return sum(1 for i in relevant if i in found) / len(relevant)


def _ids(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
        raise ValueError(f"{where}: {key} must be a list of program ids")
    return tuple(value)


def load_judgments(path: Path = QUERIES) -> list[Judgment]:
    """The judged queries of `path`; malformed entries, repeated queries, an id judged
    twice or a query with nothing relevant are errors."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of judged queries")
    judgments: list[Judgment] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        where = f"{path.name} entry {n}"
        if not isinstance(entry, dict) or set(entry) - {"query", "relevant", "partly", "note"}:
            raise ValueError(f"{where}: expected query, relevant, partly, note")
        query, note = entry.get("query"), entry.get("note")
        if not isinstance(query, str) or not query.strip():
            raise ValueError(f"{where}: query must be non-empty text")
        if not isinstance(note, str) or not note.strip():
            raise ValueError(f"{where} ({query}): note must say how it was judged")
        if query in seen:
            raise ValueError(f"{where}: query {query!r} is judged twice")
        seen.add(query)
        relevant, partly = _ids(entry, "relevant", where), _ids(entry, "partly", where)
        if not relevant:
            raise ValueError(f"{where} ({query}): no relevant program")
        ids = relevant + partly
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"{where} ({query}): judged more than once: {', '.join(repeated)}")
        judgments.append(Judgment(query, relevant, partly, note.strip()))
    return judgments


def evaluate(conn: Connection, judgments: Sequence[Judgment]) -> list[Outcome]:
    outcomes = []
    for judgment in judgments:
        result = search(conn, ProgramQuery(text=judgment.query, limit=RECALL_DEPTH))
        outcomes.append(
            Outcome(
                judgment,
                result.ids,
                result.total,
                ndcg(result.ids, judgment.gains()),
                recall(result.ids, judgment.relevant),
            )
        )
    return outcomes


def means(outcomes: Sequence[Outcome]) -> tuple[float, float]:
    """Mean nDCG@10 and mean recall@50 over the queries."""
    return (
        statistics.fmean(o.ndcg10 for o in outcomes),
        statistics.fmean(o.recall50 for o in outcomes),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--db", default=None, help="PostgreSQL URL (default: a SQLite file)")
    args = parser.parse_args()

    judgments = load_judgments(args.queries)
    catalog = load_catalog(CATALOG)
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.db, Path(tmp)) as engine:
        migrate(engine)
        store_catalog(engine, catalog, catalog_digest(CATALOG))
        with engine.connect() as conn:
            outcomes = evaluate(conn, judgments)
        dialect = engine.dialect.name

    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, python "
        f"{platform.python_version()}, {dialect}; {len(catalog.programs)} programs"
    )
    for o in outcomes:
        judged = len(o.judgment.relevant), len(o.judgment.partly)
        print(
            f"nDCG@10 {o.ndcg10:.3f}  recall@50 {o.recall50:.3f}  {o.judgment.query!r} "
            f"(found {o.total}; relevant {judged[0]}, partly {judged[1]})"
        )
        if o.missed:
            print(f"    missed: {' '.join(o.missed)}")
        if o.unjudged_top:
            print(f"    top-10 not relevant: {' '.join(o.unjudged_top)}")
    ndcg10, recall50 = means(outcomes)
    print(f"overall: nDCG@10 {ndcg10:.3f}  recall@50 {recall50:.3f}  over {len(outcomes)} queries")
    print(
        json.dumps(
            {"queries": len(outcomes), "ndcg10": round(ndcg10, 3), "recall50": round(recall50, 3)}
        )
    )


if __name__ == "__main__":
    main()
