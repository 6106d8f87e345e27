"""A frame's grant as steps, written once and run by two evaluators.

The steps, per plan year (Tokyo's call, sections 2 and 6):
1. terms: the frame's rate, caps, floor and fixed amount; each variant that holds, in file
   order, replaces what it gives (the last match wins), scales the cap in effect by its
   `cap_multiplier`, and replaces the cap on the same categories;
2. request: ⌊expense × rate⌋ per category (円未満切り捨て per category);
3. category caps cut their categories' requests, from the last category listed backwards;
4. share limits: the year's request is the largest whole-yen total T for which each limited
   group stays within ⌊T × share⌋ (the group is cut to fit);
5. the per-year cap (year 1 = the support period's first year) cuts the year's total, and a
   year outside the support period counts nothing;
then the total cap cuts the plan's total, later years first, and a total below the floor
is reported.

Each step is a function over yen values that are `int`s for one company (`rules.amounts`,
which words every cut with its citation) or Polars expressions over a table
(`rules.screen_amounts`); an `Arith` supplies the few operations the two spell
differently (minimum, a choice by a three-valued condition, a fixed point). Python's
`+ - * //` mean the same on both, so the arithmetic itself is written once here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Generic, Protocol, TypeVar

from hojokin.catalog.schema import CategoryCap, Condition, Frame, ShareLimit, Variant, YearCap
from hojokin.ja import fiscal_year_of
from hojokin.rules.expr import And, Compare, Expr, InSet
from hojokin.rules.rule_columns import fact_column
from hojokin.rules.size import SMALL_BUSINESS, SME

V = TypeVar("V")
# A yen value: an int, or a Polars expression of Int64 (null: no such limit).
Yen = Any
# A condition's truth: True, False or None (unknown) for one company; a Boolean expression.
Truth = Any


class Arith(Protocol):
    """The operations one company and a table spell differently."""

    def truth(self, expr: Expr) -> Truth: ...

    def where(self, when: Truth, then: V, otherwise: V) -> V:
        """`then` where `when` holds, else `otherwise` (unknown does not hold)."""
        ...

    def minimum(self, *values: Yen) -> Yen: ...

    def excess(self, total: Yen, cap: Yen) -> Yen:
        """How far `total` is above `cap`: 0 when within it or when there is no cap."""
        ...

    def fixed_point(self, start: Yen, step: Callable[[Yen], Yen]) -> Yen:
        """Apply `step` from `start` until the value no longer falls."""
        ...

    def keep(self, value: Yen) -> Yen:
        """`value`, computed once from here on: a step's result that later steps read more
        than once (an int already is; a table keeps it as a column)."""
        ...


def condition_expr(when: Condition) -> Expr:
    """A variant's condition as a rule expression, true where the variant applies."""
    parts: list[Expr] = []
    if when.size is not None:
        parts.append(SMALL_BUSINESS if when.size == "small_business" else SME)
    if when.industries is not None:
        parts.append(InSet("industry", tuple(when.industries)))
    if when.legal_forms is not None:
        parts.append(InSet("legal_form", tuple(when.legal_forms)))
    parts += [Compare(fact_column(k), "==", v) for k, v in when.facts.items()]
    return And(tuple(parts))


def fixed_only(frame: Frame) -> bool:
    """A frame paid only as fixed amounts by variant (no rate, cap or fixed amount of its
    own): without a matching variant it has no amount at all, never "the expenses"."""
    return (
        frame.fixed is None
        and frame.cap is None
        and frame.effective_rate is None
        and any(v.fixed is not None for v in frame.variants)
    )


# --- the compiled frame ---------------------------------------------------------------


@dataclass(frozen=True)
class GrantSteps:
    """What a frame's terms compile to once: the steps above, as data."""

    frame: Frame
    # every category group a cap is set on, the frame's own and its variants', in first-seen
    # order (a variant's cap on the same categories takes that group's place)
    groups: tuple[tuple[str, ...], ...]
    share_limits: tuple[ShareLimit, ...]
    # categories a share limit watches: spare yen from rounding go first to the others
    protected: frozenset[str]
    support: tuple[int, int] | None  # fiscal years of the support period
    fixed_only: bool
    conditions: tuple[tuple[Variant, Expr], ...] = field(default=())

    def group_of(self, cap: CategoryCap) -> int:
        return self.groups.index(tuple(cap.categories))


_COMPILED: dict[int, GrantSteps] = {}


