"""The words of findings, limits and remarks: each kind's sentence as the contract's JSON
and the CLI say it, and the web's own marks and hints on the same findings."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import get_args

import pytest

from hojokin.catalog.primitives import Citation
from hojokin.rules import limits
from hojokin.rules.limits import Limit
from hojokin.rules.requirements import (
    CodeIn,
    CodeShown,
    CompositeRequired,
    MaxSupportYears,
    NotEncoded,
    PartShown,
    PartsShown,
    ThemeRequired,
    ThemeShown,
)
from hojokin.rules.service import Finding
from hojokin.rules.size import COMPANY
from hojokin.views.checks import limit_json
from hojokin.views.wording import finding_message, finding_text, limit_text, remark_text
from hojokin.web.check_groups import web_finding

START, END = date(2025, 4, 1), date(2028, 3, 31)
CHOICES = (limits.FixedChoice("単身世帯", 300_000), limits.FixedChoice("複数世帯", 500_000))
SHORT = limits.BelowFloor(200_000_000, 300_000_000, 450_000_000, 300_000_000)

CUTS: list[tuple[limits.Cut, str]] = [
    (
        limits.CategoryCap(2025, ("展示会等参加費", "広告掲載費"), 500_000),
        "令和7年度: 展示会等参加費・広告掲載費の交付申請額は50万円が上限",
    ),
    (
        limits.ShareLimit(2025, ("直接人件費",), Fraction(1, 5), 81_818_181, 16_363_636),
        "令和7年度: 直接人件費の交付申請額は全体の交付申請額の1/5以下"
        "（全体81,818,181円の1/5は16,363,636円）",
    ),
    (limits.PerYearCap(2026, 300_000_000), "令和8年度: 年度ごとの補助限度額3億円"),
    (
        limits.OutsidePeriod(2024, START, END),
        "令和6年度: 支援期間（令和7年4月1日〜令和10年3月31日）の外の年度の経費は"
        "補助対象になりません（0円として計算）",
    ),
    (
        limits.LateStart(2026, 2025, START, END),
        "計画の開始（令和8年度）が支援期間の初年度（令和7年度）より後です。支援期間は"
        "令和7年4月1日〜令和10年3月31日のため、令和8年度を2年度目として年度ごとの上限を"
        "当てはめています",
    ),
    (
        limits.StartAfterPeriod(2028, START, END),
        "計画の開始（令和10年度）が支援期間（令和7年4月1日〜令和10年3月31日）の終了より後です。"
        "支援期間外の年度は補助の対象になりません",
    ),
    (limits.TotalCap(7_000_000), "補助限度額700万円"),
    (SHORT, "交付申請額2億円が補助下限額3億円に届きません"),
    (
        limits.FixedUndecided(CHOICES, ("単身世帯", "複数世帯"), 500_000),
        "定額の支給区分（単身世帯 30万円／複数世帯 50万円）のうち、単身世帯・複数世帯に"
        "当たるかを決める情報が未入力です（最大の50万円を上限として示しています）",
    ),
    (
        limits.NoFixedVariant(CHOICES),
        "定額の支給区分（単身世帯 30万円／複数世帯 50万円）のいずれにも当たりません",
    ),
]

REMARKS: list[tuple[limits.Remark, str]] = [
    (limits.NoRate(), "補助率の定めがないため、対象経費の全額を上限まで計上しています"),
    (limits.NotAGrant(), "この事業は融資・出資・保証です: 金額は返済等を要する資金の上限です"),
    (limits.FixedAmount(50_000), "定額5万円の支給です（経費に関わらず一定）"),
    (
        limits.YearHoursCapped(1, 2_000, 1_800),
        "人件費1人目: 従事時間2,000時間のうち年間上限1,800時間まで計上",
    ),
    (
        limits.SalaryCapped(2, 2_450, 1_800, 4_410_000, 300_000, 12, 3_600_000),
        "人件費2人目: 時間単価2,450円 × 1,800時間 = 4,410,000円は、月額給与300,000円 × 12か月"
        " = 3,600,000円まで計上（各月の人件費は当月の給与総支給額が上限。"
        "月ごとに入力すると月別に計算します）",
    ),
    (
        limits.DayHoursCapped(limits.Month(1, 6, 3), 20, 8, 160),
        "人件費1人目 6月: 20日 × 1日8時間 = 160時間まで計上",
    ),
    (
        limits.YearHoursReached(limits.Month(1, None, 12), 1_800),
        "人件費1人目 12か月目: 年間上限1,800時間を超える分は計上しません",
    ),
    (
        limits.MonthPayCapped(limits.Month(3, 5, 2), 2_130, 160, 340_800, 300_000),
        "人件費3人目 5月: 時間単価2,130円 × 160時間 = 340,800円は、"
        "当月の給与総支給額300,000円まで計上",
    ),
    (
        limits.LowestPay(1, 250_000),
        "人件費1人目: 時間単価は年度内で一番低い支給額250,000円の単価で計算",
    ),
]

CITE = Citation(doc="tokyo", lines=(61, 62), quote="…")


def test_every_kind_of_cut_and_remark_is_worded_here() -> None:
    assert {type(cut) for cut, _ in CUTS} == set(get_args(limits.Cut))
    assert {type(remark) for remark, _ in REMARKS} == set(get_args(limits.Remark))


@pytest.mark.parametrize(("cut", "words"), CUTS)
def test_each_limit_has_its_sentence(cut: limits.Cut, words: str) -> None:
    limit = Limit(cut, 1_000, CITE)
    assert limit_text(limit) == words
    assert limit_json(limit)["message"] == words
    assert limit_json(limit)["code"] == cut.code


@pytest.mark.parametrize(("remark", "words"), REMARKS)
def test_each_remark_has_its_sentence(remark: limits.Remark, words: str) -> None:
    assert remark_text(remark) == words
    note = Finding("note", None, None, passed=True, remark=remark)
    assert finding_message(note) == words


def test_a_refusal_below_the_floor_says_what_expense_would_reach_it() -> None:
    refusal = Finding("below_floor", False, CITE, False, limit=Limit(SHORT, 0, CITE))
    assert finding_message(refusal) == (
        "× 交付申請額2億円が補助下限額3億円に届きません。下限額に届くには補助対象経費が"
        "少なくとも4億5,000万円（450,000,000円）必要です（この計画は3億円）"
    )
    # without a rate no expense reaches it: the refusal alone
    fixed = limits.BelowFloor(0, 100_000, None, 0)
    alone = Finding("below_floor", False, None, False, limit=Limit(fixed, 0, None))
    assert finding_message(alone) == "× 交付申請額0円が補助下限額10万円に届きません"
    assert web_finding(alone) == "非該当: 交付申請額0円が補助下限額10万円に届きません"


def test_an_amount_a_fact_would_decide_and_a_caution() -> None:
    undecided = Limit(limits.FixedUndecided(CHOICES, ("単身世帯",), 500_000), 0, None)
    waiting = Finding("needs_fact", None, None, False, needs="fact", limit=undecided)
    assert finding_message(waiting).startswith("要確認: 定額の支給区分（")
    assert finding_message(waiting).endswith("（facts に入力すると判定します）")
    assert web_finding(waiting).endswith("示しています）（確認事項に答えると判定します）")
    late = Limit(limits.LateStart(2026, 2025, START, END), 0, CITE)
    caution = Finding("late_start", None, CITE, False, limit=late)
    assert finding_message(caution) == limit_text(late)
    assert web_finding(caution) == limit_text(late)


RULE = "技術開発テーマ(1)〜(9)のいずれかに資すること"
THEME = ThemeRequired(True)


@pytest.mark.parametrize(
    ("truth", "cli", "web"),
    [
        (True, f"○ {RULE} — 技術開発テーマ: (2)", f"該当: {RULE} — 技術開発テーマ: (2)"),
        (False, f"× {RULE} — 技術開発テーマ: (2)", f"非該当: {RULE} — 技術開発テーマ: (2)"),
    ],
)
def test_a_decided_rule_opens_with_its_truth(truth: bool, cli: str, web: str) -> None:
    found = Finding("theme", truth, CITE, truth, THEME, ThemeShown(2))
    assert finding_message(found) == cli
    assert web_finding(found) == web


def test_an_undecided_rule_ends_with_each_front_ends_advice() -> None:
    sole = CodeIn("legal_form", ("sole_proprietor",))
    either = CompositeRequired("any_of", (sole,))
    parts = (
        PartShown(None, THEME, ThemeShown(None)),
        PartShown(
            True, either, PartsShown((PartShown(False, sole, CodeShown("legal_form", COMPANY)),))
        ),
    )
    found = Finding(
        "needs_fact",
        None,
        CITE,
        False,
        CompositeRequired("all_of", (THEME, either)),
        PartsShown(parts),
        needs="fact",
    )
    label = (
        f"次の全てに該当すること: 「{RULE}」／「次のいずれかに該当すること: "
        "「法人格等が個人事業者であること」」"
    )
    shows = (
        f"？ {RULE}（技術開発テーマ: なし）／○ 次のいずれかに該当すること: "
        "「法人格等が個人事業者であること」（× 法人格等が個人事業者であること"
        "（この会社: 会社（株式会社・合同会社等）））"
    )
    assert finding_message(found) == f"要確認: {label} — {shows}（facts に入力すると判定します）"
    # the web says the marks of the parts in words
    web_shows = shows.replace("？ ", "未確認: ").replace("○ ", "該当: ").replace("× ", "非該当: ")
    assert web_finding(found) == f"要確認: {label} — {web_shows}（確認事項に答えると判定します）"


def test_a_plan_rule_and_a_gap_in_the_data() -> None:
    plan_rule = Finding("needs_plan", None, CITE, False, MaxSupportYears(3), needs="plan")
    assert finding_message(plan_rule) == (
        "計画が必要: 計画が3年度以内であること（--plan で計画を渡すと判定します）"
    )
    assert web_finding(plan_rule) == (
        "計画が必要: 計画が3年度以内であること（金額の試算で計画を入力すると判定します）"
    )
    gap = Finding("not_encoded", None, CITE, False, NotEncoded())
    assert finding_text(gap) == (
        "対象要件の一部がデータ化されていません。原文の対象者を確認してください"
    )
