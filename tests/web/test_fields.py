"""The form readers of counts and dates: what people type, and clear refusals."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from hojokin.ja.fields import small_number
from hojokin.web.company_form import FIELD_LABELS
from hojokin.web.fields import (
    FieldProblem,
    FormState,
    read_count,
    read_date,
    read_fiscal_year,
    read_percent,
    read_yen,
)


@pytest.mark.parametrize(
    ("typed", "count"),
    [("15", 15), ("15人", 15), ("１５名", 15), ("15社", 15), ("１５", 15), ("1,200人", 1200)],
)
def test_counts_as_people_type_them(typed: str, count: int) -> None:
    assert read_count(typed) == count


@pytest.mark.parametrize("typed", ["①", "²", "٣", "15.5", "-3", "1,,2", "十五人", "15歳"])
def test_other_digits_and_forms_are_refused_with_the_value(typed: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        read_count(typed)
    assert str(caught.value) == (
        f"「{typed}」は数として読めません。0以上の整数で入力してください（例 15、15人）"
    )


def test_heisei_31_date_is_read_with_a_note_by_its_field() -> None:
    form = FormState({"founded_on": ["平成31年5月1日"]})
    assert form.read_date("founded_on", FIELD_LABELS["founded_on"]) == date(2019, 5, 1)
    assert form.notes == {"founded_on": "平成31年5月1日は令和元年5月1日として読みました"}
    assert form.errors == {}


def test_showa_64_date_is_an_error_naming_the_field_with_a_suggestion() -> None:
    form = FormState({"founded_on": ["昭和64年1月8日"]})
    assert form.read_date("founded_on", FIELD_LABELS["founded_on"]) is None
    error = form.errors["founded_on"]
    assert error.label == "設立日・開業日"
    assert error.message == (
        "昭和64年1月8日という日はありません（昭和は64年1月7日まで）。平成元年1月8日ではありませんか"
    )


def test_unreadable_date_gives_examples() -> None:
    with pytest.raises(FieldProblem, match="日付として読めません（例 2015-04-01、令和2年4月1日）"):
        read_date("きのう")
    assert read_date("2015-04-01").value == date(2015, 4, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "3 000 000 000",
            "数字の間に空白があります。空白を除いて入力してください（例 3000000000）",
        ),
        ("1e9", "金額として読めません。数字で入力してください（例 10000000、1,000万円、1億円）"),
        (
            "100～200万円",
            "金額として読めません。数字で入力してください（例 10000000、1,000万円、1億円）",
        ),
        ("9" * 30, "金額が大きすぎます。桁を確認してください（10兆円まで）"),
        ("-3", "金額は0以上で入力してください"),
    ],
)
def test_money_fields_are_read_whole_or_refused(typed: str, message: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        read_yen(typed)
    assert str(caught.value) == message


def test_money_field_reads_oku_and_man_with_a_space() -> None:
    assert read_yen("4億 5000万円") == 450_000_000


@pytest.mark.parametrize("typed", ["9" * 5000, "20,000,000", "10000001人"])
def test_counts_are_bounded_before_int(typed: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        read_count(typed)
    assert str(caught.value) == "数が大きすぎます（10,000,000まで）"


def test_count_maximum_is_the_fields() -> None:
    assert read_count("30", maximum=30) == 30
    with pytest.raises(FieldProblem, match="数が大きすぎます（30まで）"):
        read_count("31", maximum=30)


@pytest.mark.parametrize("typed", ["9" * 5000, "²", "２０２５５"])
def test_fiscal_year_refuses_long_and_odd_digits(typed: str) -> None:
    with pytest.raises(FieldProblem, match="年度を西暦か和暦で入力してください"):
        read_fiscal_year(typed)


@pytest.mark.parametrize(
    ("typed", "share"),
    [
        ("50", Fraction(1, 2)),
        ("50%", Fraction(1, 2)),
        ("３３．３", Fraction(333, 1000)),
        ("", Fraction(0)),
    ],
)
def test_percent_as_people_type_it(typed: str, share: Fraction) -> None:
    assert read_percent(typed) == share


@pytest.mark.parametrize("typed", ["1/2", "1e2", "²", "101", "50%%", "-5"])
def test_percent_refuses_fractions_and_exponents(typed: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        read_percent(typed)
    assert str(caught.value) == "0から100までの数で入力してください（例 50、33.3%）"


@pytest.mark.parametrize(
    ("typed", "value"), [("12", 12), ("", None), ("²", None), ("9" * 5000, None), ("-1", None)]
)
def test_small_number_of_query_parameters(typed: str, value: int | None) -> None:
    assert small_number(typed) == value
