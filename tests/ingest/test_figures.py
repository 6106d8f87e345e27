"""The extractors on the forms the seed documents write, each with its role and quote."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from hojokin import ja
from hojokin.ingest.figures import Figure, amounts, periods, rates
from hojokin.ingest.spans import fold


def _amounts(text: str, field: str = "", context: str = "") -> list[tuple[str, object, str]]:
    return [(f.role, f.value, f.quote) for f in amounts(fold(text), 1, 0, field, context)]


def _rates(text: str) -> list[tuple[str, object, str]]:
    return [(f.role, f.value, f.quote) for f in rates(fold(text), 1, 0)]


def _periods(text: str, year: int = 2022) -> list[Figure]:
    return periods(fold(text), 1, 0, "", year)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("・ 上限額：2,000千円", [("cap", 2_000_000, "2,000千円")]),
        ("補助限度額：１億５千万円", [("cap", 150_000_000, "１億５千万円")]),
        ("・ 助成額 10,000千円を限度(助成率1/2)", [("cap", 10_000_000, "10,000千円")]),
        (
            "上限額 500 千円（うち、県外の販路開拓経費は 250 千円まで）",
            [("cap", 500_000, "500 千円"), ("category_cap", 250_000, "250 千円")],
        ),
        (
            "・ 上限額 5,000 千円（下限は 3,000 千円）",
            [("cap", 5_000_000, "5,000 千円"), ("floor", 3_000_000, "3,000 千円")],
        ),
        (
            "県及び金融機関の連携により設置した総額 150 億円のファンド",
            [("fund", 15_000_000_000, "150 億円")],
        ),
        ("▷ ファンド規模 5億円（道2.5億円 金融機関2.5億円）", [("fund", 500_000_000, "5億円")]),
    ],
)
def test_amounts_take_their_role_from_the_words_around_them(
    text: str, found: list[tuple[str, object, str]]
) -> None:
    assert _amounts(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "1件 100万円（税抜）以上の購入品については見積書が必要",  # a threshold
        "▷ 支給件数 29,227件、支給総額 51.7億円",  # a result
        "▷ 補助実績：95組合（4,013店舗）、59,000千円",
        "（例）上限 300 千円の場合",  # an example
        "(なお、市町村からの移住支援金（1 件当たり上限 1,000 千円）も交付)",  # an aside
    ],
)
def test_amounts_that_are_not_terms_are_not_taken(text: str) -> None:
    assert _amounts(text) == []


def test_fixed_amounts_under_a_benefit_heading_or_in_brackets_after_a_payment() -> None:
    assert _amounts("・ 単身世帯:300千円、複数世帯:500千円", field="助成額") == [
        ("fixed", 300_000, "300千円"),
        ("fixed", 500_000, "500千円"),
    ]
    bracketed = amounts(fold("（法人30万円、個人事業者20万円）"), 2, 0, "", "支援金を支給した。")
    assert [(f.role, f.value, f.label) for f in bracketed] == [
        ("fixed", 300_000, "法人"),
        ("fixed", 200_000, "個人事業者"),
    ]


def test_per_year_caps_know_their_first_year() -> None:
    found = amounts(
        fold("※ただし、年度毎の補助限度額は、 初年度4億円、次年度以降3億円"), 1, 0, "", ""
    )
    assert [(f.role, f.value, f.from_year) for f in found] == [
        ("per_year_cap", 400_000_000, 1),
        ("per_year_cap", 300_000_000, 2),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("・ 助成率 1/2", [("rate", Fraction(1, 2), "1/2")]),
        ("補助率：補助対象経費の2/3以内", [("rate", Fraction(2, 3), "2/3")]),
        ("・ 助成率 1/3", [("rate", Fraction(1, 3), "1/3")]),
        ("(派遣に要する経費の1/3 自己負担)", [("self_pay", Fraction(1, 3), "1/3")]),
        ("・ 保証料 年 0.5%", [("fee", Fraction(1, 200), "0.5%")]),
        ("・ 保証割合 社債引受元本の 70%", [("cover", Fraction(7, 10), "70%")]),
        ("総事業費の4分の1以上の出資等を受けること", [("partner_share", Fraction(1, 4), "4分の1")]),
        ("分経費を補助した（上限 販売総額の10％以内）", [("rate", Fraction(1, 10), "10％")]),
    ],
)
def test_rates_take_their_role_from_the_words_around_them(
    text: str, found: list[tuple[str, object, str]]
) -> None:
    assert _rates(text) == found


def test_size_rates_are_variants() -> None:
    found = rates(fold("上限 1,000 千円 (中小 2/3、小規模 3/4、下限 300 千円)"), 1, 0)
    assert [(f.value, f.size) for f in found] == [
        (Fraction(2, 3), "sme"),
        (Fraction(3, 4), "small_business"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "一つの大企業が発行済株式総数の２分の１以上を所有していないもの",
        "展示面積が小間面積の概ね2分の1未満の場合",
        "▷ 令和２年度修了生就職率（令和３年５月末） 96.2％",
    ],
)
def test_rates_that_are_conditions_or_results_are_not_taken(text: str) -> None:
    assert _rates(text) == []


def test_a_call_window_with_weekdays() -> None:
    (found,) = _periods("募集期間 令和6年6月13日（木）～令和6年11月22日（金）")
    assert found.value == ja.DateRange(date(2024, 6, 13), date(2024, 11, 22))
    assert found.label == "募集期間"
    assert found.quote == "令和6年6月13日（木）～令和6年11月22日（金）"


def test_an_approximate_month_range_keeps_its_mark() -> None:
    (found,) = _periods("・ 時 期 R4.10～11月頃（4泊5日）")
    assert found.value == ja.DateRange(date(2022, 10, 1), date(2022, 11, 30), approximate=True)
    assert found.quote == "R4.10～11月頃"


def test_a_single_date_counts_only_under_a_schedule_word() -> None:
    assert _periods("(2) 基準日（令和6年6月1日）時点で、次のいずれかに該当すること") == []
    (month,) = _periods("・ 時 期 R4.9月頃")
    assert month.value == ja.DateRange(date(2022, 9, 1), date(2022, 9, 30), approximate=True)


def test_yearless_dates_fall_in_the_fiscal_year() -> None:
    (found,) = _periods("▷ キャンペーン期間：1月10日～2月5日", year=2020)
    assert found.value == ja.DateRange(date(2021, 1, 10), date(2021, 2, 5))


def test_examples_are_not_periods() -> None:
    assert _periods("（例①）支援期間が令和7年4月1日から令和10年3月31日までの場合") == []


def test_a_cap_on_named_categories() -> None:
    text = "カ 不動産賃借料の補助金交付申請額は<u>年度あたり 2,000 万円を上限</u>とします。"
    (found,) = amounts(fold(text), 295, 0, "", "")
    assert (found.role, found.value, found.per_year) == ("category_cap", 20_000_000, True)
    assert found.categories == ("不動産賃借料",)


def test_terms_after_a_line_that_says_they_follow() -> None:
    lead = (251, "ア 直接人件費の補助金交付申請額の上限は下記の通りとなります。")
    text = "年度あたり 4,000 万円と全体の交付申請額の 20%のうち低い金額"
    (cap,) = amounts(fold(text), 255, 0, "", "", lead)
    assert (cap.role, cap.value, cap.categories, cap.category_line) == (
        "category_cap",
        40_000_000,
        ("直接人件費",),
        251,
    )
    (share,) = rates(fold(text), 255, 0, lead)
    assert (share.role, share.value, share.categories) == ("share", Fraction(1, 5), ("直接人件費",))


def test_a_share_of_the_grant_on_listed_categories() -> None:
    text = (
        "7 展示会等参加費、8 イベント開催費、9 広報ツール製作費、10 広告掲載費の"
        "補助金交付申請額の合計の上限は、全体の交付申請額の25%以下とします。"
    )
    (share,) = rates(fold(text), 302, 0)
    assert share.value == Fraction(1, 4)
    assert share.categories == (
        "展示会等参加費",
        "イベント開催費",
        "広報ツール製作費",
        "広告掲載費",
    )
    assert rates(fold("全体の交付申請額の25%以下とします。"), 1, 0) == []
