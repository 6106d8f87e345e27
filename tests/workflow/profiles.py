"""A Tokyo applicant's company profile and plan, as the application forms send them."""

from __future__ import annotations

from typing import Any

from tests.rules.examples import COMPANY_FILE, TOKYO_ANSWERS

# The rules' sample Tokyo manufacturer, an SME that answered every 申請要件, as company
# 1, with theme (2) 水素.
COMPANY: dict[str, Any] = COMPANY_FILE | {
    "name": "株式会社一",
    "facts": TOKYO_ANSWERS | {"zero_emission_theme": 2},
}
# Three years of 6億円 materials with 100億円 of partner investment: 4億 + 3億 + 3億.
PLAN: dict[str, Any] = {
    "partner_investment_yen": 10_000_000_000,
    "years": [
        {"fiscal_year": 2025, "expenses": {"materials": 600_000_000}},
        {"fiscal_year": 2026, "expenses": {"materials": 600_000_000}},
        {"fiscal_year": 2027, "expenses": {"materials": 600_000_000}},
    ],
    # They decide 別紙1-1's conditional documents: No.4 (a 2nd-period company files its
    # returns), No.7 (investment completed: the contract), No.11, No.12.
    "facts": {
        "first_fiscal_period": False,
        "investment_completed": True,
        "investment_split_payment": False,
        "equipment_item_over_1m": False,
        "industrial_property_filed_or_held": False,
        "license_from_other_company": False,
    },
}
