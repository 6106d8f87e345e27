"""Fact requirements read in Japanese: the vocabulary's label, choices by their labels."""

from __future__ import annotations

from typing import Any

import pytest

from hojokin.catalog.criteria import Criterion
from hojokin.catalog.facts import FACTS_CONTEXT, Fact
from hojokin.rules.eligibility import criterion_rule
from hojokin.rules.rule import Rule
from hojokin.rules.rule_columns import fact_column
from hojokin.rules.service import check_company
from hojokin.views.requirements import requirement_text, shown_text
from hojokin.views.wording import finding_text
from tests.rules.examples import catalog, company, program


def rule_of(test: dict[str, Any], facts: dict[str, Fact] | None = None) -> Rule:
    context = {FACTS_CONTEXT: catalog().facts if facts is None else facts}
    return criterion_rule(Criterion.model_validate({"fact": test}, context=context))


@pytest.mark.parametrize(
    ("test", "label"),
    [
        (
            {"name": "plans_outside_investment", "equals": False},
            "他者からの出資を受ける予定に該当しないこと",
        ),
        ({"name": "business_type", "equals": "restaurant"}, "主な業態が飲食店であること"),
        (
            {"name": "locating_in_hokkaido", "equals": True},
            "北海道内への立地・移転（予定）に該当すること",
        ),
        (
            {"name": "license_from_other_company", "equals": True},
            "他社からの実施許諾の予定があること",
        ),
        (
            {"name": "license_from_other_company", "equals": False},
            "他社からの実施許諾の予定がないこと",
        ),
        (
            {"name": "covid_impact", "one_of": ["sales_decrease", "other_impact"]},
            "新型コロナウイルス感染症による経営への影響が"
            "売上高が減少した・売上高の減少以外の影響を受けているのいずれかであること",
        ),
    ],
)
def test_requirement_is_worded_from_the_vocabulary(test: dict[str, Any], label: str) -> None:
    assert requirement_text(rule_of(test).requirement) == label


def test_what_the_company_shows_is_worded_too() -> None:
    rule = rule_of({"name": "business_type", "equals": "restaurant"})
    column = fact_column("business_type")
    assert shown_text(rule.shows({})) == "主な業態: 未入力"
    assert shown_text(rule.shows({column: "accommodation"})) == "主な業態: 宿泊業（ホテル・旅館等）"
    rule = rule_of({"name": "plans_outside_investment", "equals": False})
    assert shown_text(rule.shows({})) == "他者からの出資を受ける予定: 未入力"
    assert shown_text(rule.shows({fact_column("plans_outside_investment"): True})) == (
        "他者からの出資を受ける予定: はい"
    )


def test_integer_facts_compare() -> None:
    hires = Fact(
        name="new_hires",
        label="新たに雇用する人数",
        question="何人を新たに雇用しますか",
        type="integer",
        scope="plan",
    )
    rule = rule_of({"name": "new_hires", "at_least": 2}, {"new_hires": hires})
    assert requirement_text(rule.requirement) == "新たに雇用する人数が2以上であること"
    assert rule.holds({fact_column("new_hires"): 2})
    assert not rule.holds({fact_column("new_hires"): 1})
    assert shown_text(rule.shows({fact_column("new_hires"): 1})) == "新たに雇用する人数: 1"


def test_without_a_vocabulary_the_name_stands_in() -> None:
    rule = criterion_rule(Criterion.model_validate({"fact": {"name": "x_y", "equals": True}}))
    assert requirement_text(rule.requirement) == "x_yに該当すること"


def test_check_explains_a_missing_fact_in_japanese() -> None:
    # The kyugyo program's restaurant branch has unlabelled fact tests: their wording comes
    # from facts.yaml, and a company file without the facts shows 未入力: 要確認, not refused.
    (checked,) = check_company(
        [program("hokkaido-kyugyo-kyoryoku-kansen-risk-teigen-shien")],
        company(head_office_prefecture="北海道"),
    )
    assert checked.verdict is None
    message = next(finding_text(w) for w in checked.warnings if w.code == "needs_fact")
    assert message.startswith("要確認: ")
    assert "主な業態が飲食店であること（主な業態: 未入力）" in message
    assert "19時以降の酒類の提供の自粛に該当すること（19時以降の酒類の提供の自粛: 未入力）" in (
        message
    )
