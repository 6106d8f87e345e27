"""Builders for worked examples: a company and a plan with only what a test changes."""

from __future__ import annotations

from functools import cache
from typing import Any

from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.catalog.schema import Frame, Program
from hojokin.rules.company import Company, parse_company
from hojokin.rules.plan import Plan, parse_plan
from tests.conftest import CATALOG

TOKYO = "tokyo-zeroemi-innovation"


@cache
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def program(program_id: str) -> Program:
    return catalog().programs[program_id]


def frame(program_id: str, frame_id: str = "main") -> Frame:
    return next(f for f in program(program_id).frames if f.id == frame_id)


# The answers with which a company meets Tokyo's 申請要件 that no profile field shows
# ((2)※, 別紙3, (4), (5), (6)イ・エ・キ・ク・ケ・コ); without them Tokyo is 要確認.
TOKYO_ANSWERS: dict[str, Any] = {
    "tokyo_business_continuation": True,
    "partner_provides_resources": True,
    "partner_investment_period": "r4_to_r6",
    "tokyo_office_actual_business": True,
    "tokyo_project_site": "tokyo",
    "single_application_this_year": True,
    "tokyo_kosha_debt_overdue": False,
    "permits_and_compliance": True,
    "adult_entertainment_or_gambling": False,
    "inappropriate_sales_methods": False,
    "unsuitable_for_public_funds": False,
}

# The company file of docs/contract.md's example: a Tokyo manufacturer founded in 2015,
# an SME (capital 1億円, 50 people), that has answered Tokyo's 申請要件.
COMPANY_FILE: dict[str, Any] = {
    "name": "株式会社サンプル",
    "legal_form": "corporation",
    "industry": "manufacturing",
    "capital_yen": 100_000_000,
    "employees": 50,
    "founded_on": "2015-04-01",
    "head_office_prefecture": "東京都",
    "facts": TOKYO_ANSWERS,
}


def company(**changes: Any) -> Company:
    """The sample company with only what a test changes."""
    data = COMPANY_FILE
    return parse_company(data | changes)


def plan(*years: dict[str, Any], **changes: Any) -> Plan:
    """Years as {"fiscal_year": 2025, "expenses": {...}}; defaults to one empty FY2025."""
    data: dict[str, Any] = {"years": list(years) or [{"fiscal_year": 2025}]}
    return parse_plan(data | changes)
