"""Requirements and what a company shows for them, in Japanese, from the values `rules`
gives (`hojokin.rules.requirements`).

These are the words of the contract's JSON, the command line and the web alike; only
the marks that open a composite's parts differ (○×？ here, words on the web).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import assert_never

from hojokin import ja
from hojokin.catalog.criteria import FactTest
from hojokin.catalog.vocabulary import (
    DECLARATION_LABELS,
    INDUSTRY_LABELS,
    LEGAL_FORM_LABELS,
    SIZE_LABELS,
)
from hojokin.ja import areas, yen_label
from hojokin.rules import requirements as r
from hojokin.rules.documents import DocumentStatus
from hojokin.rules.expr import Truth
from hojokin.rules.size import COMPANY, INDIVIDUAL

# What opens a decided finding and each part of what a composite shows: the requirement
# holds, fails, or (a part only) cannot be told yet.
MARKS: Mapping[Truth, str] = {True: "○ ", False: "× ", None: "？ "}

_NOUNS = {"legal_form": "法人格等", "industry": "業種"}
_CODE_LABELS = {"legal_form": LEGAL_FORM_LABELS, "industry": INDUSTRY_LABELS}
_HEADS = {
    "all_of": "次の全てに該当すること",
    "any_of": "次のいずれかに該当すること",
    "none_of": "次のいずれにも該当しないこと",
}
_SHARES = {
    "single_max": "一つの大企業の出資比率",
    "combined": "大企業の出資比率の合計",
    "board_share": "大企業の役員等が占める役員数の割合",
}
UNDECIDED_INPUTS = "未入力のため判定できません: "


def requirement_text(req: r.Requirement) -> str:
    """What a rule requires, as one clause ending in こと."""
    match req:
        case r.CodeIn():
            listed = "・".join(_CODE_LABELS[req.field][c] for c in req.codes)
            return f"{_NOUNS[req.field]}が{listed}であること"
        case r.SizeRequired():
            return f"{SIZE_LABELS[req.size]}（中小企業基本法）であること"
        case r.Nationwide():
            return "所在地を問わないこと（全国）"
        case r.AreaRequired():
            inside = _inside(req.area)
            text = (
                f"{inside}に本店又は支店があること"
                if req.anywhere
                else f"本店所在地が{inside}であること"
            )
            if req.by_opening_notice:
                text += f"（個人事業主は{inside}に開業届を出していること）"
            return text
        case r.YearsRequired():
            return _years(req)
        case r.DeclarationsRequired():
            listed = "・".join(DECLARATION_LABELS[n] for n in req.names)
            return f"次のいずれにも該当しないこと: {listed}"
        case r.OwnershipRequired():
            limits = "、".join(f"{_SHARES[f]}が{q}未満" for f, q in req.limits)
            return f"大企業の関与が基準未満であること（{limits}）"
        case r.ThemeRequired():
            if req.required:
                return "技術開発テーマ(1)〜(9)のいずれかに資すること"
            return "技術開発テーマ(1)〜(9)に該当しないこと"
        case r.LettersRequired():
            return f"大学発ベンチャー区分{'・'.join(req.letters)}のいずれかに該当すること"
        case r.FactRequired():
            return _fact(req.test)
        case r.CompositeRequired():
            parts = "／".join(f"「{requirement_text(p)}」" for p in req.parts)
            return f"{_HEADS[req.test]}: {parts}"
        case r.Worded():
            return req.text
        case r.NotEncoded():
            return "対象要件の一部がデータ化されていません。原文の対象者を確認してください"
        case r.SupportPeriod():
            first = ja.format_fiscal_year(req.first_fiscal_year)
            last = ja.format_fiscal_year(req.last_fiscal_year)
            return f"計画の年度が支援期間（{first}〜{last}）内にあること"
        case r.MaxSupportYears():
            return f"計画が{req.years}年度以内であること"
        case r.PartnerShare():
            return f"事業会社等からの出資等が総事業費の{req.share}以上であること"
        case _:
            assert_never(req)


def shown_text(shown: r.Shown, marks: Mapping[Truth, str] = MARKS) -> str:
    """What a company shows for a requirement; `marks` open a composite's parts."""
    match shown:
        case r.CodeShown():
            return f"この会社: {_CODE_LABELS[shown.field].get(shown.code or '', '不明')}"
        case r.SizeShown():
            return _size(shown)
        case r.OfficesShown():
            return _offices(shown)
        case r.AreaShown():
            return _area(shown)
        case r.NoticeShown():
            if shown.prefecture is None:
                return "開業届の提出先: 未入力"
            verdict = "" if shown.inside else f"（{_outside(shown.area)}のため対象外）"
            return f"開業届の提出先: {shown.prefecture}{verdict}"
        case r.FoundingShown():
            return _founding(shown)
        case r.DeclarationsShown():
            found = "・".join(DECLARATION_LABELS[n] for n in shown.found)
            return f"該当: {found}" if found else "いずれも該当なし"
        case r.SharesShown():
            return "、".join(f"{_SHARES[f]} {q}" for f, q in shown.shares)
        case r.ThemeShown():
            return f"技術開発テーマ: ({shown.theme})" if shown.theme else "技術開発テーマ: なし"
        case r.LettersShown():
            return f"大学発ベンチャー区分: {'・'.join(shown.letters) or '該当なし'}"
        case r.FactShown():
            value = "未入力" if shown.value is None else shown.test.value_label(shown.value)
            return f"{shown.test.label}: {value}"
        case r.PartsShown():
            return "／".join(
                f"{marks[p.truth]}{requirement_text(p.requirement)}（{shown_text(p.shown, marks)}）"
                for p in shown.parts
            )
        case r.SourceShown():
            return "原文で確認"
        case r.PlanSpanShown():
            return f"計画: {_fy(shown.first_fiscal_year)}〜{_fy(shown.last_fiscal_year)}"
        case r.PlanYearsShown():
            return "計画: 不明" if shown.years is None else f"計画: {shown.years}年度"
        case r.InvestmentShown():
            invested, total = yen_label(shown.invested_yen), yen_label(shown.total_yen)
            return f"出資等 {invested}／総事業費 {total}"
        case _:
            assert_never(shown)


