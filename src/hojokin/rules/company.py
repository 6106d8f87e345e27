"""The company profile of docs/contract.md, read from a JSON or YAML file."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from hojokin.catalog.criteria import FACT_TESTS
from hojokin.catalog.facts import Answers, Fact, context
from hojokin.catalog.primitives import Prefecture
from hojokin.catalog.vocabulary import Industry, LegalForm
from hojokin.ja.areas import municipality
from hojokin.ja.errors import JaParseError
from hojokin.ja.text import single_line
from hojokin.rules.input_files import load_input, parse_input
from hojokin.rules.values import Count, Day, Share, Yen


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
    # Bounded far above any real company: larger values are typos, not facts to judge.
    capital_yen: Yen
    employees: Count
    founded_on: Day
    head_office_prefecture: Prefecture
    branch_prefectures: list[Prefecture] = Field(default_factory=list)
    # The head office's 市区町村, by 全国地方公共団体コード or name; kept as the 6-digit code.
    municipality: str | None = None
    # Where a sole proprietor filed its 開業届 (some programs place individuals by it).
    opening_notice_prefecture: Prefecture | None = None
    large_enterprise_ownership: Ownership = Field(default_factory=Ownership)
    declarations: Declarations = Field(default_factory=Declarations)
    facts: Answers = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _top_level_facts(cls, data: Any) -> Any:
        """Files written before Tokyo's 技術開発テーマ and 大学発ベンチャー区分 became facts
        give them at the top level (`zero_emission_theme: 2`, `university_venture: [ア]`):
        read them into `facts`, where null and [] (the old "none") are left unanswered."""
        if not isinstance(data, dict) or not any(name in data for name in FACT_TESTS):
            return data
        data = dict(data)
        facts = data.get("facts", {})
        if not isinstance(facts, dict):
            return data  # refused as it stands, with the top-level names too
        facts = dict(facts)
        for name in FACT_TESTS:
            if name not in data:
                continue
            value = data.pop(name)
            if name in facts:
                raise ValueError(f"{name} is given twice, at the top level and in facts")
            if value is not None and value != []:
                facts[name] = value
        data["facts"] = facts
        return data

    @field_validator("name")
    @classmethod
    def _one_line_name(cls, text: str) -> str:
        """The name as the office's pages, exports and mails show it: one line, without
        control or invisible characters, bounded (may be left empty)."""
        return single_line(text, "会社名・屋号", required=False)

    @field_validator("municipality", mode="before")
    @classmethod
    def _municipality_code(cls, text: Any, info: ValidationInfo) -> str | None:
        """A municipality the vocabulary knows, in the head office's prefecture; a code
        may come as a number (16201)."""
        if isinstance(text, bool) or not isinstance(text, str | int | None):
            raise ValueError("市区町村は名前又は全国地方公共団体コードで入力してください")
        # The prefecture is absent when it was itself refused.
        return municipality_code(text, info.data.get("head_office_prefecture"))


def municipality_code(text: str | int | None, prefecture: str | None) -> str | None:
    """The 6-digit code of a municipality named or coded in `prefecture`; None when blank.
    Company files and the web form read it alike."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        return municipality(text, prefecture).code
    except JaParseError:
        where = f"{prefecture}の" if prefecture else ""
        message = (
            f"「{text}」は{where}市区町村（名前又は全国地方公共団体コード）として見つかりません"
        )
        if isinstance(text, int):
            message += _quote_hint(text)
        raise ValueError(message) from None


def _quote_hint(number: int) -> str:
    """What to do about a code YAML read as a number: `012050` unquoted is octal 5160.

    The leading zero is gone once parsed, so the code is never guessed back; the
    message only shows what was probably meant."""
    octal = f"{number:o}".zfill(6)
    try:
        municipality(octal)
    except JaParseError:
        return '。コードは "012050" のように引用符で囲んでください'
    return (
        f"。YAMLは0で始まる {octal} を8進数の {number} として読みます。"
        f'コードは "{octal}" のように引用符で囲んでください'
    )


def parse_company(
    data: Any, source: str = "company", facts: Mapping[str, Fact] | None = None
) -> Company:
    """`facts`: the catalog's vocabulary, to check the file's `facts` against (None: unchecked)."""
    return parse_input(Company, data, source, "company", context(facts))


def load_company(path: Path, facts: Mapping[str, Fact] | None = None) -> Company:
    """Read a company profile from JSON or YAML; any problem raises InputError."""
    return load_input(Company, path, "company", context(facts))
