"""Dates as people type them: an era date past the era's end, read or refused with help."""

from __future__ import annotations

from datetime import date

import pytest

from hojokin import ja


def test_heisei_31_after_april_reads_as_reiwa_with_a_note() -> None:
    typed = ja.read_typed_date("平成31年5月1日")
    assert typed.value == date(2019, 5, 1)
    assert typed.note == "平成31年5月1日は令和元年5月1日として読みました"


def test_a_date_inside_its_era_has_no_note() -> None:
    assert ja.read_typed_date("平成31年4月30日") == ja.TypedDate(date(2019, 4, 30))
    assert ja.read_typed_date("令和2年4月1日") == ja.TypedDate(date(2020, 4, 1))


def test_showa_64_after_january_7_suggests_heisei() -> None:
    with pytest.raises(ja.JaParseError) as caught:
        ja.read_typed_date("昭和64年1月8日")
    assert caught.value.reason == (
        "昭和64年1月8日という日はありません（昭和は64年1月7日まで）。平成元年1月8日ではありませんか"
    )


def test_a_date_before_its_era_began_suggests_the_era_it_falls_in() -> None:
    with pytest.raises(ja.JaParseError) as caught:
        ja.read_typed_date("平成元年1月7日")
    assert caught.value.reason == (
        "平成元年1月7日という日はありません（平成は元年1月8日から）。昭和64年1月7日ではありませんか"
    )


def test_parse_date_itself_stays_strict() -> None:
    # Catalog citations must say what they mean: only what people type is read leniently.
    with pytest.raises(ja.JaParseError):
        ja.parse_date("平成31年5月1日")
