"""Request bodies and response shapes of the API, for validation and the OpenAPI document.

Company and plan objects are validated by `parse_company` / `parse_plan` against the
catalog's fact vocabulary, as the CLI validates files, so their schema here is an object
described in docs/contract.md."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

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


class ProgramList(BaseModel):
    total: int
    items: list[dict[str, Any]] = Field(description="program JSON（docs/contract.md）")
