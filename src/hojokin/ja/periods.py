"""Periods: "令和6年6月13日（木）～11月12日（火）", "R4.10～11月頃", "令和7年4月"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import READ, DateGroup, DatePart, days_of, only_group, scan_dates
from .errors import JaParseError
from .text import compact

_APPROXIMATE_AFTER = re.compile(r"(?:まで)?(?:頃|ごろ)")
# A lone date followed by these is half of an open period, not a period.
_OPEN_ENDED_AFTER = re.compile(r"以降|以後|から|より|まで|以前")


@dataclass(frozen=True)
class DateRange:
    """Days from ``start`` to ``end``, both included."""

    start: date
    end: date
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise JaParseError("期間の終わりが始まりより前です", f"{self.start}～{self.end}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def _is_month_only(part: DatePart) -> bool:
    return not part.single_day and part.xun is None


def _resolve(group: DateGroup, default_year: int | None, text: str) -> tuple[date, date]:
    start = group.start
    year = start.year if start.year is not None else default_year
    if year is None or start.month is None:
        raise JaParseError(READ, text, "no year; pass default_year")
    first, last = days_of(start, year, start.month, text)
    end = group.end
    if end is None:
        return first, last
    if end.year is not None and end.month is not None:
        return first, days_of(end, end.year, end.month, text)[1]
    if end.month is None and not (end.bare and _is_month_only(start)):
        # "10日～11日", "5月19日～31日": same month as the start.
        return first, days_of(end, year, start.month, text)[1]
    if end.month is not None:
        month, end_part = end.month, end
    else:
        # "R4.10～11": a bare number after a month is a month.
        month, end_part = end.day or 0, DatePart()
    # "令和２年11月～2月": an earlier month without a year is in the next year.
    end_year = year + 1 if month < start.month else year
    return first, days_of(end_part, end_year, month, text)[1]


def parse_period(text: str, *, default_year: int | None = None) -> DateRange:
    """The one period written in ``text``.

    A range is two dates joined by ～ or から…まで; the end inherits the era, year
    and month it leaves out, and rolls into the next year when its month is
    earlier. A month alone covers the whole month, 上旬/中旬/下旬 a third of it,
    and 頃 or 旬 marks the range approximate. A single date is a one-day period.
    Several periods, open ends ("以降" alone), end before start and impossible
    days raise JaParseError.
    """
    t, group = only_group(text, "date or period", "periods")
    return _period_of(group, t, text, default_year)


def _period_of(group: DateGroup, t: str, text: str, default_year: int | None) -> DateRange:
    if group.end is None and _OPEN_ENDED_AFTER.match(t, group.stop):
        raise JaParseError(READ, text, "open-ended period: only one end is given")
    first, last = _resolve(group, default_year, text)
    approximate = (
        _APPROXIMATE_AFTER.match(t, group.stop) is not None
        or group.start.xun is not None
        or (group.end is not None and group.end.xun is not None)
    )
    if last < first:
        raise JaParseError("期間の終わりが始まりより前です", text, f"{first} > {last}")
    return DateRange(first, last, approximate)


def period_spans(text: str, *, default_year: int | None = None) -> list[tuple[int, int, DateRange]]:
    """Every date or period in ``text`` that reads as in ``parse_period``, with where it is
    written in ``compact(text)``: (start, end, range). Open ends and impossible days are
    skipped: this reads whole lines, where one bad date should not hide the others."""
    t = compact(text)
    found: list[tuple[int, int, DateRange]] = []
    for group in scan_dates(t, text):
        try:
            found.append((group.begin, group.stop, _period_of(group, t, text, default_year)))
        except JaParseError:
            continue
    return found
