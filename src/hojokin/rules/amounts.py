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
from hojokin.ja import fiscal_year_of, format_fiscal_year, format_wareki
from hojokin.rules.plan import PersonnelLine, PersonnelMonth, Plan, PlanYear
from hojokin.rules.terms import Terms, fixed_only

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
    # ⌊expense × rate⌋ per category before any limit: the first step of the computation shown
    requested: dict[str, int] = field(default_factory=dict)
    # a year outside the support period: nothing counted (the limit `outside_support_period`)
    outside_period: bool = False


@dataclass
class Amount:
    grant_yen: int
    by_year: list[YearAmount]
    limits: list[Limit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
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


def personnel_cost(table: WageTable, lines: list[PersonnelLine]) -> tuple[int, list[str]]:
    total, notes = 0, []
    for number, line in enumerate(lines, start=1):
        who = f"人件費{number}人目"
        if line.by_month is not None:
            cost, said = _monthly_cost(table, line.by_month, who)
        else:
            cost, said = _yearly_cost(table, line, who)
        total += cost
        notes += said
    return total, notes


def _yearly_cost(table: WageTable, line: PersonnelLine, who: str) -> tuple[int, list[str]]:
    """A line given for the whole year: hours within the yearly maximum, and — as a month
    counts at most its pay — at most `months` (12 when not given) × the monthly salary."""
    assert line.monthly_salary_yen is not None and line.hours is not None
    cap = table.max_hours_per_year.value
    hours = min(line.hours, cap)
    notes = []
    if line.hours > cap:
        notes.append(f"{who}: 従事時間{line.hours:,}時間のうち年間上限{cap:,}時間まで計上")
    rate = hourly_rate(table, line.monthly_salary_yen)
    cost = rate * hours
    if table.monthly_pay_cap is not None:
        months = line.months or 12
        ceiling = months * line.monthly_salary_yen
        if cost > ceiling:
            notes.append(
                f"{who}: 時間単価{rate:,}円 × {hours:,}時間 = {cost:,}円は、月額給与"
                f"{line.monthly_salary_yen:,}円 × {months}か月 = {ceiling:,}円まで計上"
                "（各月の人件費は当月の給与総支給額が上限。月ごとに入力すると月別に計算します）"
            )
            cost = ceiling
    return cost, notes


def _monthly_cost(
    table: WageTable, months: list[PersonnelMonth], who: str
) -> tuple[int, list[str]]:
    """A line given month by month: days count at most 8 hours each, the year's hours stop
    at the yearly maximum (later months give way), and each month's cost stops at its pay."""
    notes = []
    lowest = min(m.pay_yen for m in months)
    per_day = table.max_hours_per_day.value if table.max_hours_per_day else None
    left = table.max_hours_per_year.value
    total = 0
    for index, month in enumerate(months, start=1):
        when = f"{who} {month.month}月" if month.month else f"{who} {index}か月目"
        hours = month.hours
        if month.days is not None and per_day is not None:
            most = month.days * per_day
            if hours is not None and hours > most:
                notes.append(f"{when}: {month.days}日 × 1日{per_day}時間 = {most:,}時間まで計上")
            hours = most if hours is None else min(hours, most)
        hours = hours or 0
        if hours > left:
            notes.append(
                f"{when}: 年間上限{table.max_hours_per_year.value:,}時間を超える分は計上しません"
            )
            hours = left
        left -= hours
        pay = lowest if table.lowest_pay_rate is not None else month.pay_yen
        rate = hourly_rate(table, pay)
        cost = rate * hours
        if table.monthly_pay_cap is not None and cost > month.pay_yen:
            notes.append(
                f"{when}: 時間単価{rate:,}円 × {hours:,}時間 = {cost:,}円は、"
                f"当月の給与総支給額{month.pay_yen:,}円まで計上"
            )
            cost = month.pay_yen
        total += cost
    if table.lowest_pay_rate is not None and len({m.pay_yen for m in months}) > 1:
        notes.append(f"{who}: 時間単価は年度内で一番低い支給額{lowest:,}円の単価で計算")
    return total, notes


def year_expenses(
    program: Program, frame: Frame, year: PlanYear
) -> tuple[dict[str, int], list[str]]:
    """The year's eligible expenses by category as this frame counts them. The plan has
    passed `service.plan_problems`: it gives nothing this frame would leave uncounted."""
    notes: list[str] = []
    expenses = dict(year.expenses)
    table = program.wage_table
    if year.personnel_lines and table is not None:
        cost, notes = personnel_cost(table, year.personnel_lines)
        expenses[table.category] = expenses.get(table.category, 0) + cost
    if not frame.categories:
        total = year.eligible_expenses_yen
        return {"total": sum(expenses.values()) if total is None else total}, notes
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


def _support_years(frame: Frame) -> tuple[int, int] | None:
    period = frame.support_period
    if period is None:
        return None
    return fiscal_year_of(period.start), fiscal_year_of(period.end)


def compute_amount(program: Program, frame: Frame, terms: Terms, plan: Plan) -> Amount:
    if fixed_only(frame) and (terms.fixed is None or terms.fixed_open):
        return _fixed_undecided(frame, terms, plan)
    if terms.fixed is not None:
        return _fixed(terms, plan)
    rate: Fraction = terms.rate.value if terms.rate else Fraction(1)
    support = _support_years(frame)
    first_fy = support[0] if support else plan.years[0].fiscal_year
    protected = {c for s in frame.share_limits for c in s.categories}
    amount = Amount(grant_yen=0, by_year=[], rate=rate)
    if terms.rate is None:
        amount.notes.append("補助率の定めがないため、対象経費の全額を上限まで計上しています")
    if program.kind in NON_GRANT_KINDS:
        amount.notes.append("この事業は融資・出資・保証です: 金額は返済等を要する資金の上限です")
    if support is not None:
        _late_start(frame, plan, amount)
    for year in plan.years:
        label = format_fiscal_year(year.fiscal_year)
        expenses, notes = year_expenses(program, frame, year)
        amount.notes += notes
        requested = {c: v * rate.numerator // rate.denominator for c, v in expenses.items()}
        if support is not None and not support[0] <= year.fiscal_year <= support[1]:
            amount.limits.append(_outside_period(frame, label, sum(requested.values())))
            zero = dict.fromkeys(expenses, 0)
            outside = YearAmount(year.fiscal_year, zero, 0, dict(zero), dict(zero), True)
            amount.by_year.append(outside)
            continue
        by_category = dict(requested)
        for cap in terms.category_caps:
            limit = _apply_category_cap(frame, cap, by_category, label)
            amount.limits += [limit] if limit else []
        amount.limits += _apply_share_limits(frame, frame.share_limits, by_category, label)
        year_cap = _year_cap(frame, year.fiscal_year - first_fy + 1)
        total = sum(by_category.values())
        if year_cap is not None and total > year_cap[0]:
            _scale(by_category, year_cap[0], protected)
            message = f"{label}: 年度ごとの補助限度額{yen_label(year_cap[0])}"
            amount.limits.append(Limit("per_year_cap", message, total - year_cap[0], year_cap[1]))
        grant = sum(by_category.values())
        amount.by_year.append(YearAmount(year.fiscal_year, expenses, grant, by_category, requested))
    _apply_total_cap(amount, terms, protected)
    amount.grant_yen = sum(y.grant_yen for y in amount.by_year)
    _check_floor(amount, terms, rate)
    return amount


def _period_label(frame: Frame) -> str:
    assert frame.support_period is not None
    start, end = frame.support_period.start, frame.support_period.end
    return f"{format_wareki(start)}〜{format_wareki(end)}"


def _outside_period(frame: Frame, label: str, requested: int) -> Limit:
    """Expenses of a year outside the support period are not eligible (Tokyo's Q12)."""
    assert frame.support_period is not None
    message = (
        f"{label}: 支援期間（{_period_label(frame)}）の外の年度の経費は補助対象になりません"
        "（0円として計算）"
    )
    return Limit("outside_support_period", message, requested, frame.support_period.cite)


def _late_start(frame: Frame, plan: Plan, amount: Amount) -> None:
    """A plan that starts after the period's first year: its first year is not year 1."""
    assert frame.support_period is not None
    first = fiscal_year_of(frame.support_period.start)
    start = plan.years[0].fiscal_year
    if start <= first:
        return
    if start > fiscal_year_of(frame.support_period.end):
        # no year of the period is left to count it as: it is outside, not "year n"
        message = (
            f"計画の開始（{format_fiscal_year(start)}）が支援期間（{_period_label(frame)}）の"
            "終了より後です。支援期間外の年度は補助の対象になりません"
        )
        amount.cautions.append(Limit("late_start", message, 0, frame.support_period.cite))
        return
    message = (
        f"計画の開始（{format_fiscal_year(start)}）が支援期間の初年度（{format_fiscal_year(first)}）"
        f"より後です。支援期間は{_period_label(frame)}のため、{format_fiscal_year(start)}を"
        f"{start - first + 1}年度目として年度ごとの上限を当てはめています"
    )
    amount.cautions.append(Limit("late_start", message, 0, frame.support_period.cite))


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


def _check_floor(amount: Amount, terms: Terms, rate: Fraction) -> None:
    if terms.floor is None or amount.grant_yen >= terms.floor.value:
        return
    floor = terms.floor.value
    message = f"交付申請額{yen_label(amount.grant_yen)}が補助下限額{yen_label(floor)}に届きません"
    amount.below_floor = Limit("below_floor", message, 0, terms.floor.source)
    if rate > 0:  # ⌈floor / rate⌉: the least expense whose ⌊× rate⌋ reaches it (before caps)
        amount.floor_expenses_yen = -(-floor * rate.denominator // rate.numerator)


def _fixed(terms: Terms, plan: Plan) -> Amount:
    assert terms.fixed is not None
    yen: int = terms.fixed.value
    year = YearAmount(plan.years[0].fiscal_year, {}, yen, {})
    amount = Amount(grant_yen=yen, by_year=[year])
    amount.notes.append(f"定額{yen_label(yen)}の支給です（経費に関わらず一定）")
    return amount


def _fixed_undecided(frame: Frame, terms: Terms, plan: Plan) -> Amount:
    """A frame paid only by fixed variants whose amount the company's answers do not settle.

    Variants still open (a fact they read is not given) make it 要確認, shown at the largest
    amount it could pay; none open and none met: the frame pays nothing (×)."""
    paid = [v for v in frame.variants if v.fixed is not None]
    choices = "／".join(f"{v.label} {yen_label(v.fixed.yen)}" for v in paid if v.fixed)
    source = paid[0].fixed.cite if paid[0].fixed else None
    met = [terms.fixed.value] if terms.fixed is not None else []
    yen = max([*met, *(v.fixed.yen for v in terms.fixed_open if v.fixed)], default=0)
    amount = Amount(grant_yen=yen, by_year=[YearAmount(plan.years[0].fiscal_year, {}, yen, {})])
    if terms.fixed_open:
        open_labels = "・".join(v.label for v in terms.fixed_open)
        message = (
            f"定額の支給区分（{choices}）のうち、{open_labels}に当たるかを決める情報が未入力です"
            f"（最大の{yen_label(yen)}を上限として示しています）"
        )
        amount.undecided = Limit("needs_fact", message, 0, source)
    else:
        message = f"定額の支給区分（{choices}）のいずれにも当たりません"
        amount.refused = Limit("no_fixed_variant", message, 0, source)
    return amount
