"""Screening benchmark: N synthetic companies × every frame of the catalog.

    .venv/bin/python bench/screen.py [--n 1000000] [--sample 2000]

Generates the companies (not timed) into a Parquet file, then times the screen as
`hojokin screen` runs it: read the Parquet file, build the rule columns, evaluate
every frame. It also checks a sample row by row through the single-company path
(company file model → `check_frame`) and times that as the naive rate. The last
line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

from hojokin.catalog.loader import load_catalog
from hojokin.rules.company import parse_company
from hojokin.rules.row import company_row
from hojokin.rules.screen import frame_tests, screen
from hojokin.rules.service import check_frame
from hojokin.rules.table import company_file, read_companies, rule_frame
from hojokin.synth import synth_companies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    catalog = load_catalog()
    tests = frame_tests(catalog)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "companies.parquet"
        synth_companies(args.n, seed=args.seed).write_parquet(path)

        started = time.perf_counter()
        table = read_companies(path)
        result = screen(rule_frame(table, catalog.facts), tests)
        seconds = time.perf_counter() - started

    sample = table.head(args.sample)
    started = time.perf_counter()
    single = []
    for record in sample.iter_rows(named=True):
        row = company_row(parse_company(company_file(record)))
        single.append([check_frame(t.program, t.frame, row, False).verdict for t in tests])
    naive_seconds = time.perf_counter() - started
    batch = [list(r) for r in result.head(args.sample).iter_rows()]

    cells = args.n * len(tests)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "companies": args.n,
        "frames": len(tests),
        "seconds": round(seconds, 3),
        "rows_per_s": round(cells / seconds),
        "peak_rss_mib": round(peak, 1),
        "naive_rows_per_s": round(len(sample) * len(tests) / naive_seconds),
        "agree": batch == single,
    }
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"screen: {args.n:,} companies × {len(tests)} frames in {seconds:.3f} s")
    print(
        f"batch {figures['rows_per_s']:,} vs naive {figures['naive_rows_per_s']:,} company-frames/s"
    )
    print(
        f"peak RSS {peak:.0f} MiB; batch = single on {len(sample):,} companies: {figures['agree']}"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
