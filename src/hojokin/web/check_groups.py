"""「使える支援制度を調べる」: every frame checked for one company, grouped and ranked.

- 対象 (eligible): every requirement holds; ranked by the frame's maximum amount.
- 要確認: no requirement fails, but one reads a program fact the form left blank.
- 要件未登録: the program's requirements are not encoded yet; read the source.
- あと一歩 (near misses): not eligible because of exactly one requirement, and never
  one of place: moving the head office is not a step to offer.
- the rest: two or more requirements fail, or the company is outside the area served.

The maximum amount is the frame's cap (上限額), or its fixed amount (定額), after the
variants that this company meets (`resolve_terms`): the most the program pays anyone
in the company's situation, not an estimate for a plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hojokin.catalog.facts import Fact
from hojokin.catalog.loader import Catalog
from hojokin.catalog.primitives import Citation
from hojokin.rules.company import Company
from hojokin.rules.company_row import company_row
from hojokin.rules.documents import DocumentStatus
from hojokin.rules.eligibility import NOT_ENCODED
from hojokin.rules.expr import Truth
from hojokin.rules.rule import Row
from hojokin.rules.service import Finding, FrameCheck, Needs, check_company, frame_verdict
from hojokin.rules.terms import Term, resolve_terms
from hojokin.views.requirements import UNDECIDED_INPUTS, document_reason
from hojokin.views.wording import finding_text

# The requirement on where the company is: failing it is never "one step away".
LOCATION_CODE = "area"


@dataclass(frozen=True)
class MaxAmount:
    yen: int | None
    label: str  # 上限額 or 定額
    source: Citation | None


@dataclass(frozen=True)
class Match:
    check: FrameCheck
    max_amount: MaxAmount

    @property
    def failed(self) -> list[Finding]:
        return [r for r in self.check.reasons if not r.passed]

    @property
    def passed(self) -> list[Finding]:
        return [r for r in self.check.reasons if r.passed]

    @property
    def open_questions(self) -> list[Finding]:
        return [w for w in self.check.warnings if w.code == "needs_fact"]

    @property
    def notes(self) -> list[Finding]:
        """Warnings that do not decide: plan rules, priority notes."""
        return [w for w in self.check.warnings if w.code not in ("needs_fact", NOT_ENCODED)]


@dataclass
class Matches:
    eligible: list[Match] = field(default_factory=list)
    to_confirm: list[Match] = field(default_factory=list)
    not_encoded: list[Match] = field(default_factory=list)
    near_misses: list[Match] = field(default_factory=list)
    others: list[Match] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(group)
            for group in (
                self.eligible,
                self.to_confirm,
                self.not_encoded,
                self.near_misses,
                self.others,
            )
        )


def max_amount(check: FrameCheck, row: Row) -> MaxAmount:
    """`row`: the company's (`company_row`), built once for all its frames."""
    terms = resolve_terms(check.frame, row)
    term: Term | None = terms.cap or terms.fixed
    label = "上限額" if terms.cap is not None else "定額"
    if term is None:
        return MaxAmount(None, "上限額", None)
    return MaxAmount(int(term.value), label, term.source)


def _rank(match: Match) -> tuple[bool, int]:
    yen = match.max_amount.yen
    return (yen is None, -(yen or 0))


def find_matches(catalog: Catalog, company: Company) -> Matches:
    matches = Matches()
    row = company_row(company)
    for check in check_company(catalog, company):
        match = Match(check, max_amount(check, row))
        verdict = frame_verdict(check)
        if verdict == "ineligible":
            near = len(match.failed) == 1 and match.failed[0].code != LOCATION_CODE
            group = matches.near_misses if near else matches.others
        else:
            undecided = {"to_confirm": matches.to_confirm, "not_encoded": matches.not_encoded}
            group = undecided.get(verdict, matches.eligible)
        group.append(match)
    # sorted() is stable: equal amounts keep the catalog's order.
    for group in (matches.eligible, matches.to_confirm, matches.near_misses, matches.others):
        group.sort(key=_rank)
    return matches


# The CLI's ○×？ marks mean nothing to a reader of the page: a finding, and each part of
# a composite, says its truth in words.
MARKS: Mapping[Truth, str] = {True: "該当: ", False: "非該当: ", None: "未確認: "}


# What settles an undecided rule, said as the forms ask it: the service only says
# which it needs (the CLI and the JSON name its options and files instead).
HINTS: dict[Needs, str] = {
    "plan": "（金額の試算で計画を入力すると判定します）",
    "fact": "（確認事項に答えると判定します）",
}


def web_finding(finding: Finding) -> str:
    """A finding in the web's words, with what the forms ask to settle it."""
    return finding_text(finding, MARKS) + (HINTS[finding.needs] if finding.needs else "")


def web_document_reason(status: DocumentStatus, facts: Mapping[str, Fact]) -> str | None:
    """Why a document is or is not needed, in the web's words: a missing fact by the label
    the form asks it with, not by its name in the company file."""
    if status.missing:
        return UNDECIDED_INPUTS + "・".join(_input_label(name, facts) for name in status.missing)
    return document_reason(status, MARKS)


def _input_label(name: str, facts: Mapping[str, Fact]) -> str:
    fact = facts.get(name.removeprefix("facts.")) if name.startswith("facts.") else None
    return name if fact is None else f"「{fact.label}」"
