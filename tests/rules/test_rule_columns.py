"""The rule columns are defined once (`rules.rule_columns`) and run by two evaluators: a
company table's rows (`rule_frame`) are, column by column, the rows of the same
companies and plans read from their files (`company_row`, `plan_columns`)."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from hojokin.catalog.vocabulary import DECLARATIONS, INDUSTRIES, LEGAL_FORMS, UNIVERSITY_VENTURE
from hojokin.rules.company import parse_company
from hojokin.rules.company_columns import COLUMNS
from hojokin.rules.company_row import company_row, plan_columns
from hojokin.rules.company_table import rule_frame
from hojokin.rules.plan import parse_plan
from hojokin.rules.rule_columns import (
    COMPANY_COLUMNS,
    PLAN_COLUMNS,
    PLAN_PARTNER_INVESTMENT,
    PLAN_TOTAL_COST,
    PLAN_YEAR,
    SHARES,
    BitUnion,
    RuleColumn,
)
from hojokin.rules.screen_amounts import PLAN_ELIGIBLE, PLAN_INELIGIBLE
from tests.rules.examples import catalog

# Head offices with a municipality of theirs, by name or code; 府中市 is in two prefectures.
PLACES = [
    ("東京都", None),
    ("東京", "府中市"),
    ("広島県", "府中市"),
    ("富山県", "16201"),
    ("富山県", "162019"),
    ("北海道", "室蘭市"),
    ("北海道", "01100"),
    ("大阪", None),
]
PREFECTURES = ["東京都", "富山", "北海道", "大阪府", "沖縄県"]
SHARE_TEXTS = [None, "0", "1/3", "0.5", "50%", "2/4", "1"]
COMPANY_FACTS = {
    "sogyo_juku_graduate": st.booleans(),
    "household": st.sampled_from(["single", "multi"]),
}
PLAN_FACTS = {
    "destination": st.sampled_from(["outside_prefecture", "shutoken", "overseas"]),
    "equipment_item_over_1m": st.booleans(),
}


def _answers(facts: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=facts)


@st.composite
def companies(draw: st.DrawFn) -> dict[str, Any]:
    """A company file of docs/contract.md, with every field a table row has."""
    head, town = draw(st.sampled_from(PLACES))
    facts = draw(_answers(COMPANY_FACTS))
    letters = draw(st.lists(st.sampled_from(UNIVERSITY_VENTURE), unique=True, max_size=3))
    if letters:
        facts["university_venture"] = sorted(letters, key=UNIVERSITY_VENTURE.index)
    theme = draw(st.none() | st.integers(1, 9))
    if theme is not None:
        facts["zero_emission_theme"] = theme
    return {
        "legal_form": draw(st.sampled_from(LEGAL_FORMS)),
        "industry": draw(st.sampled_from(INDUSTRIES)),
        "capital_yen": draw(st.integers(0, 10**12)),
        "employees": draw(st.integers(0, 10_000)),
        "founded_on": draw(st.dates(date(1990, 1, 1), date(2025, 12, 31))),
        "head_office_prefecture": head,
        "branch_prefectures": draw(st.lists(st.sampled_from(PREFECTURES), max_size=3)),
        "municipality": town,
        "opening_notice_prefecture": draw(st.none() | st.sampled_from(PREFECTURES)),
        "large_enterprise_ownership": {
            field: share
            for field in SHARES
            if (share := draw(st.sampled_from(SHARE_TEXTS))) is not None
        },
        "declarations": {name: draw(st.booleans()) for name in DECLARATIONS},
        "facts": facts,
    }


plans = st.fixed_dictionaries(
    {
        "fiscal_year": st.integers(2015, 2030),
        "eligible": st.integers(0, 10**10),
        "ineligible": st.integers(0, 10**10),
        "partner": st.integers(0, 10**10),
        "facts": _answers(PLAN_FACTS),
    }
)


def _plan_file(plan: dict[str, Any]) -> dict[str, Any]:
    return {
        "partner_investment_yen": plan["partner"],
        "ineligible_expenses_yen": plan["ineligible"],
        "years": [{"fiscal_year": plan["fiscal_year"], "eligible_expenses_yen": plan["eligible"]}],
        "facts": plan["facts"],
    }


def _table_row(data: dict[str, Any], plan: dict[str, Any] | None, typed: bool) -> dict[str, Any]:
    """The company (and its plan) as a row of docs/company-table.md: text, as a CSV file
    is read, or `typed` as a Parquet file holds it."""
    facts = data["facts"] | (plan["facts"] if plan else {})
    letters = facts.pop("university_venture", [])
    row = {
        "legal_form": data["legal_form"],
        "industry": data["industry"],
        "capital_yen": data["capital_yen"],
        "employees": data["employees"],
        "founded_on": data["founded_on"],
        "head_office_prefecture": data["head_office_prefecture"],
        "branch_prefectures": ";".join(data["branch_prefectures"]),
        "municipality": data["municipality"],
        "opening_notice_prefecture": data["opening_notice_prefecture"],
        **{f"le_{field}": data["large_enterprise_ownership"].get(field) for field in SHARES},
        "university_venture": "".join(letters),
        "zero_emission_theme": facts.pop("zero_emission_theme", None),
        **data["declarations"],
        **{f"fact_{name}": facts.get(name) for name in COMPANY_FACTS | PLAN_FACTS},
    }
    if plan:
        row |= {
            PLAN_YEAR: plan["fiscal_year"],
            PLAN_ELIGIBLE: plan["eligible"],
            PLAN_INELIGIBLE: plan["ineligible"],
            PLAN_PARTNER_INVESTMENT: plan["partner"],
        }
    if typed:
        return row
    return {name: _text(value) for name, value in row.items()}


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(value)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(companies(), plans), min_size=1, max_size=6), st.booleans(), st.booleans()
)
def test_a_table_row_is_the_row_of_its_company_and_plan(
    drawn: list[tuple[dict[str, Any], dict[str, Any]]], with_plans: bool, typed: bool
) -> None:
    people = [(data, plan if with_plans else None) for data, plan in drawn]
    table = pl.DataFrame(
        [_table_row(data, plan, typed) for data, plan in people], infer_schema_length=None
    )
    frame = rule_frame(table, catalog().facts)
    for i, (data, plan_data) in enumerate(people):
        company = parse_company(data, facts=catalog().facts)
        plan = None if plan_data is None else parse_plan(_plan_file(plan_data))
        row = company_row(company, plan)
        if plan is not None and plan_data is not None:
            row |= plan_columns(plan, plan_data["eligible"])
            del row[PLAN_TOTAL_COST]  # a table's grant adds it up per frame (screen_amounts)
        read = frame.row(i, named=True)
        assert read.pop(PLAN_ELIGIBLE, None) == (plan_data and plan_data["eligible"])
        assert read.pop(PLAN_INELIGIBLE, None) == (plan_data and plan_data["ineligible"])
        # a table has a column for each fact some row answers; the others' cells are empty
        assert read == {name: row.get(name) for name in read}
        assert set(row) <= set(read)


def test_each_rule_column_reads_a_column_of_company_tables() -> None:
    parts = [p for c in COMPANY_COLUMNS for p in (c.parts if isinstance(c, BitUnion) else [c])]
    columns: list[RuleColumn] = [*parts, *PLAN_COLUMNS]
    assert {c.field for c in columns} - set(COLUMNS) == {PLAN_YEAR}
    names = [c.name for c in COMPANY_COLUMNS]
    assert len(names) == len(set(names))
