"""An application read by the rules, live: its company profile and plan as the rules'
models (validated as the CLI's files are), the frame's check or estimate, and the
checklist of 提出書類 (別紙1-1/1-2) with what was uploaded for each item."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Frame, Program
from hojokin.catalog.vocabulary import Verdict
from hojokin.rules.company import Company, parse_company
from hojokin.rules.documents import DocumentStatus, frame_documents
from hojokin.rules.input_files import InputError
from hojokin.rules.plan import Plan, parse_plan
from hojokin.rules.service import (
    FrameCheck,
    FrameEstimate,
    check_company,
    estimate,
    frame_verdict,
    plan_problems,
)
from hojokin.workflow.errors import InvalidProfile
from hojokin.workflow.records import Application, Document


@dataclass(frozen=True)
class ChecklistItem:
    """One 提出書類 of the frame (its position `item`, from 1): whether this company
    must submit it (the rules' `DocumentStatus`) and the files uploaded for it."""

    item: int
    status: DocumentStatus
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Assessment:
    company: Company | None
    plan: Plan | None
    check: FrameCheck | None  # the estimate's when there is a plan
    estimate: FrameEstimate | None
    checklist: tuple[ChecklistItem, ...]

    @property
    def verdict(self) -> Verdict | None:
        return None if self.check is None else frame_verdict(self.check)


def read_company(data: Mapping[str, Any], catalog: Catalog) -> Company:
    try:
        return parse_company(dict(data), "company", catalog.facts)
    except InputError as exc:
        raise InvalidProfile(
            f"事業者情報に誤りがあります。\n{exc}", "company", exc.errors
        ) from None


def read_plan(data: Mapping[str, Any], catalog: Catalog, program: Program, frame: Frame) -> Plan:
    """The plan, refused also where the frame would leave a figure of it uncounted."""
    try:
        plan = parse_plan(dict(data), "plan", catalog.facts)
        plan_problems(program, frame, plan)
    except InputError as exc:
        raise InvalidProfile(f"事業計画に誤りがあります。\n{exc}", "plan", exc.errors) from None
    return plan


def assess(
    catalog: Catalog,
    program: Program,
    frame: Frame,
    application: Application,
    documents: list[Document],
) -> Assessment:
    """What the rules say of `application` now (its profile and plan were validated
    when saved; the catalog may have changed since, and `InvalidProfile` says so)."""
    company = None if application.company is None else read_company(application.company, catalog)
    plan = None
    if application.plan is not None:
        plan = read_plan(application.plan, catalog, program, frame)
    check, result = None, None
    if company is not None and plan is not None:
        result = estimate(program, frame, company, plan)
        check = result.check
    elif company is not None:
        check = next(c for c in check_company([program], company) if c.frame.id == frame.id)
    statuses = check.documents if check is not None else frame_documents(frame, {})
    checklist = tuple(
        ChecklistItem(n, status, tuple(d for d in documents if d.item == n))
        for n, status in enumerate(statuses, start=1)
    )
    return Assessment(company, plan, check, result, checklist)
