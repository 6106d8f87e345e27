"""Screening: every company of a table against every program frame at once.

A frame's eligibility is the `And` of its company rules (severity "error"; rules
that need a plan wait for `estimate`), turned into one Polars expression. Rows go
through in chunks so a terminal can show progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from hojokin.catalog.schema import Frame, Program
from hojokin.rules.eligibility import frame_rules
from hojokin.rules.expr import And, Expr, evaluate, to_polars

CHUNK_ROWS = 250_000


@dataclass(frozen=True)
class FrameTest:
    column: str  # "program-id/frame-id"
    program: Program
    frame: Frame
    expr: Expr


def frame_tests(programs: Iterable[Program]) -> list[FrameTest]:
    tests = []
    for program in programs:
        for frame in program.frames:
            rules = [r for r in frame_rules(program, frame) if r.severity == "error"]
            expr = And(tuple(r.expr for r in rules if not r.needs_plan))
            tests.append(FrameTest(f"{program.id}/{frame.id}", program, frame, expr))
    return tests


def screen(
    rows: pl.DataFrame,
    tests: list[FrameTest],
    progress: Callable[[int], None] | None = None,
) -> pl.DataFrame:
    """One boolean column per frame, in the order of `rows`."""
    columns = set(rows.columns)
    exprs = [to_polars(t.expr, columns).alias(t.column) for t in tests]
    parts = []
    for start in range(0, rows.height, CHUNK_ROWS):
        chunk = rows.slice(start, CHUNK_ROWS)
        parts.append(chunk.lazy().select(exprs).collect())
        if progress:
            progress(chunk.height)
    if not parts:
        return pl.DataFrame(schema={t.column: pl.Boolean for t in tests})
    return pl.concat(parts)


def screen_naive(rows: pl.DataFrame, tests: list[FrameTest]) -> list[list[bool]]:
    """The same tests row by row in plain Python: the yardstick for the batch path."""
    return [[evaluate(t.expr, row) for t in tests] for row in rows.iter_rows(named=True)]
