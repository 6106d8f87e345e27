"""年度 helpers."""

from __future__ import annotations

from datetime import date

import pytest

from hojokin.ja import (
    DateRange,
    JaParseError,
    fiscal_year_of,
    fiscal_year_range,
    format_fiscal_year,
    parse_fiscal_year,
)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2025, 3, 31), 2024),
        (date(2025, 4, 1), 2025),
        (date(2024, 1, 1), 2023),
        (date(2024, 12, 31), 2024),
    ],
)
def test_fiscal_year_of(day: date, fy: int) -> None:
    assert fiscal_year_of(day) == fy


def test_fiscal_year_range() -> None:
    assert fiscal_year_range(2024) == DateRange(date(2024, 4, 1), date(2025, 3, 31), False)


@pytest.mark.parametrize(
    ("text", "fy"),
    [
        ("令和4年度", 2022),
        ("令和4年度 事業計画", 2022),
        ("令和２年度", 2020),
        ("「本道経済の活性化に向けた基本方針」に基づく取組について（令和２年度）", 2020),
        ("R6年度", 2024),
        ("R2年度：漁業", 2020),
        ("2024年度", 2024),
        ("平成30年度", 2018),
        ("H30年度", 2018),
        ("平成31年度", 2019),
        ("令和元年度", 2019),
        ("令和2(2020)年度", 2020),
        ("令和6 年度", 2024),
    ],
)
def test_parse_fiscal_year(text: str, fy: int) -> None:
    assert parse_fiscal_year(text) == fy


@pytest.mark.parametrize(
    "text",
    ["", "abc", "令和0年度", "平成32年度", "令和4年", "令和2(2021)年度", "令和4年度と令和5年度"],
)
def test_parse_fiscal_year_rejects(text: str) -> None:
    with pytest.raises(JaParseError):
        parse_fiscal_year(text)


@pytest.mark.parametrize(
    ("fy", "text"),
    [
        (2022, "令和4年度"),
        (2019, "令和元年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_format_fiscal_year(fy: int, text: str) -> None:
    assert format_fiscal_year(fy) == text


def test_format_fiscal_year_before_showa() -> None:
    with pytest.raises(ValueError):
        format_fiscal_year(1926)
