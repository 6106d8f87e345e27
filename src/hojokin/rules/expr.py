"""Boolean expressions over a company row, evaluated at two speeds.

`evaluate` reads one row (a dict) in plain Python; `to_polars` builds the same
test as a Polars expression over a table of millions of rows. Both use three
values: a test that reads a missing or null value is unknown (None), and
`And`/`Or`/`Not` combine unknowns by Kleene's logic, as Polars does natively:
a company that has not answered a program fact is "to be confirmed", neither
eligible nor refused, until some other requirement already decides.
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
class Unknown:
    """A requirement hojokin cannot test (not yet in the data): always "to be confirmed"."""


@dataclass(frozen=True)
class And:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    item: Expr


Expr = Compare | InSet | MaskAny | IsNull | RatioCompare | Unknown | And | Or | Not
TRUE: Expr = And(())


def columns_of(expr: Expr) -> set[str]:
    match expr:
        case Compare(column=c) | InSet(column=c) | MaskAny(column=c) | IsNull(column=c):
            return {c}
        case RatioCompare(numerator=n, denominator=d):
            return {n, d}
        case Unknown():
            return set()
        case And(items=items) | Or(items=items):
            return set().union(*(columns_of(i) for i in items))
        case Not(item=item):
            return columns_of(item)
    raise TypeError(expr)


Truth = bool | None  # None: unknown, a value the test reads is missing


def evaluate(expr: Expr, row: Mapping[str, Any]) -> Truth:
    match expr:
        case Compare(column=c, op=op, value=v):
            x = row.get(c)
            return None if x is None else _compare(op, x, v)
        case InSet(column=c, values=values):
            x = row.get(c)
            return None if x is None else x in values
        case MaskAny(column=c, mask=mask):
            x = row.get(c)
            return None if x is None else x & mask != 0
        case IsNull(column=c):
            return row.get(c) is None
        case RatioCompare(numerator=n, denominator=d, op=op, share=q):
            num, den = row.get(n), row.get(d)
            if num is None or den is None:
                return None
            return _compare(op, num * q.denominator, den * q.numerator)
        case Unknown():
            return None
        case And(items=items):
            return _kleene([evaluate(i, row) for i in items], decisive=False)
        case Or(items=items):
            return _kleene([evaluate(i, row) for i in items], decisive=True)
        case Not(item=item):
            truth = evaluate(item, row)
            return None if truth is None else not truth
    raise TypeError(expr)


def _compare(op: Op, x: Any, v: Any) -> bool:
    try:
        return bool(OPS[op](x, v))
    except TypeError:  # a text fact against a number: the value does not meet the test
        return False


def _kleene(truths: list[Truth], decisive: bool) -> Truth:
    """And (decisive=False) or Or (decisive=True): one decisive value settles it."""
    if decisive in truths:
        return decisive
    return None if None in truths else not decisive


def to_polars(expr: Expr, columns: set[str], given: Mapping[str, pl.Expr] | None = None) -> pl.Expr:
    """The same test over a table whose columns are `columns`; absent ones read as null.
    `given` supplies columns as expressions (a plan figure that depends on the frame)."""

    def col(name: str) -> pl.Expr:
        if given is not None and name in given:
            return given[name]
        return pl.col(name) if name in columns else pl.lit(None)

    match expr:
        case Compare(column=c, op=op, value=v):
            test: pl.Expr = OPS[op](col(c), pl.lit(v))
            return test
        case InSet(column=c, values=values):
            return col(c).is_in(list(values))
        case MaskAny(column=c, mask=mask):
            return (col(c) & mask) != 0
        case IsNull(column=c):
            return col(c).is_null()
        case RatioCompare(numerator=n, denominator=d, op=op, share=q):
            ratio: pl.Expr = OPS[op](col(n) * q.denominator, col(d) * q.numerator)
            return ratio
        case Unknown():
            return pl.lit(None, dtype=pl.Boolean)
        case And(items=()):
            return pl.lit(True)
        case Or(items=()):
            return pl.lit(False)
        case And(items=items):
            return pl.all_horizontal([to_polars(i, columns, given) for i in items])
        case Or(items=items):
            return pl.any_horizontal([to_polars(i, columns, given) for i in items])
        case Not(item=item):
            return ~to_polars(item, columns, given)
    raise TypeError(expr)
