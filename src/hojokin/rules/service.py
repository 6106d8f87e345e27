"""Check and estimate for one company: the service behind the API, the web and the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from pydantic_core import ErrorDetails

from hojokin.catalog.loader import Catalog
from hojokin.catalog.primitives import Citation, error_path
from hojokin.catalog.schema import Frame, Program
from hojokin.catalog.vocabulary import Verdict
from hojokin.ja import format_fiscal_year
from hojokin.rules.amounts import Amount, compute_amount
from hojokin.rules.company import Company
from hojokin.rules.company_row import company_row, plan_columns
from hojokin.rules.documents import DocumentStatus, frame_documents
from hojokin.rules.eligibility import NOT_ENCODED, frame_rules
from hojokin.rules.expr import Truth
from hojokin.rules.input_files import InputError
from hojokin.rules.limits import Limit, Remark
from hojokin.rules.plan import Plan
from hojokin.rules.requirements import Requirement, Shown
from hojokin.rules.rule import Row, Rule
from hojokin.rules.terms import resolve_terms

# What would decide an undecided rule: the plan (an estimate) or a fact the company
# has not given. Each front end says how to give it in its own words.
Needs = Literal["plan", "fact"]


class UnknownProgramError(ValueError):
    """A program id, or a frame of a program, that the catalog does not have; the front
    ends word it (`views.wording.unknown_text`) with their own advice."""

    def __init__(self, program_id: str, frame: str | None = None, program: Program | None = None):
        super().__init__(program_id if frame is None else f"{program_id}: {frame}")
        self.program_id, self.frame, self.program = program_id, frame, program


@dataclass(frozen=True)
class Finding:
    """What was found, in values each front end words (`views.wording`, the web's own).

    `truth`: the requirement holds, fails, or cannot be told yet (None: also a caution
    or a note, which decide nothing). A rule's finding has its `requirement` and what
    the company `shown` for it (`rules.requirements`), apart; `parts` are a composite's
    parts. A finding of the amount has the `limit` it comes from (a refusal, an
    undecided amount, a caution), or the `remark` it notes."""

    code: str
    truth: Truth
    source: Citation | None
    passed: bool
    requirement: Requirement | None = None
    shown: Shown | None = None
    parts: tuple[Finding, ...] = ()
    note: str = ""  # the rule's note: how the catalog read an implicit source
    needs: Needs | None = None
    limit: Limit | None = None
    remark: Remark | None = None


def explained(finding: Finding, rule: Rule, row: Row) -> Finding:
    """`finding` with the rule's requirement, what the row shows, and each part's own finding."""
    parts = []
    for part in rule.parts:
        holds = part.holds(row)
        code = "needs_fact" if holds is None else part.code
        parts.append(explained(Finding(code, holds, part.source, holds is True), part, row))
    return replace(
        finding,
        requirement=rule.requirement,
        shown=rule.shows(row),
        parts=tuple(parts),
        note=rule.note,
    )


@dataclass
class FrameCheck:
    program: Program
    frame: Frame
    eligible: bool
    reasons: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    # a requirement waits for a fact the company has not given, or is not encoded at all
    undecided: bool = False
    # a requirement waits for a fact (not only for the catalog to encode one)
    awaits_fact: bool = False
    documents: list[DocumentStatus] = field(default_factory=list)

    @property
    def verdict(self) -> Truth:
        """The verdict as JSON and the batch screen write it (`frame_verdict`)."""
        return TRUTHS[frame_verdict(self)]


# 対象外: a requirement fails. 要確認: none fails but one cannot be decided, because it
# reads a fact not given or the catalog has not encoded every requirement
# (要件未登録, when that is all that is missing). 対象: every requirement holds.
TRUTHS: dict[Verdict, Truth] = {
    "ineligible": False,
    "to_confirm": None,
    "not_encoded": None,
    "eligible": True,
}


def frame_verdict(check: FrameCheck) -> Verdict:
    """The one verdict of a check or an estimate, which every front end words.

    Unknown is never yes: a requirement that cannot be decided makes the frame 要確認.
    Only requirements decide: a `severity: warning` criterion (met, failed or unknown),
    a caution such as a late start, and, in a check without a plan, a rule that reads
    the plan (`needs_plan`, decided by the estimate) are warnings shown beside the
    verdict, never part of it; the batch screen counts the same requirements."""
    if not check.eligible:
        return "ineligible"
    if not check.undecided:
        return "eligible"
    if not check.awaits_fact and any(w.code == NOT_ENCODED for w in check.warnings):
        return "not_encoded"
    return "to_confirm"


@dataclass
class FrameEstimate:
    check: FrameCheck
    amount: Amount


def check_frame(program: Program, frame: Frame, row: Row, has_plan: bool) -> FrameCheck:
    result = FrameCheck(program, frame, eligible=True)
    rules = frame_rules(program, frame)
    for rule in rules:
        if rule.needs_plan and not has_plan:
            finding = Finding(
                "needs_plan",
                None,
                rule.source,
                False,
                rule.requirement,
                note=rule.note,
                needs="plan",
            )
            result.warnings.append(finding)
            continue
        holds = rule.holds(row)
        if rule.code == NOT_ENCODED:
            result.warnings.append(Finding(NOT_ENCODED, None, rule.source, False, rule.requirement))
            result.undecided = True
            continue
        if holds is None:
            # an area left undecided says why in its own words; no fact would settle it
            needs: Needs | None = None if rule.code == "area" else "fact"
            finding = Finding("needs_fact", None, rule.source, passed=False, needs=needs)
            result.warnings.append(explained(finding, rule, row))
            if rule.severity == "error":
                result.undecided = result.awaits_fact = True
            continue
        finding = explained(Finding(rule.code, holds, rule.source, holds), rule, row)
        if not holds and rule.severity == "warning":
            result.warnings.append(finding)
            continue
        result.reasons.append(finding)
        result.eligible &= holds
    return result


def select_frames(program: Program, frame: str | None) -> list[Frame]:
    """`frame` is a frame id or its exact Japanese name; None means every frame."""
    if frame is None:
        return list(program.frames)
    for f in program.frames:
        if frame in (f.id, f.name):
            return [f]
    raise UnknownProgramError(program.id, frame, program)


def find_program(catalog: Catalog, program_id: str) -> Program:
    try:
        return catalog.programs[program_id]
    except KeyError:
        raise UnknownProgramError(program_id) from None


def check_company(programs: Iterable[Program], company: Company) -> list[FrameCheck]:
    row = company_row(company)
    checks = [check_frame(p, f, row, has_plan=False) for p in programs for f in p.frames]
    for check in checks:
        check.documents = frame_documents(check.frame, row)
    return checks


def plan_problems(program: Program, frame: Frame, plan: Plan) -> None:
    """Refuse what the frame would leave uncounted rather than drop it without a word: a
    year's `eligible_expenses_yen` where the frame counts by category, an expense in a
    category the frame does not have, personnel lines where no wage table prices them.
    Raises InputError naming the year and the field."""
    problems: list[ErrorDetails] = []

    def problem(index: int, field: tuple[str, ...], value: object, message: str) -> None:
        label = format_fiscal_year(plan.years[index].fiscal_year)
        loc: tuple[int | str, ...] = ("years", index, *field)
        problems.append(
            {"type": "value_error", "loc": loc, "msg": f"{label}: {message}", "input": value}
        )

    known = {c.id: c.name for c in frame.categories}
    table = program.wage_table
    for index, year in enumerate(plan.years):
        if known and year.eligible_expenses_yen is not None:
            message = (
                "この枠は経費区分ごとに計算するため eligible_expenses_yen は使えません。"
                "expenses に区分ごとの金額を入力してください"
            )
            problem(index, ("eligible_expenses_yen",), year.eligible_expenses_yen, message)
        for category, yen in year.expenses.items():
            if known and yen and category not in known:
                listed = "、".join(f"{k}（{n}）" for k, n in known.items())
                message = (
                    f"経費区分「{category}」はこの枠の補助対象経費にありません。区分: {listed}"
                )
                problem(index, ("expenses", category), yen, message)
        if year.personnel_lines and (table is None or (known and table.category not in known)):
            message = (
                "この枠には人件費単価表による直接人件費がないため personnel_lines は使えません"
            )
            problem(index, ("personnel_lines",), len(year.personnel_lines), message)
    if problems:
        lines = [f"plan: {error_path(p['loc'])}: {p['msg']}" for p in problems]
        raise InputError("\n".join(lines), problems)


def estimate(program: Program, frame: Frame, company: Company, plan: Plan) -> FrameEstimate:
    """Raises InputError for a plan field the frame would ignore (`plan_problems`)."""
    plan_problems(program, frame, plan)
    row = company_row(company, plan)
    amount = compute_amount(program, frame, resolve_terms(frame, row), plan)
    # The plan rules read the eligible expenses as this frame counts them.
    row |= plan_columns(plan, amount.eligible_expenses_yen)
    check = check_frame(program, frame, row, has_plan=True)
    check.documents = frame_documents(frame, row)
    for refusal in (amount.below_floor, amount.refused):
        if refusal is not None:
            check.eligible = False
            check.reasons.append(_of_amount(refusal, False))
    if amount.undecided is not None:
        check.undecided = check.awaits_fact = True
        check.warnings.append(replace(_of_amount(amount.undecided, None), needs="fact"))
    for caution in amount.cautions:
        check.warnings.append(_of_amount(caution, None))
    for note in amount.notes:
        check.warnings.append(Finding("note", None, None, passed=True, remark=note))
    return FrameEstimate(check, amount)


def _of_amount(limit: Limit, truth: Truth) -> Finding:
    return Finding(limit.code, truth, limit.source, False, limit=limit)
