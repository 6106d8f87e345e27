"""The web's dates, amounts and form readers."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from hojokin.rules.documents import DocumentStatus
from hojokin.web import fields
from hojokin.web.check_groups import web_document_reason
from hojokin.web.format import date_text, fiscal_year_text, share_text, yen_text
from tests.rules.examples import catalog


def test_amounts_in_man_oku_and_yen() -> None:
    assert yen_text(150_000_000) == "1億5,000万円（150,000,000円）"
    assert yen_text(4_465_977) == "446万5,977円（4,465,977円）"
    assert yen_text(9_999) == "9,999円"
    assert yen_text(0) == "0円"
    assert yen_text(None) == "—"


def test_dates_in_wareki_and_western() -> None:
    assert date_text(date(2019, 5, 1)) == "令和元年5月1日（2019年5月1日）"
    assert date_text(date(2019, 4, 30)) == "平成31年4月30日（2019年4月30日）"
    assert fiscal_year_text(2024) == "令和6年度（2024年度）"
    assert share_text(Fraction(1, 4)) == "1/4（25%）"
    assert share_text(Fraction(2, 3)) == "2/3"


@pytest.mark.parametrize(
    ("typed", "yen"),
    [
        ("100000000", 100_000_000),
        ("1億", 100_000_000),
        ("5,000万円", 50_000_000),
        ("５０００万", 50_000_000),
    ],
)
def test_read_yen(typed: str, yen: int) -> None:
    assert fields.read_yen(typed) == yen


@pytest.mark.parametrize("typed", ["", "たくさん", "1.5円", "-3"])
def test_read_yen_refuses_in_japanese(typed: str) -> None:
    with pytest.raises(fields.FieldProblem, match="金額"):
        fields.read_yen(typed)


def test_other_readers() -> None:
    assert fields.read_date("令和2年4月1日").value == date(2020, 4, 1)
    assert fields.read_date("2020-04-01").value == date(2020, 4, 1)
    assert fields.read_fiscal_year("R7") == 2025
    assert fields.read_fiscal_year("2026") == 2026
    assert fields.read_percent("50") == Fraction(1, 2)
    assert fields.read_percent("") == 0
    assert fields.read_prefecture("東京") == "東京都"
    for reader, typed in [
        (fields.read_percent, "150"),
        (fields.read_count, "-3"),
        (fields.read_date, "昨日"),
        (fields.read_prefecture, "火星"),
    ]:
        with pytest.raises(fields.FieldProblem):
            reader(typed)


def test_a_document_waiting_for_a_fact_names_it_by_its_label() -> None:
    document = next(
        d for p in catalog() for f in p.frames for d in f.required_documents if d.required_when
    )
    missing = ("facts.investment_completed", "facts.not_a_fact", "plan_years")
    waiting = DocumentStatus(document, "conditional", missing=missing)
    assert web_document_reason(waiting, catalog().facts) == (
        "未入力のため判定できません: 「申請時点で事業会社等からの出資等が完了している」"
        "・facts.not_a_fact・plan_years"
    )
