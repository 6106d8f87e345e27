"""収益納付 (seed 003 lines 470-479), worked by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from hojokin.rules.payback import revenue_payback
from tests.rules.examples import TOKYO, program

# The worked project: 売上 5億; 仕入 1億, 製造原価 1.5億, 販管費 0.5億; 自己負担 1.5億;
# 補助金 3億 of 総事業費 4.5億.
PROJECT = {
    "sales_yen": 500_000_000,
    "purchases_yen": 100_000_000,
    "manufacturing_cost_yen": 150_000_000,
    "sga_yen": 50_000_000,
    "self_paid_yen": 150_000_000,
    "grant_yen": 300_000_000,
    "total_cost_yen": 450_000_000,
}


def test_worked_example() -> None:
    # 収益額 = 5億 − (1億 + 1.5億 + 0.5億) = 2億; 控除額 = 自己負担 1.5億 × 0.2 = 3,000万;
    # 基準納付額 = (2億 − 3,000万) × 3億 / 4.5億 = 1.7億 × 2/3 = 113,333,333.33 → 113,333,333.
    result = revenue_payback(**PROJECT)
    assert (result.profit_yen, result.deduction_yen) == (200_000_000, 30_000_000)
    assert result.base_yen == result.payable_yen == 113_333_333


def test_no_payback_while_profit_is_within_the_deduction() -> None:
    # 収益額 1,000万 < 控除額 3,000万 → nothing due (never negative).
    low = {"sales_yen": 60_000_000, "purchases_yen": 50_000_000}
    result = revenue_payback(**PROJECT | low | {"manufacturing_cost_yen": 0, "sga_yen": 0})
    assert result.payable_yen == 0


def test_payments_together_stop_at_the_grant() -> None:
    # Base 113,333,333 but 2億9,000万 already paid of a 3億 grant: 1,000万 due.
    result = revenue_payback(**PROJECT, paid_before_yen=290_000_000)
    assert result.payable_yen == 10_000_000


def test_the_deduction_share_is_the_programs_cited_value() -> None:
    payback = program(TOKYO).revenue_payback
    assert payback is not None and payback.deduction_share == Fraction(1, 5)
    assert payback.cite.line_start == 478


def test_total_cost_must_be_positive() -> None:
    with pytest.raises(ValueError, match="総事業費"):
        revenue_payback(
            sales_yen=1,
            purchases_yen=0,
            manufacturing_cost_yen=0,
            sga_yen=0,
            self_paid_yen=0,
            grant_yen=1,
            total_cost_yen=0,
        )
