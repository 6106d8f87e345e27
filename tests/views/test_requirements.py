"""The words of requirements and of what a company shows for them: one sentence per kind
of value, as the contract's JSON, the CLI and the web say it."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any, get_args

import pytest

from hojokin.catalog.criteria import FactTest
from hojokin.catalog.facts import FACTS_CONTEXT, Fact
from hojokin.rules import requirements as r
from hojokin.rules.documents import DocumentStatus
from hojokin.rules.size import THRESHOLDS
from hojokin.views.requirements import (
    document_condition,
    document_reason,
    requirement_text,
    shown_text,
)
from hojokin.web.check_groups import MARKS as WEB_MARKS
from tests.rules.examples import catalog

FACTS = {
    "business_type": Fact(
        name="business_type",
        label="主な業態",
        question="主な業態は何ですか",
        type="choice",
        choices={"restaurant": "飲食店", "bar": "酒場"},
        scope="company",
    ),
    "new_hires": Fact(
        name="new_hires", label="新たに雇用する人数", question="何人", type="integer", scope="plan"
    ),
    "shortage": Fact(
        name="shortage", label="人手不足", question="?", type="boolean", scope="company"
    ),
    "licence": Fact(
        name="licence", label="実施許諾の予定がある", question="?", type="boolean", scope="plan"
    ),
    "patent": Fact(
        name="patent", label="特許を保有している", question="?", type="boolean", scope="company"
    ),
}


def fact(**test: Any) -> FactTest:
    return FactTest.model_validate(test, context={FACTS_CONTEXT: FACTS})


TOKYO = r.Area(("東京都",), (), ())
IBURI = r.Area((), ("胆振総合振興局",), ())
TOWNS = r.Area(("東京都",), (), ("富山県富山市",))
THEME = r.ThemeRequired(True)
SOLE = r.CodeIn("legal_form", ("sole_proprietor",))

REQUIREMENTS: list[tuple[r.Requirement, str]] = [
    (
        r.CodeIn("legal_form", ("corporation", "npo")),
        "法人格等が会社（株式会社・合同会社等）・特定非営利活動法人であること",
    ),
    (r.CodeIn("industry", ("retail",)), "業種が小売業であること"),
    (r.SizeRequired("small_business"), "小規模企業者（中小企業基本法）であること"),
    (r.Nationwide(), "所在地を問わないこと（全国）"),
    (
        r.AreaRequired(TOKYO, anywhere=False, by_opening_notice=False),
        "本店所在地が東京都内であること",
    ),
    (
        r.AreaRequired(IBURI, anywhere=True, by_opening_notice=False),
        "胆振総合振興局管内に本店又は支店があること",
    ),
    (
        r.AreaRequired(TOWNS, anywhere=True, by_opening_notice=True),
        "東京都・富山県富山市内に本店又は支店があること"
        "（個人事業主は東京都・富山県富山市内に開業届を出していること）",
    ),
    (
        r.YearsRequired(date(2025, 4, 1), 1, 10, None),
        "令和7年4月1日時点で事業期間が1年以上・10年未満であること",
    ),
    (
        r.YearsRequired(date(2025, 4, 1), None, 5, date(2026, 3, 31)),
        "令和7年4月1日時点で事業期間が5年未満であること（令和8年3月31日までに創業する予定の者を含む）",
    ),
    (
        r.DeclarationsRequired(("tax_arrears", "past_misconduct")),
        "次のいずれにも該当しないこと: 税の滞納・過去の補助事業等での不正",
    ),
    (
        r.OwnershipRequired((("single_max", Fraction(1, 2)), ("board_share", Fraction(1, 3)))),
        "大企業の関与が基準未満であること（一つの大企業の出資比率が1/2未満、"
        "大企業の役員等が占める役員数の割合が1/3未満）",
    ),
    (THEME, "技術開発テーマ(1)〜(9)のいずれかに資すること"),
    (r.ThemeRequired(False), "技術開発テーマ(1)〜(9)に該当しないこと"),
    (r.LettersRequired(("ア", "イ")), "大学発ベンチャー区分ア・イのいずれかに該当すること"),
    (r.FactRequired(fact(name="business_type", equals="restaurant")), "主な業態が飲食店であること"),
    (
        r.FactRequired(fact(name="business_type", one_of=["restaurant", "bar"])),
        "主な業態が飲食店・酒場のいずれかであること",
    ),
    (r.FactRequired(fact(name="new_hires", at_least=2)), "新たに雇用する人数が2以上であること"),
    (r.FactRequired(fact(name="new_hires", at_most=9)), "新たに雇用する人数が9以下であること"),
    # a noun is 該当; a clause is itself the requirement, negated in place
    (r.FactRequired(fact(name="shortage", equals=True)), "人手不足に該当すること"),
    (r.FactRequired(fact(name="shortage", equals=False)), "人手不足に該当しないこと"),
    (r.FactRequired(fact(name="licence", equals=True)), "実施許諾の予定があること"),
    (r.FactRequired(fact(name="licence", equals=False)), "実施許諾の予定がないこと"),
    (r.FactRequired(fact(name="patent", equals=True)), "特許を保有していること"),
    (r.FactRequired(fact(name="patent", equals=False)), "特許を保有していないこと"),
    (
        r.CompositeRequired("none_of", (THEME, r.Worded("個人であること", SOLE))),
        "次のいずれにも該当しないこと: 「技術開発テーマ(1)〜(9)のいずれかに資すること」"
        "／「個人であること」",
    ),
    (
        r.CompositeRequired("all_of", (SOLE,)),
        "次の全てに該当すること: 「法人格等が個人事業者であること」",
    ),
    (
        r.CompositeRequired("any_of", (SOLE,)),
        "次のいずれかに該当すること: 「法人格等が個人事業者であること」",
    ),
    (r.Worded("カタログの文言", SOLE), "カタログの文言"),
    (r.NotEncoded(), "対象要件の一部がデータ化されていません。原文の対象者を確認してください"),
    (r.SupportPeriod(2024, 2026), "計画の年度が支援期間（令和6年度〜令和8年度）内にあること"),
    (r.MaxSupportYears(3), "計画が3年度以内であること"),
    (r.PartnerShare(Fraction(1, 3)), "事業会社等からの出資等が総事業費の1/3以上であること"),
]

HEAD = r.OfficesShown("北海道", ())
AT = date(2025, 4, 1)
RETAIL = THRESHOLDS["retail"]
SHOWN: list[tuple[r.Shown, str]] = [
    (r.CodeShown("industry", "retail"), "この会社: 小売業"),
    (r.CodeShown("legal_form", None), "この会社: 不明"),
    (
        r.SizeShown("corporation", "retail", 10_000_000, 60, RETAIL, "sme", "sme"),
        "会社（株式会社・合同会社等）・小売業・資本金1,000万円・従業員60人"
        "（基準: 資本金5,000万円以下又は従業員50人以下）→ 中小企業者",
    ),
    (
        r.SizeShown("sole_proprietor", "retail", 0, 51, RETAIL, "large", "sme"),
        "個人事業者・小売業・従業員51人（基準: 従業員50人以下）→ 中小企業者に該当しません",
    ),
    (
        r.SizeShown("npo", "retail", 0, 3, RETAIL, "large", "small_business"),
        "特定非営利活動法人・小売業 → 中小企業基本法の中小企業者は会社又は個人に限られ、"
        "規模では判定しません",
    ),
    (r.OfficesShown(None, ()), "本店: 不明"),
    (r.OfficesShown("東京都", ("富山県", "北海道")), "本店: 東京都、支店: 富山県・北海道"),
    (
        r.AreaShown(HEAD, 1101, True, IBURI, True, None),
        "本店: 北海道（札幌市中央区・石狩振興局管内）",
    ),
    (
        r.AreaShown(HEAD, 1101, True, IBURI, False, None),
        "本店: 北海道（札幌市中央区・石狩振興局管内）（胆振総合振興局管外のため対象外）",
    ),
    (
        r.AreaShown(r.OfficesShown("富山県", ()), 16202, False, TOWNS, False, None),
        "本店: 富山県（高岡市）（東京都・富山県富山市外のため対象外）",
    ),
    (
        r.AreaShown(HEAD, None, True, IBURI, None, "town_not_given"),
        "本店: 北海道（市区町村が未入力のため判定できません）",
    ),
    (
        r.AreaShown(r.OfficesShown("東京都", ("富山県",)), None, False, TOWNS, None, "branch_town"),
        "本店: 東京都、支店: 富山県（支店の市区町村は入力項目にないため、"
        "東京都・富山県富山市内か判定できません）",
    ),
    (r.NoticeShown("東京都", TOKYO, True), "開業届の提出先: 東京都"),
    (
        r.NoticeShown("北海道", IBURI, False),
        "開業届の提出先: 北海道（胆振総合振興局管外のため対象外）",
    ),
    (r.NoticeShown(None, TOKYO, False), "開業届の提出先: 未入力"),
    (
        r.FoundingShown(date(2020, 2, 29), AT, 5),
        "設立日: 令和2年2月29日（令和7年4月1日時点で満5年）",
    ),
    (
        r.FoundingShown(date(2025, 10, 1), AT, None),
        "設立日（予定）: 令和7年10月1日（令和7年4月1日より後）",
    ),
    (
        r.FoundingShown(date(1860, 1, 1), AT, 165),
        "設立日: 1860年1月1日（令和7年4月1日時点で満165年）",
    ),
    (r.FoundingShown(None, AT, None), "設立日: 不明"),
    (r.DeclarationsShown(("tax_arrears",)), "該当: 税の滞納"),
    (r.DeclarationsShown(()), "いずれも該当なし"),
    (
        r.SharesShown((("combined", Fraction(1, 2)), ("board_share", Fraction(0)))),
        "大企業の出資比率の合計 1/2、大企業の役員等が占める役員数の割合 0",
    ),
    (r.ThemeShown(3), "技術開発テーマ: (3)"),
    (r.ThemeShown(None), "技術開発テーマ: なし"),
    (r.LettersShown(("ア", "ウ")), "大学発ベンチャー区分: ア・ウ"),
    (r.LettersShown(()), "大学発ベンチャー区分: 該当なし"),
    (r.FactShown(fact(name="business_type", equals="bar"), "restaurant"), "主な業態: 飲食店"),
    (r.FactShown(fact(name="shortage", equals=True), True), "人手不足: はい"),
    (r.FactShown(fact(name="new_hires", at_least=1), None), "新たに雇用する人数: 未入力"),
    (
        r.PartsShown(
            (
                r.PartShown(True, THEME, r.ThemeShown(1)),
                r.PartShown(
                    None,
                    r.CompositeRequired("any_of", (SOLE,)),
                    r.PartsShown((r.PartShown(False, SOLE, r.CodeShown("legal_form", None)),)),
                ),
            )
        ),
        "○ 技術開発テーマ(1)〜(9)のいずれかに資すること（技術開発テーマ: (1)）／"
        "？ 次のいずれかに該当すること: 「法人格等が個人事業者であること」"
        "（× 法人格等が個人事業者であること（この会社: 不明））",
    ),
    (r.SourceShown(), "原文で確認"),
    (r.PlanSpanShown(2024, 2026), "計画: 令和6年度〜令和8年度"),
    (r.PlanSpanShown(None, None), "計画: 不明〜不明"),
    (r.PlanYearsShown(3), "計画: 3年度"),
    (r.PlanYearsShown(None), "計画: 不明"),
    (r.InvestmentShown(30_000_000, 90_000_000), "出資等 3,000万円／総事業費 9,000万円"),
]


def test_every_kind_is_worded_here() -> None:
    assert {type(req) for req, _ in REQUIREMENTS} == set(get_args(r.Requirement))
    assert {type(shown) for shown, _ in SHOWN} == set(get_args(r.Shown))


@pytest.mark.parametrize(("requirement", "words"), REQUIREMENTS)
def test_each_requirement_has_its_sentence(requirement: r.Requirement, words: str) -> None:
    assert requirement_text(requirement) == words


@pytest.mark.parametrize(("shown", "words"), SHOWN)
def test_each_thing_a_company_shows_has_its_words(shown: r.Shown, words: str) -> None:
    assert shown_text(shown) == words


def test_the_web_opens_a_composites_parts_with_words() -> None:
    parts = r.PartsShown(
        (
            r.PartShown(True, THEME, r.ThemeShown(1)),
            r.PartShown(False, SOLE, r.CodeShown("legal_form", None)),
            r.PartShown(None, THEME, r.ThemeShown(None)),
        )
    )
    assert shown_text(parts, WEB_MARKS) == (
        "該当: 技術開発テーマ(1)〜(9)のいずれかに資すること（技術開発テーマ: (1)）／"
        "非該当: 法人格等が個人事業者であること（この会社: 不明）／"
        "未確認: 技術開発テーマ(1)〜(9)のいずれかに資すること（技術開発テーマ: なし）"
    )


def test_a_documents_condition_and_reason() -> None:
    some = next(d for p in catalog() for f in p.frames for d in f.required_documents)
    own = some.model_copy(update={"condition": "100万円以上の購入"})
    plain = some.model_copy(update={"condition": None})
    decided = DocumentStatus(plain, "required", THEME, r.ThemeShown(2))
    assert document_condition(decided) == "技術開発テーマ(1)〜(9)のいずれかに資すること"
    assert document_reason(decided) == "技術開発テーマ: (2)"
    waiting = DocumentStatus(own, "conditional", THEME, missing=("facts.x", "plan_years"))
    assert document_condition(waiting) == "100万円以上の購入"  # the catalog's own words first
    assert document_reason(waiting) == "未入力のため判定できません: facts.x・plan_years"
    always = DocumentStatus(plain, "required")
    assert (document_condition(always), document_reason(always)) == (None, None)
