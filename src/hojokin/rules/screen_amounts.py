"""How many yen for a whole table of one-year plans: `grant_steps` as Polars expressions.

Each table row may carry a one-year plan (docs/company-table.md). A frame's grant runs
the same steps as one company's estimate (`rules.amounts`), through `ColumnArith`: every
yen value is an exact Int64 expression over the table, nothing goes through floats, and
the expressions of every frame go to Polars in one query, which shares what frames have
in common (the expense totals, the size tests of their variants).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import polars as pl

from hojokin.catalog.schema import CategoryCap, Frame, Variant
from hojokin.rules import grant_steps as steps
from hojokin.rules.expr import Expr, to_polars
from hojokin.rules.rule_columns import PLAN_FIRST_FY, PLAN_PARTNER_INVESTMENT

PLAN_ELIGIBLE = "plan_eligible_expenses_yen"
PLAN_INELIGIBLE = "plan_ineligible_expenses_yen"
PLAN_NOT_EXPENSES = (PLAN_ELIGIBLE, PLAN_INELIGIBLE, PLAN_PARTNER_INVESTMENT)


def category_column(category: str) -> str:
    return f"plan_{category}_yen"


def _yen(value: Any) -> pl.Expr:
    if isinstance(value, pl.Expr):
        return value
    return pl.lit(value, dtype=pl.Int64)


def _given(value: Any) -> pl.Expr:
    """Whether a term is set (a constant is, or is not, everywhere)."""
    if isinstance(value, pl.Expr):
        return value.is_not_null()
    return pl.lit(value is not None)


class ColumnArith:
    """`grant_steps.Arith` over a table: Int64 expressions and three-valued Boolean ones.

    It builds one query for a table's columns, run on each chunk of rows (`collect`).
    A term no variant changes stays a Python constant (an int, or None for no limit), so a
    plain frame's grant is a short expression. A value a step keeps becomes a column,
    computed in the stage after the columns it reads: no expression repeats another (a cut
    reads each request twice: unkept, the expressions would double at every step), and
    frames share what they have in common. A share limit's fixed point depends on the rows:
    it becomes a column of its own, found on each chunk before the stages that read it."""

    def __init__(self, columns: set[str]) -> None:
        self.columns = columns  # the table's own columns, as the rules read them
        self._stages: list[dict[str, pl.Expr]] = []
        self._stage_of: dict[str, int] = {}
        self._descents: list[_Descent] = []
        self._kept: dict[str, str] = {}  # an expression (serialised) → its column

    def truth(self, expr: Expr) -> pl.Expr:
        return to_polars(expr, self.columns)

    def where(self, when: pl.Expr, then: Any, otherwise: Any) -> Any:
        if isinstance(then, tuple):  # a rate: (numerator, denominator)
            return tuple(self.where(when, a, b) for a, b in zip(then, otherwise, strict=True))
        constants = not isinstance(then, pl.Expr) and not isinstance(otherwise, pl.Expr)
        if constants and then == otherwise:
            return then
        return pl.when(when).then(_yen(then)).otherwise(_yen(otherwise))

    def minimum(self, *values: Any) -> Any:
        if not any(isinstance(v, pl.Expr) for v in values):
            return min(values)
        return pl.min_horizontal(*(_yen(v) for v in values))

    def excess(self, total: Any, cap: Any) -> Any:
        if cap is None:
            return 0
        if not isinstance(total, pl.Expr) and not isinstance(cap, pl.Expr):
            return max(total - cap, 0)
        return (_yen(total) - _yen(cap)).clip(lower_bound=0).fill_null(0)

    def fixed_point(self, start: Any, step: Callable[[Any], Any]) -> pl.Expr:
        first = _yen(start)
        reads = {*first.meta.root_names(), *_yen(step(pl.lit(0))).meta.root_names()}
        stage = 1 + max((self._stage_of.get(r, 0) for r in reads), default=0)
        descent = _Descent(f"_descent_{len(self._descents)}", first, step, reads, stage)
        self._stage_of[descent.name] = descent.stage
        self._descents.append(descent)
        return pl.col(descent.name)

    def keep(self, value: Any) -> Any:
        if not isinstance(value, pl.Expr) or value.meta.is_column() or value.meta.is_literal():
            return value
        # frames share what they have in common: the same expression is one column
        key = value.meta.serialize(format="json")
        if key in self._kept:
            return pl.col(self._kept[key])
        name = self._kept[key] = f"_kept_{len(self._kept)}"
        stage = 1 + max((self._stage_of.get(r, 0) for r in value.meta.root_names()), default=0)
        while len(self._stages) < stage:
            self._stages.append({})
        self._stages[stage - 1][name] = value
        self._stage_of[name] = stage
        return pl.col(name)

    # terms
    def money(self, yen: int | None, source: object) -> int | None:
        return yen

    def rate(self, rate: Fraction | None, source: object) -> tuple[int, int]:
        rate = Fraction(1) if rate is None else rate  # no rate: the expenses themselves
        return rate.numerator, rate.denominator

    def cap_of(self, cap: CategoryCap | None) -> int | None:
        return None if cap is None else cap.yen

    def scaled(self, cap: Any, factor: Fraction, source: object) -> Any:
        return None if cap is None else cap * factor.numerator // factor.denominator

    def no_open(self) -> Any:
        return None

    def still_open(self, open_fixed: Any, when: pl.Expr, variant: Variant) -> pl.Expr:
        """The largest fixed amount still open: none once a later variant holds."""
        assert variant.fixed is not None
        joined = pl.max_horizontal(_yen(open_fixed), _yen(variant.fixed.yen))
        cleared = pl.when(when).then(_yen(None))
        return cleared.when(when.is_null()).then(joined).otherwise(_yen(open_fixed))

    def kept_terms(self, terms: steps.TermValues[Any]) -> steps.TermValues[Any]:
        numerator, denominator = terms.rate
        return steps.TermValues(
            rate=(self.keep(numerator), self.keep(denominator)),
            cap=self.keep(terms.cap),
            floor=self.keep(terms.floor),
            fixed=self.keep(terms.fixed),
            group_caps=[self.keep(c) for c in terms.group_caps],
            open_fixed=self.keep(terms.open_fixed),
        )

    def _staged(self, rows: pl.DataFrame, before: int | None = None) -> pl.LazyFrame:
        """The rows with every kept column of the stages before `before` (None: all)."""
        lazy = rows.lazy()
        for stage in self._stages[: None if before is None else before - 1]:
            lazy = lazy.with_columns(**stage)
        return lazy

    def collect(self, rows: pl.DataFrame, outputs: list[pl.Expr]) -> pl.DataFrame:
        """`outputs` over `rows`, after every kept value's stage and every descent."""
        for descent in sorted(self._descents, key=lambda d: d.stage):
            # with the row number, so a descent on constants still has every row
            reads = [*sorted(descent.reads), pl.int_range(pl.len()).alias("_row")]
            read = self._staged(rows, descent.stage).select(reads).collect()
            rows = rows.with_columns(descent.run(read, self.minimum).alias(descent.name))
        return self._staged(rows).select(outputs).collect()


