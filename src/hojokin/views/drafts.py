"""A program draft as the review page shows it: every value the draft holds, walked
from the program's schema (so a field added to it is shown without a change here),
each with the quote and lines it cites; a value the text did not state as 未記載; and
the lines of the document that some value cites, to be marked beside it."""

from __future__ import annotations

import re
import types
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from hojokin import ja
from hojokin.catalog.kinds import KIND_LABELS
from hojokin.catalog.primitives import Citation, is_office_input
from hojokin.catalog.schema import Frame, Money, Period, Program, Rate, Text
from hojokin.catalog.validate import walk
from hojokin.drafts.edit import (
    addable,
    editable,
    name_is_reviewers,
    removable,
)
from hojokin.ja.amounts import yen_label

UNSTATED = "未記載"
# The schema's field names as the office reads them; another is shown by its own name.
LABELS = {
    "id": "ID",
    "name": "名称",
    "issuer": "実施機関",
    "department": "担当部署",
    "prefecture": "都道府県",
    "fiscal_year": "年度",
    "kind": "種類",
    "section": "区分",
    "parent": "上位の事業",
    "pillar": "施策の柱",
    "measure": "施策",
    "description": "概要",
    "use_purpose": "利用目的",
    "source": "出典",
    "fund_size": "予算額",
    "schedule": "日程",
    "activities": "事業内容",
    "outcome_sources": "成果の出典",
    "notes": "備考",
    "eligibility": "対象要件",
    "eligibility_complete": "要件をすべて記載",
    "wage_table": "賃金表",
    "revenue_payback": "収益納付",
    "frames": "枠",
    "targets": "対象者",
    "rate": "補助率",
    "self_pay_share": "自己負担割合",
    "cap": "上限額",
    "floor": "下限額",
    "fixed": "定額",
    "per_year_caps": "年度ごとの上限額",
    "categories": "対象経費",
    "category_caps": "経費区分ごとの上限額",
    "share_limits": "経費の割合の上限",
    "variants": "特例",
    "expected_awards": "採択予定件数",
    "max_support_years": "支援年数の上限",
    "support_period": "事業実施期間",
    "application_window": "申請受付期間",
    "partner_investment_min_share": "出資比率の下限",
    "fee_rate": "保証料率",
    "coverage": "保証割合",
    "repayment_years": "返済年数",
    "required_documents": "提出書類",
    "review_criteria": "審査項目",
    "period": "期間",
    "label": "項目",
}
# Shown elsewhere on the page (a frame is a section, review notes a list of their own).
_APART = {"frames", "review", "cite"}


@dataclass(frozen=True)
class Row:
    label: str
    value: str  # UNSTATED where the text said nothing
    cite: Citation | None = None
    note: str | None = None
    path: str | None = None  # where the review page edits it (`drafts.edit`)
    reviewers: bool = False  # typed by a reviewer, not read from the text
    removable: bool = False  # the review page removes it (`path` set)

    @property
    def unstated(self) -> bool:
        return self.value == UNSTATED


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]
    lists: tuple[tuple[str, str], ...] = ()  # (path, label) of the lists added to here


def _label(name: str) -> str:
    return LABELS.get(name, name)


def _cited_kinds(annotation: Any) -> bool:
    """Whether a field's type holds cited values (a model with a citation)."""
    if isinstance(annotation, type):
        return issubclass(annotation, Citation) or (
            issubclass(annotation, BaseModel) and "cite" in annotation.model_fields
        )
    if get_origin(annotation) in (Union, types.UnionType, list, tuple):
        return any(_cited_kinds(a) for a in get_args(annotation))
    return False


def shown(value: object) -> str:
    """A value in the page's words: yen with their unit, a rate as a fraction, a date
    range with ～, a model's own fields in order."""
    if isinstance(value, Money):
        return yen_label(value.yen)
    if isinstance(value, Rate):
        return str(value.value)
    if isinstance(value, Text):
        return value.text
    if isinstance(value, Period):
        mark = "（頃）" if value.approximate else ""
        return f"{value.start.isoformat()}～{value.end.isoformat()}{mark}"
    if isinstance(value, Citation):
        return value.quote
    if isinstance(value, BaseModel):
        parts = []
        # A criterion's severity is the schema's, not a value the text states.
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name in ("cite", "note", "severity") or item is None or item == [] or item is False:
                continue
            parts.append(f"{_label(name)}: {shown(item)}")
        return "、".join(parts)
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, list | tuple):
        return "、".join(shown(v) for v in value)
    if isinstance(value, Fraction | date):
        return str(value)
    return str(value)


