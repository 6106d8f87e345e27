"""Tokyo's 申請要件: what its worked examples (tokyo-zeroemi-innovation.cases.yaml) cannot
say — where the reasons cite the call, and how unanswered requirements are worded."""

from __future__ import annotations

from typing import Any

from hojokin.rules.company_row import company_row
from hojokin.rules.service import FrameCheck, check_frame
from hojokin.views.checks import finding_message
from tests.rules.examples import TOKYO, TOKYO_ANSWERS, company, frame, program

ZERO = "zero-emission"


def check(frame_id: str, **changes: Any) -> FrameCheck:
    return check_frame(
        program(TOKYO), frame(TOKYO, frame_id), company_row(company(**changes)), False
    )


def failed(result: FrameCheck) -> set[str]:
    return {r.code for r in result.reasons if not r.passed}


def test_every_reason_cites_the_call() -> None:
    result = check(ZERO, zero_emission_theme=2)
    assert len(result.reasons) == 18
    assert all(r.source and r.source.doc == "003_cf133d2ac19737cc.txt" for r in result.reasons)


def test_unanswered_requirements_are_to_be_confirmed_not_met() -> None:
    # No answers to 申請要件 (2)※, (4), (5), (6)イ・エ・キ・ク・ケ・コ and 別紙3: nothing fails,
    # nothing is assumed either — the frame is 要確認 and says what to answer.
    result = check(ZERO, zero_emission_theme=3, facts={})
    assert failed(result) == set()
    assert result.verdict is None
    messages = [finding_message(w) for w in result.warnings if w.code == "needs_fact"]
    assert messages[0] == (
        "要確認: 補助事業の成果を活用し、都内で引き続き事業を営む予定であること"
        " — 補助事業の成果を活用した都内での事業の継続の予定: 未入力"
        "（facts に入力すると判定します）"
    )
    assert len(messages) == 12  # 11 answers; the site is asked by two requirements
    assert "要確認: 本補助事業の同一年度の申請は、一企業につき一申請であること" in "".join(messages)
    # The answers of the worked examples meet every one: 対象 (the plan rules wait for a plan).
    assert check(ZERO, zero_emission_theme=3).verdict is True


def test_gambling_is_refused_citing_its_line() -> None:
    # Its wording is a worked example; the line it cites is checked here.
    result = check(
        ZERO, zero_emission_theme=3, facts=TOKYO_ANSWERS | {"adult_entertainment_or_gambling": True}
    )
    (reason,) = [r for r in result.reasons if not r.passed]
    assert reason.source is not None and (reason.source.line_start, reason.source.line_end) == (
        203,
        203,
    )