def grant_steps(frame: Frame) -> GrantSteps:
    """The frame's steps, compiled once per frame object (catalog data never changes)."""
    steps = _COMPILED.get(id(frame))
    if steps is not None and steps.frame is frame:
        return steps
    if len(_COMPILED) > 4096:  # a long-lived server reloading its catalog
        _COMPILED.clear()
    caps = list(frame.category_caps) + [c for v in frame.variants for c in v.category_caps]
    period = frame.support_period
    steps = GrantSteps(
        frame=frame,
        groups=tuple(dict.fromkeys(tuple(c.categories) for c in caps)),
        share_limits=tuple(frame.share_limits),
        protected=frozenset(c for s in frame.share_limits for c in s.categories),
        support=(
            None if period is None else (fiscal_year_of(period.start), fiscal_year_of(period.end))
        ),
        fixed_only=fixed_only(frame),
        conditions=tuple((v, condition_expr(v.when)) for v in frame.variants),
    )
    _COMPILED[id(frame)] = steps
    return steps


# --- 1. terms -------------------------------------------------------------------------


@dataclass
class TermValues(Generic[V]):
    """The terms in effect, as the evaluator's values (cited terms, or expressions)."""

    rate: V
    cap: V
    floor: V
    fixed: V
    group_caps: list[V]
    # the fixed-amount variants after the last matching one whose condition is unknown: any
    # of them may still replace the fixed amount (要確認)
    open_fixed: Any


class TermArith(Arith, Protocol[V]):
    """How an evaluator holds a term: from the catalog's values, and scaled."""

    def money(self, yen: int | None, source: Any) -> V: ...

    def rate(self, rate: Fraction | None, source: Any) -> V: ...

    def cap_of(self, cap: CategoryCap | None) -> V: ...

    def scaled(self, cap: V, factor: Fraction, source: Any) -> V: ...

    def no_open(self) -> Any:
        """No fixed-amount variant is open."""
        ...

    def still_open(self, open_fixed: Any, when: Truth, variant: Variant) -> Any:
        """`open_fixed` after `variant`: none left once it holds, it joins when unknown."""
        ...

    def kept_terms(self, terms: TermValues[V]) -> TermValues[V]:
        """The terms, each computed once (see `Arith.keep`)."""
        ...


def fold_terms(steps: GrantSteps, ar: TermArith[V]) -> TermValues[V]:
    frame = steps.frame
    rate_source = frame.rate or frame.self_pay_share
    own_caps = {steps.group_of(c): c for c in frame.category_caps}
    terms: TermValues[V] = TermValues(
        rate=ar.rate(frame.effective_rate, rate_source.cite if rate_source else None),
        cap=_money(ar, frame.cap),
        floor=_money(ar, frame.floor),
        fixed=_money(ar, frame.fixed),
        group_caps=[ar.cap_of(own_caps.get(i)) for i in range(len(steps.groups))],
        open_fixed=ar.no_open(),
    )
    for variant, condition in steps.conditions:
        when = ar.keep(ar.truth(condition))
        if variant.fixed is not None:
            terms.open_fixed = ar.keep(ar.still_open(terms.open_fixed, when, variant))
        if variant.rate is not None:
            terms.rate = ar.where(when, ar.rate(variant.rate.value, variant.rate.cite), terms.rate)
        for name in ("cap", "floor", "fixed"):
            money = getattr(variant, name)
            if money is not None:
                setattr(terms, name, ar.where(when, _money(ar, money), getattr(terms, name)))
        if variant.cap_multiplier is not None:
            m = variant.cap_multiplier
            terms.cap = ar.where(when, ar.scaled(terms.cap, m.value, m.cite), terms.cap)
        for cap in variant.category_caps:
            i = steps.group_of(cap)
            terms.group_caps[i] = ar.where(when, ar.cap_of(cap), terms.group_caps[i])
    return terms if not steps.conditions else ar.kept_terms(terms)


def _money(ar: TermArith[V], money: Any) -> V:
    return ar.money(None, None) if money is None else ar.money(money.yen, money.cite)


# --- 2.–5. one year ---------------------------------------------------------------------


def total(values: Iterable[Yen]) -> Yen:
    items = list(values)
    if not items:
        return 0
    result = items[0]
    for item in items[1:]:
        result = result + item
    return result


