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

from hojokin.catalog.vocabulary import (
    INDUSTRY_LABELS,
    LEGAL_FORM_LABELS,
    SIZE_LABELS,
    CompanySize,
    SizeRequirement,
)
from hojokin.ja import yen_label
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
    is "large" only in the sense of "not an SME": `size_reason` words it properly."""
    if evaluate(SMALL_BUSINESS, row):
        return "small_business"
    return "sme" if evaluate(SME, row) else "large"


def classify_size(company: Company) -> CompanySize:
    return size_of(company_row(company))


def size_reason(row: Mapping[str, Any], required: SizeRequirement) -> str:
    """What a company shows for a size requirement: legal form, the test applied, the result.

    e.g. 個人事業者・小売業・従業員51人（基準: 従業員50人以下）→ 中小企業者に該当しません"""
    form = row.get("legal_form", "")
    industry = str(row.get("industry", ""))
    threshold = THRESHOLDS.get(industry, _MANUFACTURING)
    employees = row.get("employees")
    who = f"{LEGAL_FORM_LABELS.get(form, '不明')}・{INDUSTRY_LABELS.get(industry, '不明')}"
    if form not in (COMPANY, INDIVIDUAL):
        return f"{who} → 中小企業基本法の中小企業者は会社又は個人に限られ、規模では判定しません"
    if required == "small_business":
        test = f"従業員{threshold.small_business_employees}人以下"
    elif form == COMPANY:
        capital = yen_label(threshold.capital_yen)
        test = f"資本金{capital}以下又は従業員{threshold.employees}人以下"
    else:  # an individual has no capital: employees alone decide
        test = f"従業員{threshold.employees}人以下"
    figures = f"従業員{employees}人"
    if form == COMPANY:
        figures = f"資本金{yen_label(int(row.get('capital_yen', 0)))}・{figures}"
    found = size_of(row)
    meets = found == "small_business" or (required == "sme" and found == "sme")
    verdict = SIZE_LABELS[required] if meets else f"{SIZE_LABELS[required]}に該当しません"
    return f"{who}・{figures}（基準: {test}）→ {verdict}"
