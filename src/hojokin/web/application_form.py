"""The application's form: the company form and the estimate's plan form (reused as
they are), filled in from what the application stored, and read back into the JSON the
workflow service saves.

The service keeps the rules' own models as JSON; the forms speak in fields. Going back
from the JSON to the fields is the one thing added here, so that a saved draft opens
as it was typed (amounts as whole yen, shares as percentages, dates in ISO form)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Frame, Program
from hojokin.web.company_form import CompanyFormSpec, read_company
from hojokin.web.fields import FormState
from hojokin.web.plan_form import TOTAL, PlanLayout, plan_fits, read_plan

_YES_NO = {True: "yes", False: "no"}


def submit_key() -> str:
    """The idempotency key of one rendering of the submit form: a double click or a
    resent form carries the same key, so the service returns the same receipt."""
    return secrets.token_urlsafe(24)


def _answer(value: Any) -> str:
    return _YES_NO[value] if isinstance(value, bool) else str(value)


def _percent(share: str) -> str:
    """A stored share ("1/2") as the percentage the form reads ("50")."""
    value = Fraction(share) * 100
    if value == 0:
        return ""
    return (
        format(Decimal(value.numerator) / Decimal(value.denominator), "f").rstrip("0").rstrip(".")
    )


def _facts(data: dict[str, list[str]], facts: Mapping[str, Any]) -> None:
    for name, value in facts.items():
        if name == "university_venture":
            data[name] = [str(v) for v in value]
        elif name == "zero_emission_theme":
            data[name] = [str(value)]
        else:
            data[f"fact_{name}"] = [_answer(value)]


def company_fields(company: Mapping[str, Any]) -> dict[str, list[str]]:
    """The company form's fields of a stored company profile."""
    data: dict[str, list[str]] = {}
    for field, key in (
        ("name", "name"),
        ("legal_form", "legal_form"),
        ("industry", "industry"),
        ("capital", "capital_yen"),
        ("employees", "employees"),
        ("founded_on", "founded_on"),
        ("head_office_prefecture", "head_office_prefecture"),
        ("municipality", "municipality"),
        ("opening_notice_prefecture", "opening_notice_prefecture"),
    ):
        if company.get(key) is not None:
            data[field] = [str(company[key])]
    data["branch_prefectures"] = list(company.get("branch_prefectures") or [])
    for share, value in (company.get("large_enterprise_ownership") or {}).items():
        if value is not None and (shown := _percent(str(value))):
            data[f"share_{share}"] = [shown]
    for declaration, held in (company.get("declarations") or {}).items():
        if held:
            data[f"decl_{declaration}"] = ["1"]
    _facts(data, company.get("facts") or {})
    return data


def _person(data: dict[str, list[str]], p: str, line: Mapping[str, Any]) -> None:
    if line.get("by_month"):
        for month in line["by_month"]:
            m = month["month"]
            for part, key in (("pay", "pay_yen"), ("hours", "hours"), ("days", "days")):
                if month.get(key) is not None:
                    data[f"{p}_m{m}_{part}"] = [str(month[key])]
        return
    for part, key in (("salary", "monthly_salary_yen"), ("hours", "hours"), ("months", "months")):
        if line.get(key) is not None:
            data[f"{p}_{part}"] = [str(line[key])]


def plan_fields(plan: Mapping[str, Any]) -> dict[str, list[str]]:
    """The plan form's fields of a stored plan (its years in the form's year blocks)."""
    data: dict[str, list[str]] = {}
    for i, year in enumerate(plan.get("years") or [], start=1):
        data[f"y{i}_fy"] = [str(year["fiscal_year"])]
        for category, amount in (year.get("expenses") or {}).items():
            data[f"y{i}_{category}"] = [str(amount)]
        if year.get("eligible_expenses_yen") is not None:
            data[f"y{i}_{TOTAL}"] = [str(year["eligible_expenses_yen"])]
        lines = year.get("personnel_lines") or []
        if lines:
            data[f"y{i}_persons"] = [str(len(lines))]
        for j, line in enumerate(lines, start=1):
            _person(data, f"y{i}_p{j}", line)
    for field, key in (
        ("partner_investment", "partner_investment_yen"),
        ("ineligible_expenses", "ineligible_expenses_yen"),
    ):
        if plan.get(key):
            data[field] = [str(plan[key])]
    _facts(data, plan.get("facts") or {})
    return data


def stored_form(company: Mapping[str, Any] | None, plan: Mapping[str, Any] | None) -> FormState:
    """The form of an application as it was last saved."""
    data = company_fields(company or {}) if company else {}
    if plan:
        data |= plan_fields(plan)
    return FormState(data)


def read_application(
    form: FormState,
    spec: CompanyFormSpec,
    layout: PlanLayout,
    catalog: Catalog,
    program: Program,
    frame: Frame,
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The company profile and plan the form describes, as JSON for the service; None
    with every problem recorded at its field."""
    company = read_company(form, spec, catalog.facts)
    plan = read_plan(form, layout, catalog.facts)
    if company is None or plan is None or not plan_fits(form, program, frame, plan):
        return None
    return company.model_dump(mode="json"), plan.model_dump(mode="json")
