"""parse_figure on the report figures of the seed documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hojokin.ja import Figure, JaParseError, parse_figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("約1兆1,344.7億円", Figure(Decimal("1134470000000"), "円", approximate=True)),
        ("1兆1,344.7億円", Figure(Decimal("1134470000000"), "円")),
        ("（1兆1,344.7億円）", Figure(Decimal("1134470000000"), "円")),
        ("51.7億円", Figure(Decimal("5170000000"), "円")),
        ("支給総額 51.7億円", Figure(Decimal("5170000000"), "円")),
        ("8.5億円", Figure(Decimal("850000000"), "円")),
        ("35億円", Figure(Decimal("3500000000"), "円")),
        ("70.6億円", Figure(Decimal("7060000000"), "円")),
        ("158,847千円", Figure(Decimal("158847000"), "円")),
        ("31.1億円", Figure(Decimal("3110000000"), "円")),
        ("403.6億円", Figure(Decimal("40360000000"), "円")),
        ("4,465,977円", Figure(Decimal("4465977"), "円")),
        ("三百万円", Figure(Decimal("3000000"), "円")),
        ("60,685件", Figure(Decimal("60685"), "件")),
        ("延べ1,392回", Figure(Decimal("1392"), "回")),
        ("17名", Figure(Decimal("17"), "名")),
        ("２５２社", Figure(Decimal("252"), "社")),
        ("96.2％", Figure(Decimal("96.2"), "%")),
        ("110,674店舗", Figure(Decimal("110674"), "店舗")),
        ("77t-CO2", Figure(Decimal("77"), "t-CO2")),
        ("123市町村", Figure(Decimal("123"), "市町村")),
        ("9件程度", Figure(Decimal("9"), "件", approximate=True)),
        ("概ね 20 社", Figure(Decimal("20"), "社", approximate=True)),
        ("1.2万人", Figure(Decimal("12000"), "人")),
        ("0.5", Figure(Decimal("0.5"), "")),
    ],
)
def test_parse_figure(text: str, figure: Figure) -> None:
    parsed = parse_figure(text)
    assert parsed == figure
    assert isinstance(parsed.value, Decimal)


def test_figure_value_keeps_the_written_decimals() -> None:
    assert str(parse_figure("96.2％").value) == "96.2"
    assert str(parse_figure("51.7億円").value) == "5170000000"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "億円",
        "1,2,3件",
        "100人以上",  # a bound, not a figure
        "5億円（道2.5億円 金融機関及びファンド運営者2.5億円）",  # three figures
        "17名（女性４名、男性13名）",
        "支給件数 29,227件、支給総額 51.7億円",
    ],
)
def test_parse_figure_rejects(text: str) -> None:
    with pytest.raises(JaParseError):
        parse_figure(text)
