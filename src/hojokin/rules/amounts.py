"""How many yen for one company's plan, and why: `rules.grant_steps` run on ints.

The steps themselves (terms, ⌊expense × rate⌋, category caps, share limits, per-year cap
and support period, total cap, floor) are written once in `rules.grant_steps`; here they
run year by year on the company's yen, and every cut becomes a `Limit` (`rules.limits`)
saying what, by how many yen, and where the catalog says so, in values the front ends
word. The expenses a frame counts (personnel by the wage table included) and the fixed
amounts are worked out here too; how they were counted is said in `Remark`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from hojokin.catalog.schema import Frame, Program, WageTable
from hojokin.rules import grant_steps as steps
from hojokin.rules import limits
from hojokin.rules.limits import Limit, Remark
from hojokin.rules.plan import PersonnelLine, PersonnelMonth, Plan, PlanYear
from hojokin.rules.terms import CompanyArith, Terms

INT = CompanyArith({})  # the yen arithmetic of one company (terms are already resolved)

NON_GRANT_KINDS = {"loan", "investment", "guarantee"}


@dataclass
class YearAmount:
    fiscal_year: int
    expenses: dict[str, int]
    grant_yen: int
    by_category: dict[str, int]
    # ⌊expense × rate⌋ per category before any limit: the first step of the computation shown
    requested: dict[str, int] = field(default_factory=dict)
    # a year outside the support period: nothing counted (the limit `outside_support_period`)
    outside_period: bool = False


@dataclass
class Amount:
    grant_yen: int
    by_year: list[YearAmount]
    limits: list[Limit] = field(default_factory=list)
    notes: list[Remark] = field(default_factory=list)
    below_floor: Limit | None = None
    rate: Fraction | None = None
    # the total eligible expense whose ⌊× rate⌋ reaches the floor, when the plan falls short
    floor_expenses_yen: int | None = None
    # things to check that do not refuse the plan (a late start)
    cautions: list[Limit] = field(default_factory=list)
    # a fixed-amount frame whose deciding fact is not given (要確認) or that no variant fits (×)
    undecided: Limit | None = None
    refused: Limit | None = None

    @property
    def eligible_expenses_yen(self) -> int:
        return sum(sum(y.expenses.values()) for y in self.by_year)


# --- expenses -------------------------------------------------------------------


def hourly_rate(table: WageTable, monthly_salary_yen: int) -> int:
    """補足1: the band whose 以上 bound is at most the salary and whose 未満 bound is above it."""
    for band in table.bands:
        if band.below_yen is None or monthly_salary_yen < band.below_yen:
            return band.hourly_yen
    raise AssertionError("a wage table's last band is open above")


def personnel_cost(table: WageTable, lines: list[PersonnelLine]) -> tuple[int, list[Remark]]:
    total, notes = 0, []
    for person, line in enumerate(lines, start=1):
        if line.by_month is not None:
            cost, said = _monthly_cost(table, line.by_month, person)
        else:
            cost, said = _yearly_cost(table, line, person)
        total += cost
        notes += said
    return total, notes


def _yearly_cost(table: WageTable, line: PersonnelLine, person: int) -> tuple[int, list[Remark]]:
    """A line given for the whole year: hours within the yearly maximum, and — as a month
    counts at most its pay — at most `months` (12 when not given) × the monthly salary."""
    assert line.monthly_salary_yen is not None and line.hours is not None
    cap = table.max_hours_per_year.value
    hours = min(line.hours, cap)
    notes: list[Remark] = []
    if line.hours > cap:
        notes.append(limits.YearHoursCapped(person, line.hours, cap))
    rate = hourly_rate(table, line.monthly_salary_yen)
    cost = rate * hours
    if table.monthly_pay_cap is not None:
        months = line.months or 12
        ceiling = months * line.monthly_salary_yen
        if cost > ceiling:
            salary = line.monthly_salary_yen
            notes.append(limits.SalaryCapped(person, rate, hours, cost, salary, months, ceiling))
            cost = ceiling
    return cost, notes


def _monthly_cost(
    table: WageTable, months: list[PersonnelMonth], person: int
) -> tuple[int, list[Remark]]:
    """A line given month by month: days count at most 8 hours each, the year's hours stop
    at the yearly maximum (later months give way), and each month's cost stops at its pay."""
    notes: list[Remark] = []
    lowest = min(m.pay_yen for m in months)
    per_day = table.max_hours_per_day.value if table.max_hours_per_day else None
    left = table.max_hours_per_year.value
    total = 0
    for index, month in enumerate(months, start=1):
        when = limits.Month(person, month.month, index)
        hours = month.hours
        if month.days is not None and per_day is not None:
            most = month.days * per_day
            if hours is not None and hours > most:
                notes.append(limits.DayHoursCapped(when, month.days, per_day, most))
            hours = most if hours is None else min(hours, most)
        hours = hours or 0
        if hours > left:
            notes.append(limits.YearHoursReached(when, table.max_hours_per_year.value))
            hours = left
        left -= hours
        pay = lowest if table.lowest_pay_rate is not None else month.pay_yen
        rate = hourly_rate(table, pay)
        cost = rate * hours
        if table.monthly_pay_cap is not None and cost > month.pay_yen:
            notes.append(limits.MonthPayCapped(when, rate, hours, cost, month.pay_yen))
            cost = month.pay_yen
        total += cost
    if table.lowest_pay_rate is not None and len({m.pay_yen for m in months}) > 1:
        notes.append(limits.LowestPay(person, lowest))
    return total, notes


