"""Rates: "2/3以内", "3分の2", "25%以下", "年 0.5%", "1.5倍"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from .errors import JaParseError
from .numbers import MAX_DIGITS, literal_value, parse_numeral
from .text import normalize

_READ = "率として読めません"

_NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_KANJI = r"[〇一二三四五六七八九十百千]+"
# Starting inside a numeral would read part of it, and rescanning every suffix
# of a long run is quadratic.
_NOT_AFTER_NUMBER = r"(?<![0-9.,〇一二三四五六七八九十百千])"
_RATE = re.compile(
    # 1/2 — but not a piece of 2024/6/13 or 1,2/3.
    rf"(?<![0-9.,/])(?P<num>[0-9]{{1,{MAX_DIGITS}}}) ?/ ?(?P<den>[0-9]{{1,{MAX_DIGITS}}})"
    r"(?![0-9]|[.,/][0-9])"
    # 3分の2 — denominator first; kanji allowed (三分の一, 十分の一).
    rf"|{_NOT_AFTER_NUMBER}(?P<bunbo>[0-9]+|{_KANJI}) ?分の ?(?P<bunshi>[0-9]+|{_KANJI})"
    rf"|{_NOT_AFTER_NUMBER}(?P<percent>{_NUM}) ?(?:%|パーセント)"
    rf"|{_NOT_AFTER_NUMBER}(?P<times>{_NUM}|[一二三四五六七八九十]) ?倍"
    # 3割 is 30%; 割合 and 割当 are different words.
    rf"|{_NOT_AFTER_NUMBER}(?P<wari>[0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十]) ?割(?![合当])"
)

# Subsidy rates in slash form have small denominators (1/2 … 9/10, 10/10); a
# larger one is far more likely a date such as 6/13.
_MAX_SLASH_DENOMINATOR = 10


def _number(numeral: str, text: str) -> Fraction:
    if numeral[0] in "0123456789":
        return literal_value(numeral, text, _READ)
    return parse_numeral(numeral, text, _READ)


def _ratio(numerator: Fraction, denominator: Fraction, text: str) -> Fraction:
    if denominator == 0:
        raise JaParseError(_READ, text, "denominator is zero")
    return numerator / denominator


def _rate_of(m: re.Match[str], text: str) -> Fraction:
    if m["num"] is not None:
        return _ratio(_number(m["num"], text), _number(m["den"], text), text)
    if m["bunbo"] is not None:
        return _ratio(_number(m["bunshi"], text), _number(m["bunbo"], text), text)
    if m["percent"] is not None:
        return _number(m["percent"], text) / 100
    if m["times"] is not None:
        return _number(m["times"], text)
    return _number(m["wari"], text) / 10


def _matches(text: str) -> Iterator[re.Match[str]]:
    return _RATE.finditer(normalize(text))


def parse_rate(text: str) -> Fraction:
    """The single rate written in ``text`` as a reduced Fraction.

    "補助対象経費の2/3以内" -> 2/3, "4分の1以上" -> 1/4, "年 0.5%" -> 1/200,
    "1.5倍" -> 3/2 (a multiplier). No rate, several rates or a zero
    denominator raise JaParseError.
    """
    matches = list(_matches(text))
    if not matches:
        raise JaParseError(_READ, text, "no rate found")
    if len(matches) > 1:
        raise JaParseError(_READ, text, f"{len(matches)} rates found, expected one")
    return _rate_of(matches[0], text)


def find_rates(text: str) -> list[Fraction]:
    """Every rate in ``text``, in order: "(中小 2/3、小規模 3/4、下限 300 千円)" -> [2/3, 3/4].

    Slash forms count only with a denominator of at most 10 and a numerator no
    larger, so "6/13" is taken for a date; unreadable candidates are skipped.
    """
    return [rate for _, _, rate in rate_spans(text)]


def rate_spans(text: str) -> list[tuple[int, int, Fraction]]:
    """``find_rates`` with where each rate is written in ``normalize(text)``:
    (start, end, rate), so that a caller can quote it and read the words around it."""
    found: list[tuple[int, int, Fraction]] = []
    for m in _matches(text):
        if m["num"] is not None and not (
            len(m["den"]) <= 2 and int(m["num"]) <= int(m["den"]) <= _MAX_SLASH_DENOMINATOR
        ):
            continue
        try:
            found.append((m.start(), m.end(), _rate_of(m, text)))
        except JaParseError:
            continue
    return found