@dataclass(frozen=True)
class _Descent:
    """`ColumnArith.fixed_point` on the rows of a chunk: T ← min(T, step(T)) until it holds."""

    name: str
    start: pl.Expr
    step: Callable[[Any], Any]
    reads: set[str]  # the columns the start and the step read
    stage: int  # the stage after the kept columns it reads

    def run(self, rows: pl.DataFrame, minimum: Callable[..., Any]) -> pl.Series:
        def each_row(expr: pl.Expr) -> pl.Series:  # a constant, too, once per row
            return rows.with_columns(expr.alias(self.name))[self.name]

        value = each_row(self.start)
        while True:
            lower = each_row(minimum(pl.lit(value), self.step(pl.lit(value))))
            if (lower == value).all():
                return value
            value = lower


def _expenses(frame: Frame, columns: set[str]) -> dict[str, pl.Expr]:
    """The plan's expenses by the frame's categories; a frame without categories: one total."""

    def spent(column: str) -> pl.Expr:
        return pl.col(column).fill_null(0) if column in columns else _yen(0)

    if frame.categories:
        return {c.id: spent(category_column(c.id)) for c in frame.categories}
    by_category = [
        pl.col(c)
        for c in sorted(columns)
        if c.startswith("plan_") and c.endswith("_yen") and c not in PLAN_NOT_EXPENSES
    ]
    total = pl.sum_horizontal(by_category).cast(pl.Int64) if by_category else _yen(0)
    if PLAN_ELIGIBLE in columns:
        total = pl.col(PLAN_ELIGIBLE).fill_null(total)
    return {"total": total}


