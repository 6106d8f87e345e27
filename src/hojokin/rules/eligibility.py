"""Eligibility: a program's criteria as expressions, each with what it requires.

`frame_rules` gathers the rules of one frame: the program's and the frame's
criteria, then the plan rules the frame's terms imply (support period, number of
years, partner investment). Each `Rule` holds one expression, so the same rule
explains one company (`hojokin.rules.service`) and screens a table (`hojokin.rules.screen`).
What it requires and what a company shows for it are values (`hojokin.rules.requirements`)
that the front ends word (`hojokin.views.requirements`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Literal

from hojokin.catalog.criteria import Criterion, FactTest, Ownership, YearsInBusiness
from hojokin.catalog.schema import Frame, Program
from hojokin.catalog.vocabulary import UNIVERSITY_VENTURE, SizeRequirement
from hojokin.rules.area_rule import area_rule
from hojokin.rules.expr import (
    And,
    Compare,
    Expr,
    InSet,
    IsNull,
    MaskAny,
    Not,
    Or,
    RatioCompare,
    Unknown,
)
from hojokin.rules.plan_rules import plan_rules
from hojokin.rules.requirements import (
    CodeIn,
    CodeShown,
    CompositeRequired,
    Composition,
    DeclarationsRequired,
    DeclarationsShown,
    FactRequired,
    FactShown,
    FoundingShown,
    LettersRequired,
    LettersShown,
    NotEncoded,
    OwnershipRequired,
    PartShown,
    PartsShown,
    ShareField,
    SharesShown,
    Shown,
    SizeRequired,
    SizeShown,
    SourceShown,
    ThemeRequired,
    ThemeShown,
    Worded,
    YearsRequired,
)
from hojokin.rules.rule import Compiled, Row, Rule
from hojokin.rules.rule_columns import THEME, UNIVERSITY, fact_column, letter_bit, share_columns
from hojokin.rules.size import SMALL_BUSINESS, SME, size_of, threshold_of

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
    return Rule(NOT_ENCODED, NotEncoded(), Unknown(), program.source, "error", _source)


def _source(row: Row) -> Shown:
    return SourceShown()


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
        expr, requirement, shows = _compile(c)
        joined = getattr(c, c.test) if c.test in ("all_of", "any_of", "none_of") else []
        parts = tuple(criterion_rule(i) for i in joined)
        if c.label:
            requirement = Worded(c.label, requirement)
        rule = Rule(c.code, requirement, expr, c.cite, c.severity, shows, parts, c.note or "")
        if len(_COMPILED) >= _MAX_COMPILED:
            _COMPILED.clear()
        cached = _COMPILED[id(c)] = (c, rule)
    return cached[1]


def _compile(c: Criterion) -> Compiled:
    match c.test:
        case "legal_form":
            return _code_in("legal_form", c.legal_form or [])
        case "industry":
            return _code_in("industry", c.industry or [])
        case "size":
            return _size(c.size or "sme")
        case "area":
            assert c.area is not None
            return area_rule(c.area)
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
        case ("all_of" | "any_of" | "none_of") as test:
            return _composite(test, [criterion_rule(i) for i in getattr(c, test)])
    raise ValueError(f"unknown criterion {c.test}")


def _code_in(column: Literal["legal_form", "industry"], codes: Sequence[str]) -> Compiled:
    """The company's `column` (a code of the company file) is one of `codes`."""
    return (
        InSet(column, tuple(codes)),
        CodeIn(column, tuple(codes)),
        lambda row: CodeShown(column, row.get(column)),
    )


def _size(size: str) -> Compiled:
    required: SizeRequirement = "small_business" if size == "small_business" else "sme"
    expr = SMALL_BUSINESS if required == "small_business" else SME

    def shows(row: Row) -> Shown:
        industry = str(row.get("industry", ""))
        return SizeShown(
            row.get("legal_form", ""),
            industry,
            int(row.get("capital_yen", 0)),
            row.get("employees"),
            threshold_of(industry),
            size_of(row),
            required,
        )

    return expr, SizeRequired(required), shows


