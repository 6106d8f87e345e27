"""The form readers of counts and dates: what people type, and clear refusals."""

from __future__ import annotations

from datetime import date

import pytest

from hojokin.web.company_form import FIELD_LABELS
from hojokin.web.fields import FieldProblem, FormState, read_count, read_date


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
