"""Eligibility: a program's criteria as expressions, each with its Japanese wording.

`frame_rules` gathers the rules of one frame: the program's and the frame's
criteria, then the plan rules the frame's terms imply (support period, number of
years, partner investment). Each `Rule` holds one expression, so the same rule
explains one company (`hojokin.rules.check`) and screens a table (`hojokin.rules.screen`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

from hojokin import ja
from hojokin.catalog.criteria import AreaTest, Criterion, FactTest, Ownership, YearsInBusiness
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Frame, Program
from hojokin.catalog.vocabulary import (
    DECLARATION_LABELS,
    INDUSTRY_LABELS,
    LEGAL_FORM_LABELS,
    SIZE_LABELS,
    UNIVERSITY_VENTURE,
    SizeRequirement,
)
from hojokin.ja import areas, yen_label
from hojokin.ja.prefectures import PREFECTURES
from hojokin.rules.expr import (
    TRUE,
    And,
    Compare,
    Expr,
    InSet,
    IsNull,
    MaskAny,
    Not,
    Or,
    RatioCompare,
    Truth,
    Unknown,
    columns_of,
    evaluate,
)
from hojokin.rules.rule_columns import (
    BRANCHES,
    HEAD_OFFICE,
    MUNICIPALITY,
    OFFICES,
    OPENING_NOTICE,
    PLAN_FIRST_FY,
    PLAN_LAST_FY,
    PLAN_PARTNER_INVESTMENT,
    PLAN_TOTAL_COST,
    PLAN_YEARS,
    THEME,
    UNIVERSITY,
    fact_column,
    letter_bit,
    share_columns,
)
from hojokin.rules.size import SMALL_BUSINESS, SME, size_reason

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    """A requirement: its code, its wording, its test, and what a company shows for it."""

    code: str
    label: str
    expr: Expr
    source: Citation | None
    severity: Literal["error", "warning"]
    shows: Callable[[Row], str]
    # The rules an all_of/any_of/none_of joins, so that each part can be told on its own.
    parts: tuple[Rule, ...] = ()
    # The catalog's reading of the source where the text is not explicit (an area inferred
    # from the issuer): shown with the requirement so the reader can judge it.
    note: str = ""

    @cached_property
    def needs_plan(self) -> bool:
        # Cached: a compiled rule is asked once per company checked.
        return any(c.startswith("plan_") for c in columns_of(self.expr))

    def holds(self, row: Row) -> Truth:
        """True or False, or None while a value the rule reads (a fact, the plan) is missing."""
        return evaluate(self.expr, row)


NOT_ENCODED = "not_encoded"


def frame_rules(program: Program, frame: Frame) -> list[Rule]:
    rules = [criterion_rule(c) for c in (*program.eligibility, *frame.eligibility)]
    if not eligibility_complete(program, frame):
        rules.append(_not_encoded(program))
    return rules + plan_rules(frame)


def eligibility_complete(program: Program, frame: Frame) -> bool:
    """Whether the criteria cover every requirement the text states (reviewed per file)."""
    if frame.eligibility_complete is not None:
        return frame.eligibility_complete
    return program.eligibility_complete


def _not_encoded(program: Program) -> Rule:
    """Unknown is not yes: what the data leaves out keeps a company at 要確認 (or 対象外
    when an encoded requirement already fails), at both speeds alike."""
    return Rule(
        NOT_ENCODED,
        "対象要件の一部がデータ化されていません。原文の対象者を確認してください",
        Unknown(),
        program.source,
        "error",
        lambda row: "原文で確認",
    )


# --- criteria of the program files ------------------------------------------------


# Compiling a criterion costs more than testing a company against it, and a server
# tests the same catalog again and again. Criteria are frozen models, so a compiled rule
# never goes stale; each entry holds its criterion, so the id cannot be reused while the
# entry lives.
_COMPILED: dict[int, tuple[Criterion, Rule]] = {}
_MAX_COMPILED = 50_000


def criterion_rule(c: Criterion) -> Rule:
    cached = _COMPILED.get(id(c))
    if cached is None:
        expr, label, shows = _compile(c)
        joined = getattr(c, c.test) if c.test in ("all_of", "any_of", "none_of") else []
        parts = tuple(criterion_rule(i) for i in joined)
        rule = Rule(c.code, c.label or label, expr, c.cite, c.severity, shows, parts, c.note or "")
        if len(_COMPILED) >= _MAX_COMPILED:
            _COMPILED.clear()
        cached = _COMPILED[id(c)] = (c, rule)
    return cached[1]


Compiled = tuple[Expr, str, Callable[[Row], str]]


def _compile(c: Criterion) -> Compiled:
    match c.test:
        case "legal_form":
            return _code_in("legal_form", c.legal_form or [], LEGAL_FORM_LABELS, "法人格等")
        case "industry":
            return _code_in("industry", c.industry or [], INDUSTRY_LABELS, "業種")
        case "size":
            return _size(c.size or "sme")
        case "area":
            assert c.area is not None
            return _area(c.area)
        case "years_in_business":
            assert c.years_in_business is not None
            return _years(c.years_in_business)
        case "declarations":
            return _declarations(c.declarations or [])
        case "large_enterprise":
            assert c.large_enterprise is not None
            return _ownership(c.large_enterprise)
        case "zero_emission_theme":
            return _theme(bool(c.zero_emission_theme))
        case "university_venture":
            return _university(c.university_venture or [])
        case "fact":
            assert c.fact is not None
            return _fact(c.fact)
        case "all_of" | "any_of" | "none_of":
            return _composite(c.test, [criterion_rule(i) for i in getattr(c, c.test)])
    raise ValueError(f"unknown criterion {c.test}")


def _code_in(column: str, codes: Sequence[str], names: Mapping[str, str], noun: str) -> Compiled:
    """The company's `column` (a code of the company file) is one of `codes`."""
    listed = "・".join(names[c] for c in codes)
    return (
        InSet(column, tuple(codes)),
        f"{noun}が{listed}であること",
        lambda row: f"この会社: {names.get(row.get(column, ''), '不明')}",
    )


