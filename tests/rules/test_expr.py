"""Three-valued tests: a missing value is unknown, and both speeds combine unknowns alike."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from hojokin.rules.company_row import company_row
from hojokin.rules.expr import (
    And,
    Compare,
    Expr,
    InSet,
    Not,
    Or,
    Truth,
    Unknown,
    evaluate,
    to_polars,
)
from hojokin.rules.service import check_frame
from hojokin.views.wording import finding_text
from tests.rules.examples import company, frame, program

GIVEN = Compare("fact_given", "==", True)  # the row says yes
NO = Compare("fact_given", "==", False)  # false on this row
MISSING = Compare("fact_missing", "==", True)  # the row does not say


def both_speeds(expr: Expr) -> tuple[Truth, Truth]:
    row: dict[str, Any] = {"fact_given": True}
    table = pl.DataFrame({"fact_given": [True]})
    batch = table.select(to_polars(expr, set(table.columns))).to_series()[0]
    return evaluate(expr, row), batch


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (MISSING, None),  # not answered: unknown, not "no"
        (Not(MISSING), None),
        (InSet("fact_missing", ("a", "b")), None),
        (And((NO, MISSING)), False),  # one requirement already fails: refused
        (And((GIVEN, MISSING)), None),  # the rest hold: to be confirmed
        (Or((GIVEN, MISSING)), True),  # one way in already holds: eligible
        (Or((NO, MISSING)), None),
        (Not(Or((NO, MISSING))), None),
        (And((GIVEN, Unknown())), None),
        (And((NO, Unknown())), False),
        (And(()), True),
    ],
)
def test_kleene_logic_at_both_speeds(expr: Expr, expected: Truth) -> None:
    assert both_speeds(expr) == (expected, expected)


KYUGYO = "hokkaido-kyugyo-kyoryoku-kansen-risk-teigen-shien"


def test_a_missing_fact_is_to_be_confirmed_not_refused() -> None:
    p = program(KYUGYO)
    hokkaido = company(head_office_prefecture="北海道")
    unanswered = check_frame(p, frame(KYUGYO), company_row(hokkaido), has_plan=False)
    assert unanswered.eligible and unanswered.verdict is None
    assert [w.code for w in unanswered.warnings] == ["needs_fact", "not_encoded"]
    assert finding_text(unanswered.warnings[0]).startswith("要確認: ")
    # Answering the fact decides the rule either way; the frame stays 要確認 only because
    # the report does not state all of its requirements (not_encoded).
    criterion = p.eligibility[1].any_of
    assert criterion is not None and criterion[0].fact is not None
    name = criterion[0].fact.name
    for answer in (True, False):
        row = company_row(company(head_office_prefecture="北海道", facts={name: answer}))
        decided = check_frame(p, frame(KYUGYO), row, has_plan=False)
        codes = [w.code for w in decided.warnings]
        # "no" leaves the restaurant way open, still unknown
        assert codes == (["not_encoded"] if answer else ["needs_fact", "not_encoded"])
        assert decided.eligible and decided.verdict is None
