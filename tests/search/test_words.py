"""What a query word can match (hojokin.search.words): the synonym table as data, and the
forms of a word — itself, its synonyms, the words it is made of."""

from __future__ import annotations

from importlib.resources import files

import pytest

from hojokin.search.text import fold
from hojokin.search.words import (
    PART,
    PART_SYNONYM,
    PARTS_ALONE,
    SYNONYM,
    WHOLE,
    Form,
    SynonymGroup,
    by_reading,
    combine,
    forms,
    parts,
    read_groups,
    synonyms,
)

TABLE = files("hojokin.search").joinpath("synonyms.yaml").read_text(encoding="utf-8")


def _words(form: Form) -> list[list[tuple[str, int]]]:
    return [[(a.text, a.factor) for a in slot] for slot in form.slots]


def test_the_table_is_reviewed_data() -> None:
    groups = read_groups(TABLE)
    assert len(groups) >= 10
    assert all(g.note.strip() for g in groups)
    money = next(g for g in groups if "補助金" in g.words)
    assert {"助成金", "給付金"} <= set(money.words)
    loans = next(g for g in groups if "融資" in g.words)
    assert "貸付" in loans.words
    it = next(g for g in groups if "IT" in g.words)
    assert {"デジタル", "DX"} <= set(it.words)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- words: [補助金, 助成金]\n- words: [補助金, 給付金]\n  note: x\n", "note"),
        ("- words: [補助金]\n  note: one word is no group\n", "words"),
        (
            "- words: [補助金, 助成金]\n  note: a\n- words: [ＩＴ, デジタル]\n  note: b\n"
            "- words: [IT, DX]\n  note: c\n",
            "groups 2 and 3",
        ),
        ("- words: [IT, ｉｔ]\n  note: the same word twice once folded\n", "repeats"),
        ("- words: [補助金, 助成金]\n  note: a\n  weight: 3\n", "weight"),
        ("- words: [デジタル, デジタル化]\n  note: the shorter finds the longer\n", "holds"),
    ],
)
def test_a_broken_table_is_refused(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        read_groups(text)


def test_a_word_finds_itself_above_its_synonyms() -> None:
    (whole,) = forms("助成金")
    (slot,) = _words(whole)
    assert slot[0] == ("助成金", WHOLE)
    assert ("補助金", SYNONYM) in slot and ("給付金", SYNONYM) in slot
    assert WHOLE > SYNONYM


def test_synonyms_are_folded_like_texts() -> None:
    (whole,) = forms("ＩＴ")
    texts = [t for t, _ in _words(whole)[0]]
    assert texts[0] == "it" and fold("デジタル") in texts and "dx" in texts


def test_a_word_made_of_words_also_matches_its_parts() -> None:
    assert parts("IT導入") == ["it", "導入"]
    assert parts("富山補助金") == ["富山", "補助金"]
    whole, cut = forms("IT導入")
    assert _words(whole)[0][0] == ("it導入", WHOLE)
    first, second = _words(cut)
    assert first[0] == ("it", PART) and (fold("デジタル"), PART_SYNONYM) in first
    assert second == [("導入", PART)]


@pytest.mark.parametrize("word", ["水素", "販路", "はんろかいたく", "そうぎょう", "6次産業化"])
def test_a_single_word_or_kana_is_not_cut(word: str) -> None:
    # Kana match the indexed readings whole; 6次産業化 cuts into 産業 and three single
    # characters, which would say nothing.
    assert parts(word) == []
    assert len(forms(word)) == 1


def test_a_forms_score_is_the_balanced_mean_of_its_slots() -> None:
    _, cut = forms("IT導入")
    assert cut.score([40, 20]) == 30
    # 導入 in a name (200) cannot carry IT found only in a tag (6): it counts as 4 × 6.
    assert cut.score([6, 200]) == (6 + 4 * 6) // 2


def test_a_word_holding_a_table_word_finds_it_and_its_group() -> None:
    assert {"it", "dx", "情報化"} <= set(synonyms(fold("デジタル化")))
    assert "起業" in synonyms("創業者")
    (whole,) = forms("補助金の")
    slot = _words(whole)[0]
    assert slot[:2] == [("補助金の", WHOLE), ("補助金", PART)]
    assert ("助成金", SYNONYM) in slot
    assert synonyms("item") == () and synonyms("security") == ()
    assert synonyms("富山補助金") == ()  # more than one character more: its parts match


def test_a_reading_of_a_table_word_takes_its_group() -> None:
    # The word itself is found through the readings stored with the texts.
    assert synonyms("そうぎょう") == synonyms(fold("創業"))
    assert "起業" in synonyms("そうぎょう") and "創業" not in synonyms("そうぎょう")
    assert {"販路拡大", "市場開拓"} <= set(synonyms("はんろかいたく"))
    (whole,) = forms("ソウギョウ")
    assert ("起業", SYNONYM) in _words(whole)[0]


def test_a_reading_two_groups_share_means_neither() -> None:
    groups = [
        SynonymGroup(words=["起業", "創業"], note="a"),
        SynonymGroup(words=["企業", "会社"], note="b"),
        SynonymGroup(words=["6次産業化", "六次産業化"], note="one group: one meaning"),
    ]
    found = by_reading(groups)
    assert "きぎょう" not in found  # 起業 or 企業
    assert found["そうぎょう"] == "創業"
    assert found["ろくじさんぎょうか"] == "6次産業化"


def test_a_word_found_as_typed_outranks_its_parts_found_apart() -> None:
    assert combine(0, 0) == 0
    assert combine(0, 10) == 10  # parts alone
    assert combine(12, 15) == PARTS_ALONE * 27
    assert combine(4, 0) > combine(0, 7) and PARTS_ALONE > 1


@pytest.mark.parametrize("word", ["\ud800漢字", "\udcff補助金", "\x00販路開拓", "販路\u200b開拓"])
def test_what_the_analyser_cannot_take_is_left_out(word: str) -> None:
    # A command line's undecodable bytes arrive as lone surrogates; the analyser's UTF-8
    # conversion refuses them, so they never reach it.
    assert forms(word)