def _size(size: str) -> Compiled:
    required: SizeRequirement = "small_business" if size == "small_business" else "sme"
    expr = SMALL_BUSINESS if required == "small_business" else SME
    label = f"{SIZE_LABELS[required]}（中小企業基本法）であること"
    return expr, label, lambda row: size_reason(row, required)


def _prefectures(row: Row) -> str:
    head = row.get(HEAD_OFFICE)
    names = [p for i, p in enumerate(PREFECTURES, start=1) if (row.get(OFFICES, 0) >> (i - 1)) & 1]
    branches = [p for p in names if p != (PREFECTURES[head - 1] if head else None)]
    text = f"本店: {PREFECTURES[head - 1] if head else '不明'}"
    return text + (f"、支店: {'・'.join(branches)}" if branches else "")


def _area(test: AreaTest) -> Compiled:
    """Inside any of the areas, by the place the text tests; 要確認 where our data cannot
    place the company (a head office's municipality not given, a branch's town)."""
    if test.nationwide:
        return TRUE, "所在地を問わないこと（全国）", _prefectures
    anywhere = test.of == "any_office"
    pref_codes = tuple(PREFECTURES.index(p) + 1 for p in test.prefectures)
    places: list[Expr] = []
    if pref_codes:
        places.append(_in_prefectures(pref_codes, anywhere))
    if test.subprefectures:
        members = tuple(n for s in test.subprefectures for n in areas.subprefecture_members(s))
        places.append(_in_municipalities(areas.SUBPREFECTURE_PREFECTURE, members, anywhere))
    towns = [areas.municipality(code) for code in test.municipalities]
    for town in towns:
        places.append(_in_municipalities(town.prefecture_code, areas.within(town), anywhere))
    expr: Expr = places[0] if len(places) == 1 else Or(tuple(places))
    names = [*test.prefectures, *(f"{s}管内" for s in test.subprefectures)]
    names += [t.label for t in towns]
    area = "・".join(names)
    inside = area if area.endswith("管内") else f"{area}内"
    outside = f"{area.removesuffix('管内')}管外" if area.endswith("管内") else f"{area}外"
    label = f"{inside}に本店又は支店があること" if anywhere else f"本店所在地が{inside}であること"
    if test.sole_proprietor_by_opening_notice:
        sole = Compare("legal_form", "==", "sole_proprietor")
        by_notice = And((sole, InSet(OPENING_NOTICE, pref_codes)))
        expr = Or((And((Compare("legal_form", "!=", "sole_proprietor"), expr)), by_notice))
        label += f"（個人事業主は{inside}に開業届を出していること）"
    # the prefectures whose areas the head office's municipality decides
    below = {t.prefecture_code for t in towns}
    below |= {areas.SUBPREFECTURE_PREFECTURE} if test.subprefectures else set()

    def shows(row: Row) -> str:
        if test.sole_proprietor_by_opening_notice and row.get("legal_form") == "sole_proprietor":
            notice = row.get(OPENING_NOTICE)
            if notice is None:
                return "開業届の提出先: 未入力"
            where = PREFECTURES[notice - 1]
            verdict = "" if notice in pref_codes else f"（{outside}のため対象外）"
            return f"開業届の提出先: {where}{verdict}"
        text = _prefectures(row)
        town = row.get(MUNICIPALITY)
        if town is not None:
            text += f"（{_town_label(town, bool(test.subprefectures))}）"
        truth = evaluate(expr, row)
        if truth is False:
            return f"{text}（{outside}のため対象外）"
        if truth is None and town is None and row.get(HEAD_OFFICE) in below:
            return f"{text}（市区町村が未入力のため判定できません）"
        if truth is None and below:  # a branch in the prefecture, whose town is not asked
            return f"{text}（支店の市区町村は入力項目にないため、{inside}か判定できません）"
        return text

    return expr, label, shows


