"""Yen amounts: reading "2,000千円" / "１億５千万円" / "三百万円" and writing them back."""

from __future__ import annotations

import re
from fractions import Fraction

from .errors import JaParseError
from .numbers import KANJI_DIGITS, MAX_DIGITS, NumberSpan, evaluate, scan_numbers
from .text import normalize

AMOUNT_STYLES = ("yen", "sen", "man", "oku", "kanji", "fullwidth")

_READ = "金額として読めません"
_YEN_AFTER = re.compile(r" ?円")
_KANJI_ONLY = re.compile(r"[〇零一二三四五六七八九十百千万億兆]+")


def _is_amount(text: str, span: NumberSpan) -> bool:
    if _YEN_AFTER.match(text, span.end) is None:
        return False
    before = text[span.start - 1] if span.start else ""
    # "数十万円" and "何千円" are vague sizes, not amounts.
    if before in ("数", "何"):
        return False
    # "関東一円" means "all over Kanto"; a one-yen amount spelled in kanji right
    # after another kanji is that idiom, never a figure in these documents.
    return not (span.tokens == ("一",) and bool(before) and _is_ideograph(before))


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "々"


def _whole_yen(value: Fraction, text: str) -> int:
    if value.denominator != 1:
        raise JaParseError(_READ, text, "not a whole number of yen")
    return value.numerator


def parse_amount(text: str) -> int:
    """The single yen amount written in ``text``, e.g. "上限額 500 千円" -> 500000.

    Words around the amount (上限, を限度, 以内, （税抜）…) are ignored; numbers
    without 円 are not amounts. No amount, several amounts, a malformed numeral
    or a fraction of a yen raise JaParseError.
    """
    t = normalize(text)
    spans = [s for s in scan_numbers(t) if _is_amount(t, s)]
    if not spans:
        raise JaParseError(_READ, text, "no amount in yen found")
    if len(spans) > 1:
        raise JaParseError(_READ, text, f"{len(spans)} amounts found, expected one")
    return _whole_yen(evaluate(spans[0].tokens, text, _READ), text)


def find_amounts(text: str) -> list[int]:
    """Every well-formed yen amount in ``text``, in order of appearance.

    Malformed numerals before 円 are skipped rather than raised: this reads
    whole paragraphs, where one typo should not hide the other amounts.
    """
    return [yen for _, _, yen in amount_spans(text)]


def amount_spans(text: str) -> list[tuple[int, int, int]]:
    """``find_amounts`` with where each amount is written in ``normalize(text)``:
    (start, end, yen), the end after its 円, so that a caller can quote it."""
    t = normalize(text)
    found: list[tuple[int, int, int]] = []
    for span in scan_numbers(t):
        if not _is_amount(t, span):
            continue
        try:
            yen = _whole_yen(evaluate(span.tokens, text, _READ), text)
        except JaParseError:
            continue
        after = _YEN_AFTER.match(t, span.end)
        found.append((span.start, after.end() if after else span.end, yen))
    return found


_KANJI_FOR = {value: ch for ch, value in KANJI_DIGITS.items() if ch != "零"}
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_GROUPS = ((10**12, "兆"), (10**8, "億"), (10**4, "万"))


def _kanji_below_10000(n: int) -> str:
    out = []
    for value, ch in ((1000, "千"), (100, "百"), (10, "十")):
        count, n = divmod(n, value)
        if count:
            # 千五百, not 一千五百: the common way to write it.
            out.append(("" if count == 1 else _KANJI_FOR[count]) + ch)
    if n:
        out.append(_KANJI_FOR[n])
    return "".join(out)


def _grouped(n: int) -> list[tuple[int, str]]:
    # The largest unit takes whatever is left above it, so 兆 may carry 12,345.
    parts = []
    for value, ch in _GROUPS:
        count, n = divmod(n, value)
        if count:
            parts.append((count, ch))
    if n:
        parts.append((n, ""))
    return parts


