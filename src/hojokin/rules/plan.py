"""The project plan of docs/contract.md: expenses by fiscal year and category."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hojokin.catalog.facts import Answers, Fact, context
from hojokin.catalog.primitives import CategoryId
from hojokin.rules.input_files import load_input, parse_input
from hojokin.rules.values import FiscalYear, Yen, within

Month = Annotated[int, within(1, 12)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonnelMonth(_Model):
    """One month of a person's work: that month's pay (当月給与総支給額) and the hours worked,
    or the days worked (then at most 8 hours a day count)."""

    month: Month | None = None
    pay_yen: Yen
    hours: Annotated[int, within(0, 31 * 24)] | None = None  # a month has no more hours
    days: Annotated[int, within(0, 31)] | None = None

    @model_validator(mode="after")
    def _hours_or_days(self) -> PersonnelMonth:
        if self.hours is None and self.days is None:
            raise ValueError("従事時間（hours）又は従事日数（days）を入力してください")
        return self


class PersonnelLine(_Model):
    """One person's work on the project in a year, in one of two shapes:

    - per month (`by_month`): each month's pay and hours or days; each month counts at
      most that month's pay (Tokyo's call, 6-3 オ);
    - for the year (`monthly_salary_yen` and `hours`, the original shape): counts at most
      `months` × the monthly salary (12 months when `months` is not given).
    """

    monthly_salary_yen: Yen | None = None
    hours: Annotated[int, within(0, 366 * 24)] | None = None  # a year has no more hours
    months: Month | None = None
    by_month: list[PersonnelMonth] | None = Field(default=None, min_length=1, max_length=12)

    @model_validator(mode="after")
    def _one_shape(self) -> PersonnelLine:
        yearly = (self.monthly_salary_yen, self.hours, self.months)
        if self.by_month is not None:
            if any(v is not None for v in yearly):
                raise ValueError(
                    "by_month（月ごと）と monthly_salary_yen・hours・months（年間）は"
                    "どちらか一方で入力してください"
                )
            months = [m.month for m in self.by_month if m.month is not None]
            if len(months) != len(set(months)):
                raise ValueError(f"by_month に同じ月が重複しています: {months}")
        elif self.monthly_salary_yen is None or self.hours is None:
            raise ValueError(
                "monthly_salary_yen（月額給与）と hours（年間従事時間）を入力するか、"
                "by_month で月ごとに入力してください"
            )
        return self


def month_days(fiscal_year: int | None, month: int) -> int:
    """Days in `month` of a 年度 (April to March: January–March fall in the next year).

    Without the year, February's most (29), so that a bound never refuses a real day."""
    if fiscal_year is None:
        return 29 if month == 2 else calendar.monthrange(2023, month)[1]
    return calendar.monthrange(fiscal_year if month >= 4 else fiscal_year + 1, month)[1]


class PlanYear(_Model):
    fiscal_year: FiscalYear
    expenses: dict[CategoryId, Yen] = Field(default_factory=dict)
    eligible_expenses_yen: Yen | None = None
    personnel_lines: list[PersonnelLine] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _days_within_the_month(self) -> PlanYear:
        for line in self.personnel_lines:
            for m in line.by_month or ():
                if m.month is not None and m.days is not None:
                    most = month_days(self.fiscal_year, m.month)
                    if m.days > most:
                        raise ValueError(
                            f"{m.month}月の従事日数（days）は{most}日までです（{m.days}日）"
                        )
        return self


class Plan(_Model):
    partner_investment_yen: Yen = 0
    ineligible_expenses_yen: Yen = 0
    years: list[PlanYear] = Field(min_length=1, max_length=20)
    facts: Answers = Field(default_factory=dict)

    @model_validator(mode="after")
    def _years_once_in_order(self) -> Plan:
        years = [y.fiscal_year for y in self.years]
        if years != sorted(set(years)):
            raise ValueError(f"年度（fiscal_year）は1回ずつ、古い順に入力してください: {years}")
        return self


def parse_plan(data: Any, source: str = "plan", facts: Mapping[str, Fact] | None = None) -> Plan:
    """`facts`: the catalog's vocabulary, to check the file's `facts` against (None: unchecked)."""
    return parse_input(Plan, data, source, "plan", context(facts))


def load_plan(path: Path, facts: Mapping[str, Fact] | None = None) -> Plan:
    """Read a plan from JSON or YAML; any problem raises InputError."""
    return load_input(Plan, path, "plan", context(facts))
