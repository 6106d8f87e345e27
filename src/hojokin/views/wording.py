"""Findings, limits and remarks in Japanese, from the values `rules` gives.

These are the words of the contract's JSON and the command line (docs/contract.md fixed
them). The web words a finding with `finding_text` too, with its own marks and hints
(`web.check_groups`). A rule's requirement and what the company shows for it are worded
by `views.requirements`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import assert_never

from hojokin.catalog.schema import Program
from hojokin.ja import format_fiscal_year as _fy
from hojokin.ja import format_wareki, yen_label
from hojokin.rules import limits
from hojokin.rules.eligibility import NOT_ENCODED
from hojokin.rules.expr import Truth
from hojokin.rules.limits import Limit, Remark
from hojokin.rules.service import Finding, Needs, UnknownProgramError
from hojokin.views.requirements import MARKS, requirement_text, shown_text

# An undecided rule's message ends with the command line's advice: docs/contract.md
# fixed these words before findings said what they need apart.
HINTS: Mapping[Needs, str] = {
    "plan": "（--plan で計画を渡すと判定します）",
    "fact": "（facts に入力すると判定します）",
}


def finding_message(f: Finding) -> str:
    """The finding as the contract and the command line word it."""
    return finding_text(f) + (HINTS[f.needs] if f.needs else "")


def finding_text(f: Finding, marks: Mapping[Truth, str] = MARKS) -> str:
    """The finding in one sentence, without advice on how to settle it; `marks` open a
    decided requirement (and a refusal of the amount) and each part of a composite."""
    if f.remark is not None:
        return remark_text(f.remark)
    if f.limit is not None:
        text = limit_text(f.limit)
        if f.truth is False:
            cut = f.limit.cut
            gap = floor_gap(cut) if isinstance(cut, limits.BelowFloor) else ""
            return marks[False] + text + gap
        return f"要確認: {text}" if f.needs else text
    assert f.requirement is not None, "a finding of a rule has its requirement"
    label = requirement_text(f.requirement)
    if f.needs == "plan":
        return f"計画が必要: {label}"
    if f.code == NOT_ENCODED:
        return label
    assert f.shown is not None, "a decided or undecided rule has what the company shows"
    shows = shown_text(f.shown, marks)
    if f.truth is None:
        return f"要確認: {label} — {shows}"
    return f"{marks[f.truth]}{label} — {shows}"


def floor_gap(cut: limits.BelowFloor) -> str:
    """What would reach the floor: the least total eligible expense (⌈floor / rate⌉)."""
    needed = cut.needed_expenses_yen
    if needed is None:
        return ""
    return (
        f"。下限額に届くには補助対象経費が少なくとも{yen_label(needed)}（{needed:,}円）必要です"
        f"（この計画は{yen_label(cut.planned_expenses_yen)}）"
    )


def limit_text(limit: Limit) -> str:
    cut = limit.cut
    match cut:
        case limits.CategoryCap():
            names = "・".join(cut.categories)
            return f"{_fy(cut.fiscal_year)}: {names}の交付申請額は{yen_label(cut.cap_yen)}が上限"
        case limits.ShareLimit():
            names, share = "・".join(cut.categories), cut.share
            return (
                f"{_fy(cut.fiscal_year)}: {names}の交付申請額は全体の交付申請額の{share}以下"
                f"（全体{yen_label(cut.total_yen)}の{share}は{yen_label(cut.allowed_yen)}）"
            )
        case limits.PerYearCap():
            return f"{_fy(cut.fiscal_year)}: 年度ごとの補助限度額{yen_label(cut.cap_yen)}"
        case limits.OutsidePeriod():
            period = _period(cut.period_start, cut.period_end)
            return (
                f"{_fy(cut.fiscal_year)}: 支援期間（{period}）の外の年度の経費は"
                "補助対象になりません（0円として計算）"
            )
        case limits.LateStart():
            start, first = _fy(cut.plan_start), _fy(cut.first_fiscal_year)
            return (
                f"計画の開始（{start}）が支援期間の初年度（{first}）より後です。"
                f"支援期間は{_period(cut.period_start, cut.period_end)}のため、{start}を"
                f"{cut.plan_start - cut.first_fiscal_year + 1}年度目として"
                "年度ごとの上限を当てはめています"
            )
        case limits.StartAfterPeriod():
            period = _period(cut.period_start, cut.period_end)
            return (
                f"計画の開始（{_fy(cut.plan_start)}）が支援期間（{period}）の終了より後です。"
                "支援期間外の年度は補助の対象になりません"
            )
        case limits.TotalCap():
            return f"補助限度額{yen_label(cut.cap_yen)}"
        case limits.BelowFloor():
            grant, floor = yen_label(cut.grant_yen), yen_label(cut.floor_yen)
            return f"交付申請額{grant}が補助下限額{floor}に届きません"
        case limits.FixedUndecided():
            return (
                f"定額の支給区分（{_choices(cut.choices)}）のうち、{'・'.join(cut.open_labels)}"
                f"に当たるかを決める情報が未入力です（最大の{yen_label(cut.max_yen)}を上限として"
                "示しています）"
            )
        case limits.NoFixedVariant():
            return f"定額の支給区分（{_choices(cut.choices)}）のいずれにも当たりません"
        case _:
            assert_never(cut)


def remark_text(remark: Remark) -> str:
    match remark:
        case limits.NoRate():
            return "補助率の定めがないため、対象経費の全額を上限まで計上しています"
        case limits.NotAGrant():
            return "この事業は融資・出資・保証です: 金額は返済等を要する資金の上限です"
        case limits.FixedAmount():
            return f"定額{yen_label(remark.yen)}の支給です（経費に関わらず一定）"
        case limits.YearHoursCapped():
            return (
                f"{_who(remark.person)}: 従事時間{remark.hours:,}時間のうち"
                f"年間上限{remark.cap_hours:,}時間まで計上"
            )
        case limits.SalaryCapped():
            return (
                f"{_who(remark.person)}: 時間単価{remark.hourly_yen:,}円 × {remark.hours:,}時間"
                f" = {remark.cost_yen:,}円は、月額給与{remark.monthly_salary_yen:,}円 × "
                f"{remark.months}か月 = {remark.ceiling_yen:,}円まで計上"
                "（各月の人件費は当月の給与総支給額が上限。月ごとに入力すると月別に計算します）"
            )
        case limits.DayHoursCapped():
            return (
                f"{_when(remark.when)}: {remark.days}日 × 1日{remark.hours_per_day}時間"
                f" = {remark.most_hours:,}時間まで計上"
            )
        case limits.YearHoursReached():
            return f"{_when(remark.when)}: 年間上限{remark.cap_hours:,}時間を超える分は計上しません"
        case limits.MonthPayCapped():
            return (
                f"{_when(remark.when)}: 時間単価{remark.hourly_yen:,}円 × {remark.hours:,}時間"
                f" = {remark.cost_yen:,}円は、当月の給与総支給額{remark.pay_yen:,}円まで計上"
            )
        case limits.LowestPay():
            return (
                f"{_who(remark.person)}: 時間単価は年度内で一番低い支給額"
                f"{remark.pay_yen:,}円の単価で計算"
            )
        case _:
            assert_never(remark)


def _period(start: date, end: date) -> str:
    return f"{format_wareki(start)}〜{format_wareki(end)}"


def _choices(choices: tuple[limits.FixedChoice, ...]) -> str:
    return "／".join(f"{c.label} {yen_label(c.yen)}" for c in choices)


def _who(person: int) -> str:
    return f"人件費{person}人目"


def _when(month: limits.Month) -> str:
    who = _who(month.person)
    return f"{who} {month.month}月" if month.month else f"{who} {month.index}か月目"


def frames_text(program: Program) -> str:
    """A program's frames as a message lists them to choose from."""
    return "、".join(f"{f.id}（{f.name}）" for f in program.frames)


def unknown_text(exc: UnknownProgramError) -> str:
    """An unknown program or frame, with the frames there are."""
    if exc.program is None:
        return f"事業「{exc.program_id}」はカタログにありません"
    return f"{exc.program_id} に枠「{exc.frame}」はありません。枠: {frames_text(exc.program)}"
