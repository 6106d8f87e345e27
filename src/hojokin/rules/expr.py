"""Boolean expressions over a company row, evaluated at two speeds.

`evaluate` reads one row (a dict) in plain Python; `to_polars` builds the same
test as a Polars expression over a table of millions of rows. Both treat a
missing or null value as "the test does not hold", so a leaf is never unknown
and `And`/`Or`/`Not` stay two-valued in both.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Literal

import polars as pl

Op = Literal["==", "!=", "<", "<=", ">", ">="]
# Python's operators work on ints, dates and strings and, unchanged, on Polars expressions.
OPS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
Scalar = int | str | bool | date


@dataclass(frozen=True)
class Compare:
    column: str
    op: Op
    value: Scalar


@dataclass(frozen=True)
class InSet:
    column: str
    values: tuple[Scalar, ...]


@dataclass(frozen=True)
class MaskAny:
    """An integer bit set (prefectures, letters) shares a bit with `mask`."""

    column: str
    mask: int


@dataclass(frozen=True)
class IsNull:
    column: str


@dataclass(frozen=True)
class RatioCompare:
    """numerator / denominator `op` share, compared exactly by cross-multiplying."""

    numerator: str
    denominator: str
    op: Op
    share: Fraction


@dataclass(frozen=True)
class And:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    item: Expr


Expr = Compare | InSet | MaskAny | IsNull | RatioCompare | And | Or | Not
TRUE: Expr = And(())


def columns_of(expr: Expr) -> set[str]:
    match expr:
        case Compare(column=c) | InSet(column=c) | MaskAny(column=c) | IsNull(column=c):
            return {c}
        case RatioCompare(numerator=n, denominator=d):
            return {n, d}
        case And(items=items) | Or(items=items):
            return set().union(*(columns_of(i) for i in items))
        case Not(item=item):
            return columns_of(item)
    raise TypeError(expr)


def evaluate(expr: Expr, row: Mapping[str, Any]) -> bool:
    match expr:
        case Compare(column=c, op=op, value=v):
            x = row.get(c)
            return x is not None and bool(OPS[op](x, v))
        case InSet(column=c, values=values):
            return row.get(c) in values
        case MaskAny(column=c, mask=mask):
            x = row.get(c)
            return x is not None and x & mask != 0
        case IsNull(column=c):
            return row.get(c) is None
        case RatioCompare(numerator=n, denominator=d, op=op, share=q):
            num, den = row.get(n), row.get(d)
            if num is None or den is None:
                return False
            return bool(OPS[op](num * q.denominator, den * q.numerator))
        case And(items=items):
            return all(evaluate(i, row) for i in items)
        case Or(items=items):
            return any(evaluate(i, row) for i in items)
        case Not(item=item):
            return not evaluate(item, row)
    raise TypeError(expr)


def to_polars(expr: Expr, columns: set[str]) -> pl.Expr:
    """The same test over a table whose columns are `columns`; absent ones read as null."""

    def col(name: str) -> pl.Expr:
        return pl.col(name) if name in columns else pl.lit(None)

    def leaf(test: pl.Expr) -> pl.Expr:
        return test.fill_null(False)

    match expr:
        case Compare(column=c, op=op, value=v):
            return leaf(OPS[op](col(c), pl.lit(v)))
        case InSet(column=c, values=values):
            return leaf(col(c).is_in(list(values)))
        case MaskAny(column=c, mask=mask):
            return leaf((col(c) & mask) != 0)
        case IsNull(column=c):
            return col(c).is_null()
        case RatioCompare(numerator=n, denominator=d, op=op, share=q):
            return leaf(OPS[op](col(n) * q.denominator, col(d) * q.numerator))
        case And(items=()):
            return pl.lit(True)
        case Or(items=()):
            return pl.lit(False)
        case And(items=items):
            return pl.all_horizontal([to_polars(i, columns) for i in items])
        case Or(items=items):
            return pl.any_horizontal([to_polars(i, columns) for i in items])
        case Not(item=item):
            return ~to_polars(item, columns)
    raise TypeError(expr)
