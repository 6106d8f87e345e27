"""Screening benchmark: N synthetic companies × the catalog's frames.

    .venv/bin/python bench/screen.py [--n 1000000] [--sample 2000] [--plans] [--frames ID ...]

Generates the companies (not timed) into a Parquet file, then times the screen as
`hojokin screen` runs it, in its three steps: read the Parquet file, build the rule
columns (`rule_frame`), evaluate every frame (`screen`). `--plans` gives every company a
one-year plan (a fiscal year and yen in every expense column any frame counts), so each
frame's grant is computed too; `--frames` screens only the frames named
(`program-id/frame-id`, or a program id for all of its frames). A sample is checked row by
row through the single-company path (company and plan file models → `check_frame` and
`estimate`), timed as the naive rate, and must agree with the batch to the yen.
The last line printed is one JSON object; `ms_per_frame_per_million` is the screen step
alone per frame and per million companies.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from hojokin.catalog.loader import load_catalog
from hojokin.rules.company import parse_company
from hojokin.rules.company_row import company_row
from hojokin.rules.company_table import company_file, plan_file, read_companies, rule_frame
from hojokin.rules.plan import Plan, parse_plan
from hojokin.rules.screen import FrameTest, frame_tests, grant_column, screen
from hojokin.rules.screen_amounts import PLAN_NOT_EXPENSES, category_column
from hojokin.rules.service import check_frame, estimate
from hojokin.synth import synth_companies

PLAN_YEARS = (2022, 2023, 2024, 2025, 2026)


def with_plans(table: pl.DataFrame, tests: list[FrameTest]) -> pl.DataFrame:
    """Every row gets a one-year plan: a fiscal year around the catalog's support periods
    and an expense in each category column, drawn from the row number (deterministic)."""
    categories = sorted({c.id for t in tests for c in t.frame.categories})
    row = pl.int_range(0, pl.len(), dtype=pl.Int64)

    def yen(salt: int) -> pl.Expr:
        # 0 … ¥99,990,000 in steps of ¥10,000, different for each column
        return ((row * 7919 + salt * 104729) % 10_000) * 10_000

    return table.with_columns(
        pl.lit(PLAN_YEARS, dtype=pl.List(pl.Int64))
        .list.get(row % len(PLAN_YEARS))
        .alias("plan_fiscal_year"),
        yen(1).alias("plan_ineligible_expenses_yen"),
        yen(2).alias("plan_partner_investment_yen") // 10,
        *(yen(10 + i).alias(category_column(c)) for i, c in enumerate(categories)),
    )


def chosen(tests: list[FrameTest], names: list[str]) -> list[FrameTest]:
    picked = [t for t in tests if t.column in names or t.program.id in names]
    unknown = [n for n in names if not any(n in (t.column, t.program.id) for t in tests)]
    if unknown:
        sys.exit(f"unknown frame or program: {', '.join(unknown)}")
    return picked


def own_plan(record: dict[str, Any], test: FrameTest) -> Plan:
    """The row's plan as a plan file of this frame: a frame with categories reads only its
    own columns (`estimate` refuses expenses the frame would not count)."""
    if not test.frame.categories:
        data = plan_file(record)
    else:
        own = {category_column(c.id) for c in test.frame.categories}
        others = {k: 0 for k in record if k.endswith("_yen") and k.startswith("plan_")}
        others = {k: 0 for k in others if k not in own and k not in PLAN_NOT_EXPENSES}
        data = plan_file(record | others)
    assert data is not None
    return parse_plan(data)


def single(record: dict[str, Any], tests: list[FrameTest], plans: bool) -> list[object]:
    """One row through the single-company path, in the batch's column order."""
    company = parse_company(company_file(record))
    row = company_row(company)
    out: list[object] = []
    for t in tests:
        if not plans:
            out.append(check_frame(t.program, t.frame, row, False).verdict)
            continue
        result = estimate(t.program, t.frame, company, own_plan(record, t))
        out += [result.check.verdict, result.amount.grant_yen]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plans", action="store_true", help="give every company a one-year plan")
    parser.add_argument("--frames", nargs="+", metavar="ID", help="only these frames or programs")
    args = parser.parse_args()

    catalog = load_catalog()
    tests = frame_tests(catalog)
    if args.frames:
        tests = chosen(tests, args.frames)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "companies.parquet"
        companies = synth_companies(args.n, seed=args.seed)
        if args.plans:
            companies = with_plans(companies, frame_tests(catalog))
        companies.write_parquet(path)
        del companies

        started = time.perf_counter()
        table = read_companies(path)
        read_s = time.perf_counter() - started
        rules = rule_frame(table, catalog.facts)
        rule_s = time.perf_counter() - started - read_s
        result = screen(rules, tests)
        screen_s = time.perf_counter() - started - read_s - rule_s
        seconds = read_s + rule_s + screen_s

    sample = table.head(args.sample)
    started = time.perf_counter()
    by_row = [single(record, tests, args.plans) for record in sample.iter_rows(named=True)]
    naive_seconds = time.perf_counter() - started
    order = [c for t in tests for c in ([t.column, grant_column(t)] if args.plans else [t.column])]
    batch = [list(r) for r in result.select(order).head(args.sample).iter_rows()]

    cells = args.n * len(tests)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_frame = screen_s * 1000 / len(tests) / (args.n / 1_000_000) if args.n else 0.0
    figures = {
        "companies": args.n,
        "frames": len(tests),
        "plans": args.plans,
        "seconds": round(seconds, 3),
        "read_s": round(read_s, 3),
        "rule_frame_s": round(rule_s, 3),
        "screen_s": round(screen_s, 3),
        "ms_per_frame_per_million": round(per_frame, 2),
        "rows_per_s": round(cells / seconds),
        "peak_rss_mib": round(peak, 1),
        "naive_rows_per_s": round(len(sample) * len(tests) / naive_seconds),
        "agree": batch == by_row,
    }
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"screen: {args.n:,} companies × {len(tests)} frames{' with plans' if args.plans else ''}"
        f": read {read_s:.3f} s, rule columns {rule_s:.3f} s, screen {screen_s:.3f} s"
        f" ({per_frame:.2f} ms per frame per million)"
    )
    print(
        f"batch {figures['rows_per_s']:,} vs naive {figures['naive_rows_per_s']:,} company-frames/s"
    )
    print(
        f"peak RSS {peak:.0f} MiB; batch = single on {len(sample):,} companies: {figures['agree']}"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