def document_condition(d: DocumentStatus) -> str | None:
    """When a document is needed: the catalog's words, else its rule's requirement."""
    if d.document.condition or d.requirement is None:
        return d.document.condition
    return requirement_text(d.requirement)


def document_reason(d: DocumentStatus, marks: Mapping[Truth, str] = MARKS) -> str | None:
    """Why a document is or is not needed for this company, or what would decide it."""
    if d.missing:
        return UNDECIDED_INPUTS + "・".join(d.missing)
    return None if d.shown is None else shown_text(d.shown, marks)


def _inside(area: r.Area) -> str:
    names = _area_names(area)
    return names if names.endswith("管内") else f"{names}内"


def _outside(area: r.Area) -> str:
    names = _area_names(area)
    return f"{names.removesuffix('管内')}管外" if names.endswith("管内") else f"{names}外"


def _area_names(area: r.Area) -> str:
    return "・".join([*area.prefectures, *(f"{s}管内" for s in area.subprefectures), *area.towns])


def _offices(shown: r.OfficesShown) -> str:
    text = f"本店: {shown.head or '不明'}"
    return text + (f"、支店: {'・'.join(shown.branches)}" if shown.branches else "")


def _area(shown: r.AreaShown) -> str:
    text = _offices(shown.offices)
    if shown.town is not None:
        text += f"（{_town(shown.town, shown.with_subprefecture)}）"
    if shown.truth is False:
        return f"{text}（{_outside(shown.area)}のため対象外）"
    match shown.undecided:
        case "town_not_given":
            return f"{text}（市区町村が未入力のため判定できません）"
        case "branch_town":
            inside = _inside(shown.area)
            return f"{text}（支店の市区町村は入力項目にないため、{inside}か判定できません）"
        case None:
            return text
        case _:
            assert_never(shown.undecided)


