"""/api/v1/docs: the API's reference as a plain Japanese page, built from the OpenAPI
document (Swagger UI would load its script from a CDN, outside our headers' policy)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request, Response

from hojokin.web.templating import templates

router = APIRouter(include_in_schema=False)

_PLACES = {"query": "クエリ", "path": "パス", "header": "ヘッダー"}


@dataclass(frozen=True)
class Field:
    name: str
    place: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    fields: list[Field]


def _kind(schema: dict[str, Any]) -> str:
    """A schema's type in a word: "string", "integer | null", "CompanyIn" …"""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_kind(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"{_kind(schema.get('items', {}))} の配列"
    return str(schema.get("type", "object"))


def _body_fields(schema: dict[str, Any], components: dict[str, Any]) -> list[Field]:
    if "$ref" in schema:
        schema = components.get(_kind(schema), {})
    required = set(schema.get("required", ()))
    return [
        Field(name, "本文", _kind(spec), name in required, spec.get("description", ""))
        for name, spec in schema.get("properties", {}).items()
    ]


def operations(openapi: dict[str, Any]) -> list[Operation]:
    components = openapi.get("components", {}).get("schemas", {})
    found = []
    for path, methods in openapi["paths"].items():
        for method, op in methods.items():
            fields = [
                Field(
                    p["name"],
                    _PLACES.get(p["in"], p["in"]),
                    _kind(p.get("schema", {})),
                    bool(p.get("required")),
                    p.get("description", ""),
                )
                for p in op.get("parameters", ())
            ]
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                fields += _body_fields(body.get("schema", {}), components)
            found.append(Operation(method.upper(), path, op.get("summary", ""), fields))
    return found


@router.get("/api/v1/docs")
def api_docs(request: Request) -> Response:
    return templates.TemplateResponse(
        request,
        "api_docs.html",
        {"operations": operations(request.app.openapi()), "openapi_url": request.app.openapi_url},
    )
