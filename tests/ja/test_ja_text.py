"""normalize / compact on the forms found in the seed documents."""

from __future__ import annotations

import pytest

from hojokin.ja import compact, normalize


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
