"""parse_period and DateRange."""

from __future__ import annotations

from datetime import date

import pytest

from hojokin.ja import DateRange, JaParseError, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "approximate"),
    [
        ("令和２年４月２５日～５月１５日", date(2020, 4, 25), date(2020, 5, 15), False),
        (
            "・令和２年４月２５日～５月１５日までの知事の休業要請に協力し",
            date(2020, 4, 25),
            date(2020, 5, 15),
            False,
        ),
        (
            "令和6年6月13日（木）～令和6年11月22日（金）",
            date(2024, 6, 13),
            date(2024, 11, 22),
            False,
        ),
        ("令和6年6月13日（木）～11月12日（火）", date(2024, 6, 13), date(2024, 11, 12), False),
        (
            "申請受付予約期間 令和6年6月13日（木）～11月12日（火）の平日 "
            "（土日・祝日を除く、9時から17時まで）",
            date(2024, 6, 13),
            date(2024, 11, 12),
            False,
        ),
        ("R4.10～11月頃", date(2022, 10, 1), date(2022, 11, 30), True),
        ("時 期 R4.10～11月頃（4泊5日）", date(2022, 10, 1), date(2022, 11, 30), True),
        ("R4.9月頃", date(2022, 9, 1), date(2022, 9, 30), True),
        ("R4.12月頃", date(2022, 12, 1), date(2022, 12, 31), True),
        ("実施時期 R4.8～10月頃", date(2022, 8, 1), date(2022, 10, 31), True),
        ("R2(2020).10.10～11", date(2020, 10, 10), date(2020, 10, 11), False),
        ("R2(2020).10.10～11実施 （網走駅発 釧", date(2020, 10, 10), date(2020, 10, 11), False),
        ("令和3年5月末現在", date(2021, 5, 31), date(2021, 5, 31), False),
        ("令和６年６月１日", date(2024, 6, 1), date(2024, 6, 1), False),
        ("令和7年4月", date(2025, 4, 1), date(2025, 4, 30), False),
        (
            "令和7年4月1日から令和10年3月31日まで",
            date(2025, 4, 1),
            date(2028, 3, 31),
            False,
        ),
        (
            "令和7年4月1日か ら令和10年3月 31日まで（3年以内）",
            date(2025, 4, 1),
            date(2028, 3, 31),
            False,
        ),
        (
            "令和4年4月1日以降、令和7年3月末日まで",
            date(2022, 4, 1),
            date(2025, 3, 31),
            False,
        ),
        ("令和２年５月１９日～３１日", date(2020, 5, 19), date(2020, 5, 31), False),
        (
            "令和２年５月１９日～３１日（一部施設は２４日まで）",
            date(2020, 5, 19),
            date(2020, 5, 31),
            False,
        ),
        ("令和２年11月～2月", date(2020, 11, 1), date(2021, 2, 28), False),
        ("令和6年12月25日～1月5日", date(2024, 12, 25), date(2025, 1, 5), False),
        ("令和6年10月下旬", date(2024, 10, 21), date(2024, 10, 31), True),
        ("令和6年2月下旬～3月上旬", date(2024, 2, 21), date(2024, 3, 10), True),
        ("2024-06-01～2024-06-30", date(2024, 6, 1), date(2024, 6, 30), False),
    ],
)
def test_parse_period(text: str, start: date, end: date, approximate: bool) -> None:
    assert parse_period(text) == DateRange(start, end, approximate)


def test_parse_period_default_year() -> None:
    assert parse_period("4月27日～7月31日", default_year=2020) == DateRange(
        date(2020, 4, 27), date(2020, 7, 31), False
    )
    assert parse_period(
        "キャンペーン期間：4月27日～7月31日、のべ4,356商品掲載", default_year=2020
    ) == DateRange(date(2020, 4, 27), date(2020, 7, 31), False)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "4月27日～7月31日",  # no year, no default
        "令和6年11月22日～11月13日",  # end before start
        "令和6年6月13日～6月1日",
        "令和6年2月30日～3月1日",
        "令和6年6月13日（金）～11月12日（火）",  # wrong weekday
        "令和7年3月末日まで",  # only one end
        "令和4年4月1日以降",
        "令和6年6月1日～6月30日、令和6年7月1日～7月31日",  # two periods
        "令和0年4月",
        "令和6年度",
    ],
)
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(JaParseError):
        parse_period(text)


def test_date_range_checks_order() -> None:
    with pytest.raises(JaParseError):
        DateRange(date(2024, 6, 2), date(2024, 6, 1), False)


def test_date_range_contains() -> None:
    span = DateRange(date(2024, 4, 1), date(2025, 3, 31), False)
    assert date(2024, 4, 1) in span
    assert date(2025, 3, 31) in span
    assert date(2025, 4, 1) not in span
    assert "2024-04-01" not in span


def test_period_spans_find_every_period_and_skip_open_ends() -> None:
    from datetime import date

    from hojokin.ja import compact, period_spans

    text = "令和6年6月13日（木）～11月12日（火）の平日 ※必ず11月12日（火）まで"
    (found,) = period_spans(text)
    start, end, period = found
    assert (period.start, period.end) == (date(2024, 6, 13), date(2024, 11, 12))
    assert compact(text)[start:end] == "令和6年6月13日(木)～11月12日(火)"
