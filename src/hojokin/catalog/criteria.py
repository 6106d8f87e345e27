"""Eligibility criteria as program files write them.

A criterion tests exactly one thing about a company (or its plan) and cites the
sentence it comes from; `all_of`, `any_of` and `none_of` compose them. Example:

    eligibility:
      - id: sme-or-nonprofit
        any_of:
          - all_of: [{legal_form: [corporation, sole_proprietor]}, {size: sme}]
          - legal_form: [npo, general_foundation, general_association]
        cite: {doc: 003_cf133d2ac19737cc.txt, lines: 121, quote: …}

`hojokin.rules.criteria` turns them into expressions that evaluate one company
(with reasons) or a whole table of companies at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from hojokin.catalog.facts import Answer, Fact, answer_label, declared
from hojokin.catalog.primitives import (
    Citation,
    FactName,
    FactValue,
    FractionValue,
    Model,
    Prefecture,
)
from hojokin.catalog.vocabulary import (
    Declaration,
    Industry,
    LegalForm,
    SizeRequirement,
    UniversityVenture,
)
from hojokin.ja import areas
from hojokin.ja.errors import JaParseError


class YearsInBusiness(Model):
    """Years since founding at a reference date (基準日): at least `min`, or fewer than `below`.

    The company must be founded by the reference date, or by `founded_by` when the
    program also takes those who found later (創業予定者, 年度中の創業): a company
    file then gives the planned founding date as `founded_on`.
    """

    at: date
    min: int | None = Field(default=None, ge=0)
    below: int | None = Field(default=None, ge=1)
    founded_by: date | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> YearsInBusiness:
        if self.min is None and self.below is None:
            raise ValueError("give `min` (at least N years) or `below` (fewer than N years)")
        if self.founded_by is not None and (self.founded_by <= self.at or self.min):
            raise ValueError("`founded_by` is a date after `at`, for `below` tests only")
        return self


class AreaTest(Model):
    """Where the company must be: prefectures, 振興局 areas or municipalities (any of them).

    `of` says which place the text tests: the head office (本店), or any office
    (本店又は支店; a municipality is known for the head office only). With
    `sole_proprietor_by_opening_notice`, a sole proprietor is placed by the prefecture
    of its 開業届 instead (Tokyo: 「個人においては東京都内に開業届出があること」)."""

    # Served wherever the company is (the text says so, e.g. 「道内外の企業」).
    nationwide: bool = False
    prefectures: list[Prefecture] = Field(default_factory=list)
    subprefectures: list[str] = Field(default_factory=list)
    municipalities: list[str] = Field(default_factory=list)
    of: Literal["head_office", "any_office"] = "head_office"
    sole_proprietor_by_opening_notice: bool = False

    @field_validator("subprefectures")
    @classmethod
    def _known_subprefectures(cls, names: list[str]) -> list[str]:
        try:
            return [areas.subprefecture(n) for n in names]
        except JaParseError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("municipalities")
    @classmethod
    def _known_municipalities(cls, names: list[str]) -> list[str]:
        # Stored as 6-digit codes: a name the vocabulary does not know is refused here.
        try:
            return [areas.municipality(n).code for n in names]
        except JaParseError as exc:
            raise ValueError(str(exc)) from None

    @model_validator(mode="after")
    def _some_area(self) -> AreaTest:
        named = bool(self.prefectures or self.subprefectures or self.municipalities)
        if named == self.nationwide:
            raise ValueError(
                "an area is nationwide or names prefectures, subprefectures or municipalities"
            )
        if self.sole_proprietor_by_opening_notice and (self.subprefectures or self.municipalities):
            raise ValueError("a 開業届 gives a prefecture only: name prefectures alone")
        return self


class Ownership(Model):
    """Large-enterprise involvement that must stay below these shares."""

    single_max_below: FractionValue | None = None
    combined_below: FractionValue | None = None
    board_share_below: FractionValue | None = None


class FactTest(Model):
    """A program fact of the company file or plan file (`facts`), declared in facts.yaml."""

    name: FactName
    equals: FactValue | None = None
    one_of: list[FactValue] | None = None
    at_least: int | None = None
    at_most: int | None = None
    # The declaration, kept out of the file format: its wording comes from facts.yaml only.
    _fact: Fact | None = PrivateAttr(default=None)

    @field_validator("name")
    @classmethod
    def _declared(cls, name: str, info: ValidationInfo) -> str:
        declared(name, info)
        return name

    @field_validator("equals", "one_of", "at_least", "at_most")
    @classmethod
    def _fits_the_fact(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.data.get("name")  # absent when the name itself was refused
        fact = None if name is None else declared(name, info)
        if fact is None:
            return value
        if info.field_name in ("at_least", "at_most") and fact.type != "integer":
            raise ValueError(f"{info.field_name} needs an integer fact; {name!r} is {fact.type}")
        for item in value if isinstance(value, list) else [value]:
            problem = fact.problem(item)
            if problem:
                raise ValueError(f"fact {name!r}: {problem}")
        return value

    @model_validator(mode="after")
    def _one_test(self) -> FactTest:
        given = [self.equals, self.one_of, self.at_least, self.at_most]
        if sum(v is not None for v in given) != 1:
            raise ValueError("give exactly one of equals, one_of, at_least, at_most")
        return self

    @model_validator(mode="after")
    def _keep_the_declaration(self, info: ValidationInfo) -> FactTest:
        self._fact = declared(self.name, info)
        return self

    @property
    def label(self) -> str:
        """The fact's Japanese label; its name when validated without a vocabulary."""
        return self._fact.label if self._fact else self.name

    def value_label(self, value: Answer) -> str:
        return self._fact.value_label(value) if self._fact else answer_label(value)


# Tests of Tokyo's own questions, which read the company fact of the same name
# (catalog/facts.yaml); unlike a `fact` test, an unanswered one means "none", not unknown.
FACT_TESTS = ("zero_emission_theme", "university_venture")

TESTS = (
    "legal_form",
    "industry",
    "size",
    "area",
    "years_in_business",
    "declarations",
    "large_enterprise",
    "zero_emission_theme",
    "university_venture",
    "fact",
    "all_of",
    "any_of",
    "none_of",
)


class Criterion(Model):
    """One eligibility test; exactly one of the test fields is given."""

    id: str | None = Field(default=None, pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")
    label: str | None = None
    severity: Literal["error", "warning"] = "error"
    cite: Citation | None = None
    # Why the cited line decides this, where it does not say so itself (e.g. an area
    # only the issuer implies).
    note: str | None = None

    legal_form: list[LegalForm] | None = None
    industry: list[Industry] | None = None
    size: SizeRequirement | None = None
    area: AreaTest | None = None
    years_in_business: YearsInBusiness | None = None
    declarations: list[Declaration] | None = None
    large_enterprise: Ownership | None = None
    zero_emission_theme: bool | None = None
    university_venture: list[UniversityVenture] | None = None
    fact: FactTest | None = None
    all_of: list[Criterion] | None = None
    any_of: list[Criterion] | None = None
    none_of: list[Criterion] | None = None

    @model_validator(mode="after")
    def _exactly_one_test(self) -> Criterion:
        given = [name for name in TESTS if getattr(self, name) is not None]
        if len(given) != 1:
            found = ", ".join(given) or "none"
            raise ValueError(
                f"a criterion tests exactly one of {', '.join(TESTS)} (found: {found})"
            )
        return self

    @property
    def test(self) -> str:
        return next(name for name in TESTS if getattr(self, name) is not None)

    @property
    def code(self) -> str:
        return self.id or self.test
