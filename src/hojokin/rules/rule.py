"""A rule: what it requires, its expression, and what a company's row shows for it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from hojokin.catalog.primitives import Citation
from hojokin.rules.expr import Expr, Truth, columns_of, evaluate
from hojokin.rules.requirements import Requirement, Shown

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    """A requirement: its code, what it requires, its test, and what a company shows for it."""

    code: str
    requirement: Requirement
    expr: Expr
    source: Citation | None
    severity: Literal["error", "warning"]
    shows: Callable[[Row], Shown]
    # The rules an all_of/any_of/none_of joins, so that each part can be told on its own.
    parts: tuple[Rule, ...] = ()
    # The catalog's reading of the source where the text is not explicit (an area inferred
    # from the issuer): shown with the requirement so the reader can judge it.
    note: str = ""

    @cached_property
    def needs_plan(self) -> bool:
        # Cached: a compiled rule is asked once per company checked.
        return any(c.startswith("plan_") for c in columns_of(self.expr))

    def holds(self, row: Row) -> Truth:
        """True or False, or None while a value the rule reads (a fact, the plan) is missing."""
        return evaluate(self.expr, row)


# A compiled criterion: its expression, what it requires, and what a row shows for it.
Compiled = tuple[Expr, Requirement, Callable[[Row], Shown]]
