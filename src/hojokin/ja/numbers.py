"""Numerals as written in Japanese documents: 2,000 / 1.5 / 三百 / 1億5千万.

Everything here works on text that has already been through ``normalize``.
Values are exact ``Fraction``s; callers decide whether a fraction is acceptable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .errors import JaParseError

KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}

# More digits than any real figure has; the cap keeps int() below Python's
# 4,300-digit conversion limit and keeps hostile input cheap.
MAX_DIGITS = 24

# Loose on purpose: "1,2,3" is taken whole and then rejected, not read as "3".
_LITERAL = r"[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?"
_TOKEN = re.compile(
    rf"(?P<lit>{_LITERAL})|(?P<kd>[{''.join(KANJI_DIGITS)}])|(?P<unit>[十百千万億兆])"
)
_UNIT = re.compile(r"[十百千万億兆]")
# Thousands separators must sit every three digits: "2,0,0" is a typo, not 200.
_WELL_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class NumberSpan:
    """A run of numeral tokens in a text, not yet checked for sense."""

    start: int
    end: int
    tokens: tuple[str, ...]

    @property
    def has_arabic(self) -> bool:
        return any(tok[0] in "0123456789" for tok in self.tokens)


def scan_numbers(text: str) -> list[NumberSpan]:
    """Every maximal numeral run in ``text``, left to right.

    A single space is allowed before a unit character because PDF extraction
    writes "4,000 万円" and "500 千円"; a space between two digit groups ends the
    run, so "1 案件につき 700 万円" stays two numbers.
    """
    spans: list[NumberSpan] = []
    i = 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if m is None:
            i += 1
            continue
        start = i
        tokens = [m.group()]
        i = m.end()
        while True:
            m = _TOKEN.match(text, i)
            if m is None and text.startswith(" ", i):
                m = _UNIT.match(text, i + 1)
            if m is None:
                break
            tokens.append(m.group())
            i = m.end()
        spans.append(NumberSpan(start, i, tuple(tokens)))
    return spans


def literal_value(literal: str, text: str, reason: str) -> Fraction:
    """The exact value of an arabic literal such as "1,344.7"."""
    if not _WELL_GROUPED.fullmatch(literal):
        raise JaParseError(reason, text, f"bad digit grouping in {literal!r}")
    if sum(ch.isdigit() for ch in literal) > MAX_DIGITS:
        raise JaParseError(reason, text, f"more than {MAX_DIGITS} digits")
    return Fraction(literal.replace(",", ""))


def evaluate(tokens: tuple[str, ...], text: str, reason: str) -> Fraction:
    """The value of one numeral run, e.g. ("1", "億", "5", "千", "万") -> 150000000.

    Units must descend ("千千", "1億億" are errors) and each part must fit below
    the unit before it ("1万20000" is an error), which is what keeps typos from
    turning into plausible wrong amounts.
    """
    total = Fraction(0)
    section = Fraction(0)
    coefficient: Fraction | None = None
    last_small = 10**4  # nothing seen yet in this section
    last_big: int | None = None
    section_used = False

    def add_to_section(term: Fraction) -> None:
        nonlocal section
        if last_small < 10**4 and term >= last_small:
            raise JaParseError(reason, text, "a part is too big for the unit before it")
        section += term

    for tok in tokens:
        if tok in KANJI_DIGITS or tok[0] in "0123456789":
            if coefficient is not None:
                raise JaParseError(reason, text, "two numbers without a unit between them")
            if tok in KANJI_DIGITS:
                coefficient = Fraction(KANJI_DIGITS[tok])
            else:
                coefficient = literal_value(tok, text, reason)
            section_used = True
        elif tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            if unit >= last_small:
                raise JaParseError(reason, text, f"unit {tok} out of order")
            # A bare 十/百/千 means one of them: 千円 is 1,000 yen.
            add_to_section((Fraction(1) if coefficient is None else coefficient) * unit)
            coefficient = None
            last_small = unit
            section_used = True
        else:
            big = BIG_UNITS[tok]
            if last_big is not None and big >= last_big:
                raise JaParseError(reason, text, f"unit {tok} out of order")
            if not section_used:
                # "億円" or "万円" alone names no amount.
                raise JaParseError(reason, text, f"no number before {tok}")
            if coefficient is not None:
                add_to_section(coefficient)
            if last_big is not None and section * big >= last_big:
                raise JaParseError(reason, text, f"part before {tok} is too big")
            total += section * big
            section, coefficient, last_small, last_big = Fraction(0), None, 10**4, big
            section_used = False
    if coefficient is not None:
        add_to_section(coefficient)
    if last_big is not None and section >= last_big:
        raise JaParseError(reason, text, "trailing part is too big")
    return total + section


def parse_numeral(numeral: str, text: str, reason: str) -> Fraction:
    """The value of a string that is exactly one numeral, e.g. "三" or "2,000"."""
    spans = scan_numbers(numeral)
    if len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(numeral):
        raise JaParseError(reason, text, f"{numeral!r} is not a number")
    return evaluate(spans[0].tokens, text, reason)


def to_decimal(value: Fraction) -> Decimal:
    """Exact Decimal for a fraction whose denominator divides a power of ten."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    power = 1
    for exponent in range(1, 4 * MAX_DIGITS):
        power *= 10
        if power % value.denominator == 0:
            # Building from a string is exact; arithmetic would round to the context.
            return Decimal(f"{value.numerator * (power // value.denominator)}E-{exponent}")
    raise ValueError(f"{value} has no finite decimal expansion")
