"""parse_amount / find_amounts / format_amount, worked examples from the seeds."""

from __future__ import annotations

import pytest

from hojokin.ja import AMOUNT_STYLES, JaParseError, find_amounts, format_amount, parse_amount


@pytest.mark.parametrize(
    ("text", "yen"),
    [
        ("2,000千円", 2_000_000),
        ("2,000 千円", 2_000_000),
        ("10,000千円を限度", 10_000_000),
        ("１億５千万円", 150_000_000),
        ("1億5千万円", 150_000_000),
        ("10億円", 1_000_000_000),
        ("4,000 万円", 40_000_000),
        ("50 万円", 500_000),
        ("700 万円", 7_000_000),
        ("100 万円（税抜）", 1_000_000),
        ("5,000万円", 50_000_000),
        ("５,０００万円", 50_000_000),
        ("３億円", 300_000_000),
        ("上限1,000千円", 1_000_000),
        ("上限額 500 千円", 500_000),
        ("限度額 50,000 千円", 50_000_000),
        ("300千円", 300_000),
        ("30万円", 300_000),
        ("4,465,977円", 4_465_977),
        ("三百万円", 3_000_000),
        ("千五百万円", 15_000_000),
        ("二千万円", 20_000_000),
        ("一億円", 100_000_000),
        ("十万円", 100_000),
        ("五千円", 5_000),
        ("千円", 1_000),
        ("1.5千円", 1_500),
        ("1億5,000万円", 150_000_000),
        ("1兆1,344.7億円", 1_134_470_000_000),
        ("0円", 0),
        ("上限2,000千円(補助率1/2)20件程度", 2_000_000),
        ("1 案件につき 700 万円", 7_000_000),
        ("年度あたり 50 万円を上限", 500_000),
        ("5,000万円以下 又は 100人以下", 50_000_000),
        ("上限額 1,000 千円 まで", 1_000_000),
        ("500 千円以内", 500_000),
        ("30万円程度", 300_000),
    ],
)
def test_parse_amount(text: str, yen: int) -> None:
    assert parse_amount(text) == yen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "円",
        "千千円",
        "1,2,3円",
        "2,0,0千円",
        "億円",
        "万円",
        "1億億円",
        "1万20000円",
        "千2,000円",
        "0.3円",
        "1.5円",
        "二三円",
        "2,000",  # a number without 円 is not an amount
        "令和6年",
        "法人30万円、個人事業者20万円",  # two amounts
        "数十万円",  # a vague size
        "関東一円",  # "all over Kanto"
        "9" * 5000 + "円",
    ],
)
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(JaParseError) as info:
        parse_amount(text)
    assert info.value.text == text


def test_error_message_quotes_the_text() -> None:
    with pytest.raises(JaParseError, match="金額として読めません: 「2,0,0千円」"):
        parse_amount("2,0,0千円")


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        (
            "上限額 500 千円（うち、県外の販路開拓経費は 250 千円まで。"
            "ただし、首都圏出展は 350 千円）",
            [500_000, 250_000, 350_000],
        ),
        (
            "補助率：補助対象経費の2/3以内 補助限度額：10億円 補助下限額：3億円 "
            "※ただし、年度毎の補助限度額は、 初年度4億円、次年度以降3億円",
            [1_000_000_000, 300_000_000, 400_000_000, 300_000_000],
        ),
        ("年度あたり 4,000 万円", [40_000_000]),
        ("上限:1 案件につき 700 万円)", [7_000_000]),
        (
            "▷ 令和２年度交付額：77件、4,465,977円（一般型67件：3,555,313円、"
            "コロナ特別対応型10件：910,664円）",
            [4_465_977, 3_555_313, 910_664],
        ),
        (
            "（法人30万円、個人事業者20万円、19時以降の酒類の提供を自粛した飲食店10万円）",
            [300_000, 200_000, 100_000],
        ),
        ("・ 通常枠：上限 1,000 千円 (中小 2/3、小規模 3/4、下限 300 千円)", [1_000_000, 300_000]),
        (
            "▷ ファンド規模 5億円（道2.5億円 金融機関及びファンド運営者2.5億円）",
            [500_000_000, 250_000_000, 250_000_000],
        ),
        ("令和6年6月13日（木）～令和6年11月22日（金）", []),
        ("R2(2020).10.10～11実施", []),
        ("参加者計220名、就職者数 107名", []),
        ("総額 150 億円のファンド", [15_000_000_000]),
        # A typo before 円 is skipped, the rest still found.
        ("1,2,3円 と 500千円", [500_000]),
        ("", []),
    ],
)
def test_find_amounts(text: str, amounts: list[int]) -> None:
    assert find_amounts(text) == amounts


@pytest.mark.parametrize(
    ("yen", "style", "text"),
    [
        (2_000_000, "yen", "2,000,000円"),
        (2_000_000, "sen", "2,000千円"),
        (2_000_000, "man", "200万円"),
        (150_000_000, "oku", "1億5,000万円"),
        (1_000_000_000, "oku", "10億円"),
        (4_465_977, "oku", "446万5,977円"),
        (0, "oku", "0円"),
        (2_000_000, "kanji", "二百万円"),
        (15_000_000, "kanji", "千五百万円"),
        (150_000_000, "kanji", "一億五千万円"),
        (10_000, "kanji", "一万円"),
        (0, "kanji", "〇円"),
        (2_000_000, "fullwidth", "２,０００,０００円"),
    ],
)
def test_format_amount(yen: int, style: str, text: str) -> None:
    assert format_amount(yen, style) == text
    assert parse_amount(text) == yen


@pytest.mark.parametrize(
    ("yen", "style"),
    [(1_500, "sen"), (15_000, "man"), (-1, "yen"), (10**16, "kanji"), (1, "euro")],
)
def test_format_amount_rejects(yen: int, style: str) -> None:
    with pytest.raises(ValueError):
        format_amount(yen, style)


def test_styles_are_listed() -> None:
    assert AMOUNT_STYLES == ("yen", "sen", "man", "oku", "kanji", "fullwidth")


def test_amount_spans_say_where_each_amount_is_written() -> None:
    from hojokin.ja import amount_spans, normalize

    text = "上限額 500 千円（うち…250 千円まで）"
    spans = amount_spans(text)
    assert [yen for _, _, yen in spans] == [500_000, 250_000]
    assert [normalize(text)[s:e] for s, e, _ in spans] == ["500 千円", "250 千円"]
