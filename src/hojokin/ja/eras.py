"""Japanese eras (元号) used in documents still in circulation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import JaParseError


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_day: date
    last_day: date
    # Whether dates past the era's end were written in it and still count: 令和 was
    # announced a month ahead, and forms printed 平成31年 went on being used (and
    # accepted) after 5月1日. 平成 was named on the day 昭和 ended, so nobody could
    # have written 昭和64年1月8日 on purpose.
    outlived: bool = False

    @property
    def offset(self) -> int:
        """Add to the era year to get the western year (令和: 2018)."""
        return self.first_day.year - 1

    def year_label(self, western_year: int) -> str:
        n = western_year - self.offset
        # The first year is written 元年, never 1年.
        return "元" if n == 1 else str(n)


REIWA = Era("令和", "R", date(2019, 5, 1), date.max)
HEISEI = Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30), outlived=True)
SHOWA = Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7))
ERAS = (REIWA, HEISEI, SHOWA)

# The letters only count on their own: the R in "CR2032" is not 令和.
ERA_PATTERN = r"令和|平成|昭和|(?<![A-Za-z])[RHS]"


def era_named(name: str) -> Era:
    for era in ERAS:
        if name in (era.name, era.letter):
            return era
    raise KeyError(name)


def era_of(d: date) -> Era:
    for era in ERAS:
        if era.first_day <= d <= era.last_day:
            return era
    raise ValueError(f"{d} is before 昭和; only 昭和, 平成 and 令和 are supported")


def era_year(era: Era, numeral: str, text: str, reason: str) -> int:
    """Western year for an era year written as "元" or digits."""
    n = 1 if numeral == "元" else int(numeral)
    if n < 1:
        raise JaParseError(reason, text, f"{era.name} has no year {n}")
    last = era.last_day.year - era.offset
    if n > last:
        raise JaParseError(reason, text, f"{era.name} ended in its year {last}")
    return era.offset + n