def request(
    expenses: dict[str, Yen], numerator: Yen, denominator: Yen, ar: Arith
) -> dict[str, Yen]:
    if isinstance(numerator, int) and isinstance(denominator, int) and numerator == denominator:
        # a rate of 1, the same for every row: the expenses themselves
        return dict(expenses)
    return {c: ar.keep(e * numerator // denominator) for c, e in expenses.items()}


def cut_backwards(
    requests: dict[str, Yen], categories: Iterable[str], excess: Yen, ar: Arith
) -> None:
    """Take `excess` yen off `categories`' requests, from the last one listed backwards."""
    for category in reversed(list(categories)):
        if category not in requests:
            continue
        # the excess left is read twice by the next category: keep it
        take = ar.minimum(excess, requests[category])
        requests[category] = requests[category] - take
        excess = ar.keep(excess - take)


def category_cap(requests: dict[str, Yen], group: tuple[str, ...], cap: Yen, ar: Arith) -> Yen:
    """Cut the group's requests to `cap`; returns the yen cut."""
    asked = ar.keep(total(requests[c] for c in group if c in requests))
    excess = ar.keep(ar.excess(asked, cap))
    cut_backwards(requests, group, excess, ar)
    for category in group:  # later steps read each request more than once
        if category in requests:
            requests[category] = ar.keep(requests[category])
    return excess


def largest_total(free: Yen, groups: list[tuple[Yen, Fraction]], ar: Arith) -> Yen:
    """The largest T with T = free + Σ xᵢ, xᵢ ≤ requestᵢ and xᵢ ≤ ⌊T × shareᵢ⌋.

    f(T) = free + Σ min(requestᵢ, ⌊T × shareᵢ⌋) never decreases as T grows, so from any
    T at or above the answer, stepping T ← min(T, f(T)) never passes below it and stops
    at the first T ≤ f(T): the answer. The descent starts from the least of three upper
    bounds: the uncut total U; for each group, (U − requestᵢ) / (1 − shareᵢ), as T ≤
    (U − requestᵢ) + T × shareᵢ; and free / (1 − Σ shares), as T ≤ free + T × Σ shares.
    """

    def fits(t: Yen) -> Yen:
        return free + total(ar.minimum(r, t * s.numerator // s.denominator) for r, s in groups)

    uncut = free + total(r for r, _ in groups)
    bounds = [uncut]
    bounds += [
        (uncut - r) * s.denominator // (s.denominator - s.numerator) for r, s in groups if s < 1
    ]
    shares = sum((s for _, s in groups), Fraction(0))
    if shares < 1:
        bounds.append(free * shares.denominator // (shares.denominator - shares.numerator))
    return ar.fixed_point(ar.minimum(*bounds), fits)


@dataclass(frozen=True)
class ShareCut:
    limit: ShareLimit
    asked: Yen
    allowed: Yen


def share_limits(
    steps: GrantSteps, requests: dict[str, Yen], ar: Arith
) -> tuple[Yen, list[ShareCut]]:
    """Cut each limited group to its share of the year's largest total; (T, the cuts)."""
    free = ar.keep(total(v for c, v in requests.items() if c not in steps.protected))
    groups = [
        (ar.keep(total(requests[c] for c in s.categories if c in requests)), s.max_share)
        for s in steps.share_limits
    ]
    year_total = ar.keep(largest_total(free, groups, ar))
    cuts = []
    for limit, (asked, share) in zip(steps.share_limits, groups, strict=True):
        allowed = ar.keep(ar.minimum(asked, year_total * share.numerator // share.denominator))
        cut_backwards(requests, limit.categories, asked - allowed, ar)
        cuts.append(ShareCut(limit, asked, allowed))
    return year_total, cuts


def year_index(steps: GrantSteps, fiscal_year: Yen, plan_first_fy: Yen) -> Yen:
    """Which year of support a plan year is: year 1 is the support period's first year
    (or the plan's own first year when the frame has no period)."""
    first = steps.support[0] if steps.support else plan_first_fy
    return fiscal_year - first + 1


def year_cap(steps: GrantSteps, index: Yen, ar: Arith, of: Callable[[YearCap | None], V]) -> V:
    """The per-year cap in effect in support year `index` (`of` turns the catalog's cap, or
    None, into the evaluator's value)."""
    cap = of(None)
    for per_year in sorted(steps.frame.per_year_caps, key=lambda c: c.from_year):
        cap = ar.where(index >= per_year.from_year, of(per_year), cap)
    return cap


def in_period(steps: GrantSteps, fiscal_year: Yen) -> Truth | None:
    """Whether the plan year lies in the support period (None: the frame has no period)."""
    if steps.support is None:
        return None
    first, last = steps.support
    return (fiscal_year >= first) & (fiscal_year <= last)


# --- the plan as a whole ------------------------------------------------------------------


def total_cap(grants: list[Yen], cap: Yen, ar: Arith) -> tuple[list[Yen], Yen]:
    """The grants by year after the total cap, later years giving way first; and the cut."""
    excess = ar.keep(ar.excess(total(grants), cap))
    cut, left = excess, list(grants)
    for i in reversed(range(len(left))):
        take = ar.minimum(excess, left[i])
        left[i] = left[i] - take
        excess = excess - take
    return left, cut


def floor_reach(floor: int, rate: Fraction) -> int:
    """⌈floor / rate⌉: the least expense whose ⌊× rate⌋ reaches the floor (before caps)."""
    return -(-floor * rate.denominator // rate.numerator)