def _rows(model: BaseModel, prefix: str, at: str = "") -> list[Row]:
    rows: list[Row] = []
    for name, field in type(model).model_fields.items():
        if name in _APART:
            continue
        value = getattr(model, name)
        label = f"{prefix}{_label(name)}"
        cited = _cited_kinds(field.annotation)
        path = f"{at}{name}"
        if value is None or (isinstance(value, list) and not value):
            if cited:
                rows.append(Row(label, UNSTATED, path=path))
            continue
        listed = isinstance(value, list)
        items = value if listed else [value]
        numbered = listed and len(value) > 1
        for i, item in enumerate(items):
            own = f"{label} {i + 1}" if numbered else label
            found = _item(item, own)
            # A list item is edited as one value only where it is one row (a cited
            # value); the rows of a model without a citation have no form.
            at_item = f"{path}[{i}]" if listed else path
            whole = len(found) == 1 and found[0].label == own
            rows += [replace(r, path=at_item if whole else None) for r in found]
    return rows


def _item(item: object, label: str) -> list[Row]:
    if isinstance(item, Citation):
        return [Row(label, item.quote, item)]
    if isinstance(item, BaseModel):
        cite = getattr(item, "cite", None)
        if isinstance(cite, Citation) or "cite" in type(item).model_fields:
            note = getattr(item, "note", None)
            if is_office_input(note if isinstance(note, str) else None):
                return [Row(label, shown(item), note=note, reviewers=True)]
            return [Row(label, shown(item), cite, note if isinstance(note, str) else None)]
        return _rows(item, f"{label} › ")
    if label == _label("kind") and isinstance(item, str):
        return [Row(label, KIND_LABELS.get(item, item))]
    return [Row(label, shown(item))]


def sections(program: Program) -> list[Section]:
    """The program's values, then each frame's."""
    rows = [
        replace(r, reviewers=name_is_reviewers(program)) if r.path == "name" else r
        for r in _rows(program, "")
    ]
    lists = addable(program)

    def added(prefix: str) -> tuple[tuple[str, str], ...]:
        own = [(p, p.removeprefix(prefix)) for p in lists if p.startswith(prefix)]
        return tuple((p, _label(name)) for p, name in own if "." not in name)

    found = [Section("制度", tuple(_editable(rows, program)), added(""))]
    for i, frame in enumerate(program.frames):
        prefix = f"frames[{i}]."
        rows = _editable(_item_frame(frame, prefix), program)
        found.append(Section(f"枠「{frame.name}」", tuple(rows), added(prefix)))
    return found


def _editable(rows: list[Row], program: Program) -> list[Row]:
    """The rows with the path of an edited or removed value only: the others have no
    form."""
    paths, removed = editable(program), removable(program)
    return [
        replace(r, removable=r.path in removed)
        if r.path in paths or r.path in removed
        else replace(r, path=None)
        for r in rows
    ]


def _item_frame(frame: Frame, at: str) -> list[Row]:
    rows = _rows(frame, "", at)
    if frame.cite is None:
        return rows
    # The frame's name is the one plain field a draft cites (its heading).
    named = _label("name")
    return [Row(named, frame.name, frame.cite) if r.label == named else r for r in rows]


def review_notes(program: Program) -> list[str]:
    """The extractor's questions to the reviewer."""
    return [] if program.review is None else list(program.review.notes)


def cited_lines(program: Program) -> set[int]:
    """Every line of the document that one of the program's values cites; not the
    program's own span (`source`), which covers every line of its part."""
    lines: set[int] = set()
    for where, node in walk(program, ""):
        if isinstance(node, Citation) and where != "source":
            lines.update(range(node.line_start, node.line_end + 1))
    return lines


_STEP = re.compile(r"([a-z_]+)|\[([0-9]+)\]")
NONE = "（なし）"


def _path_label(path: str) -> str:
    """`frames[0].cap` as the office reads it: 枠 1 › 上限額."""
    parts: list[str] = []
    for name, index in _STEP.findall(path):
        if name:
            parts.append(_label(name))
        else:
            parts[-1] = f"{parts[-1]} {int(index) + 1}"
    return " › ".join(parts)


def _stored_value(value: Any) -> str:
    """A value of a stored version (JSON) in the page's words."""
    if value is None:
        return NONE
    if isinstance(value, dict):
        if "yen" in value:
            return yen_label(value["yen"])
        if "start" in value and "end" in value:
            start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
            about = "（頃）" if value.get("approximate") else ""
            return f"{ja.format_western(start)}～{ja.format_western(end)}{about}"
        for key in ("value", "text", "quote"):
            if key in value:
                return str(value[key])
        return "、".join(
            f"{_label(k)}: {_stored_value(v)}" for k, v in value.items() if k != "cite"
        )
    if isinstance(value, list):
        return "、".join(_stored_value(v) for v in value) or NONE
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    return str(value)


def change_rows(changes: Iterable[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """What changed from the version before (`drafts.changes`): each value's label,
    before and after."""
    return [
        (_path_label(c["path"]), _stored_value(c["before"]), _stored_value(c["after"]))
        for c in changes
    ]
