"""normalize / compact on the forms found in the seed documents."""

from __future__ import annotations

import re

import pytest

from hojokin.ja import compact, normalize
from hojokin.ja.text import MAX_MESSAGE_CHARS, TextRefused, multi_line, single_line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("５,０００万円", "5,000万円"),
        ("２５２社", "252社"),
        ("ＤＸ枠", "DX枠"),
        ("９６．２％", "96.2%"),
        ("（税抜）", "(税抜)"),
        ("上限額：", "上限額:"),
        # One canonical range mark, never deleted.
        ("令和２年４月２５日～５月１５日", "令和2年4月25日～5月15日"),
        ("4月〜5月", "4月～5月"),
        ("4月~5月", "4月～5月"),
        # Meaningful marks survive.
        ("IoT・AI", "IoT・AI"),
        ("ｾﾐﾅｰ･ｲﾍﾞﾝﾄ", "セミナー・イベント"),
        ("データ", "データ"),
        ("CNF—形状制御", "CNF—形状制御"),
        # Minus and hyphen look-alikes fold to "-".
        ("t－CO2", "t-CO2"),
        ("2024−06−01", "2024-06-01"),
        ("e‐ラーニング", "e-ラーニング"),
        ("CO₂排出量", "CO2排出量"),
        # Circled numbers are list markers and keep their shape.
        ("① 新商品・新事業創出枠", "① 新商品・新事業創出枠"),
        ("①2,000千円", "①2,000千円"),
        # White space, including U+3000, collapses and is stripped.
        ("  上限額\u3000\u3000 500 \t千円\n", "上限額 500 千円"),
        ("", ""),
        ("\u200b令和\ufeff6年", "令和6年"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("quote", "source_line"),
    [
        ("令和6年6月", "令和6 年6 月"),
        ("3月31日", "3 月 31 日"),
        ("1件当たり", "1 件当たり"),
        ("令和9年3月31日", "令和9年3月3 1日"),
        ("上限額1,000千円", "上限額 1,000 千円"),
        ("令和２年４月２５日～５月１５日", "令和2年4月25日〜5月15日"),
    ],
)
def test_compact_matches_broken_source_lines(quote: str, source_line: str) -> None:
    assert compact(quote) == compact(source_line)


def test_compact_removes_all_white_space() -> None:
    assert compact(" 上限\u3000額 \n 500 千円 ") == "上限額500千円"


def test_prefecture_slugs_name_the_catalog_region_folders() -> None:
    from hojokin.catalog.validate import REGIONS
    from hojokin.ja.prefectures import PREFECTURE_SLUGS, PREFECTURES, prefecture_slug

    assert len(PREFECTURE_SLUGS) == len(PREFECTURES) == len(set(PREFECTURE_SLUGS))
    assert {slug: prefecture_slug(name) for slug, name in REGIONS.items()} == {
        slug: slug for slug in REGIONS
    }


# What a person types: one line for a name, many for a message; never a control or an
# invisible character, never without bound.
@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("件名\r\nBcc: victim@example.com", "U+000D"),
        ("a\x00b", "U+0000"),
        ("gpj.\u202eexe", "U+202E"),  # right-to-left override
        ("株式会社\u200bテスト", "U+200B"),  # zero width space
        ("行1\u2028行2", "U+2028"),  # line separator
        ("タブ\t区切り", "U+0009"),
    ],
)
def test_a_name_refuses_line_breaks_controls_and_invisible_characters(
    typed: str, shown: str
) -> None:
    with pytest.raises(TextRefused, match=f"^会社名に.*（{re.escape(shown)}）は使えません$"):
        single_line(typed, "会社名")


def test_a_name_is_nfc_stripped_and_bounded() -> None:
    assert single_line("  Cafe\u0301 ", "会社名") == "Café"
    assert single_line("ｶﾞｯｺｳ", "会社名") == "ｶﾞｯｺｳ"  # NFC, not NFKC: kept as typed
    assert single_line("名" * 200, "会社名") == "名" * 200
    with pytest.raises(TextRefused, match=r"^会社名は 200 文字以内にしてください（201 文字）$"):
        single_line("名" * 201, "会社名")
    with pytest.raises(TextRefused, match=r"^会社名を入力してください$"):
        single_line("   ", "会社名")
    assert single_line("", "会社名", required=False) == ""
    with pytest.raises(TextRefused, match="10 文字以内"):
        single_line("x" * 11, "会社名", 10)


def test_a_message_keeps_its_lines_and_refuses_other_controls() -> None:
    assert multi_line(" 1行目\r\n2行目\r3行目\n ", "依頼の内容") == "1行目\n2行目\n3行目"
    for bad, shown in (("a\x00b", "U+0000"), ("a\u202eb", "U+202E"), ("a\x1bb", "U+001B")):
        pattern = f"^依頼の内容に.*（{re.escape(shown)}）は使えません$"
        with pytest.raises(TextRefused, match=pattern):
            multi_line(bad, "依頼の内容")
    assert multi_line("あ" * MAX_MESSAGE_CHARS, "依頼の内容") == "あ" * MAX_MESSAGE_CHARS
    with pytest.raises(TextRefused, match="2000 文字以内"):
        multi_line("あ" * (MAX_MESSAGE_CHARS + 1), "依頼の内容")
    with pytest.raises(TextRefused, match="を入力してください"):
        multi_line("\r\n", "依頼の内容")
