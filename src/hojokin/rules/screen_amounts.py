"""How many yen for a whole table of one-year plans: `rules.amounts` as Polars columns.

Each table row may carry a one-year plan (docs/company-table.md). A frame's grant is
built from the same terms and in the same order as the single-company path:
variants (in file order, the last match wins), ⌊expense × rate⌋ per category,
category caps cut from the last category backwards, share limits by the same
fixed-point descent, the per-year cap, the total cap, and the floor. Every yen
value is an exact Int64 column; nothing goes through floats.
"""

from __future__ import annotations

from fractions import Fraction

import polars as pl

from hojokin.catalog.schema import CategoryCap, Frame
from hojokin.ja import fiscal_year_of
from hojokin.rules.expr import to_polars
from hojokin.rules.row import PLAN_FIRST_FY, PLAN_PARTNER_INVESTMENT
from hojokin.rules.terms import condition_expr, fixed_only

PLAN_ELIGIBLE = "plan_eligible_expenses_yen"
PLAN_INELIGIBLE = "plan_ineligible_expenses_yen"
PLAN_NOT_EXPENSES = (PLAN_ELIGIBLE, PLAN_INELIGIBLE, PLAN_PARTNER_INVESTMENT)


def category_column(category: str) -> str:
    return f"plan_{category}_yen"


def _yen(value: int | None) -> pl.Expr:
    return pl.lit(value, dtype=pl.Int64)


def _request(category: str) -> str:
    return f"request_{category}"


def _switch(value: pl.Expr, when: pl.Expr, then: pl.Expr) -> pl.Expr:
    return pl.when(when).then(then).otherwise(value)


def _groups(frame: Frame) -> list[tuple[str, ...]]:
    """The category groups that carry a cap, the frame's own and its variants'."""
    caps: list[CategoryCap] = list(frame.category_caps)
    for variant in frame.variants:
        caps += variant.category_caps
    return list(dict.fromkeys(tuple(cap.categories) for cap in caps))


def _terms(frame: Frame, columns: set[str]) -> dict[str, pl.Expr]:
    """rate, cap, floor, fixed and each group's cap per row, after the matching variants."""
    rate = frame.effective_rate or Fraction(1)
    terms = {
        "rate_num": _yen(rate.numerator),
        "rate_den": _yen(rate.denominator),
        "cap": _yen(frame.cap.yen if frame.cap else None),
        "floor": _yen(frame.floor.yen if frame.floor else None),
        "fixed": _yen(frame.fixed.yen if frame.fixed else None),
    }
    groups = _groups(frame)

    def group_caps(caps: list[CategoryCap]) -> dict[str, pl.Expr]:
        return {f"group_cap_{groups.index(tuple(c.categories))}": _yen(c.yen) for c in caps}

    terms |= {f"group_cap_{i}": _yen(None) for i in range(len(groups))}
    terms |= group_caps(frame.category_caps)
    for variant in frame.variants:
        when = to_polars(condition_expr(variant.when), columns)
        step = group_caps(variant.category_caps)
        if variant.rate is not None:
            step["rate_num"] = _yen(variant.rate.value.numerator)
            step["rate_den"] = _yen(variant.rate.value.denominator)
        for name in ("cap", "floor", "fixed"):
            money = getattr(variant, name)
            if money is not None:
                step[name] = _yen(money.yen)
        if variant.cap_multiplier is not None:
            m: Fraction = variant.cap_multiplier.value
            step["cap"] = step.get("cap", terms["cap"]) * m.numerator // m.denominator
        for name, value in step.items():
            terms[name] = _switch(terms[name], when, value)
    return terms


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


def _cut(work: pl.DataFrame, categories: tuple[str, ...], excess: pl.Expr) -> pl.DataFrame:
    """Take `excess` yen off the categories' requests, from the last one listed backwards."""
    work = work.with_columns(excess.alias("excess"))
    for category in reversed(categories):
        if _request(category) not in work.columns:
            continue
        take = pl.min_horizontal("excess", _request(category))
        work = work.with_columns(
            (pl.col(_request(category)) - take).alias(_request(category)),
            (pl.col("excess") - take).alias("excess"),
        )
    return work.drop("excess")


def _sum(categories: tuple[str, ...] | list[str], work: pl.DataFrame) -> pl.Expr:
    present = [_request(c) for c in categories if _request(c) in work.columns]
    return pl.sum_horizontal(present).cast(pl.Int64) if present else _yen(0)


