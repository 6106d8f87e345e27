"""Screening: every company of a table against every program frame at once.

A frame's eligibility is the `And` of its company rules (severity "error"), turned
into one Polars expression; it is true, false, or null where a fact a rule reads
is missing ("to be confirmed"). When the table carries a one-year plan per row,
the plan rules join in and each frame also gets its grant (`hojokin.rules.screen_amounts`),
with a grant below the floor making the row not eligible, as `estimate` does. All frames
go to Polars as one query, built once and run on each chunk of rows (chunks let a
terminal show progress).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from hojokin.catalog.schema import Frame, Program
from hojokin.rules.company_table import TableError
from hojokin.rules.eligibility import frame_rules
from hojokin.rules.expr import And, Expr, to_polars
from hojokin.rules.rule_columns import PLAN_FIRST_FY, PLAN_PARTNER_INVESTMENT, PLAN_TOTAL_COST
from hojokin.rules.screen_amounts import (
    PLAN_ELIGIBLE,
    PLAN_INELIGIBLE,
    ColumnArith,
    category_column,
    grant_columns,
)

CHUNK_ROWS = 250_000


@dataclass(frozen=True)
class FrameTest:
    column: str  # "program-id/frame-id"; its grant goes to "program-id/frame-id:grant_yen"
    program: Program
    frame: Frame
    expr: Expr
    plan_expr: Expr  # the rules that read the plan


def frame_tests(programs: Iterable[Program]) -> list[FrameTest]:
    tests = []
    for program in programs:
        for frame in program.frames:
            rules = frame_rules(program, frame)
            errors = [r for r in rules if r.severity == "error"]
            # a frame whose requirements are not all encoded carries an Unknown rule
            expr: Expr = And(tuple(r.expr for r in errors if not r.needs_plan))
            plan_expr = And(tuple(r.expr for r in errors if r.needs_plan))
            column = f"{program.id}/{frame.id}"
            tests.append(FrameTest(column, program, frame, expr, plan_expr))
    return tests


def screen(
    rows: pl.DataFrame,
    tests: list[FrameTest],
    progress: Callable[[int], None] | None = None,
) -> pl.DataFrame:
    """One eligibility column per frame (and one grant column with plans), in row order."""
    with_plan = PLAN_FIRST_FY in rows.columns
    query = _with_plan(rows, tests) if with_plan else _companies(rows, tests)
    parts = []
    for start in range(0, rows.height, CHUNK_ROWS):
        chunk = rows.slice(start, CHUNK_ROWS)
        parts.append(query(chunk))
        if progress:
            progress(chunk.height)
    if not parts:
        schema: dict[str, pl.DataType] = {t.column: pl.Boolean() for t in tests}
        if with_plan:
            schema = {}
            for t in tests:
                schema |= {t.column: pl.Boolean(), grant_column(t): pl.Int64()}
        return pl.DataFrame(schema=schema)
    return pl.concat(parts)


Query = Callable[[pl.DataFrame], pl.DataFrame]


def _companies(rows: pl.DataFrame, tests: list[FrameTest]) -> Query:
    columns = set(rows.columns)
    verdicts = [to_polars(t.expr, columns).alias(t.column) for t in tests]
    return lambda chunk: chunk.lazy().select(verdicts).collect()


def _with_plan(rows: pl.DataFrame, tests: list[FrameTest]) -> Query:
    """Every frame's verdict and grant, as one query built once for the table's columns."""
    ar = ColumnArith(set(rows.columns))
    ineligible = pl.col(PLAN_INELIGIBLE) if PLAN_INELIGIBLE in ar.columns else pl.lit(0)
    out = []
    for test in tests:
        grant = grant_columns(test.frame, ar)
        # the plan rules read 総事業費 with the expenses this frame counts
        given = {PLAN_TOTAL_COST: grant.eligible_expenses_yen + ineligible}
        rules = pl.all_horizontal(
            to_polars(test.expr, ar.columns), to_polars(test.plan_expr, ar.columns, given)
        )
        verdict = rules & ~grant.below_floor & grant.fixed_met
        out += [verdict.alias(test.column), grant.grant_yen.alias(grant_column(test))]
    return lambda chunk: ar.collect(chunk, out)


def grant_column(test: FrameTest) -> str:
    return f"{test.column}:grant_yen"


def plan_problem(rows: pl.DataFrame, tests: list[FrameTest]) -> None:
    """A plan column no frame counts would be lost without a word: refuse it by name."""
    known = {category_column(c.id) for t in tests for c in t.frame.categories}
    known |= {PLAN_ELIGIBLE, PLAN_INELIGIBLE, PLAN_PARTNER_INVESTMENT}
    unknown = [c for c in rows.columns if c.endswith("_yen") and c.startswith("plan_")]
    unknown = [c for c in unknown if c not in known]
    if unknown:
        raise TableError(f"no program has the expense category of column {', '.join(unknown)}")
