"""The program schema: programs, frames and their terms, each value citing its source.

A program file is YAML that validates against `Program`. Every value taken from a
document carries a `Citation` (document file name, line range, exact quoted text);
`hojokin catalog validate` checks mechanically that the quote occurs in those lines
and that the value can be read back out of the quote.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
# Expense category ids are plan-file keys (docs/contract.md: `pr_tools`), so snake_case.
CategoryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$", max_length=60)]

Kind = Literal[
    "subsidy",
    "grant",
    "loan",
    "investment",
    "guarantee",
    "expert_dispatch",
    "consultation",
    "seminar",
    "event",
    "other",
]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

Industry = Literal[
    "manufacturing",
    "construction",
    "transport",
    "software",
    "information_processing",
    "wholesale",
    "retail",
    "services",
    "other",
]


def error_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as people write it: `frames[0].cap.yen`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def to_fraction(value: Any) -> Fraction:
    """An exact fraction from "2/3", "0.5" or an int; floats are refused, never rounded."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool | float):
        raise ValueError("write fractions as strings such as '2/3' or '0.5', never floats")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError) as exc:
            raise ValueError(f"not a fraction: {value!r}") from exc
    raise ValueError(f"not a fraction: {value!r}")


FractionValue = Annotated[
    Fraction,
    BeforeValidator(to_fraction),
    PlainSerializer(str, return_type=str),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Model):
    """Where a value comes from: a document in catalog/documents, a 1-based inclusive line
    range, and the exact text quoted from those lines."""

    doc: str
    lines: tuple[int, int]
    quote: str = Field(min_length=1)

    @field_validator("lines", mode="before")
    @classmethod
    def _single_line(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return (value, value)
        return value

    @field_validator("lines")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        start, end = value
        if start < 1 or end < start:
            raise ValueError(f"line range {start}-{end} is not 1-based and ascending")
        return value

    @property
    def line_start(self) -> int:
        return self.lines[0]

    @property
    def line_end(self) -> int:
        return self.lines[1]


class Text(_Model):
    """A piece of text quoted from a document. The quote defaults to the text itself."""

    text: str = Field(min_length=1)
    cite: Citation

    @model_validator(mode="before")
    @classmethod
    def _quote_defaults_to_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("cite"), dict):
            cite = data["cite"]
            if "quote" not in cite and "text" in data:
                data = {**data, "cite": {**cite, "quote": data["text"]}}
        return data


class Money(_Model):
    """An amount in int yen."""

    yen: int = Field(ge=0)
    cite: Citation
    note: str | None = None


class Rate(_Model):
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


class Count(_Model):
    """A whole number taken from the text: expected awards, years, people."""

    value: int = Field(ge=0)
    approximate: bool = False
    cite: Citation
    note: str | None = None


class Period(_Model):
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


class ScheduleItem(_Model):
    label: str
    period: Period


class Condition(_Model):
    """When a variant applies. All given fields must hold (and)."""

    size: Literal["sme", "small_business"] | None = None
    industries: list[Industry] | None = None
    facts: dict[str, str | int | bool] = Field(default_factory=dict)


class ExpenseCategory(_Model):
    id: CategoryId
    name: str
    cite: Citation


class CategoryCap(_Model):
    """A cap on the grant requested for some expense categories (per year or in total)."""

    categories: list[CategoryId] = Field(min_length=1)
    yen: int = Field(ge=0)
    per_year: bool = False
    cite: Citation


class ShareLimit(_Model):
    """The grant for some categories may be at most `max_share` of the total grant."""

    categories: list[CategoryId] = Field(min_length=1)
    max_share: FractionValue
    per_year: bool = True
    cite: Citation


class YearCap(_Model):
    """Cap on one support year's grant, from the `from_year`-th year of support on."""

    from_year: int = Field(ge=1)
    yen: int = Field(ge=0)
    cite: Citation


class Variant(_Model):
    """Terms that replace the frame's own when `when` holds (size, industry, destination…)."""

    label: str
    when: Condition
    rate: Rate | None = None
    cap: Money | None = None
    floor: Money | None = None
    fixed: Money | None = None
    cap_multiplier: Rate | None = None
    category_caps: list[CategoryCap] = Field(default_factory=list)


class RequiredDocument(_Model):
    number: int | None = None
    name: str
    copies: str | None = None
    form: str | None = None
    condition: str | None = None
    cite: Citation


class ReviewCriterion(_Model):
    stage: str
    name: str
    points: list[str] = Field(default_factory=list)
    applies_to: list[str] | None = None
    cite: Citation


class Frame(_Model):
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
    required_documents: list[RequiredDocument] = Field(default_factory=list)
    review_criteria: list[ReviewCriterion] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)

    @property
    def effective_rate(self) -> Fraction | None:
        """The share of cost the program bears: the rate, or 1 − the self-paid share."""
        if self.rate is not None:
            return self.rate.value
        if self.self_pay_share is not None:
            return 1 - self.self_pay_share.value
        return None


class Program(_Model):
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
    frames: list[Frame] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_frame_ids(self) -> Program:
        ids = [f.id for f in self.frames]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"frame ids repeat: {', '.join(dupes)}")
        return self