def format_amount(yen: int, style: str) -> str:
    """Write ``yen`` in one of AMOUNT_STYLES.

    "yen" 2,000,000円 · "sen" 2,000千円 · "man" 200万円 · "oku" 1億5,000万円 ·
    "kanji" 二百万円 · "fullwidth" ２,０００,０００円. Raises ValueError when the
    style cannot express the value (negative, not a multiple of 千/万, or beyond
    the largest kanji unit).
    """
    if yen < 0:
        raise ValueError(f"amounts are never negative: {yen}")
    if style == "yen":
        return f"{yen:,}円"
    if style == "fullwidth":
        return f"{yen:,}円".translate(_FULLWIDTH)
    if style == "sen":
        if yen % 1000:
            raise ValueError(f"{yen} is not a whole number of 千円")
        return f"{yen // 1000:,}千円"
    if style == "man":
        if yen % 10_000:
            raise ValueError(f"{yen} is not a whole number of 万円")
        return f"{yen // 10_000:,}万円"
    if style == "oku":
        if yen == 0:
            return "0円"
        return "".join(f"{count:,}{unit}" for count, unit in _grouped(yen)) + "円"
    if style == "kanji":
        if yen == 0:
            return "〇円"
        if yen >= 10**16:
            raise ValueError(f"{yen} needs a unit above 兆")
        return "".join(_kanji_below_10000(count) + unit for count, unit in _grouped(yen)) + "円"
    raise ValueError(f"unknown amount style {style!r}; expected one of {AMOUNT_STYLES}")


MAX_FIELD_CHARS = 30  # longer than any real value; keeps hostile input cheap
MAX_FIELD_YEN = 10 * 10**12  # 10兆円: far above any program's figures, so more is a typo
FIELD_READ = "金額として読めません。数字で入力してください（例 10000000、1,000万円、1億円）"
FIELD_TOO_BIG = "金額が大きすぎます。桁を確認してください（10兆円まで）"
FIELD_SPACED = "数字の間に空白があります。空白を除いて入力してください（例 3000000000）"
# Checked on the raw text, before NFKC (which would turn ① and ² into digits):
# half/full-width digits, thousands commas, the units people type, 円 and spaces.
_FIELD_CHARS = re.compile(r"[0-9０-９,，千万億兆円 　]+")
_DIGIT_SPACE_DIGIT = re.compile(r"[0-9][ 　]+[0-9]")


def read_amount_field(text: str) -> int:
    """The amount a whole form field spells: "10,000,000", "１０００万円", "4億 5000万円".

    Unlike parse_amount, which finds one amount inside a sentence, every character
    must belong to the amount: "1e9", "1/2", "5²", "abc100", "100～200万円" and
    "3 000 000 000" are refused rather than read in part. Raises JaParseError whose
    ``reason`` is a Japanese message for the field.
    """
    t = text.strip()
    if len(t) > MAX_FIELD_CHARS:
        raise JaParseError(FIELD_TOO_BIG, text, f"more than {MAX_FIELD_CHARS} characters")
    if not _FIELD_CHARS.fullmatch(t):
        raise JaParseError(FIELD_READ, text, "characters other than digits and units")
    t = normalize(t)
    # Spaced digit groups are refused, not guessed: "300 000" could be one or two numbers.
    if _DIGIT_SPACE_DIGIT.search(t):
        raise JaParseError(FIELD_SPACED, text, "spaces between digits")
    numeral = t.replace(" ", "").removesuffix("円")
    if not numeral or "円" in numeral:
        raise JaParseError(FIELD_READ, text, "not one amount")
    spans = scan_numbers(numeral)
    if len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(numeral):
        raise JaParseError(FIELD_READ, text, "not one amount")
    if any(tok in KANJI_DIGITS for tok in spans[0].tokens):  # 〇 is outside _FIELD_CHARS
        raise JaParseError(FIELD_READ, text, "kanji digits")
    # evaluate() refuses more than MAX_DIGITS digits as unreadable; here it is a size.
    if sum(ch.isdigit() for ch in numeral) > MAX_DIGITS:
        raise JaParseError(FIELD_TOO_BIG, text, f"more than {MAX_DIGITS} digits")
    yen = _whole_yen(evaluate(spans[0].tokens, text, FIELD_READ), text)
    if yen > MAX_FIELD_YEN:
        raise JaParseError(FIELD_TOO_BIG, text, "above 10兆円")
    return yen


def yen_label(yen: int | None) -> str:
    """Amounts as people read them: 10億円, 1億5,000万円, 250万円, 4,465,977円 (— for none)."""
    if yen is None:
        return "—"
    return format_amount(yen, "oku" if yen % 10_000 == 0 else "yen")
