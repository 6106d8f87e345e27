"""The flat row every rule reads: one company (and optionally its plan) as plain values.

A single company becomes a dict (`company_row`); a company table becomes a Polars
frame with the same columns (`hojokin.rules.company_table`). Prefectures are JIS codes and
bit sets, shares are exact numerator/denominator pairs, so both speeds compare
integers and get the same answers.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hojokin.catalog.criteria import FACT_TESTS
from hojokin.catalog.vocabulary import DECLARATIONS, UNIVERSITY_VENTURE
from hojokin.ja.prefectures import prefecture_code
from hojokin.rules.company import Company
from hojokin.rules.plan import Plan

HEAD_OFFICE = "head_office"
OFFICES = "offices"  # bit set of the head office and branch prefectures
# bit set of the branch prefectures alone: a branch in the head office's prefecture counts,
# so an area rule below the prefecture knows whether some other office there is possible
BRANCHES = "branches"
MUNICIPALITY = "municipality"  # the head office's 5-digit 全国地方公共団体コード; None: not given
OPENING_NOTICE = "opening_notice"  # a sole proprietor's 開業届 prefecture (JIS); None: not given
# Tokyo's facts of these names, in columns of their own: unanswered means none
UNIVERSITY = "university_venture"  # bit set of the letters ア–エ
THEME = "zero_emission_theme"  # 1–9 or None
SHARES = {"single_max": "le_single", "combined": "le_combined", "board_share": "le_board"}
PLAN_FIRST_FY = "plan_first_fy"
PLAN_LAST_FY = "plan_last_fy"
PLAN_YEARS = "plan_years"
PLAN_TOTAL_COST = "plan_total_cost_yen"
PLAN_PARTNER_INVESTMENT = "plan_partner_investment_yen"
FACT_PREFIX = "fact_"  # company and plan `facts` share one namespace of columns


def prefecture_bit(name: str) -> int:
    return 1 << (prefecture_code(name) - 1)


def letter_bit(letter: str) -> int:
    return 1 << UNIVERSITY_VENTURE.index(letter)


def fact_column(name: str) -> str:
    return f"{FACT_PREFIX}{name}"


def share_columns(field: str) -> tuple[str, str]:
    prefix = SHARES[field]
    return f"{prefix}_num", f"{prefix}_den"


def company_row(company: Company, plan: Plan | None = None) -> dict[str, Any]:
    """The row of a company; a plan adds its facts (its figures: `plan_columns`)."""
    ownership = company.large_enterprise_ownership
    branches = 0
    for branch in company.branch_prefectures:
        branches |= prefecture_bit(branch)
    offices = prefecture_bit(company.head_office_prefecture) | branches
    letters = company.facts.get(UNIVERSITY)
    university = 0
    for letter in letters if isinstance(letters, list) else []:
        university |= letter_bit(letter)
    row: dict[str, Any] = {
        "legal_form": company.legal_form,
        "industry": company.industry,
        "capital_yen": company.capital_yen,
        "employees": company.employees,
        "founded_on": company.founded_on,
        HEAD_OFFICE: prefecture_code(company.head_office_prefecture),
        OFFICES: offices,
        BRANCHES: branches,
        MUNICIPALITY: None if company.municipality is None else int(company.municipality[:5]),
        OPENING_NOTICE: (
            None
            if company.opening_notice_prefecture is None
            else prefecture_code(company.opening_notice_prefecture)
        ),
        UNIVERSITY: university,
        THEME: company.facts.get(THEME),
    }
    for field in SHARES:
        share: Fraction = getattr(ownership, field)
        num, den = share_columns(field)
        row[num], row[den] = share.numerator, share.denominator
    for name in DECLARATIONS:
        row[name] = getattr(company.declarations, name)
    facts = {**company.facts, **(plan.facts if plan else {})}
    row.update({fact_column(k): v for k, v in facts.items() if k not in FACT_TESTS})
    return row


def plan_columns(plan: Plan, eligible_yen: int) -> dict[str, int]:
    """What eligibility rules read of a plan; 総事業費 = eligible + ineligible expenses."""
    return {
        PLAN_FIRST_FY: plan.years[0].fiscal_year,
        PLAN_LAST_FY: plan.years[-1].fiscal_year,
        PLAN_YEARS: len(plan.years),
        PLAN_TOTAL_COST: eligible_yen + plan.ineligible_expenses_yen,
        PLAN_PARTNER_INVESTMENT: plan.partner_investment_yen,
    }
