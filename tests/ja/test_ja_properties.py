"""Properties: round trips, and that bad input raises only JaParseError."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from hojokin.ja import (
    AMOUNT_STYLES,
    JaParseError,
    compact,
    find_amounts,
    find_rates,
    fiscal_year_of,
    fiscal_year_range,
    format_amount,
    format_fiscal_year,
    format_wareki,
    normalize,
    parse_amount,
    parse_date,
    parse_figure,
    parse_fiscal_year,
    parse_period,
    parse_rate,
)

# No example database: it would write outside tests/ja, and the suite must stay fast.
FAST = settings(max_examples=200, deadline=None, database=None)

yen = st.integers(min_value=0, max_value=10**13)
styles = st.sampled_from(AMOUNT_STYLES)
FULLWIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def _format(n: int, style: str) -> str | None:
    try:
        return format_amount(n, style)
    except ValueError:
        return None


@FAST
@given(yen, styles)
def test_amount_round_trip(n: int, style: str) -> None:
    text = _format(n, style)
    if text is None:
        # Within this range only divisibility limits a style.
        assert (style == "sen" and n % 1000) or (style == "man" and n % 10_000)
        return
    assert parse_amount(text) == n
    assert parse_amount(text.translate(FULLWIDTH)) == n
    assert parse_amount(f"上限額 {text}（税抜）を限度") == n


@FAST
@given(st.integers(min_value=0, max_value=10**9).map(lambda n: n * 10_000), styles)
def test_round_amounts_work_in_every_style(n: int, style: str) -> None:
    assert parse_amount(format_amount(n, style)) == n


@FAST
@given(
    st.lists(st.tuples(yen, styles), max_size=6), st.sampled_from(["、", " ", "）（", "。上限 "])
)
def test_find_amounts_finds_each_written_amount(
    items: list[tuple[int, str]], separator: str
) -> None:
    written = [(n, text) for n, style in items if (text := _format(n, style)) is not None]
    joined = separator.join(text for _, text in written)
    assert find_amounts(joined) == [n for n, _ in written]


@FAST
@given(yen)
def test_figure_of_an_amount_is_the_amount(n: int) -> None:
    figure = parse_figure(format_amount(n, "oku"))
    assert figure.value == Decimal(n)
    assert figure.unit == "円"


@FAST
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=3))
def test_figure_decimals_are_exact(units: int, places: int) -> None:
    value = Decimal(units).scaleb(-places)
    assert parse_figure(f"約{value:,}件").value == value


@FAST
@given(st.integers(1, 10).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))))
def test_rate_forms(pair: tuple[int, int]) -> None:
    num, den = pair
    assert parse_rate(f"{num}/{den}以内") == Fraction(num, den)
    assert parse_rate(f"{den}分の{num}以上") == Fraction(num, den)
    assert find_rates(f"補助率 {num}/{den}、上限 {num * 100:,}千円") == [Fraction(num, den)]


@FAST
@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_percent_is_exact(percent: Decimal) -> None:
    assert parse_rate(f"{percent}%") == Fraction(percent) / 100
    assert parse_rate(f"{percent}倍") == Fraction(percent)


every_day = st.dates(min_value=date(1, 4, 1), max_value=date(9999, 3, 31))
wareki_days = st.dates(min_value=date(1989, 1, 8))


@FAST
@given(every_day)
def test_fiscal_year_round_trip(day: date) -> None:
    fy = fiscal_year_of(day)
    span = fiscal_year_range(fy)
    assert day in span
    assert fiscal_year_of(span.start) == fiscal_year_of(span.end) == fy


@FAST
@given(st.integers(min_value=1927, max_value=9998))
def test_fiscal_year_text_round_trip(fy: int) -> None:
    assert parse_fiscal_year(format_fiscal_year(fy)) == fy


@FAST
@given(wareki_days, st.booleans())
def test_wareki_round_trip(day: date, weekday: bool) -> None:
    text = format_wareki(day, weekday=weekday)
    assert parse_date(text) == day
    assert parse_date(text.translate(FULLWIDTH)) == day
    assert parse_period(text).start == parse_period(text).end == day


@FAST
@given(wareki_days, wareki_days)
def test_period_round_trip(a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    span = parse_period(f"{format_wareki(start)}～{format_wareki(end, weekday=True)}")
    assert (span.start, span.end, span.approximate) == (start, end, False)


@FAST
@given(st.dates())
def test_iso_dates(day: date) -> None:
    assert parse_date(day.isoformat()) == day


@FAST
@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert compact(once) == compact(text)
    assert " " not in compact(text)


# Characters the parsers care about, so random text reaches their deeper paths.
NEAR_MISS = st.text(
    alphabet=st.sampled_from(
        list("0123456789０１２３,.．、/ ～〜~-()（）年月日度末頃旬上中下元令和平成昭RHS")
        + list("一二三十百千万億兆円%％分の倍割約延べ件名t木金")
    ),
    max_size=40,
)
PARSERS: list[Callable[[str], object]] = [
    parse_amount,
    parse_rate,
    parse_date,
    parse_period,
    parse_figure,
    parse_fiscal_year,
    lambda text: parse_date(text, default_year=2024),
    lambda text: parse_period(text, default_year=2024),
]
FINDERS: list[Callable[[str], object]] = [find_amounts, find_rates, normalize, compact]


def _only_parse_errors(text: str) -> None:
    for parse in PARSERS:
        with contextlib.suppress(JaParseError):
            parse(text)
    for find in FINDERS:
        find(text)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_arbitrary_text_raises_only_parse_errors(text: str) -> None:
    _only_parse_errors(text)


@settings(max_examples=500, deadline=None, database=None)
@given(NEAR_MISS)
def test_near_miss_text_raises_only_parse_errors(text: str) -> None:
    _only_parse_errors(text)


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.sampled_from(["", "令和", "R", "("]),
    st.sampled_from(["9", "1,", "一", "千", "0.", "1月1日～"]),
    # 4,400 digits passes Python's int() conversion limit.
    st.sampled_from([1, 2, 30, 4_400]),
    st.sampled_from(["円", "億円", "%", "/2", "分の1", "倍", "年度", "年1月1日", "件", ""]),
)
def test_huge_numerals_raise_only_parse_errors(
    prefix: str, piece: str, length: int, suffix: str
) -> None:
    _only_parse_errors(prefix + piece * length + suffix)
