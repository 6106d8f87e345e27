"""Check and estimate JSON as fixed in docs/contract.md, for the API and the CLI alike."""

from __future__ import annotations

from hojokin.catalog.primitives import Citation
from hojokin.rules.documents import DocumentStatus
from hojokin.rules.limits import Limit
from hojokin.rules.service import Finding, FrameCheck, FrameEstimate
from hojokin.views.requirements import document_condition, document_reason
from hojokin.views.wording import finding_message, limit_text


def limit_json(limit: Limit) -> dict[str, object]:
    return {
        "code": limit.code,
        "message": limit_text(limit),
        "reduced_by_yen": limit.reduced_by_yen,
        "source": source_json(limit.source),
    }


def source_json(cite: Citation | None) -> dict[str, object] | None:
    if cite is None:
        return None
    return {
        "document": cite.doc,
        "line_start": cite.line_start,
        "line_end": cite.line_end,
        "quote": cite.quote,
    }


def finding_json(f: Finding) -> dict[str, object]:
    found: dict[str, object] = {
        "code": f.code,
        "message": finding_message(f),
        "source": source_json(f.source),
        "passed": f.passed,
    }
    if f.note:  # optional: only a criterion the catalog had to read has one
        found["note"] = f.note
    return found


def document_json(d: DocumentStatus) -> dict[str, object]:
    return {
        "number": d.document.number,
        "name": d.document.name,
        "part": d.document.part,
        "copies": d.document.copies,
        "form": d.document.form,
        "status": d.status,
        "condition": document_condition(d),
        "reason": document_reason(d),
        "source": source_json(d.document.cite),
    }


def check_json(c: FrameCheck) -> dict[str, object]:
    return {
        "program_id": c.program.id,
        "program_name": c.program.name,
        "frame_id": c.frame.id,
        "frame_name": c.frame.name,
        "eligible": c.verdict,
        "reasons": [finding_json(f) for f in c.reasons],
        "warnings": [finding_json(f) for f in c.warnings],
        "documents": [document_json(d) for d in c.documents],
    }


def estimate_json(e: FrameEstimate) -> dict[str, object]:
    out = check_json(e.check)
    reasons, warnings, documents = out.pop("reasons"), out.pop("warnings"), out.pop("documents")
    out |= {
        # null (要確認) where a fact the requirements or the amount read is missing
        "eligible": e.check.verdict,
        "grant_yen": e.amount.grant_yen,
        "eligible_expenses_yen": e.amount.eligible_expenses_yen,
        "by_year": [
            {
                "fiscal_year": y.fiscal_year,
                "grant_yen": y.grant_yen,
                "expenses": y.expenses,
                "by_category": y.by_category,
                "requested_by_category": y.requested,
            }
            for y in e.amount.by_year
        ],
        "rate": None if e.amount.rate is None else str(e.amount.rate),
        "floor_expenses_yen": e.amount.floor_expenses_yen,
        "limits_applied": [limit_json(x) for x in e.amount.limits],
        "reasons": reasons,
        "warnings": warnings,
        "documents": documents,
    }
    return out
