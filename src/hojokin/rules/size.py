"""中小企業者 and 小規模企業者 under 中小企業基本法 第2条, by legal form and industry.

The Act defines 中小企業者 as 会社 or 個人 (第2条第1項): a 会社 qualifies when its
capital OR its regular employees stay within its industry's row (Tokyo's call
reprints the table: 003_cf133d2ac19737cc.txt lines 127-131), while an individual has
no capital to test and qualifies by employees alone. NPOs, 一般社団・財団法人 and other
bodies are neither 会社 nor 個人, so the Act's size test never admits them; a program
that accepts them says so with its own criteria (e.g. Tokyo's any_of with legal_form).
A small business (小規模企業者, 第2条第5項) is an SME whose employees are at most 20,
or 5 in commerce (wholesale, retail) and services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hojokin.catalog.vocabulary import CompanySize
from hojokin.rules.company import Company
from hojokin.rules.company_row import company_row
from hojokin.rules.expr import And, Compare, Expr, InSet, Or, evaluate

# The legal forms 中小企業基本法 §2 sizes: 会社 by capital or employees, 個人 by employees.
COMPANY = "corporation"
INDIVIDUAL = "sole_proprietor"


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
    company = And(
        (
            Compare("legal_form", "==", COMPANY),
            Or(
                (
                    Compare("capital_yen", "<=", row.capital_yen),
                    Compare("employees", "<=", row.employees),
                )
            ),
        )
    )
    individual = And(
        (Compare("legal_form", "==", INDIVIDUAL), Compare("employees", "<=", row.employees))
    )
    return Or((company, individual))


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


def size_of(row: Mapping[str, Any]) -> CompanySize:
    """The size of a company row (`hojokin.rules.company_row`); a body the Act does not size
    is "large" only in the sense of "not an SME": what it shows for a size rule
    (`rules.requirements.SizeShown`) words it properly."""
    if evaluate(SMALL_BUSINESS, row):
        return "small_business"
    return "sme" if evaluate(SME, row) else "large"


def classify_size(company: Company) -> CompanySize:
    return size_of(company_row(company))


def threshold_of(industry: str) -> Threshold:
    """The row of the Act's table an industry falls under; any other is in 製造業その他."""
    return THRESHOLDS.get(industry, _MANUFACTURING)