def year_expenses(
    program: Program, frame: Frame, year: PlanYear
) -> tuple[dict[str, int], list[Remark]]:
    """The year's eligible expenses by category as this frame counts them. The plan has
    passed `service.plan_problems`: it gives nothing this frame would leave uncounted."""
    notes: list[Remark] = []
    expenses = dict(year.expenses)
    table = program.wage_table
    if year.personnel_lines and table is not None:
        cost, notes = personnel_cost(table, year.personnel_lines)
        expenses[table.category] = expenses.get(table.category, 0) + cost
    if not frame.categories:
        total = year.eligible_expenses_yen
        return {"total": sum(expenses.values()) if total is None else total}, notes
    return {c.id: expenses.get(c.id, 0) for c in frame.categories}, notes


# --- the computation ------------------------------------------------------------


def _scale(by_category: dict[str, int], target: int, protected: frozenset[str]) -> None:
    """Scale the requests down to `target` in proportion; spare yen from rounding go first
    to categories no share limit watches, so share limits stay met. (Only how a cut total
    is shown by category: the total itself is the step's.)"""
    total = sum(by_category.values())
    if total <= target:
        return
    shares = {c: v * target // total for c, v in by_category.items()}
    spare = target - sum(shares.values())
    order = sorted(by_category, key=lambda c: (c in protected, -(by_category[c] * target % total)))
    for category in order[:spare]:
        shares[category] += 1
    by_category.update(shares)


def _names(frame: Frame, categories: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    named = {c.id: c.name for c in frame.categories}
    return tuple(named.get(c, c) for c in categories)


def compute_amount(program: Program, frame: Frame, terms: Terms, plan: Plan) -> Amount:
    plan_steps = steps.grant_steps(frame)
    if plan_steps.fixed_only and (terms.fixed is None or terms.fixed_open):
        return _fixed_undecided(frame, terms, plan)
    if terms.fixed is not None:
        return _fixed(terms, plan)
    rate: Fraction = terms.rate.value if terms.rate else Fraction(1)
    amount = Amount(grant_yen=0, by_year=[], rate=rate)
    if terms.rate is None:
        amount.notes.append(limits.NoRate())
    if program.kind in NON_GRANT_KINDS:
        amount.notes.append(limits.NotAGrant())
    if plan_steps.support is not None:
        _late_start(frame, plan_steps.support, plan, amount)
    for year in plan.years:
        expenses, notes = year_expenses(program, frame, year)
        amount.notes += notes
        requested = steps.request(expenses, rate.numerator, rate.denominator, INT)
        if steps.in_period(plan_steps, year.fiscal_year) is False:
            amount.limits.append(_outside_period(frame, year.fiscal_year, sum(requested.values())))
            zero = dict.fromkeys(expenses, 0)
            outside = YearAmount(year.fiscal_year, zero, 0, dict(zero), dict(zero), True)
            amount.by_year.append(outside)
            continue
        by_category = dict(requested)
        for cap in terms.category_caps:  # in the steps' group order
            cut = steps.category_cap(by_category, tuple(cap.categories), cap.yen, INT)
            if cut:
                names = _names(frame, cap.categories)
                capped = limits.CategoryCap(year.fiscal_year, names, cap.yen)
                amount.limits.append(Limit(capped, cut, cap.cite))
        if plan_steps.share_limits:
            year_total, cuts = steps.share_limits(plan_steps, by_category, INT)
            # T is a fixed point (T + 1 > f(T + 1) >= f(T) >= T): the cut requests add up to T
            assert sum(by_category.values()) == year_total
            amount.limits += [
                _share_limit(frame, year.fiscal_year, year_total, c)
                for c in cuts
                if c.allowed < c.asked
            ]
        index = steps.year_index(plan_steps, year.fiscal_year, plan.years[0].fiscal_year)
        year_cap = steps.year_cap(plan_steps, index, INT, lambda c: c)
        total = sum(by_category.values())
        cut = INT.excess(total, year_cap.yen if year_cap else None)
        if year_cap is not None and cut:
            _scale(by_category, total - cut, plan_steps.protected)
            capped_year = limits.PerYearCap(year.fiscal_year, year_cap.yen)
            amount.limits.append(Limit(capped_year, cut, year_cap.cite))
        grant = sum(by_category.values())
        amount.by_year.append(YearAmount(year.fiscal_year, expenses, grant, by_category, requested))
    _apply_total_cap(amount, terms, plan_steps.protected)
    amount.grant_yen = sum(y.grant_yen for y in amount.by_year)
    _check_floor(amount, terms, rate)
    return amount


def _share_limit(frame: Frame, fiscal_year: int, year_total: int, cut: steps.ShareCut) -> Limit:
    names = _names(frame, cut.limit.categories)
    share = limits.ShareLimit(fiscal_year, names, cut.limit.max_share, year_total, cut.allowed)
    return Limit(share, cut.asked - cut.allowed, cut.limit.cite)


def _outside_period(frame: Frame, fiscal_year: int, requested: int) -> Limit:
    """Expenses of a year outside the support period are not eligible (Tokyo's Q12)."""
    period = frame.support_period
    assert period is not None
    outside = limits.OutsidePeriod(fiscal_year, period.start, period.end)
    return Limit(outside, requested, period.cite)


def _late_start(frame: Frame, support: tuple[int, int], plan: Plan, amount: Amount) -> None:
    """A plan that starts after the period's first year: its first year is not year 1."""
    period = frame.support_period
    assert period is not None
    first, last = support
    start = plan.years[0].fiscal_year
    if start <= first:
        return
    late: limits.LateStart | limits.StartAfterPeriod
    if start > last:
        # no year of the period is left to count it as: it is outside, not "year n"
        late = limits.StartAfterPeriod(start, period.start, period.end)
    else:
        late = limits.LateStart(start, first, period.start, period.end)
    amount.cautions.append(Limit(late, 0, period.cite))


def _apply_total_cap(amount: Amount, terms: Terms, protected: frozenset[str]) -> None:
    if terms.cap is None:
        return
    cap: int = terms.cap.value
    grants, excess = steps.total_cap([y.grant_yen for y in amount.by_year], cap, INT)
    if not excess:
        return
    amount.limits.append(Limit(limits.TotalCap(cap), excess, terms.cap.source))
    for year, grant in zip(amount.by_year, grants, strict=True):
        _scale(year.by_category, grant, protected)
        year.grant_yen = grant


def _check_floor(amount: Amount, terms: Terms, rate: Fraction) -> None:
    if terms.floor is None or amount.grant_yen >= terms.floor.value:
        return
    floor: int = terms.floor.value
    if rate > 0:
        amount.floor_expenses_yen = steps.floor_reach(floor, rate)
    short = limits.BelowFloor(
        amount.grant_yen, floor, amount.floor_expenses_yen, amount.eligible_expenses_yen
    )
    amount.below_floor = Limit(short, 0, terms.floor.source)


def _fixed(terms: Terms, plan: Plan) -> Amount:
    assert terms.fixed is not None
    yen: int = terms.fixed.value
    year = YearAmount(plan.years[0].fiscal_year, {}, yen, {})
    amount = Amount(grant_yen=yen, by_year=[year])
    amount.notes.append(limits.FixedAmount(yen))
    return amount


def _fixed_undecided(frame: Frame, terms: Terms, plan: Plan) -> Amount:
    """A frame paid only by fixed variants whose amount the company's answers do not settle.

    Variants still open (a fact they read is not given) make it 要確認, shown at the largest
    amount it could pay; none open and none met: the frame pays nothing (×)."""
    paid = [v for v in frame.variants if v.fixed is not None]
    choices = tuple(limits.FixedChoice(v.label, v.fixed.yen) for v in paid if v.fixed)
    source = paid[0].fixed.cite if paid[0].fixed else None
    met = [terms.fixed.value] if terms.fixed is not None else []
    yen = max([*met, *(v.fixed.yen for v in terms.fixed_open if v.fixed)], default=0)
    amount = Amount(grant_yen=yen, by_year=[YearAmount(plan.years[0].fiscal_year, {}, yen, {})])
    if terms.fixed_open:
        open_labels = tuple(v.label for v in terms.fixed_open)
        amount.undecided = Limit(limits.FixedUndecided(choices, open_labels, yen), 0, source)
    else:
        amount.refused = Limit(limits.NoFixedVariant(choices), 0, source)
    return amount
