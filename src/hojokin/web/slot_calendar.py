"""A call's interview slots as a week calendar: one table per week in Japan, a column
for each weekday (月～金) and a row for each time of day, so that a call's slots fit on a
screen or two instead of one long column (the applicant's and the office's pages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from itertools import groupby

from hojokin.catalog.status import JST
from hojokin.ja.dates import WEEKDAYS
from hojokin.workflow.calendar import office_day
from hojokin.workflow.records import Slot

OFFICE_WEEK = 5  # Monday to Friday: slots are only ever on office days


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


@dataclass(frozen=True)
class WeekDay:
    day: date
    holiday: bool  # a weekday that is a public holiday

    @property
    def label(self) -> str:
        return day_label(self.day)


@dataclass(frozen=True)
class TimeRow:
    starts: time
    ends: time
    slots: list[Slot | None]  # one per weekday, None where that day has none

    @property
    def label(self) -> str:
        return f"{self.starts:%H:%M}～{self.ends:%H:%M}"


@dataclass(frozen=True)
class Week:
    days: list[WeekDay]
    rows: list[TimeRow]

    @property
    def label(self) -> str:
        return f"{self.days[0].label}～{self.days[-1].label}"


def _local(slot: Slot) -> tuple[date, time, time]:
    starts, ends = slot.starts_at.astimezone(JST), slot.ends_at.astimezone(JST)
    return starts.date(), starts.time(), ends.time()


def _monday(slot: Slot) -> date:
    day = _local(slot)[0]
    return day - timedelta(days=day.weekday())


def weeks(slots: list[Slot]) -> list[Week]:
    """The slots (in time order) by week in Japan, each week's times as rows."""
    found = []
    for monday, group in groupby(slots, key=_monday):
        in_week = list(group)
        days = [monday + timedelta(days=n) for n in range(OFFICE_WEEK)]
        by_place = {(_local(s)[0], _local(s)[1]): s for s in in_week}
        times = sorted({_local(s)[1:] for s in in_week})
        rows = [
            TimeRow(starts, ends, [by_place.get((day, starts)) for day in days])
            for starts, ends in times
        ]
        found.append(Week([WeekDay(d, not office_day(d)) for d in days], rows))
    return found
