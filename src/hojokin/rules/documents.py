"""A frame's required documents decided for one company and, when given, its plan.

Each document is 必要 (`required`), 不要 (`not_required`), 該当する場合に必要
(`conditional`) or 任意 (`optional`). A `required_when` compiles through the same
`criterion_rule` as an eligibility criterion, so its wording and what the company shows
for it read alike. A condition that cannot be told (three-valued, hojokin.rules.expr)
leaves the document `conditional` instead of silently "not required": `check` has no
plan, and a plan need not state every fact. One answer can still decide: either of two
patent facts being true makes the patent copies required.
"""

from __future__ import annotations

from dataclasses import dataclass

from hojokin.catalog.schema import Frame, RequiredDocument
from hojokin.catalog.vocabulary import DocumentNeed
from hojokin.rules.eligibility import Row, criterion_rule
from hojokin.rules.expr import columns_of
from hojokin.rules.rule_columns import FACT_PREFIX


@dataclass(frozen=True)
class DocumentStatus:
    """A document, whether this company must submit it, and why."""

    document: RequiredDocument
    status: DocumentNeed
    condition: str | None
    reason: str | None


def frame_documents(frame: Frame, row: Row) -> list[DocumentStatus]:
    return [document_status(d, row) for d in frame.required_documents]


def document_status(document: RequiredDocument, row: Row) -> DocumentStatus:
    if document.optional:
        return DocumentStatus(document, "optional", document.condition, None)
    if document.required_when is None:
        return DocumentStatus(document, "required", document.condition, None)
    rule = criterion_rule(document.required_when)
    condition = document.condition or rule.label
    truth = rule.holds(row)
    if truth is None:
        missing = sorted(c for c in columns_of(rule.expr) if row.get(c) is None)
        names = "・".join(_input_name(c) for c in missing)
        reason = f"未入力のため判定できません: {names}"
        return DocumentStatus(document, "conditional", condition, reason)
    status: DocumentNeed = "required" if truth else "not_required"
    return DocumentStatus(document, status, condition, rule.shows(row))


def _input_name(column: str) -> str:
    """A missing value as the company and plan files name it: facts go under `facts`."""
    if column.startswith(FACT_PREFIX):
        return f"facts.{column.removeprefix(FACT_PREFIX)}"
    return column
