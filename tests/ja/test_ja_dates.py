"""parse_date / format_wareki."""

from __future__ import annotations

from datetime import date

import pytest

from hojokin.ja import JaParseError, format_wareki, parse_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("令和6年6月13日（木）", date(2024, 6, 13)),
        ("令和6年6月13日(木曜日)", date(2024, 6, 13)),
        ("令和7年3月末日", date(2025, 3, 31)),
        ("令和6年2月末日", date(2024, 2, 29)),
        ("令和3年5月末", date(2021, 5, 31)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("R2(2020).10.９", date(2020, 10, 9)),
        ("R2.10.9", date(2020, 10, 9)),
        ("2024-06-01", date(2024, 6, 1)),
        ("2024/6/1", date(2024, 6, 1)),
        ("2024年6月1日", date(2024, 6, 1)),
        ("２０２４年６月１日", date(2024, 6, 1)),
        ("令和6年6月1日時点", date(2024, 6, 1)),
        ("(2) 基準日（令和6年6月1日）時点で", date(2024, 6, 1)),
        ("令和6 年6 月 1 日", date(2024, 6, 1)),
        ("令和9年3月3 1日", date(2027, 3, 31)),
        ("令和２年１２月２５日", date(2020, 12, 25)),
    ],
)
def test_parse_date(text: str, day: date) -> None:
    assert parse_date(text) == day


def test_parse_date_default_year() -> None:
    assert parse_date("11月12日（火）", default_year=2024) == date(2024, 11, 12)
    assert parse_date("令和6年6月13日", default_year=1999) == date(2024, 6, 13)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "令和6年2月30日",
        "令和6年13月1日",
        "令和0年",
        "令和0年5月1日",
        "令和元年4月30日",  # 令和 began on 2019-05-01
        "平成31年5月1日",  # 平成 ended on 2019-04-30
        "平成0年1月8日",
        "令和6年6月13日（金）",  # 2024-06-13 was a Thursday
        "R2(2021).10.9",  # western year disagrees with R2
        "11月12日",  # no year and no default
        "令和6年6月",  # no day
        "令和6年6月上旬",  # a third of a month, not a day
        "令和6年6月13日～11月12日",  # a period
        "令和6年6月13日、令和6年6月14日",  # two dates
        "令和6年度",  # a fiscal year
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(JaParseError):
        parse_date(text)


@pytest.mark.parametrize(
    ("day", "plain", "with_weekday"),
    [
        (date(2024, 6, 13), "令和6年6月13日", "令和6年6月13日（木）"),
        (date(2019, 5, 1), "令和元年5月1日", "令和元年5月1日（水）"),
        (date(2019, 4, 30), "平成31年4月30日", "平成31年4月30日（火）"),
        (date(1989, 1, 8), "平成元年1月8日", "平成元年1月8日（日）"),
        (date(1989, 1, 7), "昭和64年1月7日", "昭和64年1月7日（土）"),
    ],
)
def test_format_wareki(day: date, plain: str, with_weekday: str) -> None:
    assert format_wareki(day) == plain
    assert format_wareki(day, weekday=True) == with_weekday


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1900, 2, 28), "明治33年2月28日"),
        (date(1868, 1, 25), "明治元年1月25日"),
    ],
)
def test_format_wareki_meiji_and_taisho(day: date, text: str) -> None:
    assert format_wareki(day) == text


def test_format_wareki_before_meiji() -> None:
    with pytest.raises(ValueError):
        format_wareki(date(1868, 1, 24))
