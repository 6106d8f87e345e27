"""The shared readers of one typed value (hojokin.ja.fields): whole-string, bounded,
Japanese reasons."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from hojokin.ja import JaParseError
from hojokin.ja.fields import read_count, read_date, read_fiscal_year, read_share


@pytest.mark.parametrize(
    ("typed", "share"),
    [
        ("1/3", Fraction(1, 3)),
        ("0.5", Fraction(1, 2)),
        ("50%", Fraction(1, 2)),
        ("１／４", Fraction(1, 4)),
        ("0", 0),
        ("1", 1),
        ("100%", 1),
    ],
)
def test_share(typed: str, share: Fraction) -> None:
    assert read_share(typed) == share


@pytest.mark.parametrize(
    "typed",
    [
        "1e-10000000",
        "1e-5000",
        "1E2",
        "-0.5",
        "3/2",
        "1/0",
        "0x1",
        "0." + "0" * 40 + "1",
        "1234567/2",
        "0.1234567",
        "½",
        "²/³",
        "",
        "50%%",
        "1/2/3",
    ],
)
def test_share_refused(typed: str) -> None:
    with pytest.raises(JaParseError, match="0 から 1 まで"):
        read_share(typed)


def test_percent_share() -> None:
    assert read_share("33.3", percent=True) == Fraction(333, 1000)
    with pytest.raises(JaParseError, match="0から100まで"):
        read_share("1/2", percent=True)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2015-04-01", date(2015, 4, 1)),
        ("２０１５－０４－０１", date(2015, 4, 1)),
        ("大正15年12月24日", date(1926, 12, 24)),
        ("明治元年1月25日", date(1868, 1, 25)),
        ("明治45年7月29日", date(1912, 7, 29)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("2100-12-31", date(2100, 12, 31)),
    ],
)
def test_date(typed: str, day: date) -> None:
    assert read_date(typed).value == day


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("1868-01-24", "明治元年1月25日（1868年1月25日）から2100年12月31日まで"),
        ("2101-01-01", "2100年12月31日まで"),
        ("1900-02-29", "1900-02-29という日はありません"),
        ("明治45年7月30日", "大正元年7月30日ではありませんか"),  # the first day of 大正
        ("明治元年1月1日", "明治の期間外"),  # 慶応3年 on the Gregorian calendar
        ("2015-04-0①", "日付として読めません"),
        ("２⁰１５-04-01", "日付として読めません"),
        ("x" * 31, "日付として読めません"),
    ],
)
def test_date_refused(typed: str, reason: str) -> None:
    with pytest.raises(JaParseError, match=reason):
        read_date(typed)


def test_count_bounds() -> None:
    assert read_count("1,200人") == 1200
    assert read_count("12", maximum=12, minimum=1) == 12
    with pytest.raises(JaParseError, match="1以上"):
        read_count("0", maximum=12, minimum=1)
    for typed in ("٣", "፩", "1e3", "-1", "9" * 5000):
        with pytest.raises(JaParseError):
            read_count(typed)


@pytest.mark.parametrize(
    ("typed", "year"),
    [
        ("2025", 2025),
        ("２０２７", 2027),
        ("2027年度", 2027),
        ("令和7年度", 2025),
        ("令和9年度", 2027),
        ("R9年度", 2027),
        ("R7", 2025),
        ("平成元年度", 1989),
        ("令和7(2025)年度", 2025),
    ],
)
def test_fiscal_year(typed: str, year: int) -> None:
    assert read_fiscal_year(typed) == year


@pytest.mark.parametrize("typed", ["1988", "昭和60年度", "令和99年度", "²⁰²⁵", "9" * 5000])
def test_fiscal_year_refused(typed: str) -> None:
    with pytest.raises(JaParseError, match="年度"):
        read_fiscal_year(typed)


# Each holds one year a lenient reader would pick out and save: the field must say it
# cannot read them instead.
@pytest.mark.parametrize(
    "typed",
    ["2027-2028", "2027-2028年度", "-1999", "FY2027", "--2027", "+2027", "2027年度2028年度",
     "令和9年度から", "第2027年度"],
)  # fmt: skip
def test_fiscal_year_is_one_year_and_nothing_else(typed: str) -> None:
    with pytest.raises(JaParseError, match="年度を西暦か和暦で入力してください"):
        read_fiscal_year(typed)
