"""Hostile values in every field of the API's company and plan objects.

schemathesis generates requests from the published schema; this test sends the values
that once broke a reader (other Unicode digits, exponents, 10,000 digits, booleans as
numbers, NUL, long strings, old era dates) into each field, one at a time, on an
otherwise valid company or plan. The fields are those of the parser's models
(`Company`, `Plan`), so a field added later is fuzzed too. Every answer is below 500,
and a refusal names the field (or, when the value fits the field but not the object it
is in, that object) with a Japanese message; a number field refuses what is not a number
by its own name.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any, get_args

from fastapi.testclient import TestClient
from pydantic import BaseModel

from hojokin.api.models import _inlined
from hojokin.rules.company import Company
from hojokin.rules.plan import Plan
from tests.api.test_hostile_input import JAPANESE, C
from tests.rules.examples import TOKYO

RAW = "\u0001raw:"  # a value written into the JSON text as it is
# (value, whether a whole-number field may accept it)
HOSTILE: list[tuple[Any, bool]] = [
    ("１２３", True),
    ("①", False),
    ("²", False),
    ("፩", False),
    ("٣", False),
    ("1e10", False),
    ("1e-5000", False),
    ("1e-10000000", False),
    ("0x10", False),
    ("1/2", False),
    ("abc12", False),
    (-1, False),
    (True, False),
    (1.5, False),
    (None, False),
    ([], False),
    ({}, False),
    ("\x00", False),
    ("\u202e\U0010ffff", False),
    ("あ" * 10_000, False),
    ("明治元年", False),
    ("1868-01-01", False),
    ("1900-02-29", False),
    ("0001-01-01", False),
    (RAW + "9" * 10_000, False),
    (RAW + "-" + "9" * 10_000, False),
    (RAW + "1e400", False),
    (RAW + '"\\ud800"', False),
]

PLAN: dict[str, Any] = {
    "years": [
        {
            "fiscal_year": 2025,
            "expenses": {"materials": 100_000_000},
            "personnel_lines": [
                {"monthly_salary_yen": 300_000, "hours": 1000, "months": 12},
                {"by_month": [{"month": 4, "pay_yen": 300_000, "hours": 100, "days": 10}]},
            ],
        }
    ]
}
COMPANY = C | {"large_enterprise_ownership": {}, "declarations": {}, "zero_emission_theme": 1}


def _models(annotation: Any) -> list[type[BaseModel]]:
    found = [a for a in (annotation, *get_args(annotation)) if isinstance(a, type)]
    nested = [m for a in get_args(annotation) for m in _models(a)]
    return [m for m in found if issubclass(m, BaseModel)] + nested


def leaves(model: type[BaseModel], data: Any, path: str) -> list[str]:
    """Every field of `model` as a path into `data`, entering the nested objects `data`
    holds (a list's items one by one, a mapping's keys)."""
    found = []
    for name, info in model.model_fields.items():
        here = f"{path}.{name}"
        inner = _models(info.annotation)
        value = data.get(name)
        if inner and isinstance(value, dict):
            found += leaves(inner[0], value, here)
        elif inner and isinstance(value, list):
            for i, item in enumerate(value):
                found += leaves(inner[0], item, f"{here}[{i}]")
        elif isinstance(value, dict) and value:  # a mapping of values: expenses
            found += [f"{here}.{key}" for key in value]
        else:
            found.append(here)
    return found


def _steps(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]


def _with(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    *parents, last = _steps(path)
    node: Any = changed
    for step in parents:
        node = node[step]
    node[last] = value
    return changed


def _types(schema: dict[str, Any], path: str) -> set[str]:
    """The JSON types the published schema allows for the field."""
    node: Any = schema
    for step in _steps(path)[1:]:
        # An optional object or list is anyOf [it, null].
        node = next((t for t in node.get("anyOf", []) if t.get("type") != "null"), node)
        node = node["items"] if isinstance(step, int) else node.get("properties", {}).get(step)
        if node is None:
            return set()
    return {t.get("type", "") for t in [node, *node.get("anyOf", [])]}


def _send(client: TestClient, url: str, body: dict[str, Any], path: str, value: Any) -> Any:
    if isinstance(value, str) and value.startswith(RAW):
        text = json.dumps(_with(body, path, "__RAW__")).replace('"__RAW__"', value[len(RAW) :])
    else:
        text = json.dumps(_with(body, path, value))
    return client.post(url, content=text, headers={"content-type": "application/json"})


def fuzz(client: TestClient, url: str, body: dict[str, Any], root: str) -> int:
    model: type[BaseModel] = Company if root == "company" else Plan
    schema = _inlined(model)
    paths = leaves(model, body[root], root)
    for path in paths:
        types = _types(schema, path)
        number = "integer" in types
        for value, is_number in HOSTILE:
            is_number = is_number or (value is None and "null" in types)
            response = _send(client, url, body, path, value)
            shown = (path, repr(value)[:30], response.status_code)
            assert response.status_code < 500, shown
            if response.status_code == 200:
                assert not (number and not is_number), shown
                continue
            error = response.json()["error"]
            if error["code"] == "invalid_json":  # half a surrogate pair: no field yet
                continue
            field = error["field"]
            # A value the field takes may still not fit the object around it.
            exact = number and not is_number
            assert field == path or (not exact and path.startswith(field)), (shown, error)
            assert error["message"].startswith(f"{field}: ") and JAPANESE.search(error["message"])
    return len(paths)


def test_every_company_field(sqlite_client: TestClient) -> None:
    body = {"company": COMPANY, "program_id": TOKYO}
    assert sqlite_client.post("/api/v1/check", json=body).status_code == 200
    assert fuzz(sqlite_client, "/api/v1/check", body, "company") >= 19


def test_every_plan_field(sqlite_client: TestClient) -> None:
    body = {"program_id": TOKYO, "frame": "zero-emission", "company": COMPANY, "plan": PLAN}
    assert sqlite_client.post("/api/v1/estimate", json=body).status_code == 200
    assert fuzz(sqlite_client, "/api/v1/estimate", body, "plan") >= 15
