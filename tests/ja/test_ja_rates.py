"""parse_rate / find_rates."""

from __future__ import annotations

from fractions import Fraction

import pytest

from hojokin.ja import JaParseError, find_rates, parse_rate


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("1/2", Fraction(1, 2)),
        ("２/３以内", Fraction(2, 3)),
        ("補助対象経費の2/3以内", Fraction(2, 3)),
        ("助成率 1/3", Fraction(1, 3)),
        ("助成率1/2", Fraction(1, 2)),
        ("1/3 自己負担", Fraction(1, 3)),
        ("(派遣に要する経費の1/3 自己負担)", Fraction(1, 3)),
        ("対象経費の 1/2 以内", Fraction(1, 2)),
        ("中小 2/3", Fraction(2, 3)),
        ("2/4", Fraction(1, 2)),
        ("3分の2", Fraction(2, 3)),
        ("4分の1以上", Fraction(1, 4)),
        ("２分の１以上", Fraction(1, 2)),
        ("３分の２以上", Fraction(2, 3)),
        ("三分の一", Fraction(1, 3)),
        ("十分の一", Fraction(1, 10)),
        ("20%", Fraction(1, 5)),
        ("25%以下", Fraction(1, 4)),
        ("年 0.5%", Fraction(1, 200)),
        ("保証料 年 0.8%", Fraction(1, 125)),
        ("70%", Fraction(7, 10)),
        ("10％以内", Fraction(1, 10)),
        ("100%", Fraction(1)),
        ("1.5倍", Fraction(3, 2)),
        ("優秀なプランは1.5倍", Fraction(3, 2)),
        ("3割", Fraction(3, 10)),
    ],
)
def test_parse_rate(text: str, rate: Fraction) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "0/0",
        "1/0",
        "0分の1",
        "2,000千円",
        "2024/6/13",  # a date
        "1/2、2/3",  # two rates
        "R2(2020).10.９",
        "12,34%",
        "1" * 5000 + "%",
    ],
)
def test_parse_rate_rejects(text: str) -> None:
    with pytest.raises(JaParseError):
        parse_rate(text)


@pytest.mark.parametrize(
    ("text", "rates"),
    [
        ("(中小 2/3、小規模 3/4、下限 300 千円)", [Fraction(2, 3), Fraction(3, 4)]),
        ("・ 特別枠：上限 2,000 千円 (DX 枠のみ 3,000 千円・中小 3/4、", [Fraction(3, 4)]),
        ("全業種 上限1,000千円(対象経費の1/2助成) 9件程度", [Fraction(1, 2)]),
        ("保証料 年 0.5% 保証割合 社債引受元本の 70%", [Fraction(1, 200), Fraction(7, 10)]),
        (
            "ゼロエミッション枠は補助対象経費の3分の2以内、大学発ベンチャー・一般枠は補助対象経費の2分の1以内",
            [Fraction(2, 3), Fraction(1, 2)],
        ),
        ("補助した（上限 販売総額の10％以内）", [Fraction(1, 10)]),
        ("県が実施する創業塾修了生の優秀なプランは1.5倍", [Fraction(3, 2)]),
        # Not rates: dates, amounts, plain numbers.
        ("R2(2020).10.９実施", []),
        ("6/13", []),
        ("2024/6/13", []),
        ("上限額 2,000 千円", []),
        ("令和6年6月13日（木）", []),
        ("1/0", []),
        ("", []),
    ],
)
def test_find_rates(text: str, rates: list[Fraction]) -> None:
    assert find_rates(text) == rates


def test_rate_spans_say_where_each_rate_is_written() -> None:
    from hojokin.ja import normalize, rate_spans

    text = "(中小 2/3、小規模 3/4、下限 300 千円) 6/13"
    spans = rate_spans(text)
    assert [str(r) for _, _, r in spans] == ["2/3", "3/4"]
    assert [normalize(text)[s:e] for s, e, _ in spans] == ["2/3", "3/4"]
