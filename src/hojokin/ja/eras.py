"""Japanese eras (元号) from 明治 on: documents still in circulation use 令和, 平成 and
昭和; company founding dates reach back to 明治."""

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
TAISHO = Era("大正", "T", date(1912, 7, 30), date(1926, 12, 24))
# 明治 was proclaimed on 1868-10-23 and applied from the first day of 慶応4年, which
# was 1868-01-25 on the Gregorian calendar. Japan kept the lunisolar calendar until
# 明治6年 (1873), so an earlier 明治 date is read and shown on the Gregorian calendar.
MEIJI = Era("明治", "M", date(1868, 1, 25), date(1912, 7, 29))
ERAS = (REIWA, HEISEI, SHOWA, TAISHO, MEIJI)
FIRST_DAY = MEIJI.first_day  # no era to write an earlier date in

# The letters only count on their own: the R in "CR2032" is not 令和. 明治 and 大正
# are read by name only: an M or T before a number is a size or a model far more
# often than a date in the documents read.
ERA_PATTERN = r"令和|平成|昭和|大正|明治|(?<![A-Za-z])[RHS]"


def era_named(name: str) -> Era:
    for era in ERAS:
        if name in (era.name, era.letter):
            return era
    raise KeyError(name)


def era_of(d: date) -> Era:
    for era in ERAS:
        if era.first_day <= d <= era.last_day:
            return era
    raise ValueError(f"{d} is before 明治, the first era supported")


def era_year(era: Era, numeral: str, text: str, reason: str) -> int:
    """Western year for an era year written as "元" or digits."""
    n = 1 if numeral == "元" else int(numeral)
    if n < 1:
        raise JaParseError(reason, text, f"{era.name} has no year {n}")
    last = era.last_day.year - era.offset
    if n > last:
        raise JaParseError(reason, text, f"{era.name} ended in its year {last}")
    return era.offset + n
