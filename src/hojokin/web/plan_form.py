"""The estimate form: what it asks for a program, and reading it into the plan model.

A plan has several fiscal years, each with expenses by category and personnel lines.
The form has a fixed number of year blocks (the program's longest support period) and
of personnel rows; "行を追加" asks the server for one more row, so the form works
without JavaScript, and the script only does the same in place. A person is entered
for the year (monthly salary, hours, months employed) or month by month (pay, and
hours or days), as the plan file allows.

The form asks only what the program's terms use: its expense categories, personnel rows
when it has a wage table, partner investment when a frame requires it, and the company
fields its rules, variants and documents read (`company_columns`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from hojokin.catalog.facts import Fact
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import ExpenseCategory, Frame, Program
from hojokin.catalog.validate import fact_uses
from hojokin.catalog.vocabulary import VERDICT_LABELS, Verdict
from hojokin.ja import fiscal_year_of
from hojokin.ja.fields import small_number
from hojokin.rules.eligibility import criterion_rule, frame_rules
from hojokin.rules.expr import columns_of
from hojokin.rules.grant_steps import condition_expr, fixed_only
from hojokin.rules.input_files import InputError
from hojokin.rules.plan import Plan, month_days, parse_plan
from hojokin.rules.rule_columns import SHARES
from hojokin.rules.service import FrameCheck, frame_verdict, plan_problems
from hojokin.web.fields import (
    FieldProblem,
    FormState,
    read_count,
    read_facts,
    read_fiscal_year,
    read_yen,
    read_yen_or_zero,
)

DEFAULT_PERSONS = 2
MAX_PERSONS = 30  # rows a form may ask for; the wage rule itself has no such limit
TOTAL = "total"  # the one expense field of a frame without categories
# A fiscal year's months in order, April to March: the per-month rows of a person.
MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)


@dataclass(frozen=True)
class PlanLayout:
    """The estimate form of one program."""

    program: Program
    years: int
    first_fiscal_year: int
    categories: list[ExpenseCategory]
    personnel: bool
    max_hours: int | None
    plan_facts: list[Fact]
    partner_investment: bool
    company_columns: frozenset[str]
    # False when every frame pays a fixed amount: the amount does not read expenses
    expenses: bool = True

    def fiscal_year_default(self, index: int) -> int:
        return self.first_fiscal_year + index

    def expense_fields(self) -> list[tuple[str, str]]:
        """(field suffix, label) of a year's expenses."""
        if not self.expenses:
            return []
        if not self.categories:
            return [(TOTAL, "補助対象経費")]
        return [(c.id, f"{n}. {c.name}") for n, c in enumerate(self.categories, start=1)]

    def frame(self, frame_id: str) -> Frame | None:
        return next((f for f in self.program.frames if f.id == frame_id), None)

    def reads(self, *columns: str) -> bool:
        """Whether the program reads any of these columns of the company row
        (hojokin.rules.rule_columns)."""
        return any(c in self.company_columns for c in columns)

    @property
    def reads_ownership(self) -> bool:
        return any(c.startswith(tuple(SHARES.values())) for c in self.company_columns)


def program_columns(program: Program) -> frozenset[str]:
    """Every company row column a frame's rules, variants and required documents read."""
    columns: set[str] = set()
    for frame in program.frames:
        for rule in frame_rules(program, frame):
            columns |= columns_of(rule.expr)
        for variant in frame.variants:
            columns |= columns_of(condition_expr(variant.when))
        for document in frame.required_documents:
            if document.required_when is not None:
                columns |= columns_of(criterion_rule(document.required_when).expr)
    return frozenset(c for c in columns if not c.startswith("plan_"))


def plan_layout(catalog: Catalog, program: Program) -> PlanLayout:
    years = max(
        (f.max_support_years.value for f in program.frames if f.max_support_years), default=1
    )
    starts = [f.support_period.start for f in program.frames if f.support_period]
    first = fiscal_year_of(min(starts)) if starts else program.fiscal_year
    categories: dict[str, ExpenseCategory] = {}
    for frame in program.frames:
        for category in frame.categories:
            categories.setdefault(category.id, category)
    used = fact_uses(catalog)
    facts = [
        f
        for f in catalog.facts.values()
        if f.scope == "plan" and program.id in used.get(f.name, [])
    ]
    table = program.wage_table
    return PlanLayout(
        program=program,
        years=max(1, years),
        first_fiscal_year=first,
        categories=list(categories.values()),
        personnel=table is not None,
        max_hours=None if table is None else table.max_hours_per_year.value,
        plan_facts=facts,
        partner_investment=any(f.partner_investment_min_share for f in program.frames),
        company_columns=program_columns(program),
        expenses=not all(f.fixed or fixed_only(f) for f in program.frames),
    )


