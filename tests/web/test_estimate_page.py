"""The estimate page: only the program's fields, personnel per month, the computation
shown step by step, and what a 対象外 plan is missing instead of a large figure."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.rules.examples import TOKYO
from tests.web.test_pages import COMPANY_FORM, text

TOYAMA = "toyama-gijutsu-kaihatsu-josei"
TOKYO_ONLY = (
    'name="zero_emission_theme"',
    'name="university_venture"',
    'name="partner_investment"',
)


def tokyo(**changes: Any) -> dict[str, Any]:
    return COMPANY_FORM | {"frame": "zero-emission", "partner_investment": "10億", **changes}


def test_each_form_shows_only_its_programs_fields(client: TestClient) -> None:
    toyama = client.get(f"/programs/{TOYAMA}/estimate").text
    for field in (*TOKYO_ONLY, 'name="y1_p1_salary"', 'name="share_single_max"'):
        assert field not in toyama, field
    assert 'name="y1_total"' in toyama
    form = client.get(f"/programs/{TOKYO}/estimate").text
    for field in (*TOKYO_ONLY, 'name="y1_p1_salary"', 'name="y1_p1_m4_pay"', 'name="y1_rent"'):
        assert field in form, field


def test_the_computation_is_shown_rate_by_category(client: TestClient) -> None:
    # 6億 × 2/3 = 4億 (materials), the first-year cap 4億 keeps it.
    page = client.post(f"/programs/{TOKYO}/estimate", data=tokyo(y1_fy="2025", y1_materials="6億"))
    assert page.status_code == 200
    shown = text(page.text)
    assert "判定: 対象" in shown
    assert "令和7年度 原材料・副資材費 6億円 × 2/3 = 4億円" in shown
    assert "交付見込額（上限） 4億円（400,000,000円）" in shown


def test_below_the_floor_shows_what_is_missing_not_a_grant(client: TestClient) -> None:
    # 3億 × 2/3 = 2億 < 下限3億: no grant headline; the expense that reaches it is 4億5,000万円.
    page = client.post(f"/programs/{TOKYO}/estimate", data=tokyo(y1_fy="2025", y1_materials="3億"))
    shown = text(page.text)
    assert "判定: 対象外" in shown
    assert "交付見込額 なし（対象外）" in shown
    assert "交付見込額（上限）" not in shown
    assert "補助対象経費が少なくとも4億5,000万円（450,000,000円）必要です" in shown
    assert "計算の内訳（参考）" in shown


def test_personnel_per_month_from_the_form(client: TestClient) -> None:
    # 300,000円 × 3 months of 20 days (160 h): 2,450 × 160 = 392,000 → 300,000 a month.
    months = {
        f"y1_p1_m{m}_{k}": v for m in (4, 5, 6) for k, v in (("pay", "30万円"), ("days", "２０"))
    }
    page = client.post(
        f"/programs/{TOKYO}/estimate", data=tokyo(y1_fy="2025", y1_materials="6億", **months)
    )
    assert page.status_code == 200
    shown = text(page.text)
    assert "令和7年度 直接人件費 90万円 × 2/3 = 60万円" in shown
    assert (
        "人件費1人目 4月: 時間単価2,450円 × 160時間 = 392,000円は、"
        "当月の給与総支給額300,000円まで計上" in shown
    )


def test_a_month_without_hours_or_days_is_named(client: TestClient) -> None:
    page = client.post(
        f"/programs/{TOKYO}/estimate",
        data=tokyo(y1_fy="2025", y1_materials="6億", y1_p1_m4_pay="30万円"),
    )
    assert page.status_code == 422
    assert 'id="y1_p1_m4_hours-error"' in page.text
    assert "従事時間か従事日数を入力してください" in page.text


def test_yearly_and_monthly_entry_together_is_refused(client: TestClient) -> None:
    data = tokyo(y1_fy="2025", y1_p1_salary="30万円", y1_p1_hours="100", y1_p1_m4_pay="30万円")
    page = client.post(f"/programs/{TOKYO}/estimate", data=data | {"y1_p1_m4_hours": "10"})
    assert page.status_code == 422
    assert "年間か月ごとのどちらか一方で入力してください" in page.text


def test_a_fixed_amount_program_asks_no_expenses(client: TestClient) -> None:
    # Hokkaido's 休業協力 pays 法人30万円・個人事業者20万円 by what the business did: no expense
    # fields; a corporation that closed gets 30万円.
    kyugyo = "hokkaido-kyugyo-kyoryoku-kansen-risk-teigen-shien"
    form = client.get(f"/programs/{kyugyo}/estimate").text
    assert 'name="y1_total"' not in form
    data = COMPANY_FORM | {
        "head_office_prefecture": "北海道",
        "fact_kyugyo_kyoryoku_r2_0425_0515": "yes",
    }
    page = client.post(f"/programs/{kyugyo}/estimate", data=data)
    assert page.status_code == 200
    assert "定額の支給です（経費に関わらず一定）: 30万円（300,000円）" in text(page.text)


def test_a_year_outside_the_support_period_is_shown_as_not_counted(client: TestClient) -> None:
    data = tokyo(y1_fy="2024", y1_materials="6億")
    shown = text(client.post(f"/programs/{TOKYO}/estimate", data=data).text)
    assert "令和6年度 支援期間外のため計上しません 0円" in shown
    assert "令和6年度: 支援期間（令和7年4月1日〜令和10年3月31日）の外の年度の経費は" in shown
    assert "交付見込額 なし（対象外）" in shown
