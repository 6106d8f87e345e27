"""The interview calendar: office days are weekdays that are not Japanese public
holidays (`jpholiday`, which follows the 国民の祝日に関する法律 with its 振替休日 and
国民の休日), office hours 9:00–17:00 JST (the Tokyo call: 土日・祝日を除く、9時から17時まで).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import jpholiday

from hojokin.catalog.status import JST

OPENS = time(9, 0)
CLOSES = time(17, 0)


def office_day(day: date) -> bool:
    return day.weekday() < 5 and not jpholiday.is_holiday(day)


def at_jst(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=JST)


def slot_times(start: datetime, end: datetime, minutes: int) -> Iterator[tuple[datetime, datetime]]:
    """Each slot of `minutes` from 9:00 on the office days between `start` and `end`
    (aware instants), that lies wholly within both them and office hours."""
    length = timedelta(minutes=minutes)
    day = start.astimezone(JST).date()
    while day <= end.astimezone(JST).date():
        if office_day(day):
            begins, closes = at_jst(day, OPENS), at_jst(day, CLOSES)
            while begins + length <= closes:
                if start <= begins and begins + length <= end:
                    yield begins, begins + length
                begins += length
        day += timedelta(days=1)