def _town(number: int, with_subprefecture: bool) -> str:
    """A municipality's name; for a 振興局 rule with its 振興局 (札幌市中央区・石狩振興局管内)."""
    town = areas.municipality(number)
    office = areas.subprefecture_of(town) if with_subprefecture else None
    return f"{town.name}・{office}管内" if office else town.name


def _years(req: r.YearsRequired) -> str:
    bounds = []
    if req.min is not None:
        bounds.append(f"{req.min}年以上")
    if req.below is not None:
        bounds.append(f"{req.below}年未満")
    text = f"{ja.format_wareki(req.at)}時点で事業期間が{'・'.join(bounds)}であること"
    if req.founded_by is not None:
        text += f"（{ja.format_wareki(req.founded_by)}までに創業する予定の者を含む）"
    return text


def _founding(shown: r.FoundingShown) -> str:
    at = ja.format_wareki(shown.at)
    if shown.founded is None:
        return "設立日: 不明"
    if shown.full_years is None:
        return f"設立日（予定）: {_date(shown.founded)}（{at}より後）"
    return f"設立日: {_date(shown.founded)}（{at}時点で満{shown.full_years}年）"


def _date(d: date) -> str:
    try:
        return ja.format_wareki(d)
    except ValueError:  # before 明治: the western calendar still reads correctly
        return ja.format_western(d)


def _fact(test: FactTest) -> str:
    if test.equals is not None:
        if isinstance(test.equals, bool):
            return _yes_no(test.label, test.equals)
        return f"{test.label}が{test.value_label(test.equals)}であること"
    if test.one_of is not None:
        values = "・".join(test.value_label(v) for v in test.one_of)
        return f"{test.label}が{values}のいずれかであること"
    if test.at_least is not None:
        return f"{test.label}が{test.at_least}以上であること"
    return f"{test.label}が{test.at_most}以下であること"


def _yes_no(label: str, yes: bool) -> str:
    """A yes/no fact as a sentence. Labels are nouns (人手不足) or, a few, clauses that
    end in a verb (…の予定がある, …している): a noun reads 「…に該当すること」, a clause
    is itself the requirement and is negated in place."""
    if label.endswith("がある"):
        return f"{label}こと" if yes else f"{label[:-2]}ないこと"
    if label.endswith("ている"):
        return f"{label}こと" if yes else f"{label[:-2]}いないこと"
    return f"{label}に該当すること" if yes else f"{label}に該当しないこと"


def _size(shown: r.SizeShown) -> str:
    """The legal form, the test applied, the result; e.g. 個人事業者・小売業・従業員51人
    （基準: 従業員50人以下）→ 中小企業者に該当しません"""
    form, threshold, required = shown.legal_form, shown.threshold, shown.required
    who = f"{LEGAL_FORM_LABELS.get(form, '不明')}・{INDUSTRY_LABELS.get(shown.industry, '不明')}"
    if form not in (COMPANY, INDIVIDUAL):
        return f"{who} → 中小企業基本法の中小企業者は会社又は個人に限られ、規模では判定しません"
    if required == "small_business":
        test = f"従業員{threshold.small_business_employees}人以下"
    elif form == COMPANY:
        capital = yen_label(threshold.capital_yen)
        test = f"資本金{capital}以下又は従業員{threshold.employees}人以下"
    else:  # an individual has no capital: employees alone decide
        test = f"従業員{threshold.employees}人以下"
    figures = f"従業員{shown.employees}人"
    if form == COMPANY:
        figures = f"資本金{yen_label(shown.capital_yen)}・{figures}"
    meets = shown.found == "small_business" or (required == "sme" and shown.found == "sme")
    verdict = SIZE_LABELS[required] if meets else f"{SIZE_LABELS[required]}に該当しません"
    return f"{who}・{figures}（基準: {test}）→ {verdict}"


def _fy(year: int | None) -> str:
    return "不明" if year is None else ja.format_fiscal_year(year)