def _share_limits(frame: Frame, work: pl.DataFrame) -> pl.DataFrame:
    limited = {c for s in frame.share_limits for c in s.categories}
    requests = [c.removeprefix("request_") for c in work.columns if c.startswith("request_")]
    free = work.select(_sum([c for c in requests if c not in limited], work)).to_series()
    groups = [
        (work.select(_sum(tuple(s.categories), work)).to_series(), s.max_share)
        for s in frame.share_limits
    ]

    def fits(total: pl.Series) -> pl.Series:
        allowed = [
            pl.select(pl.min_horizontal(r, total * s.numerator // s.denominator)).to_series()
            for r, s in groups
        ]
        return free + sum(allowed, free * 0)

    total = free + sum((r for r, _ in groups), free * 0)
    while True:  # amounts.largest_total's descent, every row at once, to the same fixed point
        lower = pl.select(pl.min_horizontal(total, fits(total))).to_series()
        if (lower == total).all():
            break
        total = lower
    for limit, (requested, share) in zip(frame.share_limits, groups, strict=True):
        allowed = pl.min_horizontal(pl.lit(requested), total * share.numerator // share.denominator)
        work = _cut(work, tuple(limit.categories), pl.lit(requested) - allowed)
    return work


def _year_cap(frame: Frame) -> pl.Expr:
    """The per-year cap of the plan's year; year 1 is the support period's first year."""
    first = fiscal_year_of(frame.support_period.start) if frame.support_period else None
    index = pl.col(PLAN_FIRST_FY) - first + 1 if first is not None else pl.lit(1)
    cap = _yen(None)
    for year_cap in sorted(frame.per_year_caps, key=lambda c: c.from_year):
        cap = _switch(cap, index >= year_cap.from_year, _yen(year_cap.yen))
    return cap


def _in_period(frame: Frame) -> pl.Expr:
    """The row's plan year lies in the support period (amounts: other years count 0)."""
    if frame.support_period is None:
        return pl.lit(True)
    first = fiscal_year_of(frame.support_period.start)
    last = fiscal_year_of(frame.support_period.end)
    return pl.col(PLAN_FIRST_FY).is_between(first, last)


def _open_fixed(frame: Frame, columns: set[str]) -> pl.Expr:
    """The largest fixed amount among the variants after the last matching one that a row
    may still meet (a fact not given), as `terms.resolve_terms` keeps them."""
    largest = _yen(None)
    for variant in frame.variants:
        if variant.fixed is None:
            continue
        when = to_polars(condition_expr(variant.when), columns)
        amount = pl.max_horizontal(largest, _yen(variant.fixed.yen))
        largest = (
            pl.when(when).then(_yen(None)).when(when.is_null()).then(amount).otherwise(largest)
        )
    return largest


def batch_amount(frame: Frame, table: pl.DataFrame) -> pl.DataFrame:
    """Every row's `eligible_expenses_yen`, `grant_yen`, `below_floor` and `fixed_met` under
    this frame: `fixed_met` is null where a fixed-amount frame's deciding fact is missing
    (要確認) and false where no fixed variant fits, as `amounts._no_fixed_variant` says.

    `table` holds the rule columns and the plan columns of hojokin.rules.table.
    """
    columns = set(table.columns)
    expenses = _expenses(frame, columns)
    derived = {f"expense_{c}": e for c, e in expenses.items()} | _terms(frame, columns)
    derived["year_cap"] = _year_cap(frame)
    derived["in_period"] = _in_period(frame)
    derived["open_fixed"] = _open_fixed(frame, columns)
    # with_columns, not select: a frame whose terms are all constants still gets every row
    work = table.with_columns(**derived).select(list(derived))
    work = work.with_columns(
        (pl.col(f"expense_{c}") * pl.col("rate_num") // pl.col("rate_den")).alias(_request(c))
        for c in expenses
    )
    for i, group in enumerate(_groups(frame)):
        excess = (_sum(group, work) - pl.col(f"group_cap_{i}")).clip(lower_bound=0).fill_null(0)
        work = _cut(work, group, excess)
    if frame.share_limits:
        work = _share_limits(frame, work)
    # A fixed amount does not depend on the plan: no expenses counted, no floor (amounts._fixed).
    fixed = pl.col("fixed").is_not_null()
    in_period = pl.col("in_period")
    counted = pl.sum_horizontal(f"expense_{c}" for c in expenses).cast(pl.Int64)
    counted = pl.when(in_period).then(counted).otherwise(0)
    grant = pl.min_horizontal(_sum(list(expenses), work), "year_cap", "cap")
    grant = pl.when(in_period).then(grant).otherwise(0)
    if fixed_only(frame):
        open_fixed = pl.col("open_fixed")
        return work.select(
            eligible_expenses_yen=_yen(0),
            grant_yen=pl.max_horizontal("fixed", open_fixed).fill_null(0),
            below_floor=pl.lit(False),
            fixed_met=pl.when(open_fixed.is_not_null())
            .then(pl.lit(None, dtype=pl.Boolean))
            .otherwise(fixed),
        )
    return work.select(
        eligible_expenses_yen=pl.when(fixed).then(0).otherwise(counted),
        grant_yen=pl.when(fixed).then(pl.col("fixed")).otherwise(grant),
        below_floor=(~fixed & (grant < pl.col("floor"))).fill_null(False),
        fixed_met=pl.lit(True),
    )
