"""Toyama's fixed amounts: what the worked examples (catalog/programs/toyama/2022/
*.cases.yaml) cannot say — that a fixed frame without its deciding fact has exactly one
warning, worded in full."""

from __future__ import annotations

from hojokin.rules.limits import FixedChoice, FixedUndecided
from hojokin.rules.service import estimate
from hojokin.views.wording import finding_text
from tests.rules.examples import company, frame, plan, program

UIJ = "toyama-uij-turn-kigyo-shien"


def test_uij_migration_support_without_household_is_to_be_confirmed() -> None:
    # The issue: with no household it fell back to "rate 1 of the expenses" and said
    # eligible: true, grant_yen: 1,000,000. Only the fixed amounts exist: 要確認, and at most
    # the larger of them, 500千円.
    year = {"fiscal_year": 2022, "expenses": {"total": 1_000_000}}
    facts = {"uij_kigyo_shienkin_adopted": True, "iju_shienkin_23ku_eligible": False}
    who = company(head_office_prefecture="富山県")
    result = estimate(program(UIJ), frame(UIJ, "iju-shienkin"), who, plan(year, facts=facts))
    assert result.amount.grant_yen == 500_000
    assert result.check.verdict is None
    # (The destination fact, also left blank here, is a second needs_fact.)
    (undecided,) = [w for w in result.check.warnings if w.limit is not None]
    assert undecided.code == "needs_fact" and undecided.limit is not None
    choices = (FixedChoice("単身世帯", 300_000), FixedChoice("複数世帯", 500_000))
    assert undecided.limit.cut == FixedUndecided(choices, ("単身世帯", "複数世帯"), 500_000)
    assert finding_text(undecided) == (
        "要確認: 定額の支給区分（単身世帯 30万円／複数世帯 50万円）のうち、単身世帯・複数世帯に"
        "当たるかを決める情報が未入力です（最大の50万円を上限として示しています）"
    )
    # a fact decides it: each front end adds its own advice on giving it
    assert undecided.needs == "fact"
