"""Program JSON as fixed in docs/contract.md, and Japanese labels for people."""

from __future__ import annotations

from typing import Any

from hojokin import ja
from hojokin.catalog.schema import CategoryCap, Frame, Money, Program, Rate, Variant

KIND_LABELS = {
    "subsidy": "補助金",
    "grant": "助成金・給付金",
    "loan": "融資",
    "investment": "投資・出資",
    "guarantee": "債務保証",
    "expert_dispatch": "専門家派遣",
    "consultation": "相談",
    "seminar": "セミナー・研修",
    "event": "イベント",
    "other": "その他",
}


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
    """The contract's program object; `detail` adds every term with its citation."""
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


def frame_title(program: Program, frame: Frame) -> str:
    """The program's name, and the frame's after it when the program has several."""
    if len(program.frames) == 1:
        return program.name
    return f"{program.name}／{frame.name}"


def yen_label(yen: int | None) -> str:
    """Amounts as people read them: 10億円, 1億5,000万円, 250万円, 4,465,977円."""
    if yen is None:
        return "—"
    return ja.format_amount(yen, "oku" if yen % 10_000 == 0 else "yen")


def rate_label(frame: Frame) -> str:
    rate = frame.effective_rate
    labels = [] if rate is None else [str(rate)]
    labels += [f"{v.label} {v.rate.value}" for v in frame.variants if v.rate is not None]
    return "、".join(labels) or "—"


def cap_label(frame: Frame) -> str:
    money = frame.cap or frame.fixed
    labels = [] if money is None else [yen_label(money.yen)]
    for v in frame.variants:
        other = v.cap or v.fixed
        if other is not None:
            labels.append(f"{v.label} {yen_label(other.yen)}")
        if v.cap_multiplier is not None:
            labels.append(f"{v.label} ×{v.cap_multiplier.value}")
    return "、".join(labels) or "—"
