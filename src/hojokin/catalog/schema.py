"""The program schema: programs, frames and their terms, each value citing its source.

A program file is YAML that validates against `Program`. Every value taken from a
document carries a `Citation` (document file name, line range, exact quoted text);
`hojokin catalog validate` checks mechanically that the quote occurs in those lines
and that the value can be read back out of the quote.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from hojokin.catalog.criteria import Criterion
from hojokin.catalog.facts import Conditions
from hojokin.catalog.kinds import Kind
from hojokin.catalog.primitives import (
    CategoryId,
    Citation,
    FractionValue,
    Model,
    Slug,
)
from hojokin.catalog.vocabulary import Industry, LegalForm, SizeRequirement


class Text(Model):
    """A piece of text quoted from a document. The quote defaults to the text itself."""

    text: str = Field(min_length=1)
    cite: Citation
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _quote_defaults_to_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("cite"), dict):
            cite = data["cite"]
            if "quote" not in cite and "text" in data:
                data = {**data, "cite": {**cite, "quote": data["text"]}}
        return data


class Money(Model):
    """An amount in int yen."""

    yen: int = Field(ge=0)
    cite: Citation
    note: str | None = None


class Rate(Model):
    """A rate or share as an exact fraction (2/3, 1/200 for 0.5%, 3/2 for ×1.5)."""

    value: FractionValue
    cite: Citation
    note: str | None = None

    @field_validator("value")
    @classmethod
    def _positive(cls, value: Fraction) -> Fraction:
        if value <= 0:
            raise ValueError("a rate must be positive")
        return value


class Count(Model):
    """A whole number taken from the text: expected awards, years, people."""

    value: int = Field(ge=0)
    approximate: bool = False
    cite: Citation
    note: str | None = None


class Period(Model):
    """A date range; `approximate` where the text says 頃."""

    start: date
    end: date
    approximate: bool = False
    cite: Citation
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self


class ScheduleItem(Model):
    label: str
    period: Period


class Condition(Model):
    """When a variant applies. All given fields must hold (and)."""

    size: SizeRequirement | None = None
    industries: list[Industry] | None = None
    legal_forms: list[LegalForm] | None = None
    facts: Conditions = Field(default_factory=dict)


class ExpenseCategory(Model):
    id: CategoryId
    name: str
    cite: Citation
    note: str | None = None


class CategoryCap(Model):
    """A cap on the grant requested for some expense categories (per year or in total)."""

    categories: list[CategoryId] = Field(min_length=1)
    yen: int = Field(ge=0)
    per_year: bool = False
    cite: Citation


class ShareLimit(Model):
    """The grant for some categories may be at most `max_share` of the total grant."""

    categories: list[CategoryId] = Field(min_length=1)
    max_share: FractionValue
    per_year: bool = True
    cite: Citation


class YearCap(Model):
    """Cap on one support year's grant, from the `from_year`-th year of support on."""

    from_year: int = Field(ge=1)
    yen: int = Field(ge=0)
    cite: Citation


class Variant(Model):
    """Terms that replace the frame's own when `when` holds (size, industry, destination…)."""

    label: str
    when: Condition
    rate: Rate | None = None
    cap: Money | None = None
    floor: Money | None = None
    fixed: Money | None = None
    cap_multiplier: Rate | None = None
    category_caps: list[CategoryCap] = Field(default_factory=list)


class RequiredDocument(Model):
    """A document to submit. Required always, only when `required_when` holds, or never
    (`optional`); `condition` words it for people. A numbered document whose pieces have
    their own conditions is listed once per piece, each naming its `part`."""

    number: int | None = None
    name: str
    part: str | None = None
    copies: str | None = None
    form: str | None = None
    condition: str | None = None
    required_when: Criterion | None = None
    optional: bool = False
    cite: Citation
    note: str | None = None

    @model_validator(mode="after")
    def _optional_or_conditional(self) -> RequiredDocument:
        if self.optional and self.required_when is not None:
            raise ValueError("an optional document cannot also be required_when")
        return self

    @property
    def title(self) -> str:
        return f"{self.name}／{self.part}" if self.part else self.name


class ReviewCriterion(Model):
    stage: str
    name: str
    points: list[str] = Field(default_factory=list)
    applies_to: list[str] | None = None
    cite: Citation


class WageBand(Model):
    """Monthly salary from `from_yen` (以上) to below `below_yen` (未満) pays `hourly_yen`."""

    from_yen: int | None = Field(default=None, ge=0)
    below_yen: int | None = Field(default=None, ge=1)
    hourly_yen: int = Field(ge=1)
    cite: Citation


