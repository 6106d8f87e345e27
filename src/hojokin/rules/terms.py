"""A frame's money terms for one company: the frame's own, replaced by matching variants.

Variants apply in the order the program file lists them; each one that matches
replaces the rate, cap, floor or fixed amount it gives, multiplies the cap by its
`cap_multiplier`, and replaces, in place, the cap on the same categories.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from hojokin.catalog.base import Citation
from hojokin.catalog.schema import CategoryCap, Condition, Frame, Money, Rate, Variant
from hojokin.rules.expr import And, Compare, Expr, InSet, evaluate
from hojokin.rules.row import fact_column
from hojokin.rules.size import SMALL_BUSINESS, SME


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
    variants: list[Variant] = field(default_factory=list)
    # fixed-amount variants after the last matching one that the company may still meet
    # (a fact they read is not given): any of them would replace the fixed amount
    fixed_open: list[Variant] = field(default_factory=list)


def fixed_only(frame: Frame) -> bool:
    """A frame paid only as fixed amounts by variant (no rate, cap or fixed amount of its
    own): without a matching variant it has no amount at all, never "the expenses"."""
    return (
        frame.fixed is None
        and frame.cap is None
        and frame.effective_rate is None
        and any(v.fixed is not None for v in frame.variants)
    )


def condition_expr(when: Condition) -> Expr:
    parts: list[Expr] = []
    if when.size is not None:
        parts.append(SMALL_BUSINESS if when.size == "small_business" else SME)
    if when.industries is not None:
        parts.append(InSet("industry", tuple(when.industries)))
    if when.legal_forms is not None:
        parts.append(InSet("legal_form", tuple(when.legal_forms)))
    parts += [Compare(fact_column(k), "==", v) for k, v in when.facts.items()]
    return And(tuple(parts))


def _money(money: Money | None) -> Term | None:
    return None if money is None else Term(money.yen, money.cite)


def _rate(frame: Frame) -> Term | None:
    rate = frame.effective_rate
    if rate is None:
        return None
    source: Rate | None = frame.rate or frame.self_pay_share
    return Term(rate, source.cite if source else None)


def resolve_terms(frame: Frame, row: Mapping[str, Any]) -> Terms:
    terms = Terms(
        rate=_rate(frame),
        cap=_money(frame.cap),
        floor=_money(frame.floor),
        fixed=_money(frame.fixed),
        category_caps=list(frame.category_caps),
    )
    for variant in frame.variants:
        truth = evaluate(condition_expr(variant.when), row)
        if truth is None and variant.fixed is not None:
            terms.fixed_open.append(variant)
        if not truth:
            continue
        if variant.fixed is not None:  # the last match wins: only later open ones may change it
            terms.fixed_open = []
        terms.variants.append(variant)
        if variant.rate is not None:
            terms.rate = Term(variant.rate.value, variant.rate.cite)
        terms.cap = _money(variant.cap) or terms.cap
        terms.floor = _money(variant.floor) or terms.floor
        terms.fixed = _money(variant.fixed) or terms.fixed
        if variant.cap_multiplier is not None and terms.cap is not None:
            multiplied = terms.cap.value * variant.cap_multiplier.value
            terms.cap = Term(int(Fraction(multiplied)), variant.cap_multiplier.cite)
        for cap in variant.category_caps:
            terms.category_caps = _replace_cap(terms.category_caps, cap)
    return terms


def _replace_cap(caps: list[CategoryCap], new: CategoryCap) -> list[CategoryCap]:
    """The cap on the same categories takes `new`'s place; a cap on new ones comes last."""
    same = [i for i, c in enumerate(caps) if c.categories == new.categories]
    if not same:
        return [*caps, new]
    return [new if i == same[0] else c for i, c in enumerate(caps)]
