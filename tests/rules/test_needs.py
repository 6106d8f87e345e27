"""A finding that waits says what for (`needs`) and leaves the advice to each front end:
no domain message names a command-line option or file, the contract's JSON still does."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hojokin.rules.service import Finding, check_company, estimate
from hojokin.views.checks import finding_json
from hojokin.views.requirements import requirement_text, shown_text
from hojokin.views.wording import finding_text
from tests.rules.examples import TOKYO, catalog, company, frame, plan, program

# The words of the command line (and the contract): the domain must say none of them.
CLI_WORDS = ("--plan", "facts に入力")


def every(findings: Iterable[Finding]) -> Iterator[Finding]:
    for f in findings:
        yield f
        yield from every(f.parts)


def test_no_domain_message_carries_a_front_ends_advice() -> None:
    unanswered = company(facts={})
    found = [
        f for c in check_company(catalog(), unanswered) for f in every([*c.reasons, *c.warnings])
    ]
    zero = frame(TOKYO, "zero-emission")
    estimated = estimate(program(TOKYO), zero, unanswered, plan()).check
    found += every([*estimated.reasons, *estimated.warnings])
    waiting = {f.needs for f in found}
    assert waiting == {"plan", "fact", None}  # the check below reads both kinds
    for f in found:
        words = [finding_text(f)]
        words += [requirement_text(f.requirement)] if f.requirement else []
        words += [shown_text(f.shown)] if f.shown else []
        for text in words:
            assert not any(word in text for word in CLI_WORDS), text


def test_each_finding_says_what_would_decide_it() -> None:
    checks = check_company([program(TOKYO)], company(facts={}))
    warnings = [w for c in checks for w in c.warnings]
    assert {w.needs for w in warnings if w.code == "needs_plan"} == {"plan"}
    assert {w.needs for w in warnings if w.code == "needs_fact"} == {"fact"}
    assert {w.needs for c in checks for w in c.reasons} == {None}


def test_the_contract_json_keeps_its_advice() -> None:
    (check, *_) = check_company([program(TOKYO)], company(facts={}))
    plan_rule = next(w for w in check.warnings if w.needs == "plan")
    fact_rule = next(w for w in check.warnings if w.needs == "fact")
    assert finding_json(plan_rule)["message"] == (
        f"計画が必要: {requirement_text(plan_rule.requirement)}（--plan で計画を渡すと判定します）"
    )
    fact_message = finding_json(fact_rule)["message"]
    assert fact_message == f"{finding_text(fact_rule)}（facts に入力すると判定します）"
    passed = next(r for r in check.reasons if r.passed)
    assert finding_json(passed)["message"] == finding_text(passed)
    assert passed.requirement is not None and passed.shown is not None
    label, shows = requirement_text(passed.requirement), shown_text(passed.shown)
    assert finding_text(passed) == f"○ {label} — {shows}"
