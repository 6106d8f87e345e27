"""Tokyo's amounts worked by hand (seed 003: 2(1) l.58, 6 l.253-343, 補足1 l.679-713)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from hojokin.rules.amounts import Amount, hourly_rate, largest_total
from hojokin.rules.service import estimate
from tests.rules.examples import TOKYO, company, frame, plan, program

ZERO, GENERAL = "zero-emission", "university-general"
RICH = 10**12  # partner investment large enough for 別紙3


def amount(frame_id: str, *years: dict[str, Any]) -> Amount:
    who = company(zero_emission_theme=1)
    return estimate(
        program(TOKYO), frame(TOKYO, frame_id), who, plan(*years, partner_investment_yen=RICH)
    ).amount


def codes(result: Amount) -> list[str]:
    return [limit.code for limit in result.limits]


def test_rate_applies_per_category_and_cuts_below_one_yen() -> None:
    # 100円 × 2/3 = 66.67 → 66 in each category: 132, not ⌊200 × 2/3⌋ = 133.
    result = amount(ZERO, {"fiscal_year": 2025, "expenses": {"materials": 100, "outsourcing": 100}})
    assert result.by_year[0].by_category["materials"] == 66
    assert result.grant_yen == 132


def test_rent_and_ads_caps_per_year() -> None:
    # rent 4,000万円 × 2/3 = 26,666,666 → 2,000万円 (−6,666,666);
    # ads 200万円 × 2/3 = 1,333,333 → 50万円 (−833,333).
    result = amount(
        ZERO,
        {
            "fiscal_year": 2025,
            "expenses": {"materials": 300_000_000, "rent": 40_000_000, "ads": 2_000_000},
        },
    )
    by = result.by_year[0].by_category
    assert (by["rent"], by["ads"]) == (20_000_000, 500_000)
    cuts = {x.code + ":" + x.message.split("の")[0]: x.reduced_by_yen for x in result.limits}
    assert 6_666_666 in cuts.values() and 833_333 in cuts.values()
    assert all(x.source is not None for x in result.limits)


def test_personnel_cap_differs_by_frame() -> None:
    # personnel 9,000万円: A ×2/3 = 6,000万 → 4,000万 cap; B/C ×1/2 = 4,500万 → 2,000万 cap.
    # materials keep 20% share room: A 12億×2/3 = 8億 (year cap later), B/C 6億×1/2 = 3億.
    a = amount(
        ZERO,
        {"fiscal_year": 2025, "expenses": {"personnel": 90_000_000, "materials": 1_200_000_000}},
    )
    b = amount(
        GENERAL,
        {"fiscal_year": 2025, "expenses": {"personnel": 90_000_000, "materials": 600_000_000}},
    )
    assert a.limits[0].reduced_by_yen == 20_000_000 and a.limits[0].code == "category_cap"
    assert b.limits[0].reduced_by_yen == 25_000_000 and b.limits[0].code == "category_cap"


def test_share_limits_take_the_largest_whole_yen_total() -> None:
    # Requests: materials 9,000万×2/3 = 6,000万 (free), personnel 4,500万×2/3 = 3,000万 (≤ T/5),
    # exhibition 6,000万×2/3 = 4,000万 (≤ T/4).
    # T = 6,000万 + ⌊T/5⌋ + ⌊T/4⌋: T = 109,090,908 holds (21,818,181 + 27,272,727 + 6,000万 = T);
    # T = 109,090,909 does not (the same parts add up to 109,090,908 < T).
    result = amount(
        ZERO,
        {
            "fiscal_year": 2025,
            "expenses": {
                "materials": 90_000_000,
                "personnel": 45_000_000,
                "exhibition": 60_000_000,
            },
        },
    )
    by = result.by_year[0].by_category
    assert result.grant_yen == 109_090_908
    assert (by["personnel"], by["exhibition"]) == (21_818_181, 27_272_727)
    assert [x.reduced_by_yen for x in result.limits] == [8_181_819, 12_727_273]
    assert codes(result) == ["share_limit", "share_limit"]


def test_largest_total_against_brute_force_on_small_numbers() -> None:
    groups = [(30, Fraction(1, 5)), (40, Fraction(1, 4))]
    best = max(
        t
        for t in range(200)
        if t <= 60 + sum(min(r, t * s.numerator // s.denominator) for r, s in groups)
    )
    assert largest_total(60, groups) == best == 108


def test_per_year_caps_first_year_then_later_years() -> None:
    # A: 6億 × 2/3 = 4億 in each year; caps 4億 (year 1), 3億 (years 2, 3) → 10億 = the total cap.
    years = [
        {"fiscal_year": fy, "expenses": {"materials": 600_000_000}} for fy in (2025, 2026, 2027)
    ]
    result = amount(ZERO, *years)
    assert [y.grant_yen for y in result.by_year] == [400_000_000, 300_000_000, 300_000_000]
    assert codes(result) == ["per_year_cap", "per_year_cap"]
    assert result.grant_yen == 1_000_000_000
    # B/C: 1億5千万円 every year.
    result = amount(GENERAL, *years[:2])
    assert [y.grant_yen for y in result.by_year] == [150_000_000, 150_000_000]


def test_below_floor_is_computed_but_not_eligible() -> None:
    # 3億 × 2/3 = 2億 < 補助下限額 3億円.
    project = plan(
        {"fiscal_year": 2025, "expenses": {"materials": 300_000_000}}, partner_investment_yen=RICH
    )
    result = estimate(program(TOKYO), frame(TOKYO, ZERO), company(zero_emission_theme=1), project)
    assert result.amount.grant_yen == 200_000_000
    assert not result.check.eligible
    assert [r.code for r in result.check.reasons if not r.passed] == ["below_floor"]


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


def test_personnel_lines_use_the_table_and_the_1800_hour_cap() -> None:
    # 300,000円/月 → 2,450円/時; 2,000 h counted as 1,800 h: 4,410,000円, but a month counts
    # at most its pay (6-3 オ, l.269): at most 12 × 300,000 = 3,600,000円.
    # 130,000円/月 → 1,090円/時 × 1,000 h = 1,090,000円 (under 12 × 130,000 = 1,560,000).
    lines = [
        {"monthly_salary_yen": 300_000, "hours": 2_000},
        {"monthly_salary_yen": 130_000, "hours": 1_000},
    ]
    result = amount(
        ZERO,
        {"fiscal_year": 2025, "expenses": {"materials": 300_000_000}, "personnel_lines": lines},
    )
    year = result.by_year[0]
    assert year.expenses["personnel"] == 3_600_000 + 1_090_000
    assert year.by_category["personnel"] == 3_126_666  # ⌊4,690,000 × 2/3⌋
    assert "人件費1人目: 従事時間2,000時間のうち年間上限1,800時間まで計上" in result.notes