def persons(state: FormState, year: int) -> int:
    """How many personnel rows year `year` (1-based) shows."""
    text = state.value(f"y{year}_persons")
    count = small_number(text) or DEFAULT_PERSONS
    return max(DEFAULT_PERSONS, min(count, MAX_PERSONS))


def person_fields(year: int, row: int) -> list[str]:
    """A person's fields: for the year, then pay, hours and days of each month."""
    p = f"y{year}_p{row}"
    names = [f"{p}_salary", f"{p}_hours", f"{p}_months"]
    for m in MONTHS:
        names += [f"{p}_m{m}_pay", f"{p}_m{m}_hours", f"{p}_m{m}_days"]
    return names


def _year_fields(layout: PlanLayout, state: FormState, year: int) -> list[str]:
    names = [f"y{year}_{suffix}" for suffix, _ in layout.expense_fields()]
    if layout.personnel:
        for row in range(1, persons(state, year) + 1):
            names += person_fields(year, row)
    return names


def read_frame(state: FormState, layout: PlanLayout) -> Frame | None:
    frame = layout.frame(state.value("frame", layout.program.frames[0].id))
    if frame is None:
        state.add("frame", "枠", "枠を選んでください", group=True)
    return frame


def _fiscal_year_or(default: int) -> Callable[[str], int]:
    """Read a year block's 年度; left blank, the block's default (the field shows it)."""
    return lambda text: read_fiscal_year(text) if text.strip() else default


def _read_year(state: FormState, layout: PlanLayout, year: int) -> dict[str, Any]:
    label = f"{year}年度目"
    default = layout.fiscal_year_default(year - 1)
    fy = state.read(f"y{year}_fy", f"{label}の年度", _fiscal_year_or(default))
    expenses = {}
    for suffix, name in layout.expense_fields():
        yen = state.read(f"y{year}_{suffix}", f"{label} {name}", read_yen_or_zero)
        if yen:
            expenses[suffix] = yen
    lines = []
    for row in range(1, persons(state, year) + 1) if layout.personnel else ():
        line = _read_person(state, f"{label} 人件費{row}人目", f"y{year}_p{row}", fy)
        if line is not None:
            lines.append(line)
    entry: dict[str, Any] = {"fiscal_year": fy, "personnel_lines": lines}
    if layout.categories:
        entry["expenses"] = expenses
    else:
        entry["eligible_expenses_yen"] = expenses.get(TOTAL, 0)
    return entry


def _filled(state: FormState, *names: str) -> bool:
    return any(state.value(n).strip() for n in names)


def _read_person(
    state: FormState, who: str, p: str, fiscal_year: int | None
) -> dict[str, Any] | None:
    """One person's line, for the year or month by month; None when the row is blank."""
    yearly = (f"{p}_salary", f"{p}_hours", f"{p}_months")
    monthly = [
        m for m in MONTHS if _filled(state, f"{p}_m{m}_pay", f"{p}_m{m}_hours", f"{p}_m{m}_days")
    ]
    if monthly and _filled(state, *yearly):
        state.add(f"{p}_salary", f"{who}の月額給与", "年間か月ごとのどちらか一方で入力してください")
        return None
    if monthly:
        by_month = []
        for m in monthly:
            when = f"{who}の{m}月"
            month: dict[str, Any] = {"month": m}
            month["pay_yen"] = state.read(f"{p}_m{m}_pay", f"{when}の給与支給額", read_yen)
            if not _filled(state, f"{p}_m{m}_hours", f"{p}_m{m}_days"):
                state.add(
                    f"{p}_m{m}_hours", f"{when}の従事時間", "従事時間か従事日数を入力してください"
                )
            for part, name in (("hours", "従事時間"), ("days", "従事日数")):
                if _filled(state, f"{p}_m{m}_{part}"):
                    days = month_days(fiscal_year, m)
                    limit = 24 * days if part == "hours" else days
                    month[part] = state.read(
                        f"{p}_m{m}_{part}", f"{when}の{name}", partial(read_count, maximum=limit)
                    )
            by_month.append(month)
        return {"by_month": by_month}
    if not _filled(state, *yearly):  # months alone is a row begun, not a blank one
        return None
    salary = state.read(f"{p}_salary", f"{who}の月額給与", read_yen)
    hours = state.read(f"{p}_hours", f"{who}の従事時間", partial(read_count, maximum=366 * 24))
    line: dict[str, Any] = {"monthly_salary_yen": salary, "hours": hours}
    if _filled(state, f"{p}_months"):
        line["months"] = state.read(f"{p}_months", f"{who}の雇用月数", _read_months)
    return line


