"""年度: the Japanese fiscal year, April 1 to March 31, named after its April."""

from __future__ import annotations

import re
from datetime import date

from .eras import ERA_PATTERN, HEISEI, REIWA, SHOWA, era_named, era_year
from .errors import JaParseError
from .periods import DateRange
from .text import compact

_READ = "年度として読めません"
_FISCAL_YEAR = re.compile(
    rf"(?P<era>{ERA_PATTERN})(?P<year>元|[0-9]{{1,4}})(?:\((?P<western>[0-9]{{4}})\))?年度"
    r"|(?<![0-9])(?P<plain>[0-9]{4})年度"
)


def fiscal_year_of(d: date) -> int:
    """The 年度 containing ``d``: date(2025, 3, 31) -> 2024, date(2025, 4, 1) -> 2025."""
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_range(fy: int) -> DateRange:
    """April 1 of ``fy`` to March 31 of the next year."""
    return DateRange(date(fy, 4, 1), date(fy + 1, 3, 31))


def parse_fiscal_year(text: str) -> int:
    """The one 年度 in ``text``: "令和4年度" -> 2022, "令和元年度" -> 2019, "H30年度" -> 2018.

    Era years are checked against the era's lifetime (平成31年度 exists, 平成32年度
    does not); a western year in parentheses must agree.
    """
    t = compact(text)
    matches = list(_FISCAL_YEAR.finditer(t))
    if not matches:
        raise JaParseError(_READ, text, "no 年度 found")
    if len(matches) > 1:
        raise JaParseError(_READ, text, f"{len(matches)} fiscal years found, expected one")
    m = matches[0]
    if m["plain"] is not None:
        fy = int(m["plain"])
    else:
        fy = era_year(era_named(m["era"]), m["year"], text, _READ)
        if m["western"] is not None and int(m["western"]) != fy:
            raise JaParseError("和暦と西暦が一致しません", text, f"era year is {fy}")
    # fiscal_year_range needs the following March to exist as a date.
    if not 1 <= fy <= date.max.year - 1:
        raise JaParseError(_READ, text, f"year {fy} is out of range")
    return fy


def fiscal_year_named(text: str) -> int:
    """``text`` naming one 年度 and nothing else: "令和4年度", "R4年度", "2022年度".

    What a form's 年度 field holds: unlike `parse_fiscal_year`, which finds the 年度 in a
    sentence, anything around it ("2021-2022年度", "-2022年度", "FY2022年度") is refused
    rather than dropped.
    """
    m = _FISCAL_YEAR.fullmatch(compact(text))
    if m is None:
        raise JaParseError(_READ, text, "not one 年度 alone")
    return parse_fiscal_year(m[0])


def format_fiscal_year(fy: int) -> str:
    """``fy`` in 和暦: 2022 -> "令和4年度", 2019 -> "令和元年度", 2018 -> "平成30年度".

    A fiscal year is named by the era in force on its April 1, except that the
    year an era began takes the new name (2019 is 令和元年度, 1989 is 平成元年度),
    which is how government documents write them. Before 1927 raises ValueError.
    """
    for era in (REIWA, HEISEI, SHOWA):
        if fy >= era.first_day.year:
            # 昭和元年度 would be the year that began in 大正15.
            if era is SHOWA and fy == era.first_day.year:
                break
            return f"{era.name}{era.year_label(fy)}年度"
    raise ValueError(f"fiscal year {fy} is before 昭和2年度")