def _town_label(number: int, with_subprefecture: bool) -> str:
    """A municipality's name; for a 振興局 rule with its 振興局 (札幌市中央区・石狩振興局管内)."""
    town = areas.municipality(number)
    office = areas.subprefecture_of(town) if with_subprefecture else None
    return f"{town.name}・{office}管内" if office else town.name


def _in_municipalities(prefecture: int, codes: tuple[int, ...], anywhere: bool) -> Expr:
    """The head office is in one of the municipalities `codes` of `prefecture`.

    Only the head office's municipality is asked: for 本店又は支店, a branch in that
    prefecture may be in the area, so such a company is 要確認 unless its head office
    already is; a company with no office in the prefecture is outside."""
    head: Expr = And((InSet(HEAD_OFFICE, (prefecture,)), InSet(MUNICIPALITY, codes)))
    if not anywhere:
        return head
    return Or((head, And((MaskAny(BRANCHES, 1 << (prefecture - 1)), Unknown()))))


def _in_prefectures(codes: tuple[int, ...], anywhere: bool) -> Expr:
    if not anywhere:
        return InSet(HEAD_OFFICE, codes)
    mask = 0
    for code in codes:
        mask |= 1 << (code - 1)
    return MaskAny(OFFICES, mask)


def _years_before(at: date, years: int) -> date:
    try:
        return at.replace(year=at.year - years)
    except ValueError:  # 29 February in a common year
        return at.replace(year=at.year - years, day=28)


