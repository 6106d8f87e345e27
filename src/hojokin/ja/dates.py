"""Dates in 和暦 and western forms: "令和6年6月13日（木）", "R2(2020).10.９", "2024-06-01".

Dates are read from ``compact`` text because PDF extraction scatters spaces
through them ("令和6 年6 月", "3 1日"). The same scanner finds single dates
for ``parse_date`` and from–to pairs for ``parse_period``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from .eras import ERA_PATTERN, Era, era_named, era_of, era_year
from .errors import JaParseError
from .text import compact

READ = "日付として読めません"
WEEKDAYS = "月火水木金土日"

_ERA_YEAR = re.compile(
    rf"(?P<era>{ERA_PATTERN})(?P<year>元|[0-9]{{1,4}})(?:\((?P<western>[0-9]{{4}})\))?"
)
_ERA_REST = re.compile(
    # 令和6年6月…; 年度 is a fiscal year, not a date.
    r"年(?!度)(?P<m1>[0-9]{1,2})月"
    # R2.10.9 / R2.10 / R4.9月
    r"|[./](?P<m2>[0-9]{1,2})(?:月|[./](?P<d2>[0-9]{1,2})日?(?![0-9])|(?![0-9]))"
)
_WESTERN = re.compile(r"(?<![0-9])(?P<year>[0-9]{4})年(?!度)(?P<month>[0-9]{1,2})月")
_WESTERN_NUMERIC = re.compile(
    r"(?<![0-9.,/-])(?P<year>[0-9]{4})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)"
    r"(?P<day>[0-9]{1,2})(?![0-9])"
)
_MONTH = re.compile(r"(?<![0-9.])(?P<month>[0-9]{1,2})月")
_DAY_ONLY = re.compile(r"(?<![0-9])(?P<day>[0-9]{1,2})(?P<suffix>日?)(?![0-9])")
_DAY = re.compile(r"(?P<day>[0-9]{1,2})日|(?P<end>末日?)|(?P<xun>[上中下初])旬")
_WEEKDAY = re.compile(
    rf"\((?P<wd>[{WEEKDAYS}])(?:曜日?)?(?:・?祝日?)?\)"
    # A holiday mark alone says nothing checkable about the day.
    r"|\((?:祝|休)日?\)"
)
_RANGE_MARK = re.compile(r"～|から|以降、?")
_XUN_DAYS = {"上": (1, 10), "初": (1, 10), "中": (11, 20), "下": (21, 31)}


@dataclass(frozen=True)
class DatePart:
    """One side of a date or period as written, before any year is inherited."""

    year: int | None = None
    era: Era | None = None
    western_check: int | None = None
    month: int | None = None
    day: int | None = None
    month_end: bool = False
    xun: str | None = None
    weekday: str | None = None
    # A bare number after a range mark ("10.10～11") whose unit the start decides.
    bare: bool = False

    @property
    def single_day(self) -> bool:
        return self.day is not None or self.month_end


@dataclass(frozen=True)
class DateGroup:
    """A date, or a start and end joined by ～ / から, found in a text."""

    start: DatePart
    end: DatePart | None
    begin: int
    stop: int


def _weekday(t: str, i: int, part: DatePart) -> tuple[DatePart, int]:
    w = _WEEKDAY.match(t, i)
    if w is None:
        return part, i
    return replace(part, weekday=w["wd"]), w.end()


def _day_and_weekday(t: str, i: int, part: DatePart) -> tuple[DatePart, int]:
    m = _DAY.match(t, i)
    if m is not None:
        if m["day"] is not None:
            part = replace(part, day=int(m["day"]))
        elif m["end"] is not None:
            part = replace(part, month_end=True)
        else:
            part = replace(part, xun=m["xun"])
        i = m.end()
    return _weekday(t, i, part)


def _read_era(t: str, i: int, text: str) -> tuple[DatePart, int] | None:
    m = _ERA_YEAR.match(t, i)
    if m is None:
        return None
    rest = _ERA_REST.match(t, m.end())
    if rest is None:
        return None
    era = era_named(m["era"])
    year = era_year(era, m["year"], text, READ)
    western = int(m["western"]) if m["western"] else None
    part = DatePart(year=year, era=era, western_check=western)
    if rest["m1"] is not None:
        return _day_and_weekday(t, rest.end(), replace(part, month=int(rest["m1"])))
    part = replace(part, month=int(rest["m2"]))
    if rest["d2"] is not None:
        return _weekday(t, rest.end(), replace(part, day=int(rest["d2"])))
    if rest.group().endswith("月"):
        return _day_and_weekday(t, rest.end(), part)
    return part, rest.end()


def _read_part(t: str, i: int, text: str, *, as_end: bool) -> tuple[DatePart, int] | None:
    found = _read_era(t, i, text)
    if found is not None:
        return found
    m = _WESTERN_NUMERIC.match(t, i)
    if m is not None:
        part = DatePart(year=int(m["year"]), month=int(m["month"]), day=int(m["day"]))
        return _weekday(t, m.end(), part)
    m = _WESTERN.match(t, i)
    if m is not None:
        part = DatePart(year=int(m["year"]), month=int(m["month"]))
        return _day_and_weekday(t, m.end(), part)
    m = _MONTH.match(t, i)
    if m is not None:
        return _day_and_weekday(t, m.end(), DatePart(month=int(m["month"])))
    if as_end:
        m = _DAY_ONLY.match(t, i)
        if m is not None:
            return _weekday(t, m.end(), DatePart(day=int(m["day"]), bare=not m["suffix"]))
    return None


def scan_dates(t: str, text: str) -> list[DateGroup]:
    """Dates and from–to pairs in compact text ``t``, left to right.

    Day-only parts ("31日", "11") are read only right after a range mark, since
    elsewhere they are durations ("4泊5日") or times.
    """
    groups: list[DateGroup] = []
    i = 0
    while i < len(t):
        found = _read_part(t, i, text, as_end=False)
        if found is None:
            i += 1
            continue
        start, j = found
        end = None
        mark = _RANGE_MARK.match(t, j)
        if mark is not None:
            after = _read_part(t, mark.end(), text, as_end=True)
            if after is not None:
                end, j = after
        groups.append(DateGroup(start, end, i, j))
        i = j
    return groups


def make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise JaParseError(READ, text, f"no such day {year}-{month}-{day}") from exc


def days_of(part: DatePart, year: int, month: int, text: str) -> tuple[date, date]:
    """First and last day a part denotes once its year and month are known."""
    first_of_month = make_date(year, month, 1, text)
    last_day = calendar.monthrange(first_of_month.year, first_of_month.month)[1]
    if part.day is not None:
        first = last = make_date(year, month, part.day, text)
    elif part.month_end:
        first = last = make_date(year, month, last_day, text)
    elif part.xun is not None:
        low, high = _XUN_DAYS[part.xun]
        first = make_date(year, month, low, text)
        last = make_date(year, month, min(high, last_day), text)
    else:
        first, last = first_of_month, make_date(year, month, last_day, text)
    _check(part, first, last, text)
    return first, last


class OutsideEraError(JaParseError):
    """An era date before the era began or after it ended; `day` is the western date."""

    def __init__(self, era: Era, day: date, text: str) -> None:
        super().__init__(
            f"{era.name}の期間外の日付です",
            text,
            f"{era.name} runs from {era.first_day} to {era.last_day}",
        )
        self.era = era
        self.day = day


def _check(part: DatePart, first: date, last: date, text: str) -> None:
    if part.western_check is not None and part.western_check != first.year:
        raise JaParseError(
            "和暦と西暦が一致しません", text, f"era year is {first.year}, not {part.western_check}"
        )
    era = part.era
    if era is not None and not (era.first_day <= first and last <= era.last_day):
        raise OutsideEraError(era, first, text)
    if part.weekday is not None:
        if first != last:
            raise JaParseError(READ, text, "a weekday needs a single day")
        actual = WEEKDAYS[first.weekday()]
        if actual != part.weekday:
            raise JaParseError(
                "曜日が日付と一致しません", text, f"{first} is a {actual}曜日, not {part.weekday}"
            )


def only_group(text: str, missing: str, plural: str) -> tuple[str, DateGroup]:
    """The compacted text and its single date group; none or several raise."""
    t = compact(text)
    groups = scan_dates(t, text)
    if not groups:
        raise JaParseError(READ, text, f"no {missing} found")
    if len(groups) > 1:
        raise JaParseError(READ, text, f"{len(groups)} {plural} found, expected one")
    return t, groups[0]


def parse_date(text: str, *, default_year: int | None = None) -> date:
    """The single calendar day written in ``text``.

    Accepts 和暦 (令和/平成/昭和, also R/H/S with dots), western "2024年6月1日" and
    "2024-06-01", 末日 for the month's last day, a weekday in parentheses (which
    must be right) and surrounding words such as 時点. A month and day without a
    year take ``default_year``.
    """
    _, group = only_group(text, "date", "dates")
    if group.end is not None:
        raise JaParseError(READ, text, "this is a period; use parse_period")
    part = group.start
    if not part.single_day:
        raise JaParseError(READ, text, "no day of the month")
    year = part.year if part.year is not None else default_year
    if year is None or part.month is None:
        raise JaParseError(READ, text, "no year; pass default_year")
    return days_of(part, year, part.month, text)[0]


@dataclass(frozen=True)
class TypedDate:
    """A date a person typed, and how it was read when that differs from what was typed."""

    value: date
    note: str | None = None


def read_typed_date(text: str) -> TypedDate:
    """`parse_date` for a date a person types into a form.

    A date past the end of an era that outlived its end (平成31年5月1日) is that day,
    with a note saying so; any other date outside its era is an error that suggests
    the date in the era it falls in (昭和64年1月8日 → 平成元年1月8日).
    """
    try:
        return TypedDate(parse_date(text))
    except OutsideEraError as exc:
        written = text.strip()
        try:
            right = format_wareki(exc.day)
        except ValueError:  # before 明治: no era to suggest
            raise exc from None
        era, day = exc.era, exc.day
        if era.outlived and day > era.last_day:
            return TypedDate(day, f"{written}は{right}として読みました")
        bound, word = (era.first_day, "から") if day < era.first_day else (era.last_day, "まで")
        within = f"{era.name}は{era.year_label(bound.year)}年{bound.month}月{bound.day}日{word}"
        reason = f"{written}という日はありません（{within}）。{right}ではありませんか"
        raise JaParseError(reason, text, exc.detail) from None


def format_western(d: date) -> str:
    """A date in the western calendar as Japanese write it: 2024年5月7日."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_wareki(d: date, *, weekday: bool = False) -> str:
    """``d`` in 和暦: "令和6年6月13日", with weekday=True "令和6年6月13日（木）"."""
    era = era_of(d)
    out = f"{era.name}{era.year_label(d.year)}年{d.month}月{d.day}日"
    if weekday:
        out += f"（{WEEKDAYS[d.weekday()]}）"
    return out
