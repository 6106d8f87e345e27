"""Tokyo's amounts: what its worked examples (tokyo-zeroemi-innovation.cases.yaml) cannot
say — the share-limit search, the wage table's bands and the limits' citations."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from hojokin.rules.amounts import INT, Amount, hourly_rate
from hojokin.rules.grant_steps import largest_total
from hojokin.rules.service import estimate
from tests.rules.examples import TOKYO, company, frame, plan, program

ZERO = "zero-emission"
RICH = 10**12  # partner investment large enough for 別紙3


def amount(frame_id: str, *years: dict[str, Any]) -> Amount:
    who = company(zero_emission_theme=1)
    return estimate(
        program(TOKYO), frame(TOKYO, frame_id), who, plan(*years, partner_investment_yen=RICH)
    ).amount


def test_every_limit_cites_its_source() -> None:
    # The worked example of the rent and ads caps (tokyo-zeroemi-innovation.cases.yaml).
    expenses = {"materials": 300_000_000, "rent": 40_000_000, "ads": 2_000_000}
    result = amount(ZERO, {"fiscal_year": 2025, "expenses": expenses})
    assert [x.code for x in result.limits] == ["category_cap", "category_cap"]
    assert all(x.source is not None for x in result.limits)


def test_largest_total_against_brute_force_on_small_numbers() -> None:
    groups = [(30, Fraction(1, 5)), (40, Fraction(1, 4))]
    best = max(
        t
        for t in range(200)
        if t <= 60 + sum(min(r, t * s.numerator // s.denominator) for r, s in groups)
    )
    assert largest_total(60, groups, INT) == best == 108


@pytest.mark.parametrize(
    ("salary", "hourly"),
    [
        (0, 1_030),
        (129_999, 1_030),
        (130_000, 1_090),
        (137_999, 1_090),
        (138_000, 1_160),
        (300_000, 2_450),
        (604_999, 4_830),
        (605_000, 5_080),
        (10_000_000, 5_080),
    ],
)
def test_wage_table_bands_are_from_inclusive_to_exclusive(salary: int, hourly: int) -> None:
    table = program(TOKYO).wage_table
    assert table is not None
    assert hourly_rate(table, salary) == hourly