def _years(test: YearsInBusiness) -> Compiled:
    at = ja.format_wareki(test.at)
    latest = test.founded_by or test.at
    parts: list[Expr] = [Compare("founded_on", "<=", latest)]
    wording = []
    if test.min is not None:
        parts.append(Compare("founded_on", "<=", _years_before(test.at, test.min)))
        wording.append(f"{test.min}年以上")
    if test.below is not None:
        parts.append(Compare("founded_on", ">", _years_before(test.at, test.below)))
        wording.append(f"{test.below}年未満")
    label = f"{at}時点で事業期間が{'・'.join(wording)}であること"
    if test.founded_by is not None:
        label += f"（{ja.format_wareki(test.founded_by)}までに創業する予定の者を含む）"

    def shows(row: Row) -> str:
        founded = row.get("founded_on")
        if not isinstance(founded, date):
            return "設立日: 不明"
        if founded > test.at:
            return f"設立日（予定）: {_date_label(founded)}（{at}より後）"
        full = (
            test.at.year
            - founded.year
            - ((test.at.month, test.at.day) < (founded.month, founded.day))
        )
        return f"設立日: {_date_label(founded)}（{at}時点で満{full}年）"

    return And(tuple(parts)), label, shows


def _date_label(d: date) -> str:
    try:
        return ja.format_wareki(d)
    except ValueError:  # before 明治: the western calendar still reads correctly
        return f"{d.year}年{d.month}月{d.day}日"


def _declarations(names: Sequence[str]) -> Compiled:
    listed = "・".join(DECLARATION_LABELS[n] for n in names)

    def shows(row: Row) -> str:
        found = [DECLARATION_LABELS[n] for n in names if row.get(n)]
        return f"該当: {'・'.join(found)}" if found else "いずれも該当なし"

    expr = And(tuple(Compare(n, "==", False) for n in names))
    return expr, f"次のいずれにも該当しないこと: {listed}", shows


_OWNERSHIP = {
    "single_max": "一つの大企業の出資比率",
    "combined": "大企業の出資比率の合計",
    "board_share": "大企業の役員等が占める役員数の割合",
}


def _ownership(test: Ownership) -> Compiled:
    limits: dict[str, Fraction] = {}
    for field, limit in (
        ("single_max", test.single_max_below),
        ("combined", test.combined_below),
        ("board_share", test.board_share_below),
    ):
        if limit is not None:
            limits[field] = limit
    parts = tuple(RatioCompare(*share_columns(f), "<", q) for f, q in limits.items())
    wording = "、".join(f"{_OWNERSHIP[f]}が{q}未満" for f, q in limits.items())

    def shows(row: Row) -> str:
        values = []
        for field in limits:
            num, den = share_columns(field)
            values.append(f"{_OWNERSHIP[field]} {Fraction(row.get(num, 0), row.get(den, 1))}")
        return "、".join(values)

    return And(parts), f"大企業の関与が基準未満であること（{wording}）", shows


def _theme(required: bool) -> Compiled:
    def shows(row: Row) -> str:
        theme = row.get(THEME)
        return f"技術開発テーマ: ({theme})" if theme else "技術開発テーマ: なし"

    if required:
        return (
            Not(IsNull(THEME)),
            "技術開発テーマ(1)〜(9)のいずれかに資すること",
            shows,
        )
    return IsNull(THEME), "技術開発テーマ(1)〜(9)に該当しないこと", shows


def _university(letters: Sequence[str]) -> Compiled:
    mask = 0
    for letter in letters:
        mask |= letter_bit(letter)

    def shows(row: Row) -> str:
        found = [x for x in UNIVERSITY_VENTURE if row.get(UNIVERSITY, 0) & letter_bit(x)]
        return (
            f"大学発ベンチャー区分: {'・'.join(found)}"
            if found
            else "大学発ベンチャー区分: 該当なし"
        )

    return (
        MaskAny(UNIVERSITY, mask),
        f"大学発ベンチャー区分{'・'.join(letters)}のいずれかに該当すること",
        shows,
    )


def _fact(test: FactTest) -> Compiled:
    column = fact_column(test.name)
    if test.equals is not None:
        expr: Expr = Compare(column, "==", test.equals)
        if isinstance(test.equals, bool):
            wording = _yes_no_wording(test.label, test.equals)
        else:
            wording = f"{test.label}が{test.value_label(test.equals)}であること"
    elif test.one_of is not None:
        expr = InSet(column, tuple(test.one_of))
        values = "・".join(test.value_label(v) for v in test.one_of)
        wording = f"{test.label}が{values}のいずれかであること"
    elif test.at_least is not None:
        expr = Compare(column, ">=", test.at_least)
        wording = f"{test.label}が{test.at_least}以上であること"
    else:
        assert test.at_most is not None
        expr = Compare(column, "<=", test.at_most)
        wording = f"{test.label}が{test.at_most}以下であること"

    def shows(row: Row) -> str:
        value = row.get(column)
        return f"{test.label}: {'未入力' if value is None else test.value_label(value)}"

    return expr, wording, shows


