"""A frame's money terms for one company, with the citation of each.

`grant_steps.fold_terms` decides the terms (variants in file order, the last match wins);
here they are held as cited values so that an estimate can say where each comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeVar

from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import CategoryCap, Frame, Variant
from hojokin.rules.expr import Expr, Truth, evaluate
from hojokin.rules.grant_steps import TermValues, fold_terms, grant_steps

T = TypeVar("T")


@dataclass(frozen=True)
class Term:
    """A value of the terms and the citation it comes from."""

    value: Any
    source: Citation | None


@dataclass
class Terms:
    rate: Term | None
    cap: Term | None
    floor: Term | None
    fixed: Term | None
    category_caps: list[CategoryCap]
    # fixed-amount variants after the last matching one that the company may still meet
    # (a fact they read is not given): any of them would replace the fixed amount
    fixed_open: list[Variant] = field(default_factory=list)


class CompanyArith:
    """`grant_steps.Arith` for one company: ints, and the row's three-valued truths."""

    def __init__(self, row: Mapping[str, Any]) -> None:
        self.row = row

    def truth(self, expr: Expr) -> Truth:
        return evaluate(expr, self.row)

    def where(self, when: Truth, then: T, otherwise: T) -> T:
        return then if when else otherwise

    def minimum(self, *values: int) -> int:
        return min(values)

    def excess(self, total: int, cap: int | None) -> int:
        return 0 if cap is None else max(total - cap, 0)

    def fixed_point(self, start: int, step: Callable[[int], int]) -> int:
        value = start
        while (lower := step(value)) < value:
            value = lower
        return value

    def keep(self, value: int) -> int:
        return value

    def kept_terms(self, terms: TermValues[Any]) -> TermValues[Any]:
        return terms

    # terms, as cited values
    def money(self, yen: int | None, source: Citation | None) -> Term | None:
        return None if yen is None else Term(yen, source)

    def rate(self, rate: Fraction | None, source: Citation | None) -> Term | None:
        return None if rate is None else Term(rate, source)

    def cap_of(self, cap: CategoryCap | None) -> CategoryCap | None:
        return cap

    def scaled(self, cap: Term | None, factor: Fraction, source: Citation | None) -> Term | None:
        return (
            None
            if cap is None
            else Term(cap.value * factor.numerator // factor.denominator, source)
        )

    def no_open(self) -> list[Variant]:
        return []

    def still_open(self, open_fixed: list[Variant], when: Truth, variant: Variant) -> list[Variant]:
        if when:
            return []
        return [*open_fixed, variant] if when is None else open_fixed


def resolve_terms(frame: Frame, row: Mapping[str, Any]) -> Terms:
    folded: TermValues[Any] = fold_terms(grant_steps(frame), CompanyArith(row))
    return Terms(
        rate=folded.rate,
        cap=folded.cap,
        floor=folded.floor,
        fixed=folded.fixed,
        category_caps=[c for c in folded.group_caps if c is not None],
        fixed_open=folded.open_fixed,
    )
