"""Report figures: "約1兆1,344.7億円", "延べ1,392回", "96.2％", "77t-CO2"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .errors import JaParseError
from .numbers import NumberSpan, evaluate, scan_numbers, to_decimal
from .text import normalize

_READ = "数値として読めません"

# A counter word: "%", a Latin unit that may carry digits (t-CO2, m2), or a run
# of kanji/katakana (件, 店舗, 市町村, カ所) optionally continued in kana.
_UNIT = re.compile(
    r" ?(%|[A-Za-z][A-Za-z0-9\-/]*|(?:か所|[\u30a0-\u30ff\u3400-\u9fff々ヶ〆])"
    r"[\u3040-\u30ff\u3400-\u9fff々ヶ〆]*)?"
)
_APPROX_BEFORE = re.compile(r"(約|概ね|おおむね|およそ|凡そ) ?$")
_APPROX_AFTER = ("程度", "前後", "余り", "ほど", "くらい", "ぐらい", "強", "弱", "余")
# Bounds change what the figure means; Figure has no field for them, so they
# are refused rather than dropped.
_BOUNDS = ("以上", "以下", "未満", "超", "以内", "まで")
_TRAILING_PUNCTUATION = ")]」』】》〉。、,.;: "


@dataclass(frozen=True)
class Figure:
    """A reported quantity. Money is in yen (unit "円"); otherwise the counter word."""

    value: Decimal
    unit: str
    approximate: bool = False


def _first_figure(t: str) -> NumberSpan | None:
    spans = scan_numbers(t)
    arabic = [s for s in spans if s.has_arabic]
    if arabic:
        return arabic[0]
    # Report figures are written in arabic digits; kanji numerals count only as
    # money ("三百万円"), because 一般, 千葉 and 十分 are ordinary words.
    yen = [s for s in spans if t.startswith("円", s.end) or t.startswith(" 円", s.end)]
    return yen[0] if len(yen) == 1 else None


def parse_figure(text: str) -> Figure:
    """The one figure in ``text``; a label before it ("支給総額 ") is allowed.

    Returns the exact value, scaled by 千/万/億/兆 (so "51.7億円" is 5,170,000,000
    yen and "1.2万人" is 12,000 people), its unit, and whether 約/程度 marked it
    approximate. Anything after the unit except an approximation word, and a
    second number, raise JaParseError.
    """
    t = normalize(text)
    span = _first_figure(t)
    if span is None:
        raise JaParseError(_READ, text, "no figure found")
    value = evaluate(span.tokens, text, _READ)
    unit_match = _UNIT.match(t, span.end)
    unit = (unit_match.group(1) if unit_match else None) or ""
    rest = t[unit_match.end() if unit_match else span.end :].strip()
    approximate = _APPROX_BEFORE.search(t[: span.start]) is not None
    for word in _APPROX_AFTER:
        if unit.endswith(word):
            unit, approximate = unit[: -len(word)], True
            break
        if rest.startswith(word):
            rest, approximate = rest[len(word) :].strip(), True
            break
    if any(unit.endswith(word) for word in _BOUNDS):
        raise JaParseError(_READ, text, "a bound (以上, 以下…) is not a figure")
    # Closing brackets and sentence punctuation belong to the surrounding prose.
    if rest.strip(_TRAILING_PUNCTUATION):
        raise JaParseError(_READ, text, f"unexpected text after the figure: {rest!r}")
    return Figure(to_decimal(value), unit, approximate)
