"""Program JSON as fixed in docs/contract.md, for the API and the CLI alike."""

from __future__ import annotations

from datetime import date
from typing import Any

from hojokin import ja
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import (
    CategoryCap,
    Frame,
    Money,
    Program,
    Rate,
    Variant,
)
from hojokin.catalog.status import Standing, standing


def _yen(money: Money | None) -> int | None:
    return None if money is None else money.yen


def _rate(rate: Rate | None) -> str | None:
    return None if rate is None else str(rate.value)


def _category_cap(cap: CategoryCap) -> dict[str, Any]:
    return {"categories": cap.categories, "cap_yen": cap.yen, "per_year": cap.per_year}


def variant_json(variant: Variant) -> dict[str, Any]:
    return {
        "label": variant.label,
        "condition": variant.when.model_dump(mode="json", exclude_none=True),
        "rate": _rate(variant.rate),
        "cap_yen": _yen(variant.cap),
        "floor_yen": _yen(variant.floor),
        "fixed_yen": _yen(variant.fixed),
        "cap_multiplier": _rate(variant.cap_multiplier),
        "category_caps": [_category_cap(c) for c in variant.category_caps],
    }


def frame_json(frame: Frame) -> dict[str, Any]:
    rate = frame.effective_rate
    return {
        "id": frame.id,
        "name": frame.name,
        "rate": None if rate is None else str(rate),
        "cap_yen": _yen(frame.cap),
        "floor_yen": _yen(frame.floor),
        "fixed_yen": _yen(frame.fixed),
        "per_year_caps": [
            {"from_year": c.from_year, "cap_yen": c.yen} for c in frame.per_year_caps
        ],
        "category_caps": [_category_cap(c) for c in frame.category_caps],
        "self_pay_share": _rate(frame.self_pay_share),
        "fee_rate": _rate(frame.fee_rate),
        "coverage": _rate(frame.coverage),
        "expected_awards": None if frame.expected_awards is None else frame.expected_awards.value,
        "variants": [variant_json(v) for v in frame.variants],
    }


def program_json(program: Program, *, detail: bool = False) -> dict[str, Any]:
    """The contract's program object without its status; `detail` adds every term with its
    citation. What never changes: the API serialises it once per app."""
    out: dict[str, Any] = {
        "id": program.id,
        "name": program.name,
        "issuer": program.issuer,
        "department": None if program.department is None else program.department.text,
        "prefecture": program.prefecture,
        "fiscal_year": program.fiscal_year,
        "fiscal_year_label": ja.format_fiscal_year(program.fiscal_year),
        "kind": program.kind,
        "section": program.section,
        "parent": program.parent,
        "pillar": None if program.pillar is None else program.pillar.text,
        "description": None if program.description is None else program.description.text,
        "use_purpose": " / ".join(program.use_purpose),
        "frames": [frame_json(f) for f in program.frames],
        "source": {
            "document": program.source.doc,
            "line_start": program.source.line_start,
            "line_end": program.source.line_end,
            "quote": program.source.quote,
        },
    }
    if detail:
        out["detail"] = program.model_dump(mode="json", exclude_none=True)
    return out


def standing_json(standing: Standing) -> dict[str, Any]:
    """The fields that change with the day: `status` (null when the data cannot tell) and
    `deadline`, the last day of the window open or ahead (ISO date or null)."""
    deadline = standing.deadline
    return {
        "status": standing.status,
        "deadline": None if deadline is None else deadline.isoformat(),
    }


def program_json_on(
    catalog: Catalog, program: Program, today: date, *, detail: bool = False
) -> dict[str, Any]:
    """The program object with its status on `today` (a JST date)."""
    return program_json(program, detail=detail) | standing_json(standing(catalog, program, today))
