"""Tokyo's 4 申請要件 and 5 区分, one worked example each (seed 003, lines 119-228)."""

from __future__ import annotations

from typing import Any

import pytest

from hojokin.rules.row import company_row
from hojokin.rules.service import FrameCheck, check_frame, estimate
from tests.rules.examples import TOKYO, TOKYO_ANSWERS, company, frame, plan, program

ZERO, GENERAL = "zero-emission", "university-general"


def check(frame_id: str, **changes: Any) -> FrameCheck:
    return check_frame(
        program(TOKYO), frame(TOKYO, frame_id), company_row(company(**changes)), False
    )


def failed(result: FrameCheck) -> set[str]:
    return {r.code for r in result.reasons if not r.passed}


def warned(result: FrameCheck) -> set[str]:
    return {w.code for w in result.warnings}


def test_sme_with_theme_is_eligible_for_zero_emission_and_reasons_cite_the_call() -> None:
    result = check(ZERO, zero_emission_theme=2)
    assert result.eligible
    assert failed(result) == set()
    codes = [r.code for r in result.reasons]
    assert codes == [
        "area",
        "sme_or_nonprofit",
        "large_enterprise_participation",
        "tokyo_business_base",
        "tokyo_business_continuation",
        "partner_provides_resources",
        "tokyo_office_actual_business",
        "tokyo_project_site",
        "tokyo_project_site_in_tokyo",
        "declarations",
        "single_application_this_year",
        "tokyo_kosha_debt_overdue",
        "permits_and_compliance",
        "adult_entertainment_or_gambling",
        "inappropriate_sales_methods",
        "unsuitable_for_public_funds",
        "category_a",
        "partner_investment_period",
    ]
    assert all(r.source and r.source.doc == "003_cf133d2ac19737cc.txt" for r in result.reasons)
    # Plan rules are not failures without a plan: they are flagged "needs a plan".
    assert {"needs_plan"} <= warned(result)


def test_large_company_fails_requirement_1() -> None:
    # Manufacturing: capital 5億円 > 3億円 and 400 people > 300 → not an SME.
    result = check(ZERO, zero_emission_theme=2, capital_yen=500_000_000, employees=400)
    assert not result.eligible
    assert failed(result) == {"sme_or_nonprofit"}


def test_capital_or_employees_either_suffices() -> None:
    # 5億円 capital but 300 people (以下) → still an SME.
    assert check(ZERO, zero_emission_theme=2, capital_yen=500_000_000, employees=300).eligible


def test_one_large_enterprise_owning_half_excludes() -> None:
    owned = {"single_max": "1/2", "combined": "1/2"}
    result = check(ZERO, zero_emission_theme=2, large_enterprise_ownership=owned)
    assert failed(result) == {"sme_or_nonprofit"}


def test_several_large_enterprises_with_two_thirds_warn_but_stay_eligible() -> None:
    owned = {"single_max": "1/3", "combined": "2/3"}
    result = check(ZERO, zero_emission_theme=2, large_enterprise_ownership=owned)
    assert result.eligible
    assert "large_enterprise_participation" in warned(result)


def test_half_of_the_board_from_large_enterprises_warns() -> None:
    result = check(ZERO, zero_emission_theme=2, large_enterprise_ownership={"board_share": "0.5"})
    assert result.eligible
    assert "large_enterprise_participation" in warned(result)


@pytest.mark.parametrize("form", ["npo", "general_foundation", "general_association"])
def test_nonprofits_are_eligible_whatever_their_size(form: str) -> None:
    assert check(ZERO, zero_emission_theme=1, legal_form=form, employees=500).eligible


def test_other_legal_forms_are_not() -> None:
    assert failed(check(ZERO, zero_emission_theme=1, legal_form="other")) == {"sme_or_nonprofit"}


@pytest.mark.parametrize(
    ("changes", "eligible"),
    [
        # ア: ≥ 1 year at 2024-06-01 and a Tokyo head office or branch.
        ({"founded_on": "2023-06-01"}, True),  # exactly one year
        ({"head_office_prefecture": "大阪府", "branch_prefectures": ["東京都"]}, True),
        ({"head_office_prefecture": "大阪府"}, False),
        # イ: founded in Tokyo less than a year before.
        ({"founded_on": "2023-06-02"}, True),
        (
            {
                "founded_on": "2024-01-10",
                "head_office_prefecture": "大阪府",
                "branch_prefectures": ["東京都"],
            },
            False,
        ),
        # Founded after the reference date: not in business on 2024-06-01.
        ({"founded_on": "2024-06-02"}, False),
    ],
)
def test_requirement_2_at_the_reference_date(changes: dict[str, Any], eligible: bool) -> None:
    result = check(ZERO, zero_emission_theme=3, **changes)
    assert result.eligible is eligible
    assert ("tokyo_business_base" in failed(result)) is not eligible


@pytest.mark.parametrize(
    "declaration",
    [
        "tax_arrears",
        "antisocial_forces",
        "past_misconduct",
        "insolvency_proceedings",
        "same_theme_other_subsidy",
    ],
)
def test_any_declaration_excludes(declaration: str) -> None:
    result = check(ZERO, zero_emission_theme=3, declarations={declaration: True})
    assert failed(result) == {"declarations"}


