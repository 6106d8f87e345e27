"""Tokyo's personnel rules (seed 003, 6-3 エ・オ l.267-269, 補足1 (3) l.683) and support
periods (l.61, Q12 l.884-886), worked by hand."""

from __future__ import annotations

from typing import Any

import pytest

from hojokin.rules.amounts import Amount
from hojokin.rules.input_files import InputError
from hojokin.rules.limits import DayHoursCapped, LowestPay, Month, MonthPayCapped
from hojokin.rules.service import FrameEstimate, estimate
from hojokin.views.wording import finding_text, limit_text, remark_text
from tests.rules.examples import TOKYO, company, frame, plan, program
from tests.rules.test_cli_rules import COMPANY, run, write

ZERO = "zero-emission"
RICH = 10**12  # partner investment large enough for 別紙3


def tokyo(*years: dict[str, Any]) -> FrameEstimate:
    who = company(zero_emission_theme=1)
    return estimate(
        program(TOKYO), frame(TOKYO, ZERO), who, plan(*years, partner_investment_yen=RICH)
    )


def personnel(*lines: dict[str, Any]) -> Amount:
    year = {"fiscal_year": 2025, "expenses": {"materials": 600_000_000}, "personnel_lines": lines}
    return tokyo(year).amount


def notes(amount: Amount) -> list[str]:
    return [remark_text(n) for n in amount.notes]


def test_issue_example_a_year_of_1800_hours_counts_at_most_twelve_months_pay() -> None:
    # 300,000円/月 → 2,450円/時 × 1,800 h = 4,410,000円; 6-3 オ: a month counts at most its
    # pay, so the year at most 12 × 300,000 = 3,600,000円.
    result = personnel({"monthly_salary_yen": 300_000, "hours": 1_800})
    assert result.by_year[0].expenses["personnel"] == 3_600_000
    assert (
        "人件費1人目: 時間単価2,450円 × 1,800時間 = 4,410,000円は、月額給与300,000円 × 12か月"
        " = 3,600,000円まで計上（各月の人件費は当月の給与総支給額が上限。"
        "月ごとに入力すると月別に計算します）"
    ) in notes(result)


def test_months_of_employment_lower_the_yearly_ceiling() -> None:
    # 6 months employed: 2,450 × 900 h = 2,205,000 → 6 × 300,000 = 1,800,000円.
    result = personnel({"monthly_salary_yen": 300_000, "hours": 900, "months": 6})
    assert result.by_year[0].expenses["personnel"] == 1_800_000


def test_a_line_under_its_ceiling_is_counted_in_full_without_a_note() -> None:
    # 130,000円/月 → 1,090円/時 × 1,000 h = 1,090,000 < 12 × 130,000 = 1,560,000.
    result = personnel({"monthly_salary_yen": 130_000, "hours": 1_000})
    assert result.by_year[0].expenses["personnel"] == 1_090_000
    assert not [n for n in notes(result) if "人件費" in n]


def test_per_month_pay_hours_and_days() -> None:
    # The hourly rate is that of the lowest pay of the year (補足1 (3)): 250,000 → 2,130円.
    # 4月 100 h: 213,000 (under 300,000).
    # 5月 20 days → 160 h (1日8時間): 340,800 → that month's pay 300,000.
    # 6月 170 h in 20 days → 160 h: 340,800 → that month's pay 250,000.
    # 213,000 + 300,000 + 250,000 = 763,000円.
    months = [
        {"month": 4, "pay_yen": 300_000, "hours": 100},
        {"month": 5, "pay_yen": 300_000, "days": 20},
        {"month": 6, "pay_yen": 250_000, "hours": 170, "days": 20},
    ]
    result = personnel({"by_month": months})
    assert result.by_year[0].expenses["personnel"] == 763_000
    may, june = Month(1, 5, 2), Month(1, 6, 3)
    assert result.notes == [
        MonthPayCapped(may, 2_130, 160, 340_800, 300_000),
        DayHoursCapped(june, 20, 8, 160),
        MonthPayCapped(june, 2_130, 160, 340_800, 250_000),
        LowestPay(1, 250_000),
    ]
    assert notes(result) == [
        "人件費1人目 5月: 時間単価2,130円 × 160時間 = 340,800円は、"
        "当月の給与総支給額300,000円まで計上",
        "人件費1人目 6月: 20日 × 1日8時間 = 160時間まで計上",
        "人件費1人目 6月: 時間単価2,130円 × 160時間 = 340,800円は、"
        "当月の給与総支給額250,000円まで計上",
        "人件費1人目: 時間単価は年度内で一番低い支給額250,000円の単価で計算",
    ]


