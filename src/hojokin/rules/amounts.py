"""How many yen for one company's plan, and why: `rules.grant_steps` run on ints.

The steps themselves (terms, ⌊expense × rate⌋, category caps, share limits, per-year cap
and support period, total cap, floor) are written once in `rules.grant_steps`; here they
run year by year on the company's yen, and every cut becomes a `Limit` saying what, by how
many yen, and where the catalog says so. The expenses a frame counts (personnel by the wage
table included) and the fixed amounts are worked out here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Frame, Program, WageTable
from hojokin.ja import format_fiscal_year, format_wareki, yen_label
from hojokin.rules import grant_steps as steps
from hojokin.rules.plan import PersonnelLine, PersonnelMonth, Plan, PlanYear
from hojokin.rules.terms import CompanyArith, Terms

INT = CompanyArith({})  # the yen arithmetic of one company (terms are already resolved)

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


def _names(frame: Frame, categories: list[str] | tuple[str, ...]) -> str:
    named = {c.id: c.name for c in frame.categories}
    return "・".join(named.get(c, c) for c in categories)


def compute_amount(program: Program, frame: Frame, terms: Terms, plan: Plan) -> Amount:
    plan_steps = steps.grant_steps(frame)
    if plan_steps.fixed_only and (terms.fixed is None or terms.fixed_open):
        return _fixed_undecided(frame, terms, plan)
    if terms.fixed is not None:
        return _fixed(terms, plan)
    rate: Fraction = terms.rate.value if terms.rate else Fraction(1)
    amount = Amount(grant_yen=0, by_year=[], rate=rate)
    if terms.rate is None:
        amount.notes.append("補助率の定めがないため、対象経費の全額を上限まで計上しています")
    if program.kind in NON_GRANT_KINDS:
        amount.notes.append("この事業は融資・出資・保証です: 金額は返済等を要する資金の上限です")
    if plan_steps.support is not None:
        _late_start(frame, plan_steps.support, plan, amount)
    for year in plan.years:
        label = format_fiscal_year(year.fiscal_year)
        expenses, notes = year_expenses(program, frame, year)
        amount.notes += notes
        requested = steps.request(expenses, rate.numerator, rate.denominator, INT)
        if steps.in_period(plan_steps, year.fiscal_year) is False:
            amount.limits.append(_outside_period(frame, label, sum(requested.values())))
            zero = dict.fromkeys(expenses, 0)
            outside = YearAmount(year.fiscal_year, zero, 0, dict(zero), dict(zero), True)
            amount.by_year.append(outside)
            continue
        by_category = dict(requested)
        for cap in terms.category_caps:  # in the steps' group order
            cut = steps.category_cap(by_category, tuple(cap.categories), cap.yen, INT)
            if cut:
                names = _names(frame, cap.categories)
                message = f"{label}: {names}の交付申請額は{yen_label(cap.yen)}が上限"
                amount.limits.append(Limit("category_cap", message, cut, cap.cite))
        if plan_steps.share_limits:
            year_total, cuts = steps.share_limits(plan_steps, by_category, INT)
            # T is a fixed point (T + 1 > f(T + 1) >= f(T) >= T): the cut requests add up to T
            assert sum(by_category.values()) == year_total
            amount.limits += [
                _share_limit(frame, label, year_total, c) for c in cuts if c.allowed < c.asked
            ]
        index = steps.year_index(plan_steps, year.fiscal_year, plan.years[0].fiscal_year)
        year_cap = steps.year_cap(plan_steps, index, INT, lambda c: c)
        total = sum(by_category.values())
        cut = INT.excess(total, year_cap.yen if year_cap else None)
        if year_cap is not None and cut:
            _scale(by_category, total - cut, plan_steps.protected)
            message = f"{label}: 年度ごとの補助限度額{yen_label(year_cap.yen)}"
            amount.limits.append(Limit("per_year_cap", message, cut, year_cap.cite))
        grant = sum(by_category.values())
        amount.by_year.append(YearAmount(year.fiscal_year, expenses, grant, by_category, requested))
    _apply_total_cap(amount, terms, plan_steps.protected)
    amount.grant_yen = sum(y.grant_yen for y in amount.by_year)
    _check_floor(amount, terms, rate)
    return amount


def _share_limit(frame: Frame, label: str, year_total: int, cut: steps.ShareCut) -> Limit:
    share = cut.limit.max_share
    message = (
        f"{label}: {_names(frame, cut.limit.categories)}の交付申請額は全体の交付申請額の{share}以下"
        f"（全体{yen_label(year_total)}の{share}は{yen_label(cut.allowed)}）"
    )
    return Limit("share_limit", message, cut.asked - cut.allowed, cut.limit.cite)


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


def _late_start(frame: Frame, support: tuple[int, int], plan: Plan, amount: Amount) -> None:
    """A plan that starts after the period's first year: its first year is not year 1."""
    assert frame.support_period is not None
    first, last = support
    start = plan.years[0].fiscal_year
    if start <= first:
        return
    if start > last:
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


def _apply_total_cap(amount: Amount, terms: Terms, protected: frozenset[str]) -> None:
    if terms.cap is None:
        return
    cap: int = terms.cap.value
    grants, excess = steps.total_cap([y.grant_yen for y in amount.by_year], cap, INT)
    if not excess:
        return
    amount.limits.append(Limit("cap", f"補助限度額{yen_label(cap)}", excess, terms.cap.source))
    for year, grant in zip(amount.by_year, grants, strict=True):
        _scale(year.by_category, grant, protected)
        year.grant_yen = grant


def _check_floor(amount: Amount, terms: Terms, rate: Fraction) -> None:
    if terms.floor is None or amount.grant_yen >= terms.floor.value:
        return
    floor = terms.floor.value
    message = f"交付申請額{yen_label(amount.grant_yen)}が補助下限額{yen_label(floor)}に届きません"
    amount.below_floor = Limit("below_floor", message, 0, terms.floor.source)
    if rate > 0:
        amount.floor_expenses_yen = steps.floor_reach(floor, rate)


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
