"""How many yen: a plan's expenses through a frame's rate, caps, share limits and floor.

Order of work, per fiscal year of the plan (Tokyo's call, sections 2 and 6):
1. each category's request is ⌊expense × rate⌋ (円未満切り捨て per category);
2. category caps cut the requests of their categories;
3. share limits: the year's request is the largest whole-yen total T for which each
   limited group can stay within ⌊T × share⌋ (the group is cut to fit);
4. the per-year cap cuts the year's total;
then the total cap cuts the plan's total (later years first), and a total below
the floor is reported. Every cut is a `Limit` saying what and by how many yen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from hojokin.catalog.base import Citation
from hojokin.catalog.schema import CategoryCap, Frame, Program, ShareLimit, WageTable
from hojokin.catalog.views import yen_label
from hojokin.ja import fiscal_year_of, format_fiscal_year
from hojokin.rules.plan import PersonnelLine, Plan, PlanYear
from hojokin.rules.terms import Terms

NON_GRANT_KINDS = {"loan", "investment", "guarantee"}


@dataclass(frozen=True)
class Limit:
    code: str
    message: str
    reduced_by_yen: int
    source: Citation | None


@dataclass
class YearAmount:
    fiscal_year: int
    expenses: dict[str, int]
    grant_yen: int
    by_category: dict[str, int]


@dataclass
class Amount:
    grant_yen: int
    by_year: list[YearAmount]
    limits: list[Limit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    below_floor: Limit | None = None

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


def personnel_cost(table: WageTable, lines: list[PersonnelLine]) -> tuple[int, list[str]]:
    cap = table.max_hours_per_year.value
    total, notes = 0, []
    for number, line in enumerate(lines, start=1):
        hours = min(line.hours, cap)
        if line.hours > cap:
            notes.append(
                f"人件費{number}人目: 従事時間{line.hours:,}時間のうち年間上限{cap:,}時間まで計上"
            )
        total += hourly_rate(table, line.monthly_salary_yen) * hours
    return total, notes


def year_expenses(
    program: Program, frame: Frame, year: PlanYear
) -> tuple[dict[str, int], list[str]]:
    """The year's eligible expenses by category as this frame counts them."""
    notes: list[str] = []
    expenses = dict(year.expenses)
    table = program.wage_table
    if year.personnel_lines:
        if table is None:
            notes.append("この事業には人件費単価表がないため personnel_lines は計上しません")
        else:
            cost, notes = personnel_cost(table, year.personnel_lines)
            expenses[table.category] = expenses.get(table.category, 0) + cost
    if not frame.categories:
        total = year.eligible_expenses_yen
        return {"total": sum(expenses.values()) if total is None else total}, notes
    known = {c.id for c in frame.categories}
    for unknown in sorted(set(expenses) - known):
        notes.append(
            f"{format_fiscal_year(year.fiscal_year)}: 経費区分「{unknown}」はこの枠の補助対象経費に"
            f"ないため計上しません（{yen_label(expenses.pop(unknown))}）"
        )
    return {c.id: expenses.get(c.id, 0) for c in frame.categories}, notes


# --- share limits ---------------------------------------------------------------