def test_unanswered_requirements_are_to_be_confirmed_not_met() -> None:
    # No answers to 申請要件 (2)※, (4), (5), (6)イ・エ・キ・ク・ケ・コ and 別紙3: nothing fails,
    # nothing is assumed either — the frame is 要確認 and says what to answer.
    result = check(ZERO, zero_emission_theme=3, facts={})
    assert failed(result) == set()
    assert result.verdict is None
    messages = [w.message for w in result.warnings if w.code == "needs_fact"]
    assert messages[0] == (
        "要確認: 補助事業の成果を活用し、都内で引き続き事業を営む予定であること"
        " — 補助事業の成果を活用した都内での事業の継続の予定: 未入力"
        "（facts に入力すると判定します）"
    )
    assert len(messages) == 12  # 11 answers; the site is asked by two requirements
    assert "要確認: 本補助事業の同一年度の申請は、一企業につき一申請であること" in "".join(messages)
    # The answers of the worked examples meet every one: 対象 (the plan rules wait for a plan).
    assert check(ZERO, zero_emission_theme=3).verdict is True


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ({"tokyo_business_continuation": False}, "tokyo_business_continuation"),
        ({"partner_provides_resources": False}, "partner_provides_resources"),
        ({"tokyo_office_actual_business": False}, "tokyo_office_actual_business"),
        ({"tokyo_project_site": "none"}, "tokyo_project_site"),
        ({"single_application_this_year": False}, "single_application_this_year"),
        ({"tokyo_kosha_debt_overdue": True}, "tokyo_kosha_debt_overdue"),
        ({"permits_and_compliance": False}, "permits_and_compliance"),
        ({"adult_entertainment_or_gambling": True}, "adult_entertainment_or_gambling"),
        ({"inappropriate_sales_methods": True}, "inappropriate_sales_methods"),
        ({"unsuitable_for_public_funds": True}, "unsuitable_for_public_funds"),
        ({"partner_investment_period": "other"}, "partner_investment_period"),
    ],
)
def test_each_answered_requirement_can_exclude(answer: dict[str, Any], code: str) -> None:
    result = check(ZERO, zero_emission_theme=3, facts=TOKYO_ANSWERS | answer)
    assert not result.eligible
    assert failed(result) == {code}


def test_gambling_is_refused_in_the_calls_words() -> None:
    result = check(
        ZERO, zero_emission_theme=3, facts=TOKYO_ANSWERS | {"adult_entertainment_or_gambling": True}
    )
    (reason,) = [r for r in result.reasons if not r.passed]
    assert reason.message == (
        "× 風俗関連業、ギャンブル業、賭博等を営んでいないこと"
        " — 風俗関連業・ギャンブル業・賭博等の営業: はい"
    )
    assert reason.source is not None and (reason.source.line_start, reason.source.line_end) == (
        203,
        203,
    )


def test_a_site_outside_tokyo_nearby_warns_but_stays_eligible() -> None:
    # (5)イ 原則として東京都内; Q9: 神奈川県・千葉県・埼玉県等 may be accepted.
    result = check(
        ZERO, zero_emission_theme=3, facts=TOKYO_ANSWERS | {"tokyo_project_site": "nearby"}
    )
    assert result.verdict is True
    assert warned(result) >= {"tokyo_project_site_in_tokyo"}


def test_partner_investment_period_differs_by_frame() -> None:
    # 別紙3 要件1: ゼロエミッション枠 from 令和2年4月1日,
    # 大学発ベンチャー・一般枠 from 令和4年4月1日.
    early = TOKYO_ANSWERS | {"partner_investment_period": "r2_to_r3"}
    assert check(ZERO, zero_emission_theme=3, facts=early).verdict is True
    general = check(GENERAL, university_venture=["ア"], facts=early)
    assert failed(general) == {"partner_investment_period"}


def test_category_a_needs_a_theme() -> None:
    assert failed(check(ZERO)) == {"category_a"}


def test_category_b_and_c() -> None:
    assert check(GENERAL, university_venture=["イ"]).eligible  # B
    assert check(GENERAL).eligible  # C: neither A nor B
    # A theme and no university link: A only, so not C (区分C is "neither A nor B").
    assert failed(check(GENERAL, zero_emission_theme=5)) == {"category_b_or_c"}
    # A theme and a university link: B is open.
    assert check(GENERAL, zero_emission_theme=5, university_venture=["ア"]).eligible


EXPENSES = {"materials": 600_000_000}


@pytest.mark.parametrize(
    ("frame_id", "years", "eligible"),
    [
        (ZERO, [2025, 2026, 2027], True),  # 支援期間 FY2025–FY2027
        (ZERO, [2025, 2026, 2027, 2028], False),
        (GENERAL, [2025, 2026], True),  # FY2025–FY2026
        (GENERAL, [2026, 2027], False),
        (ZERO, [2024], False),
    ],
)
def test_plan_years_must_lie_in_the_support_period(
    frame_id: str, years: list[int], eligible: bool
) -> None:
    project = plan(
        *[{"fiscal_year": y, "expenses": EXPENSES} for y in years],
        partner_investment_yen=10**10,
    )
    result = estimate(
        program(TOKYO),
        frame(TOKYO, frame_id),
        company(zero_emission_theme=1, university_venture=["ア"]),
        project,
    )
    assert result.check.eligible is eligible
    assert ("support_period" in failed(result.check)) is not eligible


def test_partner_investment_at_least_a_quarter_of_total_project_cost() -> None:
    # 総事業費 = 6億円 eligible + 2億円 ineligible = 8億円; a quarter is 2億円.
    year = {"fiscal_year": 2025, "expenses": EXPENSES}
    enough = plan(year, partner_investment_yen=200_000_000, ineligible_expenses_yen=200_000_000)
    short = plan(year, partner_investment_yen=199_999_999, ineligible_expenses_yen=200_000_000)
    theme = company(zero_emission_theme=1)
    assert estimate(program(TOKYO), frame(TOKYO, ZERO), theme, enough).check.eligible
    result = estimate(program(TOKYO), frame(TOKYO, ZERO), theme, short)
    assert failed(result.check) == {"partner_investment"}