def _read_months(text: str) -> int:
    months = read_count(text)
    if not 1 <= months <= 12:
        raise FieldProblem("1から12までの月数で入力してください")
    return months


def read_plan(state: FormState, layout: PlanLayout, vocabulary: dict[str, Fact]) -> Plan | None:
    """The plan the form describes, or None with every problem recorded in `state`.

    A year block counts when any of its amounts is filled in; blank amounts are 0."""
    years: list[dict[str, Any]] = []
    for year in range(1, layout.years + 1):
        if not any(state.value(n).strip() for n in _year_fields(layout, state, year)):
            # An unused block's 年度 (shown filled in) is not read, but not ignored if wrong.
            default = layout.fiscal_year_default(year - 1)
            state.read(f"y{year}_fy", f"{year}年度目の年度", _fiscal_year_or(default))
            continue
        entry = _read_year(state, layout, year)
        before = years[-1]["fiscal_year"] if years else None
        if (
            entry["fiscal_year"] is not None
            and before is not None
            and entry["fiscal_year"] <= before
        ):
            label = f"{year}年度目の年度"
            state.add(f"y{year}_fy", label, "前の年度より後の年度にしてください")
        years.append(entry)
    # A fixed amount does not read expenses: the year is all the plan says. Decided by the
    # selected frame, as a program may mix fixed-amount frames with expense-based ones.
    selected = layout.frame(state.value("frame", layout.program.frames[0].id))
    fixed = selected is not None and (selected.fixed or fixed_only(selected))
    if not years and (fixed or not layout.expenses):
        years.append(_read_year(state, layout, 1))
    if not years:
        first = layout.expense_fields()[0][0]
        state.add(f"y1_{first}", "1年度目の経費", "少なくとも1年度分の経費を入力してください")
    partner = (
        state.read("partner_investment", "事業会社等からの出資等の額", read_yen_or_zero)
        if layout.partner_investment
        else 0
    )
    ineligible = state.read("ineligible_expenses", "補助対象外経費", read_yen_or_zero)
    facts = read_facts(state, layout.plan_facts)
    if state.errors:
        return None
    data = {
        "partner_investment_yen": partner,
        "ineligible_expenses_yen": ineligible,
        "years": years,
        "facts": facts,
    }
    try:
        return parse_plan(data, "事業計画", facts=vocabulary)
    except InputError as exc:
        state.add("y1_fy", "事業計画", f"入力内容を確認してください（{exc}）")
        return None


def plan_fits(state: FormState, program: Program, frame: Frame, plan: Plan) -> bool:
    """The service's refusal of a value the frame would leave uncounted, at its field."""
    try:
        plan_problems(program, frame, plan)
    except InputError as exc:
        for problem in exc.errors:
            loc = problem["loc"]
            year = int(loc[1]) + 1
            field = {"eligible_expenses_yen": TOTAL, "expenses": str(loc[-1])}.get(str(loc[2]))
            name = f"y{year}_{field}" if field else f"y{year}_p1_salary"
            state.add(name, f"{year}年度目", str(problem["msg"]))
        return False
    return True


def estimate_verdict(check: FrameCheck) -> tuple[str, str]:
    """対象外, 要確認 or 対象, and its style (`frame_verdict` decides)."""
    verdict = frame_verdict(check)
    return VERDICT_LABELS[verdict], _ESTIMATE_STYLES[verdict]


_ESTIMATE_STYLES: dict[Verdict, str] = {
    "ineligible": "fail",
    "to_confirm": "open",
    "not_encoded": "open",
    "eligible": "pass",
}