def largest_total(free: int, groups: list[tuple[int, Fraction]]) -> int:
    """The largest T with T = free + Σ xᵢ, xᵢ ≤ requestᵢ and xᵢ ≤ ⌊T × shareᵢ⌋.

    f(T) = free + Σ min(requestᵢ, ⌊T × shareᵢ⌋) never decreases as T grows, so
    starting from the uncut total and stepping T ← f(T) falls to the largest T with
    T ≤ f(T); the shares sum to less than 1, so the steps shrink geometrically.
    """
    total = free + sum(request for request, _ in groups)
    while True:
        fits = free + sum(min(r, total * s.numerator // s.denominator) for r, s in groups)
        if fits >= total:
            return total
        total = fits


def _cut(by_category: dict[str, int], categories: list[str], amount: int) -> None:
    """Take `amount` yen off `categories`, from the last one listed backwards."""
    for category in reversed(categories):
        take = min(amount, by_category.get(category, 0))
        by_category[category] -= take
        amount -= take


def _scale(by_category: dict[str, int], target: int, protected: set[str]) -> None:
    """Scale the requests down to `target` in proportion; spare yen from rounding go first
    to categories no share limit watches, so share limits stay met."""
    total = sum(by_category.values())
    if total <= target:
        return
    shares = {c: v * target // total for c, v in by_category.items()}
    spare = target - sum(shares.values())
    order = sorted(by_category, key=lambda c: (c in protected, -(by_category[c] * target % total)))
    for category in order[:spare]:
        shares[category] += 1
    by_category.update(shares)


# --- the computation ------------------------------------------------------------


def _category_names(frame: Frame) -> dict[str, str]:
    return {c.id: c.name for c in frame.categories}


def _apply_category_cap(
    frame: Frame, cap: CategoryCap, by_category: dict[str, int], label: str
) -> Limit | None:
    requested = sum(by_category.get(c, 0) for c in cap.categories)
    if requested <= cap.yen:
        return None
    _cut(by_category, cap.categories, requested - cap.yen)
    names = "・".join(_category_names(frame).get(c, c) for c in cap.categories)
    message = f"{label}: {names}の交付申請額は{yen_label(cap.yen)}が上限"
    return Limit("category_cap", message, requested - cap.yen, cap.cite)


def _apply_share_limits(
    frame: Frame, limits: list[ShareLimit], by_category: dict[str, int], label: str
) -> list[Limit]:
    if not limits:
        return []
    limited = {c for limit in limits for c in limit.categories}
    free = sum(v for c, v in by_category.items() if c not in limited)
    groups = [(sum(by_category.get(c, 0) for c in s.categories), s.max_share) for s in limits]
    total = largest_total(free, groups)
    found = []
    for limit, (requested, share) in zip(limits, groups, strict=True):
        allowed = min(requested, total * share.numerator // share.denominator)
        if allowed < requested:
            _cut(by_category, limit.categories, requested - allowed)
            names = "・".join(_category_names(frame).get(c, c) for c in limit.categories)
            message = (
                f"{label}: {names}の交付申請額は全体の交付申請額の{share}以下"
                f"（全体{yen_label(total)}の{share}は{yen_label(allowed)}）"
            )
            found.append(Limit("share_limit", message, requested - allowed, limit.cite))
    # T is a fixed point (T + 1 > f(T + 1) >= f(T) >= T), so the cut requests add up to T.
    assert sum(by_category.values()) == total
    return found


def _year_cap(frame: Frame, index: int) -> tuple[int, Citation] | None:
    caps = [c for c in frame.per_year_caps if c.from_year <= index]
    if not caps:
        return None
    cap = max(caps, key=lambda c: c.from_year)
    return cap.yen, cap.cite


def compute_amount(program: Program, frame: Frame, terms: Terms, plan: Plan) -> Amount:
    if terms.fixed is not None:
        return _fixed(terms, plan)
    rate: Fraction = terms.rate.value if terms.rate else Fraction(1)
    first_fy = (
        fiscal_year_of(frame.support_period.start)
        if frame.support_period
        else plan.years[0].fiscal_year
    )
    protected = {c for s in frame.share_limits for c in s.categories}
    amount = Amount(grant_yen=0, by_year=[])
    if terms.rate is None:
        amount.notes.append("補助率の定めがないため、対象経費の全額を上限まで計上しています")
    if program.kind in NON_GRANT_KINDS:
        amount.notes.append("この事業は融資・出資・保証です: 金額は返済等を要する資金の上限です")
    for year in plan.years:
        label = format_fiscal_year(year.fiscal_year)
        expenses, notes = year_expenses(program, frame, year)
        amount.notes += notes
        by_category = {c: v * rate.numerator // rate.denominator for c, v in expenses.items()}
        for cap in terms.category_caps:
            limit = _apply_category_cap(frame, cap, by_category, label)
            amount.limits += [limit] if limit else []
        amount.limits += _apply_share_limits(frame, frame.share_limits, by_category, label)
        year_cap = _year_cap(frame, year.fiscal_year - first_fy + 1)
        requested = sum(by_category.values())
        if year_cap is not None and requested > year_cap[0]:
            _scale(by_category, year_cap[0], protected)
            message = f"{label}: 年度ごとの補助限度額{yen_label(year_cap[0])}"
            amount.limits.append(
                Limit("per_year_cap", message, requested - year_cap[0], year_cap[1])
            )
        grant = sum(by_category.values())
        amount.by_year.append(YearAmount(year.fiscal_year, expenses, grant, by_category))
    _apply_total_cap(amount, terms, protected)
    amount.grant_yen = sum(y.grant_yen for y in amount.by_year)
    _check_floor(amount, terms)
    return amount


def _apply_total_cap(amount: Amount, terms: Terms, protected: set[str]) -> None:
    if terms.cap is None:
        return
    cap: int = terms.cap.value
    excess = sum(y.grant_yen for y in amount.by_year) - cap
    if excess <= 0:
        return
    amount.limits.append(Limit("cap", f"補助限度額{yen_label(cap)}", excess, terms.cap.source))
    for year in reversed(amount.by_year):  # later years give way first
        take = min(excess, year.grant_yen)
        _scale(year.by_category, year.grant_yen - take, protected)
        year.grant_yen -= take
        excess -= take


def _check_floor(amount: Amount, terms: Terms) -> None:
    if terms.floor is not None and amount.grant_yen < terms.floor.value:
        floor = yen_label(terms.floor.value)
        message = f"交付申請額{yen_label(amount.grant_yen)}が補助下限額{floor}に届きません"
        amount.below_floor = Limit("below_floor", message, 0, terms.floor.source)


def _fixed(terms: Terms, plan: Plan) -> Amount:
    assert terms.fixed is not None
    yen: int = terms.fixed.value
    year = YearAmount(plan.years[0].fiscal_year, {}, yen, {})
    amount = Amount(grant_yen=yen, by_year=[year])
    amount.notes.append(f"定額{yen_label(yen)}の支給です（経費に関わらず一定）")
    return amount