@dataclass(frozen=True)
class GrantColumns:
    """A frame's figures for every row, as expressions over the table."""

    eligible_expenses_yen: pl.Expr  # the expenses the frame counts (0 for a fixed amount)
    grant_yen: pl.Expr
    below_floor: pl.Expr
    # null where a fixed-amount frame's deciding fact is missing (要確認), false where no
    # fixed variant fits, as `amounts._fixed_undecided` says
    fixed_met: pl.Expr


def grant_columns(frame: Frame, ar: ColumnArith) -> GrantColumns:
    plan_steps = steps.grant_steps(frame)
    terms = steps.fold_terms(plan_steps, ar)
    expenses = {c: ar.keep(e) for c, e in _expenses(frame, ar.columns).items()}
    numerator, denominator = terms.rate
    requests = steps.request(expenses, numerator, denominator, ar)
    for group, cap in zip(plan_steps.groups, terms.group_caps, strict=True):
        steps.category_cap(requests, group, cap, ar)
    if plan_steps.share_limits:
        steps.share_limits(plan_steps, requests, ar)
    fiscal_year = pl.col(PLAN_FIRST_FY)  # a table row's plan is one year: its first
    index = steps.year_index(plan_steps, fiscal_year, fiscal_year)
    year_cap = steps.year_cap(plan_steps, index, ar, lambda c: None if c is None else c.yen)
    asked = steps.total(requests.values())
    year_grant = asked - ar.excess(asked, year_cap)
    counted = steps.total(expenses.values())
    period = steps.in_period(plan_steps, fiscal_year)
    if period is not None:
        year_grant = pl.when(period).then(year_grant).otherwise(0)
        counted = pl.when(period).then(counted).otherwise(0)
    [grant], _ = steps.total_cap([year_grant], terms.cap, ar)
    fixed = _given(terms.fixed)
    if plan_steps.fixed_only:
        open_fixed = terms.open_fixed
        return GrantColumns(
            eligible_expenses_yen=_yen(0),
            grant_yen=pl.max_horizontal(_yen(terms.fixed), _yen(open_fixed)).fill_null(0),
            below_floor=pl.lit(False),
            fixed_met=pl.when(_given(open_fixed))
            .then(pl.lit(None, dtype=pl.Boolean))
            .otherwise(fixed),
        )
    below = pl.lit(False) if terms.floor is None else _yen(grant) < _yen(terms.floor)
    if terms.fixed is None:  # frames with the same terms share their columns
        below = ar.keep(below.fill_null(False))
        return GrantColumns(ar.keep(_yen(counted)), ar.keep(_yen(grant)), below, pl.lit(True))
    # A fixed amount does not depend on the plan: no expenses counted, no floor (amounts._fixed).
    return GrantColumns(
        eligible_expenses_yen=pl.when(fixed).then(0).otherwise(_yen(counted)),
        grant_yen=pl.when(fixed).then(_yen(terms.fixed)).otherwise(_yen(grant)),
        below_floor=(~fixed & below).fill_null(False),
        fixed_met=pl.lit(True),
    )