def _years_before(at: date, years: int) -> date:
    try:
        return at.replace(year=at.year - years)
    except ValueError:  # 29 February in a common year
        return at.replace(year=at.year - years, day=28)


def _years(test: YearsInBusiness) -> Compiled:
    latest = test.founded_by or test.at
    parts: list[Expr] = [Compare("founded_on", "<=", latest)]
    if test.min is not None:
        parts.append(Compare("founded_on", "<=", _years_before(test.at, test.min)))
    if test.below is not None:
        parts.append(Compare("founded_on", ">", _years_before(test.at, test.below)))
    at = test.at

    def shows(row: Row) -> Shown:
        founded = row.get("founded_on")
        if not isinstance(founded, date):
            return FoundingShown(None, at, None)
        if founded > at:
            return FoundingShown(founded, at, None)
        full = at.year - founded.year - ((at.month, at.day) < (founded.month, founded.day))
        return FoundingShown(founded, at, full)

    requirement = YearsRequired(at, test.min, test.below, test.founded_by)
    return And(tuple(parts)), requirement, shows


def _declarations(names: Sequence[str]) -> Compiled:
    def shows(row: Row) -> Shown:
        return DeclarationsShown(tuple(n for n in names if row.get(n)))

    expr = And(tuple(Compare(n, "==", False) for n in names))
    return expr, DeclarationsRequired(tuple(names)), shows


def _ownership(test: Ownership) -> Compiled:
    given: tuple[tuple[ShareField, Fraction | None], ...] = (
        ("single_max", test.single_max_below),
        ("combined", test.combined_below),
        ("board_share", test.board_share_below),
    )
    limits = tuple((field, limit) for field, limit in given if limit is not None)
    parts = tuple(RatioCompare(*share_columns(f), "<", q) for f, q in limits)

    def shows(row: Row) -> Shown:
        shares = []
        for field, _ in limits:
            num, den = share_columns(field)
            shares.append((field, Fraction(row.get(num, 0), row.get(den, 1))))
        return SharesShown(tuple(shares))

    return And(parts), OwnershipRequired(limits), shows


def _theme(required: bool) -> Compiled:
    def shows(row: Row) -> Shown:
        return ThemeShown(row.get(THEME))

    expr: Expr = Not(IsNull(THEME)) if required else IsNull(THEME)
    return expr, ThemeRequired(required), shows


def _university(letters: Sequence[str]) -> Compiled:
    mask = 0
    for letter in letters:
        mask |= letter_bit(letter)

    def shows(row: Row) -> Shown:
        found = row.get(UNIVERSITY, 0)
        return LettersShown(tuple(x for x in UNIVERSITY_VENTURE if found & letter_bit(x)))

    return MaskAny(UNIVERSITY, mask), LettersRequired(tuple(letters)), shows


def _fact(test: FactTest) -> Compiled:
    column = fact_column(test.name)
    expr: Expr
    if test.equals is not None:
        expr = Compare(column, "==", test.equals)
    elif test.one_of is not None:
        expr = InSet(column, tuple(test.one_of))
    elif test.at_least is not None:
        expr = Compare(column, ">=", test.at_least)
    else:
        assert test.at_most is not None
        expr = Compare(column, "<=", test.at_most)

    def shows(row: Row) -> Shown:
        return FactShown(test, row.get(column))

    return expr, FactRequired(test), shows


def _composite(test: Composition, parts: list[Rule]) -> Compiled:
    exprs = tuple(r.expr for r in parts)
    expr: Expr
    if test == "all_of":
        expr = And(exprs)
    elif test == "any_of":
        expr = Or(exprs)
    else:
        expr = Not(Or(exprs))

    def shows(row: Row) -> Shown:
        return PartsShown(
            tuple(PartShown(r.holds(row), r.requirement, r.shows(row)) for r in parts)
        )

    return expr, CompositeRequired(test, tuple(r.requirement for r in parts)), shows
