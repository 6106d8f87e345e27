"""What an amount's steps did, as codes and values: each cut is a `Limit`, each thing
worth knowing about how the yen were counted a `Remark`. The front ends word them
(`views.wording`); category names and variant labels are the catalog's, as it names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import ClassVar

from hojokin.catalog.primitives import Citation

# --- limits: cuts, refusals and cautions, each with its yen and its citation -----


@dataclass(frozen=True)
class CategoryCap:
    """A year's request for some categories stops at their cap."""

    code: ClassVar[str] = "category_cap"
    fiscal_year: int
    categories: tuple[str, ...]
    cap_yen: int


@dataclass(frozen=True)
class ShareLimit:
    """A year's request for some categories stops at a share of the year's whole request."""

    code: ClassVar[str] = "share_limit"
    fiscal_year: int
    categories: tuple[str, ...]
    share: Fraction
    total_yen: int
    allowed_yen: int


@dataclass(frozen=True)
class PerYearCap:
    code: ClassVar[str] = "per_year_cap"
    fiscal_year: int
    cap_yen: int


@dataclass(frozen=True)
class OutsidePeriod:
    """A year outside the support period: its expenses count nothing."""

    code: ClassVar[str] = "outside_support_period"
    fiscal_year: int
    period_start: date
    period_end: date


@dataclass(frozen=True)
class LateStart:
    """The plan starts after the period's first year: its first year is year n of it."""

    code: ClassVar[str] = "late_start"
    plan_start: int  # fiscal years
    first_fiscal_year: int
    period_start: date
    period_end: date


@dataclass(frozen=True)
class StartAfterPeriod:
    """The plan starts after the period's last year: no year of it is left to count."""

    code: ClassVar[str] = "late_start"
    plan_start: int
    period_start: date
    period_end: date


@dataclass(frozen=True)
class TotalCap:
    code: ClassVar[str] = "cap"
    cap_yen: int


@dataclass(frozen=True)
class BelowFloor:
    """The grant falls short of the floor; `needed_expenses_yen` would reach it
    (⌈floor / rate⌉; None at a rate of 0, which no expense reaches), against the plan's
    eligible expenses."""

    code: ClassVar[str] = "below_floor"
    grant_yen: int
    floor_yen: int
    needed_expenses_yen: int | None
    planned_expenses_yen: int


@dataclass(frozen=True)
class FixedChoice:
    label: str
    yen: int


@dataclass(frozen=True)
class FixedUndecided:
    """Fixed variants still open: a fact they read is not given; shown at `max_yen`."""

    code: ClassVar[str] = "needs_fact"
    choices: tuple[FixedChoice, ...]
    open_labels: tuple[str, ...]
    max_yen: int


@dataclass(frozen=True)
class NoFixedVariant:
    code: ClassVar[str] = "no_fixed_variant"
    choices: tuple[FixedChoice, ...]


Cut = (
    CategoryCap
    | ShareLimit
    | PerYearCap
    | OutsidePeriod
    | LateStart
    | StartAfterPeriod
    | TotalCap
    | BelowFloor
    | FixedUndecided
    | NoFixedVariant
)


@dataclass(frozen=True)
class Limit:
    cut: Cut
    reduced_by_yen: int
    source: Citation | None

    @property
    def code(self) -> str:
        return self.cut.code


# --- remarks: how the yen were counted, nothing cut from the grant ----------------


@dataclass(frozen=True)
class NoRate:
    """No rate in the terms: the whole eligible expense counts, up to the caps."""

    code: ClassVar[str] = "no_rate"


@dataclass(frozen=True)
class NotAGrant:
    """A loan, an investment or a guarantee: the amount is money to be paid back."""

    code: ClassVar[str] = "not_a_grant"


@dataclass(frozen=True)
class FixedAmount:
    code: ClassVar[str] = "fixed_amount"
    yen: int


@dataclass(frozen=True)
class Month:
    """A month of a personnel line: its calendar month, or its place in the line."""

    person: int  # the line's number, from 1
    month: int | None
    index: int  # from 1


@dataclass(frozen=True)
class YearHoursCapped:
    """A yearly line's hours above the year's maximum."""

    code: ClassVar[str] = "year_hours_capped"
    person: int
    hours: int
    cap_hours: int


@dataclass(frozen=True)
class SalaryCapped:
    """A yearly line's cost above `months` × the monthly salary."""

    code: ClassVar[str] = "salary_capped"
    person: int
    hourly_yen: int
    hours: int
    cost_yen: int
    monthly_salary_yen: int
    months: int
    ceiling_yen: int


@dataclass(frozen=True)
class DayHoursCapped:
    """A month's hours above its days × the hours a day may count."""

    code: ClassVar[str] = "day_hours_capped"
    when: Month
    days: int
    hours_per_day: int
    most_hours: int


@dataclass(frozen=True)
class YearHoursReached:
    """A month's hours past what the year's maximum leaves."""

    code: ClassVar[str] = "year_hours_reached"
    when: Month
    cap_hours: int


@dataclass(frozen=True)
class MonthPayCapped:
    """A month's cost above that month's pay."""

    code: ClassVar[str] = "month_pay_capped"
    when: Month
    hourly_yen: int
    hours: int
    cost_yen: int
    pay_yen: int


@dataclass(frozen=True)
class LowestPay:
    """Every month of a line priced at the year's lowest pay."""

    code: ClassVar[str] = "lowest_pay"
    person: int
    pay_yen: int


Remark = (
    NoRate
    | NotAGrant
    | FixedAmount
    | YearHoursCapped
    | SalaryCapped
    | DayHoursCapped
    | YearHoursReached
    | MonthPayCapped
    | LowestPay
)
