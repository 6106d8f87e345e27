"""Search normalisation: width, case, kana, long vowel marks, spaces."""

from __future__ import annotations

import pytest

from hojokin.search.text import SEPARATOR, fold, fold_texts, gram_counts, query_words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ＩＴ", "it"),  # full width and case
        ("IoT", "ｉｏｔ"),
        ("スイソ", "すいそ"),  # katakana and hiragana
        ("ｻﾎﾟｰﾄ", "サポート"),  # half-width kana, voiced marks composed
        ("コンピューター", "コンピュータ"),  # long vowel mark
        ("販路 開拓", "販路開拓"),  # spaces from PDF extraction
        ("研究開発・実証", "研究開発実証"),
    ],
)
def test_variants_fold_alike(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_drops_what_no_database_stores() -> None:
    assert fold("水\x00素\ud800") == "水素"


def test_query_words_are_folded_and_unique() -> None:
    assert query_words("  販路　開拓 販路 ー ") == ("販路", "開拓")


def test_grams_never_cross_texts() -> None:
    text = fold_texts(["水素", "エネ"])
    assert text == f"水素{SEPARATOR}えね"
    assert gram_counts(text) == {"水": 1, "素": 1, "え": 1, "ね": 1, "水素": 1, "えね": 1}


def test_short_grams_count_overlaps_and_longer_ones_do_not() -> None:
    counts = gram_counts("ああああ")
    assert (counts["あ"], counts["ああ"], counts["あああ"], counts["ああああ"]) == (4, 3, 1, 1)
    assert gram_counts("あいあいあ")["あいあ"] == "あいあいあ".count("あいあ") == 1


def test_fold_drops_invisible_direction_marks() -> None:
    assert fold("\u202e補助金\u200f") == fold("補助金") == "補助金"
