"""One verdict (`frame_verdict`), worded alike by the CLI's JSON and table, the API and
the web: the front ends had decided it under two rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console
from typer.testing import CliRunner

from hojokin.catalog.schema import Frame, Program
from hojokin.cli import app
from hojokin.cli.check_tables import check_detail
from hojokin.rules.limits import NoRate
from hojokin.rules.requirements import NotEncoded, SourceShown
from hojokin.rules.service import Finding, FrameCheck, Verdict, check_company, frame_verdict
from hojokin.web.check_groups import find_matches
from hojokin.web.plan_form import estimate_verdict
from tests.conftest import CATALOG
from tests.rules.examples import COMPANY_FILE, TOKYO, catalog, company, program
from tests.web.test_pages import COMPANY_FORM, text

# The Tokyo company of the worked example: its 事業会社等からの出資 rules read the plan,
# so a check without one reports them as `needs_plan` warnings.
COMPANY = COMPANY_FILE | {"zero_emission_theme": 2}


def _finding(code: str) -> Finding:
    if code == "note":
        return Finding(code, None, None, passed=True, remark=NoRate())
    return Finding(code, None, None, False, NotEncoded(), SourceShown())


def _check(
    eligible: bool, undecided: bool, *codes: str, awaits_fact: bool | None = None
) -> FrameCheck:
    """A check with these warnings; an undecided one with a `needs_fact` warning waits on a
    requirement's fact unless `awaits_fact` says the fact is a warning criterion's."""
    tokyo: Program = program(TOKYO)
    main: Frame = tokyo.frames[0]
    warnings = [_finding(code) for code in codes]
    if awaits_fact is None:
        awaits_fact = undecided and "needs_fact" in codes
    return FrameCheck(
        tokyo, main, eligible, warnings=warnings, undecided=undecided, awaits_fact=awaits_fact
    )


@pytest.mark.parametrize(
    ("check", "verdict"),
    [
        (_check(False, True, "needs_fact"), "ineligible"),
        (_check(True, True, "needs_fact"), "to_confirm"),
        (_check(True, True, "needs_fact", "not_encoded"), "to_confirm"),
        (_check(True, True, "not_encoded"), "not_encoded"),
        # a `severity: warning` criterion's unanswered fact does not hide 要件未登録
        (_check(True, True, "needs_fact", "not_encoded", awaits_fact=False), "not_encoded"),
        # Warnings that no requirement waits on leave 対象 alone: a plan rule in a check, a
        # `severity: warning` criterion unanswered or failed, a late start, a note.
        (
            _check(True, False, "needs_plan", "needs_fact", "large_enterprise", "late_start"),
            "eligible",
        ),
        (_check(True, False, "note"), "eligible"),
    ],
)
def test_one_rule(check: FrameCheck, verdict: Verdict) -> None:
    assert frame_verdict(check) == verdict
    assert check.verdict == {"ineligible": False, "eligible": True}.get(verdict)
    words = {"ineligible": "対象外", "eligible": "対象"}.get(verdict, "要確認")
    assert estimate_verdict(check)[0] == words
    console = Console(width=200, record=True)
    check_detail(console, check)
    assert f" {words}" in console.export_text().splitlines()[0]


def test_a_plan_rule_in_a_check_is_eligible_on_every_front_end(
    tmp_path: Path, sqlite_client: TestClient
) -> None:
    """The case the two rules disagreed on: a check without a plan, whose only open rules
    read the plan. JSON and the web said 対象 (`eligible: true`), the CLI's table
    △ 要確認; 要確認 is `null` (docs/contract.md), so the table now says ○ 対象."""
    [zero, _] = check_company([program(TOKYO)], company(zero_emission_theme=2))
    assert {w.code for w in zero.warnings} == {"needs_plan"}
    assert frame_verdict(zero) == "eligible"
    path = tmp_path / "c.json"
    path.write_text(json.dumps(COMPANY, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    args = ["check", "--company", str(path), "--program", TOKYO, "--catalog", str(CATALOG)]
    as_json = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert as_json[0]["frame_id"] == "zero-emission" and as_json[0]["eligible"] is True
    table = runner.invoke(app, args, env={"COLUMNS": "200"}).stdout
    assert "ゼロエミッション枠  ○ 対象" in table.splitlines()[0]
    matches = find_matches(catalog(), company(zero_emission_theme=2))
    assert any(m.check.frame.id == "zero-emission" for m in matches.eligible)
    api = sqlite_client.post("/api/v1/check", json={"company": COMPANY, "program_id": TOKYO})
    assert api.json()[0]["eligible"] is True
    page = text(sqlite_client.post("/check", data=COMPANY_FORM | {"zero_emission_theme": "2"}).text)
    eligible = page.split("対象となる制度（")[1].split("要確認の制度（")[0]
    assert "ゼロエミッション" in eligible
