"""One company's row (`rules.rule_columns` applied to a validated Company and Plan).

The row is a dict for the rules' expressions; a company table's rows are the same
columns, computed over the whole table by `rules.company_table`.
"""

from __future__ import annotations

from typing import Any

from hojokin.catalog.criteria import FACT_TESTS
from hojokin.rules.company import Company
from hojokin.rules.plan import Plan
from hojokin.rules.rule_columns import (
    COMPANY_COLUMNS,
    PLAN_COLUMNS,
    PLAN_PARTNER_INVESTMENT,
    PLAN_TOTAL_COST,
    fact_column,
)

_EVALUATE = tuple((column.name, column.evaluate) for column in COMPANY_COLUMNS)


def company_row(company: Company, plan: Plan | None = None) -> dict[str, Any]:
    """The row of a company; a plan adds its facts (its figures: `plan_columns`)."""
    row = {name: evaluate(company) for name, evaluate in _EVALUATE}
    facts = company.facts if plan is None else {**company.facts, **plan.facts}
    for name, answer in facts.items():
        if name not in FACT_TESTS:
            row[fact_column(name)] = answer
    return row


def plan_columns(plan: Plan, eligible_yen: int) -> dict[str, int]:
    """What eligibility rules read of a plan; 総事業費 = eligible + ineligible expenses."""
    columns = {column.name: column.evaluate(plan) for column in PLAN_COLUMNS}
    columns[PLAN_TOTAL_COST] = eligible_yen + plan.ineligible_expenses_yen
    columns[PLAN_PARTNER_INVESTMENT] = plan.partner_investment_yen
    return columns
