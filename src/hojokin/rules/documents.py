"""A frame's required documents decided for one company and, when given, its plan.

Each document is 必要 (`required`), 不要 (`not_required`), 該当する場合に必要
(`conditional`) or 任意 (`optional`). A `required_when` compiles through the same
`criterion_rule` as an eligibility criterion, so its requirement and what the company
shows for it read alike. A condition that cannot be told (three-valued, hojokin.rules.expr)
leaves the document `conditional` instead of silently "not required": `check` has no
plan, and a plan need not state every fact. One answer can still decide: either of two
patent facts being true makes the patent copies required.
"""

from __future__ import annotations

from dataclasses import dataclass

from hojokin.catalog.schema import Frame, RequiredDocument
from hojokin.catalog.vocabulary import DocumentNeed
from hojokin.rules.eligibility import criterion_rule
from hojokin.rules.expr import columns_of
from hojokin.rules.requirements import Requirement, Shown
from hojokin.rules.rule import Row
from hojokin.rules.rule_columns import FACT_PREFIX


@dataclass(frozen=True)
class DocumentStatus:
    """A document, whether this company must submit it, and why: the `requirement` of
    its `required_when` with what the company `shown` for it, or the inputs `missing`
    (as the company and plan files name them) that leave it undecided."""

    document: RequiredDocument
    status: DocumentNeed
    requirement: Requirement | None = None
    shown: Shown | None = None
    missing: tuple[str, ...] = ()


def frame_documents(frame: Frame, row: Row) -> list[DocumentStatus]:
    return [document_status(d, row) for d in frame.required_documents]


def document_status(document: RequiredDocument, row: Row) -> DocumentStatus:
    if document.optional:
        return DocumentStatus(document, "optional")
    if document.required_when is None:
        return DocumentStatus(document, "required")
    rule = criterion_rule(document.required_when)
    truth = rule.holds(row)
    if truth is None:
        missing = sorted(c for c in columns_of(rule.expr) if row.get(c) is None)
        names = tuple(_input_name(c) for c in missing)
        # nothing missing: what the company shows says why it cannot be told (a branch's
        # town, which no field asks)
        shown = None if names else rule.shows(row)
        return DocumentStatus(document, "conditional", rule.requirement, shown, names)
    status: DocumentNeed = "required" if truth else "not_required"
    return DocumentStatus(document, status, rule.requirement, rule.shows(row))


def _input_name(column: str) -> str:
    """A missing value as the company and plan files name it: facts go under `facts`."""
    if column.startswith(FACT_PREFIX):
        return f"facts.{column.removeprefix(FACT_PREFIX)}"
    return column