class WageTable(Model):
    """Hourly personnel rates by monthly salary (人件費単価), and the yearly hours counted."""

    category: CategoryId
    bands: list[WageBand] = Field(min_length=1)
    max_hours_per_year: Count
    # 1日8時間: hours counted for a month given in days (Tokyo 6-3 エ)
    max_hours_per_day: Count | None = None
    # where the text caps a month's cost at that month's pay (Tokyo 6-3 オ)
    monthly_pay_cap: Citation | None = None
    # where the text sets the hourly rate by the lowest pay of the period (Tokyo 補足1 (3))
    lowest_pay_rate: Citation | None = None
    cite: Citation

    @model_validator(mode="after")
    def _contiguous(self) -> WageTable:
        first, last = self.bands[0], self.bands[-1]
        if first.from_yen is not None or last.below_yen is not None:
            raise ValueError(
                "the first band must be open below (未満) and the last open above (以上)"
            )
        for lower, upper in zip(self.bands, self.bands[1:], strict=False):
            if lower.below_yen is None or lower.below_yen != upper.from_yen:
                raise ValueError(
                    f"bands must meet: {lower.below_yen} (未満) then {upper.from_yen} (以上)"
                )
        return self


class RevenuePayback(Model):
    """収益納付: the share of the self-paid cost deducted from yearly profit (控除額)."""

    deduction_share: FractionValue
    cite: Citation


class Review(Model):
    """Marks a draft written by `hojokin ingest`: not reviewed until a person has checked
    every value against its source and deleted this block. `notes` are the extractor's
    questions to the reviewer (a value stated ambiguously, a figure it could not place)."""

    status: Literal["draft"]
    ingested_from: str
    notes: list[str] = Field(default_factory=list)


def _cited_at_top(criteria: list[Criterion]) -> list[Criterion]:
    for criterion in criteria:
        if criterion.cite is None:
            raise ValueError(f"criterion {criterion.code!r} needs a cite")
    return criteria


class Frame(Model):
    """One set of terms of a program (枠・区分). A program has at least one."""

    id: Slug
    name: str
    cite: Citation | None = None
    description: str | None = None
    targets: list[Text] = Field(default_factory=list)
    rate: Rate | None = None
    self_pay_share: Rate | None = None
    cap: Money | None = None
    floor: Money | None = None
    fixed: Money | None = None
    per_year_caps: list[YearCap] = Field(default_factory=list)
    categories: list[ExpenseCategory] = Field(default_factory=list)
    category_caps: list[CategoryCap] = Field(default_factory=list)
    share_limits: list[ShareLimit] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    expected_awards: Count | None = None
    max_support_years: Count | None = None
    support_period: Period | None = None
    application_window: Period | None = None
    partner_investment_min_share: Rate | None = None
    fee_rate: Rate | None = None
    coverage: Rate | None = None
    repayment_years: Count | None = None
    eligibility: list[Criterion] = Field(default_factory=list)
    # Overrides the program's `eligibility_complete` for this frame.
    eligibility_complete: bool | None = None
    required_documents: list[RequiredDocument] = Field(default_factory=list)
    review_criteria: list[ReviewCriterion] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)

    _eligibility_cited = field_validator("eligibility")(_cited_at_top)

    @field_validator("required_documents")
    @classmethod
    def _parts_named(cls, documents: list[RequiredDocument]) -> list[RequiredDocument]:
        numbers = [d.number for d in documents if d.number is not None]
        for number in sorted({n for n in numbers if numbers.count(n) > 1}):
            parts = [d.part for d in documents if d.number == number]
            if None in parts or len(set(parts)) < len(parts):
                raise ValueError(f"documents numbered {number} must each name a different part")
        return documents

    @property
    def effective_rate(self) -> Fraction | None:
        """The share of cost the program bears: the rate, or 1 − the self-paid share."""
        if self.rate is not None:
            return self.rate.value
        if self.self_pay_share is not None:
            return 1 - self.self_pay_share.value
        return None


class Program(Model):
    """A support program (事業) with its frames, as published in one document."""

    id: Slug
    name: str
    issuer: str
    department: Text | None = None
    prefecture: str
    fiscal_year: int = Field(ge=1989, le=2100)
    kind: Kind
    section: str | None = None
    parent: Slug | None = None
    pillar: Text | None = None
    measure: Text | None = None
    description: Text | None = None
    use_purpose: list[str] = Field(default_factory=list)
    source: Citation
    fund_size: Money | None = None
    schedule: list[ScheduleItem] = Field(default_factory=list)
    activities: list[Text] = Field(default_factory=list)
    outcome_sources: list[Citation] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    eligibility: list[Criterion] = Field(default_factory=list)
    # True only when the criteria (program's and frame's) cover every requirement the
    # text states; otherwise a company meeting them all is still 要確認, never 対象.
    eligibility_complete: bool = False
    wage_table: WageTable | None = None
    revenue_payback: RevenuePayback | None = None
    frames: list[Frame] = Field(min_length=1)
    # Present on drafts only (docs/catalog-format.md, "Drafts").
    review: Review | None = None

    _eligibility_cited = field_validator("eligibility")(_cited_at_top)

    @model_validator(mode="after")
    def _unique_frame_ids(self) -> Program:
        ids = [f.id for f in self.frames]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"frame ids repeat: {', '.join(dupes)}")
        return self