def _yes_no_wording(label: str, yes: bool) -> str:
    """A yes/no fact as a sentence. Labels are nouns (人手不足) or, a few, clauses that
    end in a verb (…の予定がある, …している): a noun reads 「…に該当すること」, a clause
    is itself the requirement and is negated in place."""
    if label.endswith("がある"):
        return f"{label}こと" if yes else f"{label[:-2]}ないこと"
    if label.endswith("ている"):
        return f"{label}こと" if yes else f"{label[:-2]}いないこと"
    return f"{label}に該当すること" if yes else f"{label}に該当しないこと"


def mark(truth: Truth) -> str:
    """○ holds, × does not, ？ cannot be told yet."""
    return {True: "○", False: "×", None: "？"}[truth]


def _composite(test: str, parts: list[Rule]) -> Compiled:
    exprs = tuple(r.expr for r in parts)
    expr: Expr
    if test == "all_of":
        expr, head = And(exprs), "次の全てに該当すること"
    elif test == "any_of":
        expr, head = Or(exprs), "次のいずれかに該当すること"
    else:
        expr, head = Not(Or(exprs)), "次のいずれにも該当しないこと"
    label = f"{head}: " + "／".join(f"「{r.label}」" for r in parts)

    def shows(row: Row) -> str:
        return "／".join(f"{mark(r.holds(row))} {r.label}（{r.shows(row)}）" for r in parts)

    return expr, label, shows


# --- rules a frame's terms imply for the plan ------------------------------------


def plan_rules(frame: Frame) -> list[Rule]:
    rules = []
    if frame.support_period is not None:
        first = ja.fiscal_year_of(frame.support_period.start)
        last = ja.fiscal_year_of(frame.support_period.end)
        span = f"{ja.format_fiscal_year(first)}〜{ja.format_fiscal_year(last)}"
        expr = And((Compare(PLAN_FIRST_FY, ">=", first), Compare(PLAN_LAST_FY, "<=", last)))
        rules.append(
            Rule(
                "support_period",
                f"計画の年度が支援期間（{span}）内にあること",
                expr,
                frame.support_period.cite,
                "error",
                lambda row: f"計画: {_fy(row.get(PLAN_FIRST_FY))}〜{_fy(row.get(PLAN_LAST_FY))}",
            )
        )
    if frame.max_support_years is not None:
        years = frame.max_support_years.value
        rules.append(
            Rule(
                "max_support_years",
                f"計画が{years}年度以内であること",
                Compare(PLAN_YEARS, "<=", years),
                frame.max_support_years.cite,
                "error",
                lambda row: f"計画: {row.get(PLAN_YEARS)}年度",
            )
        )
    if frame.partner_investment_min_share is not None:
        share = frame.partner_investment_min_share.value
        rules.append(
            Rule(
                "partner_investment",
                f"事業会社等からの出資等が総事業費の{share}以上であること",
                RatioCompare(PLAN_PARTNER_INVESTMENT, PLAN_TOTAL_COST, ">=", share),
                frame.partner_investment_min_share.cite,
                "error",
                _investment,
            )
        )
    return rules


def _fy(year: object) -> str:
    return ja.format_fiscal_year(year) if isinstance(year, int) else "不明"


def _investment(row: Row) -> str:
    invested = int(row.get(PLAN_PARTNER_INVESTMENT, 0))
    total = int(row.get(PLAN_TOTAL_COST, 0))
    return f"出資等 {yen_label(invested)}／総事業費 {yen_label(total)}"
