"""The rules a frame's terms imply for the plan: its support period, its number of
years, the partner companies' share of the investment."""

from __future__ import annotations

from hojokin import ja
from hojokin.catalog.schema import Frame
from hojokin.rules.expr import And, Compare, RatioCompare
from hojokin.rules.requirements import (
    InvestmentShown,
    MaxSupportYears,
    PartnerShare,
    PlanSpanShown,
    PlanYearsShown,
    Shown,
    SupportPeriod,
)
from hojokin.rules.rule import Row, Rule
from hojokin.rules.rule_columns import (
    PLAN_FIRST_FY,
    PLAN_LAST_FY,
    PLAN_PARTNER_INVESTMENT,
    PLAN_TOTAL_COST,
    PLAN_YEARS,
)


def plan_rules(frame: Frame) -> list[Rule]:
    rules = []
    if frame.support_period is not None:
        first = ja.fiscal_year_of(frame.support_period.start)
        last = ja.fiscal_year_of(frame.support_period.end)
        expr = And((Compare(PLAN_FIRST_FY, ">=", first), Compare(PLAN_LAST_FY, "<=", last)))
        rules.append(
            Rule(
                "support_period",
                SupportPeriod(first, last),
                expr,
                frame.support_period.cite,
                "error",
                lambda row: PlanSpanShown(
                    _year(row.get(PLAN_FIRST_FY)), _year(row.get(PLAN_LAST_FY))
                ),
            )
        )
    if frame.max_support_years is not None:
        years = frame.max_support_years.value
        rules.append(
            Rule(
                "max_support_years",
                MaxSupportYears(years),
                Compare(PLAN_YEARS, "<=", years),
                frame.max_support_years.cite,
                "error",
                lambda row: PlanYearsShown(_year(row.get(PLAN_YEARS))),
            )
        )
    if frame.partner_investment_min_share is not None:
        share = frame.partner_investment_min_share.value
        rules.append(
            Rule(
                "partner_investment",
                PartnerShare(share),
                RatioCompare(PLAN_PARTNER_INVESTMENT, PLAN_TOTAL_COST, ">=", share),
                frame.partner_investment_min_share.cite,
                "error",
                _investment,
            )
        )
    return rules


def _year(value: object) -> int | None:
    """A plan's year (or count of years); None where the row has no plan."""
    return value if isinstance(value, int) else None


def _investment(row: Row) -> Shown:
    invested = int(row.get(PLAN_PARTNER_INVESTMENT, 0))
    return InvestmentShown(invested, int(row.get(PLAN_TOTAL_COST, 0)))
