"""The company profile of docs/contract.md, read from a JSON or YAML file."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from hojokin.catalog.schema import Industry, error_path, to_fraction

MAX_PROFILE_BYTES = 1024 * 1024

LegalForm = Literal[
    "corporation",
    "sole_proprietor",
    "npo",
    "general_foundation",
    "general_association",
    "other",
]


def _share(value: Any) -> Fraction:
    share = to_fraction(value)
    if not 0 <= share <= 1:
        raise ValueError(f"a share lies between 0 and 1, not {value!r}")
    return share


Share = Annotated[Fraction, BeforeValidator(_share)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Ownership(_Model):
    """Large-enterprise ownership: the largest single holder, all together, board seats."""

    single_max: Share = Fraction(0)
    combined: Share = Fraction(0)
    board_share: Share = Fraction(0)


class Declarations(_Model):
    tax_arrears: bool = False
    antisocial_forces: bool = False
    past_misconduct: bool = False
    insolvency_proceedings: bool = False
    same_theme_other_subsidy: bool = False


class Company(_Model):
    name: str = ""
    legal_form: LegalForm
    industry: Industry
    capital_yen: int = Field(ge=0)
    employees: int = Field(ge=0)
    founded_on: date
    head_office_prefecture: str = Field(min_length=1)
    branch_prefectures: list[str] = Field(default_factory=list)
    large_enterprise_ownership: Ownership = Field(default_factory=Ownership)
    university_venture: list[Literal["ア", "イ", "ウ", "エ"]] = Field(default_factory=list)
    zero_emission_theme: int | None = Field(default=None, ge=1, le=9)
    declarations: Declarations = Field(default_factory=Declarations)
    facts: dict[str, str | int | bool] = Field(default_factory=dict)


class ProfileError(ValueError):
    """A company file that cannot be used; the message names file, field and value."""


def parse_company(data: Any, source: str = "company") -> Company:
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: expected an object with the company's fields")
    try:
        return Company.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            value = "" if err["type"] == "missing" else f" (value: {err['input']!r})"
            lines.append(f"{source}: {error_path(err['loc'])}: {err['msg']}{value}")
        raise ProfileError("\n".join(lines)) from None


def load_company(path: Path) -> Company:
    """Read a company profile from JSON or YAML; any problem raises ProfileError."""
    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileError(f"{path}: file is larger than {MAX_PROFILE_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(
            f"{path}: not valid {path.suffix.lstrip('.') or 'YAML'}: {exc}"
        ) from None
    return parse_company(data, str(path))
