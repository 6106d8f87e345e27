"""The project plan of docs/contract.md: expenses by fiscal year and category."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hojokin.catalog.base import CategoryId
from hojokin.catalog.facts import Answers, Fact, context
from hojokin.rules.files import load_input, parse_input


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonnelLine(_Model):
    """One person's work on the project in a year: monthly salary and hours."""

    monthly_salary_yen: int = Field(ge=0)
    hours: int = Field(ge=0)


class PlanYear(_Model):
    fiscal_year: int = Field(ge=1989, le=2100)
    expenses: dict[CategoryId, int] = Field(default_factory=dict)
    eligible_expenses_yen: int | None = Field(default=None, ge=0)
    personnel_lines: list[PersonnelLine] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_negative_expense(self) -> PlanYear:
        for category, yen in self.expenses.items():
            if yen < 0:
                raise ValueError(f"expenses.{category} is negative ({yen})")
        return self


class Plan(_Model):
    partner_investment_yen: int = Field(default=0, ge=0)
    ineligible_expenses_yen: int = Field(default=0, ge=0)
    years: list[PlanYear] = Field(min_length=1)
    facts: Answers = Field(default_factory=dict)

    @model_validator(mode="after")
    def _years_once_in_order(self) -> Plan:
        years = [y.fiscal_year for y in self.years]
        if years != sorted(set(years)):
            raise ValueError(f"fiscal years must be given once each, in order: {years}")
        return self


def parse_plan(data: Any, source: str = "plan", facts: Mapping[str, Fact] | None = None) -> Plan:
    """`facts`: the catalog's vocabulary, to check the file's `facts` against (None: unchecked)."""
    return parse_input(Plan, data, source, "plan", context(facts))


def load_plan(path: Path, facts: Mapping[str, Fact] | None = None) -> Plan:
    """Read a plan from JSON or YAML; any problem raises InputError."""
    return load_input(Plan, path, "plan", context(facts))
