"""What a rule requires and what a company shows for it, as values the front ends word.

A `Requirement` is one kind of test with the values it needs (codes, places, dates,
shares, a fact's test…); a `Shown` is what one company's row gives for it (its code,
its offices, its founding date…). `hojokin.views.requirements` words both, so the same
values read alike in the contract's JSON, the CLI and the web. Codes stay codes here;
names that are the catalog's or the vocabulary's own (prefectures, a municipality's
label, a fact's test) stay as they are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from hojokin.catalog.criteria import FactTest
from hojokin.catalog.facts import Answer
from hojokin.catalog.vocabulary import CompanySize, SizeRequirement
from hojokin.rules.expr import Truth
from hojokin.rules.size import Threshold

# The large-enterprise shares a company file gives (`Company.large_enterprise_ownership`).
ShareField = Literal["single_max", "combined", "board_share"]
Composition = Literal["all_of", "any_of", "none_of"]

# --- requirements ------------------------------------------------------------------


@dataclass(frozen=True)
class CodeIn:
    """The company's legal form or industry is one of `codes`."""

    field: Literal["legal_form", "industry"]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class SizeRequired:
    """An SME or a small business under 中小企業基本法."""

    size: SizeRequirement


@dataclass(frozen=True)
class Nationwide:
    """Wherever the company is."""


@dataclass(frozen=True)
class Area:
    """The places an area names, as the catalog names them: prefectures, 振興局 areas,
    municipalities (by their labels, e.g. 富山県富山市)."""

    prefectures: tuple[str, ...]
    subprefectures: tuple[str, ...]
    towns: tuple[str, ...]


@dataclass(frozen=True)
class AreaRequired:
    """The head office (or, `anywhere`, any office) is inside `area`; with
    `by_opening_notice` a sole proprietor is placed by its 開業届 instead."""

    area: Area
    anywhere: bool
    by_opening_notice: bool


@dataclass(frozen=True)
class YearsRequired:
    """Years in business at `at`: at least `min`, fewer than `below`; founding by
    `founded_by` (after `at`) also counts."""

    at: date
    min: int | None
    below: int | None
    founded_by: date | None


@dataclass(frozen=True)
class DeclarationsRequired:
    """None of the declarations `names` applies."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class OwnershipRequired:
    """Each large-enterprise share stays below its limit."""

    limits: tuple[tuple[ShareField, Fraction], ...]


@dataclass(frozen=True)
class ThemeRequired:
    """A 技術開発テーマ is (or, not `required`, is not) given."""

    required: bool


@dataclass(frozen=True)
class LettersRequired:
    """The company is of one of the 大学発ベンチャー letters."""

    letters: tuple[str, ...]


@dataclass(frozen=True)
class FactRequired:
    """A program fact's test, whose declaration words the fact and its values."""

    test: FactTest


@dataclass(frozen=True)
class CompositeRequired:
    """All, any or none of `parts` hold."""

    test: Composition
    parts: tuple[Requirement, ...]


@dataclass(frozen=True)
class Worded:
    """A requirement the catalog words itself (a criterion's `label`)."""

    text: str
    requirement: Requirement


@dataclass(frozen=True)
class NotEncoded:
    """Some of the source's requirements are not in the data."""


@dataclass(frozen=True)
class SupportPeriod:
    """The plan's fiscal years lie in the support period's."""

    first_fiscal_year: int
    last_fiscal_year: int


@dataclass(frozen=True)
class MaxSupportYears:
    years: int


@dataclass(frozen=True)
class PartnerShare:
    """Investment by partner companies is at least `share` of the total cost."""

    share: Fraction


Requirement = (
    CodeIn
    | SizeRequired
    | Nationwide
    | AreaRequired
    | YearsRequired
    | DeclarationsRequired
    | OwnershipRequired
    | ThemeRequired
    | LettersRequired
    | FactRequired
    | CompositeRequired
    | Worded
    | NotEncoded
    | SupportPeriod
    | MaxSupportYears
    | PartnerShare
)

# --- what a company shows -------------------------------------------------------------


@dataclass(frozen=True)
class CodeShown:
    field: Literal["legal_form", "industry"]
    code: str | None


@dataclass(frozen=True)
class SizeShown:
    """The figures the size test reads, the row of the Act's table it applies, and the
    size found."""

    legal_form: str
    industry: str
    capital_yen: int
    employees: int | None
    threshold: Threshold
    found: CompanySize
    required: SizeRequirement


@dataclass(frozen=True)
class OfficesShown:
    """The head office's prefecture (None: not given) and the other prefectures with a
    branch."""

    head: str | None
    branches: tuple[str, ...]


@dataclass(frozen=True)
class AreaShown:
    """The company's offices and its head office's municipality (a 全国地方公共団体コード
    number), with the area's truth: `undecided` says why it cannot be told."""

    offices: OfficesShown
    town: int | None
    with_subprefecture: bool  # a 振興局 area: the town is told with its 振興局
    area: Area
    truth: Truth
    undecided: Literal["town_not_given", "branch_town"] | None


@dataclass(frozen=True)
class NoticeShown:
    """A sole proprietor's 開業届 prefecture (None: not given), and whether it lies inside."""

    prefecture: str | None
    area: Area
    inside: bool


@dataclass(frozen=True)
class FoundingShown:
    """The founding date (None: not given) and the full years at `at`; `full_years` is
    None for a founding after `at` (a planned one)."""

    founded: date | None
    at: date
    full_years: int | None


@dataclass(frozen=True)
class DeclarationsShown:
    found: tuple[str, ...]


@dataclass(frozen=True)
class SharesShown:
    shares: tuple[tuple[ShareField, Fraction], ...]


@dataclass(frozen=True)
class ThemeShown:
    theme: int | None


@dataclass(frozen=True)
class LettersShown:
    letters: tuple[str, ...]


@dataclass(frozen=True)
class FactShown:
    test: FactTest
    value: Answer | None


@dataclass(frozen=True)
class PartShown:
    """One part of a composite: its truth, its requirement and what the row shows for it."""

    truth: Truth
    requirement: Requirement
    shown: Shown


@dataclass(frozen=True)
class PartsShown:
    parts: tuple[PartShown, ...]


@dataclass(frozen=True)
class SourceShown:
    """Nothing to show: the source decides (a requirement not encoded)."""


@dataclass(frozen=True)
class PlanSpanShown:
    first_fiscal_year: int | None
    last_fiscal_year: int | None


@dataclass(frozen=True)
class PlanYearsShown:
    years: int | None


@dataclass(frozen=True)
class InvestmentShown:
    invested_yen: int
    total_yen: int


Shown = (
    CodeShown
    | SizeShown
    | OfficesShown
    | AreaShown
    | NoticeShown
    | FoundingShown
    | DeclarationsShown
    | SharesShown
    | ThemeShown
    | LettersShown
    | FactShown
    | PartsShown
    | SourceShown
    | PlanSpanShown
    | PlanYearsShown
    | InvestmentShown
)
