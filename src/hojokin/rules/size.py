"""中小企業者 and 小規模企業者 under 中小企業基本法 第2条, by industry.

A company is an SME when its capital OR its regular employees stay within its
industry's row (Tokyo's call reprints the table: 003_cf133d2ac19737cc.txt lines
127-131). It is a small business (小規模企業者) when its employees are at most 20,
or 5 in commerce (wholesale, retail) and services (第2条第5項).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from hojokin.rules.company import Company
from hojokin.rules.expr import And, Compare, Expr, InSet, Or, evaluate
from hojokin.rules.row import company_row

Size = Literal["small_business", "sme", "large"]


@dataclass(frozen=True)
class Threshold:
    capital_yen: int
    employees: int
    small_business_employees: int


_MANUFACTURING = Threshold(300_000_000, 300, 20)
THRESHOLDS: dict[str, Threshold] = {
    "manufacturing": _MANUFACTURING,
    "construction": _MANUFACTURING,
    "transport": _MANUFACTURING,
    "software": _MANUFACTURING,
    "information_processing": _MANUFACTURING,
    "other": _MANUFACTURING,
    "wholesale": Threshold(100_000_000, 100, 5),
    "services": Threshold(50_000_000, 100, 5),
    "retail": Threshold(50_000_000, 50, 5),
}


def _within(row: Threshold) -> Expr:
    return Or(
        (
            Compare("capital_yen", "<=", row.capital_yen),
            Compare("employees", "<=", row.employees),
        )
    )


def _by_industry(test: Callable[[Threshold], Expr]) -> Expr:
    groups: dict[Threshold, list[str]] = {}
    for industry, row in THRESHOLDS.items():
        groups.setdefault(row, []).append(industry)
    return Or(
        tuple(And((InSet("industry", tuple(inds)), test(row))) for row, inds in groups.items())
    )


# Written once as expressions so a single company and a table of millions agree.
SME: Expr = _by_industry(_within)
SMALL_BUSINESS: Expr = _by_industry(
    lambda row: And((_within(row), Compare("employees", "<=", row.small_business_employees)))
)


def size_of(row: Mapping[str, Any]) -> Size:
    """The size of a company row (`hojokin.rules.row`)."""
    if evaluate(SMALL_BUSINESS, row):
        return "small_business"
    return "sme" if evaluate(SME, row) else "large"


def classify_size(company: Company) -> Size:
    return size_of(company_row(company))