def test_per_month_hours_stop_at_1800_a_year() -> None:
    # 400,000円 → 3,360円/時. 12 months × 160 h = 1,920 h: months 1-11 count 160 h
    # (537,600 → pay 400,000 each = 4,400,000), month 12 only the 40 h left: 134,400.
    months = [{"pay_yen": 400_000, "hours": 160} for _ in range(12)]
    result = personnel({"by_month": months})
    assert result.by_year[0].expenses["personnel"] == 4_400_000 + 134_400
    assert "人件費1人目 12か月目: 年間上限1,800時間を超える分は計上しません" in notes(result)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ({"monthly_salary_yen": 300_000}, "monthly_salary_yen（月額給与）と hours"),
        ({"by_month": [{"pay_yen": 300_000}]}, "従事時間（hours）又は従事日数（days）"),
        (
            {"monthly_salary_yen": 300_000, "hours": 10, "by_month": [{"pay_yen": 1, "hours": 1}]},
            "どちらか一方",
        ),
        (
            {"by_month": [{"month": 4, "pay_yen": 1, "hours": 1}] * 2},
            "同じ月が重複",
        ),
    ],
)
def test_malformed_personnel_lines_are_refused_by_field(line: dict[str, Any], problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        plan({"fiscal_year": 2025, "personnel_lines": [line]})


def test_a_year_before_the_support_period_counts_nothing() -> None:
    # The issue: FY2024 (令和6年度) got the uncapped 1,000,000,000 as grant_yen. The support
    # period is 令和7年4月1日〜令和10年3月31日 (l.61) and Q12 says expenses outside it are
    # not eligible: 0 yen, the 1,000,000,000 it would have been named as cut.
    result = tokyo({"fiscal_year": 2024, "expenses": {"materials": 1_500_000_000}})
    amount = result.amount
    assert amount.grant_yen == 0
    assert amount.eligible_expenses_yen == 0
    (limit,) = amount.limits
    assert limit.code == "outside_support_period"
    assert limit.reduced_by_yen == 1_000_000_000
    assert limit_text(limit) == (
        "令和6年度: 支援期間（令和7年4月1日〜令和10年3月31日）の外の年度の経費は"
        "補助対象になりません（0円として計算）"
    )
    assert limit.source is not None and limit.source.line_start == 61
    assert not result.check.eligible


def test_only_the_years_inside_the_period_count() -> None:
    # FY2024 0円; FY2025 6億 × 2/3 = 4億 (first-year cap 4億); FY2028 (after 令和10年3月) 0円.
    years = [
        {"fiscal_year": fy, "expenses": {"materials": 600_000_000}} for fy in (2024, 2025, 2028)
    ]
    amount = tokyo(*years).amount
    assert [y.grant_yen for y in amount.by_year] == [0, 400_000_000, 0]
    assert [limit.code for limit in amount.limits] == [
        "outside_support_period",
        "outside_support_period",
    ]


def test_a_plan_starting_late_is_warned_and_takes_the_later_year_cap() -> None:
    # Starting in FY2026 makes it the period's 2nd year: 6億 × 2/3 = 4億 → 3億 (次年度以降).
    result = tokyo({"fiscal_year": 2026, "expenses": {"materials": 600_000_000}})
    assert result.amount.grant_yen == 300_000_000
    (late,) = [w for w in result.check.warnings if w.code == "late_start"]
    assert finding_text(late) == (
        "計画の開始（令和8年度）が支援期間の初年度（令和7年度）より後です。支援期間は"
        "令和7年4月1日〜令和10年3月31日のため、令和8年度を2年度目として年度ごとの上限を"
        "当てはめています"
    )
    start = tokyo({"fiscal_year": 2025, "expenses": {"materials": 600_000_000}})
    assert not [w for w in start.check.warnings if w.code == "late_start"]


def test_a_plan_starting_after_the_period_is_said_to_be_outside() -> None:
    # FY2028 is after 令和10年3月31日: there is no 4th year to count it as.
    result = tokyo({"fiscal_year": 2028, "expenses": {"materials": 600_000_000}})
    assert result.amount.grant_yen == 0
    (late,) = [w for w in result.check.warnings if w.code == "late_start"]
    assert finding_text(late) == (
        "計画の開始（令和10年度）が支援期間（令和7年4月1日〜令和10年3月31日）の終了より後です。"
        "支援期間外の年度は補助の対象になりません"
    )


def test_below_the_floor_says_what_expense_would_reach_it() -> None:
    # 3億 × 2/3 = 2億 < 下限3億; ⌈3億 / (2/3)⌉ = 4億5,000万円 of eligible expenses.
    result = tokyo({"fiscal_year": 2025, "expenses": {"materials": 300_000_000}})
    assert result.amount.floor_expenses_yen == 450_000_000
    (floor,) = [r for r in result.check.reasons if r.code == "below_floor"]
    assert finding_text(floor) == (
        "× 交付申請額2億円が補助下限額3億円に届きません。下限額に届くには補助対象経費が"
        "少なくとも4億5,000万円（450,000,000円）必要です（この計画は3億円）"
    )


def test_a_total_the_frame_would_ignore_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        tokyo({"fiscal_year": 2025, "eligible_expenses_yen": 900_000_000})
    assert "years[0].eligible_expenses_yen: 令和7年度:" in str(caught.value)
    assert caught.value.errors[0]["loc"] == ("years", 0, "eligible_expenses_yen")


def test_cli_estimate_exits_2_naming_the_ignored_field(tmp_path: Any) -> None:
    bad = {"years": [{"fiscal_year": 2025, "eligible_expenses_yen": 900_000_000}]}
    code, _, err = run(
        "estimate",
        "--program",
        TOKYO,
        "--frame",
        ZERO,
        "--company",
        write(tmp_path, "company.json", COMPANY),
        "--plan",
        write(tmp_path, "plan.json", bad),
    )
    assert code == 2
    assert "eligible_expenses_yen" in err and "令和7年度" in err


def test_an_expense_in_a_category_the_frame_lacks_is_an_input_error() -> None:
    # Toyama's 販路開拓 category "overseas" given to Tokyo would be dropped without a word.
    with pytest.raises(InputError) as caught:
        tokyo({"fiscal_year": 2025, "expenses": {"materials": 600_000_000, "overseas": 1_000}})
    assert caught.value.errors[0]["loc"] == ("years", 0, "expenses", "overseas")
    assert "令和7年度: 経費区分「overseas」はこの枠の補助対象経費にありません" in str(caught.value)
    # A zero there drops nothing: accepted.
    tokyo({"fiscal_year": 2025, "expenses": {"materials": 600_000_000, "overseas": 0}})


def test_personnel_lines_without_a_wage_table_are_an_input_error() -> None:
    toyama = "toyama-gijutsu-kaihatsu-josei"
    lines = [{"monthly_salary_yen": 300_000, "hours": 100}]
    project = plan(
        {"fiscal_year": 2022, "eligible_expenses_yen": 1_000_000, "personnel_lines": lines}
    )
    with pytest.raises(InputError, match="personnel_lines は使えません"):
        estimate(program(toyama), frame(toyama), company(head_office_prefecture="富山県"), project)
