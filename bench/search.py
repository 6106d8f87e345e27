"""Search benchmark: query latency over a synthetic catalog (default 100,000 programs).

    .venv/bin/python bench/search.py [--programs 100000] [--queries 2000] [--db URL]

Builds the catalog into a new SQLite file (or the PostgreSQL database of `--db`, in a
schema of its own, dropped afterwards), timing the load, then runs a fixed mix of
queries — one- and two-character words, longer words, several words, filters, pages, and
40 words drawn from the catalog's vocabulary by its Zipf-like frequencies (see synthetic.py) —
each as the API runs it (count + one page of 20). Before them it times reading the
in-memory part of the index, which a process does once per loaded catalog (`index_s`).
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from synthetic import query_terms, synthetic_programs

from hojokin.catalog.loader import load_catalog
from hojokin.load import insert_programs
from hojokin.search.engine import search
from hojokin.search.index import search_index
from hojokin.search.query import ProgramQuery
from hojokin.store.engine import scratch_database
from hojokin.store.migrate import migrate

QUERIES = [
    ProgramQuery(text="水素"),
    ProgramQuery(text="IT"),
    ProgramQuery(text="ＩＴ"),
    ProgramQuery(text="塾"),
    ProgramQuery(text="事業"),
    ProgramQuery(text="販路開拓"),
    ProgramQuery(text="ゼロエミッション"),
    ProgramQuery(text="ぜろえみっしょん"),
    ProgramQuery(text="サイバーセキュリティ"),
    ProgramQuery(text="中小企業"),
    ProgramQuery(text="販路 海外"),
    ProgramQuery(text="水素", prefecture="北海道"),
    ProgramQuery(text="創業", kind="subsidy", fiscal_year=2022),
    ProgramQuery(text="DX", min_cap_yen=10_000_000),
    ProgramQuery(text="観光", size="small_business"),
    ProgramQuery(text="", prefecture="富山県", kind="grant"),
    ProgramQuery(text="", open_on=date(2024, 7, 1)),
    ProgramQuery(text="事業", offset=200),
    ProgramQuery(text="存在しない言葉"),
]
# Words drawn from the catalog's vocabulary by its Zipf-like frequencies, added to the mix.
SAMPLED_QUERIES = 40


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--db", default=None, help="PostgreSQL URL (default: a SQLite file)")
    args = parser.parse_args()

    seed = load_catalog()
    rng = random.Random(1)
    queries = QUERIES + [ProgramQuery(text=t) for t in query_terms(seed, SAMPLED_QUERIES)]
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.db, Path(tmp)) as engine:
        migrate(engine)
        started = time.perf_counter()
        with engine.begin() as conn:
            count = insert_programs(conn, synthetic_programs(seed, args.programs))
        load_seconds = time.perf_counter() - started
        print(f"loaded {count:,} programs in {load_seconds:.1f} s ({engine.dialect.name})")

        timings: list[float] = []
        by_query: dict[str, list[float]] = {}
        with engine.connect() as conn:
            started = time.perf_counter()
            search_index(conn)  # what a process reads once per loaded catalog
            index_seconds = time.perf_counter() - started
            for query in queries:  # warm the caches once
                search(conn, query)
            for _ in range(args.queries):
                query = rng.choice(queries)
                started = time.perf_counter()
                result = search(conn, query)
                elapsed = (time.perf_counter() - started) * 1000
                timings.append(elapsed)
                by_query.setdefault(f"{query.text!r} total={result.total}", []).append(elapsed)

    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, python "
        f"{platform.python_version()}, {engine.dialect.name}"
    )
    for label, values in sorted(by_query.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {statistics.median(values):7.2f} ms median  {label}")
    figures = {
        "programs": count,
        "database": engine.dialect.name,
        "queries": len(timings),
        "load_s": round(load_seconds, 1),
        "index_s": round(index_seconds, 2),
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
        "max_ms": round(max(timings), 2),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
