"""The columns of the flat row every rule reads, each defined once.

A rule column names the company field it reads, which is the company-table column of
that name (docs/company-table.md), and the function from the field's typed value to
the column's value, with the column's Polars type. Two evaluators run this one
declaration: `rules.company_row` applies each function to a validated Company (and
Plan), `rules.company_table` to each distinct value of a company table's column.
Prefectures are JIS codes and bit sets, shares exact numerator/denominator pairs, so
both speeds compare integers and get the same answers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import attrgetter, itemgetter, or_
from typing import Any

import polars as pl

from hojokin.catalog.vocabulary import DECLARATIONS, INDUSTRIES, LEGAL_FORMS, UNIVERSITY_VENTURE
from hojokin.ja.prefectures import prefecture_code

HEAD_OFFICE = "head_office"
OFFICES = "offices"  # bit set of the head office and branch prefectures
# bit set of the branch prefectures alone: a branch in the head office's prefecture counts,
# so an area rule below the prefecture knows whether some other office there is possible
BRANCHES = "branches"
MUNICIPALITY = "municipality"  # the head office's 5-digit 全国地方公共団体コード; None: not given
OPENING_NOTICE = "opening_notice"  # a sole proprietor's 開業届 prefecture (JIS); None: not given
# Tokyo's facts of these names, in columns of their own: unanswered means none
UNIVERSITY = "university_venture"  # bit set of the letters ア–エ
THEME = "zero_emission_theme"  # 1–9 or None
SHARES = {"single_max": "le_single", "combined": "le_combined", "board_share": "le_board"}
PLAN_YEAR = "plan_fiscal_year"  # the field: a plan's fiscal years (a table row's plan has one)
PLAN_FIRST_FY = "plan_first_fy"
PLAN_LAST_FY = "plan_last_fy"
PLAN_YEARS = "plan_years"
PLAN_TOTAL_COST = "plan_total_cost_yen"
PLAN_PARTNER_INVESTMENT = "plan_partner_investment_yen"
FACT_PREFIX = "fact_"  # company and plan `facts` share one namespace of columns


@dataclass(frozen=True)
class RuleColumn:
    """A column of the row: `value` of the typed value of `field` (None: that value as it
    is), or, for a list field, the bit set of its elements: the union of `each` of them.
    `of` takes the field from a validated Company or Plan."""

    name: str
    field: str
    value: Callable[[Any], Any] | None
    dtype: pl.DataType
    of: Callable[[Any], Any]
    # a list's elements are few (47 prefectures): a table reads each distinct one once
    each: Callable[[Any], int] | None = None
    # the column's value of a Company or Plan in one call (`company_row` runs per request)
    evaluate: Callable[[Any], Any] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        of, value, each = self.of, self.value, self.each
        if each is not None:
            evaluate = lambda source: reduce(or_, map(each, of(source)), 0)  # noqa: E731
        else:
            evaluate = of if value is None else lambda source: value(of(source))
        object.__setattr__(self, "evaluate", evaluate)


@dataclass(frozen=True)
class BitUnion:
    """A bit-set column: the union of its parts' bit sets."""

    name: str
    parts: tuple[RuleColumn, ...]

    def evaluate(self, source: Any) -> int:
        bits = 0
        for part in self.parts:
            bits |= part.evaluate(source)
        return int(bits)


def prefecture_bit(name: str) -> int:
    return 1 << (prefecture_code(name) - 1)


def letter_bit(letter: str) -> int:
    if letter not in UNIVERSITY_VENTURE:
        raise ValueError(f"must be letters of {''.join(UNIVERSITY_VENTURE)}")
    return 1 << UNIVERSITY_VENTURE.index(letter)


def fact_column(name: str) -> str:
    return f"{FACT_PREFIX}{name}"


def share_columns(field: str) -> tuple[str, str]:
    prefix = SHARES[field]
    return f"{prefix}_num", f"{prefix}_den"


def _code(name: str | None) -> int | None:
    return None if name is None else prefecture_code(name)


def _number(code: str | None) -> int | None:
    """A municipality's 6-digit code as the 5-digit number rules compare."""
    return None if code is None else int(code[:5])


def _letters(letters: Any) -> int:
    """The letters ア–エ answered as a bit set; unanswered is none."""
    bits = 0
    for letter in letters if isinstance(letters, list) else []:
        bits |= letter_bit(letter)
    return bits


def _column(
    name: str,
    field: str,
    value: Callable[[Any], Any] | None = None,
    dtype: pl.DataType | None = None,
    of: Callable[[Any], Any] | None = None,
    each: Callable[[Any], int] | None = None,
) -> RuleColumn:
    """A column read from the attribute of the field's name unless `of` says otherwise."""
    return RuleColumn(name, field, value, dtype or pl.Int64(), of or attrgetter(field), each)


def _answer(name: str) -> Callable[[Any], Any]:
    return lambda company: company.facts.get(name)


def _shares() -> list[RuleColumn]:
    columns = []
    for field in SHARES:
        of = attrgetter(f"large_enterprise_ownership.{field}")
        num, den = share_columns(field)
        columns.append(_column(num, f"le_{field}", attrgetter("numerator"), of=of))
        columns.append(_column(den, f"le_{field}", attrgetter("denominator"), of=of))
    return columns


_BRANCHES = _column(BRANCHES, "branch_prefectures", each=prefecture_bit)
_HEAD_OFFICE_BIT = _column("head_office_bit", "head_office_prefecture", prefecture_bit)

# What the rules read of a company, in the row's order.
COMPANY_COLUMNS: tuple[RuleColumn | BitUnion, ...] = (
    _column("legal_form", "legal_form", dtype=pl.Enum(LEGAL_FORMS)),
    _column("industry", "industry", dtype=pl.Enum(INDUSTRIES)),
    _column("capital_yen", "capital_yen"),
    _column("employees", "employees"),
    _column("founded_on", "founded_on", dtype=pl.Date()),
    _column(HEAD_OFFICE, "head_office_prefecture", prefecture_code),
    BitUnion(OFFICES, (_HEAD_OFFICE_BIT, _BRANCHES)),
    _BRANCHES,
    _column(MUNICIPALITY, "municipality", _number),
    _column(OPENING_NOTICE, "opening_notice_prefecture", _code),
    _column(UNIVERSITY, UNIVERSITY, _letters, of=_answer(UNIVERSITY)),
    _column(THEME, THEME, of=_answer(THEME)),
    *_shares(),
    *(
        _column(name, name, dtype=pl.Boolean(), of=attrgetter(f"declarations.{name}"))
        for name in DECLARATIONS
    ),
)


def _fiscal_years(plan: Any) -> tuple[int, ...]:
    return tuple(year.fiscal_year for year in plan.years)


# What the rules read of a plan's years. Its yen are read as they are: a company table's
# `plan_…_yen` columns, or the one plan's figures (`rules.company_row.plan_columns`).
PLAN_COLUMNS: tuple[RuleColumn, ...] = (
    _column(PLAN_FIRST_FY, PLAN_YEAR, itemgetter(0), of=_fiscal_years),
    _column(PLAN_LAST_FY, PLAN_YEAR, itemgetter(-1), of=_fiscal_years),
    _column(PLAN_YEARS, PLAN_YEAR, len, of=_fiscal_years),
)
