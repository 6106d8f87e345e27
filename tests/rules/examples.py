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


# The company file of docs/contract.md's example: a Tokyo manufacturer founded in 2015,
# an SME (capital 1億円, 50 people).
COMPANY_FILE: dict[str, Any] = {
    "name": "株式会社サンプル",
    "legal_form": "corporation",
    "industry": "manufacturing",
    "capital_yen": 100_000_000,
    "employees": 50,
    "founded_on": "2015-04-01",
    "head_office_prefecture": "東京都",
}


def company(**changes: Any) -> Company:
    """The sample company with only what a test changes."""
    data = COMPANY_FILE
    return parse_company(data | changes)


def plan(*years: dict[str, Any], **changes: Any) -> Plan:
    """Years as {"fiscal_year": 2025, "expenses": {...}}; defaults to one empty FY2025."""
    data: dict[str, Any] = {"years": list(years) or [{"fiscal_year": 2025}]}
    return parse_plan(data | changes)
