"""The check results as a person reads and keeps them.

`find_matches` (check_groups) decides the groups; this module shapes them for reading: each
frame with its verdict in a word, its 上限額 and 下限額, its status and deadline, and its
requirements one plain sentence each (failing ones first, each part of a composite on
its own line). Within a group, what can be applied for comes first: open, upcoming,
unknown, closed, then measures known only from a results report.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from hojokin.catalog.loader import Catalog
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Program
from hojokin.catalog.status import deadline, program_status, windows
from hojokin.catalog.vocabulary import STATUS_LABELS, Status
from hojokin.rules.company import Company
from hojokin.rules.company_row import company_row
from hojokin.rules.eligibility import NOT_ENCODED
from hojokin.rules.rule import Row
from hojokin.rules.service import Finding
from hojokin.rules.terms import resolve_terms
from hojokin.views.requirements import requirement_text, shown_text
from hojokin.web.check_groups import MARKS, Match, Matches, web_finding

# What can still be applied for comes first; a status the data cannot tell sits between.
_ORDER: tuple[Status | None, ...] = ("open", "upcoming", None, "closed", "reported")
_STATUS_ORDER: Mapping[Status | None, int] = {s: i for i, s in enumerate(_ORDER)}

Verdict = Literal["対象", "要確認", "あと一歩", "対象外"]
State = Literal["pass", "fail", "open"]
STATE_WORDS: Mapping[State, str] = {"pass": "満たす", "fail": "満たさない", "open": "要確認"}


@dataclass(frozen=True)
class Line:
    """One requirement in one sentence, its state, and its 根拠; `parts` under a composite."""

    state: State
    text: str
    shows: str
    source: Citation | None
    parts: tuple[Line, ...] = ()
    note: str = ""  # how the catalog read the source (an area inferred from the issuer)


@dataclass(frozen=True)
class Floor:
    yen: int | None
    source: Citation | None


@dataclass(frozen=True)
class Result:
    match: Match
    verdict: Verdict
    status: Status | None
    deadline: date | None
    floor: Floor
    failing: list[Line]
    questions: list[Line]
    passing: list[Line]
    notes: list[str]

    @property
    def program(self) -> Program:
        return self.match.check.program

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def not_encoded(self) -> bool:
        return any(w.code == NOT_ENCODED for w in self.match.check.warnings)


@dataclass
class Results:
    eligible: list[Result] = field(default_factory=list)
    to_confirm: list[Result] = field(default_factory=list)  # a question to answer
    not_encoded: list[Result] = field(default_factory=list)  # requirements not in the data
    near_misses: list[Result] = field(default_factory=list)
    others: list[Result] = field(default_factory=list)

    @property
    def counts(self) -> dict[Verdict, int]:
        return {
            "対象": len(self.eligible),
            "要確認": len(self.to_confirm) + len(self.not_encoded),
            "あと一歩": len(self.near_misses),
            "対象外": len(self.others),
        }

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def best(self, limit: int = 10) -> list[Result]:
        """The frames to look at first: 対象, then 要確認, each open ones first."""
        undecided = sorted([*self.to_confirm, *self.not_encoded], key=_rank)
        return [*self.eligible, *undecided][:limit]

    def __iter__(self) -> Iterator[Result]:
        yield from self.eligible
        yield from self.to_confirm
        yield from self.not_encoded
        yield from self.near_misses
        yield from self.others


def _state(finding: Finding) -> State:
    if finding.code == "needs_fact":
        return "open"
    return "pass" if finding.passed else "fail"


def line(finding: Finding) -> Line:
    """The finding as a sentence; a composite's sentence is its head, its parts follow."""
    if finding.requirement is None:  # a finding of the amount: one sentence, nothing apart
        return Line(_state(finding), web_finding(finding), "", finding.source)
    parts = tuple(line(p) for p in finding.parts)
    # A composite shows its parts each on a line, so its own summary (○ and × mixed) is left.
    shows = "" if parts or finding.shown is None else shown_text(finding.shown, MARKS)
    text = requirement_text(finding.requirement)
    return Line(_state(finding), text, shows, finding.source, parts, finding.note)


def _requirement(finding: Finding) -> str:
    assert finding.requirement is not None, "a rule's finding has its requirement"
    return requirement_text(finding.requirement)


def _floor(match: Match, row: Row) -> Floor:
    terms = resolve_terms(match.check.frame, row)
    if terms.floor is None:
        return Floor(None, None)
    return Floor(int(terms.floor.value), terms.floor.source)


def _deadline(program: Program, status: Status | None, today: date) -> date | None:
    """The coming deadline; for a closed program, the last one it had."""
    if status == "closed":
        return max((w.period.end for w in windows(program)), default=None)
    return deadline(program, today)


def _result(match: Match, verdict: Verdict, catalog: Catalog, row: Row, today: date) -> Result:
    check = match.check
    document = catalog.documents.get(check.program.source.doc)
    status = program_status(check.program, document.kind if document else "", today)
    # "Not all requirements are in the data" leads: it is why the frame is 要確認.
    warnings = sorted(check.warnings, key=lambda w: w.code != NOT_ENCODED)
    shown = [w for w in warnings if w.code not in ("needs_fact", "needs_plan")]
    notes = [web_finding(w) for w in shown]
    plan_rules = [_requirement(w) for w in check.warnings if w.code == "needs_plan"]
    if plan_rules:
        # One line for all of them: each would otherwise repeat the same advice.
        notes.append(f"金額の試算で計画を入力すると判定する要件: {'／'.join(plan_rules)}")
    return Result(
        match=match,
        verdict=verdict,
        status=status,
        deadline=_deadline(check.program, status, today),
        floor=_floor(match, row),
        failing=[line(f) for f in check.reasons if not f.passed],
        questions=[line(w) for w in check.warnings if w.code == "needs_fact"],
        passing=[line(f) for f in check.reasons if f.passed],
        notes=notes,
    )


def _rank(result: Result) -> int:
    return _STATUS_ORDER[result.status]


def shape(matches: Matches, catalog: Catalog, company: Company, today: date) -> Results:
    """Each group's frames as results, open ones first (amount order kept within a status)."""
    results = Results()
    row = company_row(company)

    def each(group: list[Match], verdict: Verdict) -> list[Result]:
        shaped = [_result(m, verdict, catalog, row, today) for m in group]
        return sorted(shaped, key=_rank)  # stable: check_groups' amount order stays

    results.eligible = each(matches.eligible, "対象")
    results.to_confirm = each(matches.to_confirm, "要確認")
    results.not_encoded = each(matches.not_encoded, "要確認")
    results.near_misses = each(matches.near_misses, "あと一歩")
    results.others = each(matches.others, "対象外")
    return results
