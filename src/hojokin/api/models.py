"""Request bodies and response shapes of the API, for validation and the OpenAPI document.

Company and plan objects are validated by `parse_company` / `parse_plan` against the
catalog's fact vocabulary, as the CLI validates files, so their schema here is an object
described in docs/contract.md."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_ID = Field(min_length=1, max_length=200)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckRequest(_Body):
    company: dict[str, Any] = Field(description="会社の情報（docs/contract.md の company file）")
    program_id: str | None = Field(default=None, min_length=1, max_length=200)


class EstimateRequest(_Body):
    program_id: str = _ID
    frame: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="枠の id か名称（枠が一つの事業では省略可）",
    )
    company: dict[str, Any] = Field(description="会社の情報（docs/contract.md の company file）")
    plan: dict[str, Any] = Field(description="事業計画（docs/contract.md の plan file）")


class ErrorBody(BaseModel):
    code: str
    message: str
    field: str | None


class ErrorResponse(BaseModel):
    error: ErrorBody


class ProgramList(BaseModel):
    total: int
    items: list[dict[str, Any]] = Field(description="program JSON（docs/contract.md）")
