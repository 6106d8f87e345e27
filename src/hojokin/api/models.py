"""Request bodies and response shapes of the API, for validation and the OpenAPI document.

Company and plan objects are validated by `parse_company` / `parse_plan` against the
catalog's fact vocabulary, as the CLI validates files, so their schema here is an object
described in docs/contract.md."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from hojokin.accounts.permissions import Role
from hojokin.catalog.kinds import Kind
from hojokin.catalog.vocabulary import DocumentNeed, Status
from hojokin.rules.company import Company
from hojokin.rules.plan import Plan

_ID = Field(min_length=1, max_length=200)


def _inlined(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s JSON schema with its definitions written in place, to describe a field
    whose value is validated later by `model` (the fact vocabulary comes with the app)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rpartition("/")[2]])
            # Titles and descriptions come from Python names and docstrings, in English.
            return {k: resolve(v) for k, v in node.items() if k not in ("title", "description")}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    inlined: dict[str, Any] = resolve(schema)
    return inlined


# The objects are validated by `parse_company` / `parse_plan`, whose errors name their
# fields; the schema tells clients, and schemathesis, what goes inside.
CompanyObject = Annotated[dict[str, Any], WithJsonSchema(_inlined(Company))]
PlanObject = Annotated[dict[str, Any], WithJsonSchema(_inlined(Plan))]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckRequest(_Body):
    company: CompanyObject = Field(description="会社の情報（docs/contract.md の company file）")
    program_id: str | None = Field(default=None, min_length=1, max_length=200)


class EstimateRequest(_Body):
    program_id: str = _ID
    frame: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="枠の id か名称（枠が一つの事業では省略可）",
    )
    company: CompanyObject = Field(description="会社の情報（docs/contract.md の company file）")
    plan: PlanObject = Field(description="事業計画（docs/contract.md の plan file）")


class ErrorBody(BaseModel):
    code: str
    message: str
    field: str | None


class ErrorResponse(BaseModel):
    error: ErrorBody


# Response shapes: docs/contract.md's program, check and estimate JSON, as the routes
# send them (they serialise the service's dicts themselves; these describe them).


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Shape):
    """The cited lines of a source document in catalog/documents."""

    document: str
    line_start: int
    line_end: int
    quote: str


class CategoryCapJSON(_Shape):
    categories: list[str]
    cap_yen: int
    per_year: bool


class PerYearCap(_Shape):
    from_year: int
    cap_yen: int


class VariantJSON(_Shape):
    label: str
    condition: dict[str, Any] = Field(description="条件（docs/catalog-format.md の when）")
    rate: str | None = Field(description="補助率（分数の文字列、例 2/3）")
    cap_yen: int | None
    floor_yen: int | None
    fixed_yen: int | None
    cap_multiplier: str | None
    category_caps: list[CategoryCapJSON]


class FrameJSON(_Shape):
    id: str
    name: str
    rate: str | None = Field(description="補助率（分数の文字列、例 2/3）")
    cap_yen: int | None
    floor_yen: int | None
    fixed_yen: int | None
    per_year_caps: list[PerYearCap]
    category_caps: list[CategoryCapJSON]
    self_pay_share: str | None
    fee_rate: str | None
    coverage: str | None
    expected_awards: int | None
    variants: list[VariantJSON]


class ProgramJSON(_Shape):
    """A program as listed (program JSON of docs/contract.md), with its status today."""

    id: str
    name: str
    issuer: str
    department: str | None
    prefecture: str
    fiscal_year: int
    fiscal_year_label: str
    kind: Kind
    section: str | None
    parent: str | None
    pillar: str | None
    description: str | None
    use_purpose: str = Field(description="jGrants の利用目的（「 / 」区切り）")
    frames: list[FrameJSON]
    source: Source
    status: Status | None = Field(
        description="今日（日本時間）の状況。資料から判断できないときは null"
    )
    deadline: date | None


class ProgramDetail(ProgramJSON):
    detail: dict[str, Any] = Field(
        description="制度データファイルのすべての項目と根拠（docs/catalog-format.md）"
    )


class ProgramList(_Shape):
    total: int
    items: list[ProgramJSON]


class FindingJSON(_Shape):
    code: str
    message: str
    source: Source | None
    passed: bool
    note: str | None = Field(
        default=None, description="資料が明記しない基準の読み方（ないときは項目なし）"
    )


class DocumentJSON(_Shape):
    number: int | None
    name: str
    part: str | None
    copies: str | None
    form: str | None
    status: DocumentNeed
    condition: str | None
    reason: str | None
    source: Source | None


class CheckJSON(_Shape):
    """One program frame checked against the company."""

    program_id: str
    program_name: str
    frame_id: str
    frame_name: str
    eligible: bool | None = Field(description="true 対象、false 対象外、null 要確認")
    reasons: list[FindingJSON]
    warnings: list[FindingJSON]
    documents: list[DocumentJSON]


class YearJSON(_Shape):
    fiscal_year: int
    grant_yen: int
    expenses: dict[str, int]
    by_category: dict[str, int]
    requested_by_category: dict[str, int]


class LimitJSON(_Shape):
    code: str
    message: str
    reduced_by_yen: int
    source: Source | None


class EstimateJSON(_Shape):
    program_id: str
    program_name: str
    frame_id: str
    frame_name: str
    eligible: bool | None = Field(description="true 対象、false 対象外、null 要確認")
    grant_yen: int
    eligible_expenses_yen: int
    by_year: list[YearJSON]
    rate: str | None = Field(description="適用した補助率（分数の文字列）。定額は null")
    floor_expenses_yen: int | None
    limits_applied: list[LimitJSON]
    reasons: list[FindingJSON]
    warnings: list[FindingJSON]
    documents: list[DocumentJSON]


class UserJSON(_Shape):
    """A user as `GET /api/v1/me` shows them (`views.accounts.user_json`): no secret."""

    id: int
    email: str
    display_name: str
    role: Role = Field(
        description="applicant 申請者, staff 事務局職員, reviewer 審査委員, admin 管理者"
    )
    issuer_id: int | None = Field(description="実施機関（事務局職員・審査委員）")
    company_id: int | None = Field(description="事業者（申請者）")
    disabled: bool
    locked_until: str | None = Field(description="サインインがロックされている期限（UTC）")
    created_at: str = Field(description="登録日時（UTC、ISO 8601）")
