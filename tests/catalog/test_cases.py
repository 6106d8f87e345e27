"""The worked examples kept with the program files (`*.cases.yaml`) and `hojokin catalog test`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hojokin.catalog.loader import CatalogError, load_catalog
from hojokin.cli import app
from hojokin.views.cases import Case, load_cases, run_case
from tests.conftest import CATALOG

runner = CliRunner()
SEED_CASES = load_cases(load_catalog(CATALOG))
TOKYO_CASES = CATALOG / "programs/tokyo/2024/tokyo-zeroemi-innovation.cases.yaml"


@pytest.mark.parametrize(
    "case", SEED_CASES, ids=[f"{c.program.id}[{c.index}] {c.entry.name}" for c in SEED_CASES]
)
def test_seed_case(case: Case) -> None:
    outcome = run_case(case)
    assert outcome.differences == []


def test_seed_cases_cover_the_three_regions() -> None:
    regions = {c.program.id.split("-")[0] for c in SEED_CASES}
    assert regions == {"tokyo", "toyama", "hokkaido"}
    assert len(SEED_CASES) > 100


def invoke(catalog: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["catalog", "test", "--catalog", str(catalog), *args], env={"COLUMNS": "200"}
    )
    return result.exit_code, result.stdout, result.stderr


def test_catalog_test_passes_on_the_seed_catalog() -> None:
    code, out, _ = invoke(CATALOG)
    assert code == 0
    assert f"事例 {len(SEED_CASES)}件: 合格 {len(SEED_CASES)}件" in out
    code, out, _ = invoke(CATALOG, "--json")
    assert code == 0
    outcomes = json.loads(out)
    assert len(outcomes) == len(SEED_CASES)
    assert all(o["passed"] and o["differences"] == [] for o in outcomes)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_catalog_test_fails_naming_the_case_and_the_difference(catalog_copy: Path) -> None:
    cases = catalog_copy / "programs/toyama/2022/toyama-challenge-fund-kanko-business.cases.yaml"
    edit(cases, "grant_yen: 500000}", "grant_yen: 500001}")
    code, out, err = invoke(catalog_copy)
    assert code == 1
    assert "1件の事例が不合格です" in err
    (line,) = [x for x in out.splitlines() if "不合格" in x]
    assert "100万円 × 1/2 = 50万円" in line
    assert "grant_yen: 500001 → 500000" in line
    code, out, _ = invoke(catalog_copy, "--json")
    assert code == 1
    (failed,) = [o for o in json.loads(out) if not o["passed"]]
    assert failed == {
        "file": "catalog/programs/toyama/2022/toyama-challenge-fund-kanko-business.cases.yaml",
        "index": 0,
        "name": "100万円 × 1/2 = 50万円",
        "program_id": "toyama-challenge-fund-kanko-business",
        "frame_id": "main",
        "passed": False,
        "differences": [{"field": "grant_yen", "expected": 500001, "actual": 500000}],
    }


def write_cases(catalog: Path, entries: object, program: str = "toyama-senmonka-haken") -> Path:
    path = catalog / f"programs/toyama/2022/{program}.cases.yaml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


COMPANY = {
    "legal_form": "corporation",
    "industry": "manufacturing",
    "capital_yen": 100_000_000,
    "employees": 50,
    "founded_on": "2015-04-01",
    "head_office_prefecture": "富山県",
}
PLAN = {"years": [{"fiscal_year": 2022, "eligible_expenses_yen": 300_000}]}
ENTRY = {"name": "例", "company": COMPANY, "plan": PLAN, "expect": {"eligible": True}}


@pytest.mark.parametrize(
    ("entries", "where", "message"),
    [
        ({"name": "例"}, "", "expected a list of cases"),
        ([ENTRY | {"company": COMPANY | {"employees": -1}}], "[0]（例）", "company: employees"),
        ([ENTRY | {"plan": {"years": "x"}}], "[0]（例）", "plan: years"),
        ([ENTRY | {"frame": "nai"}], "[0]（例）.frame", "枠「nai」はありません"),
        ([ENTRY | {"expect": {}}], "[0]（例）.expect.eligible", "Field required"),
        ([ENTRY | {"expect": {"eligible": True, "grant": 1}}], "[0]（例）.expect.grant", ""),
        ([ENTRY, ENTRY], "", "two cases are named '例'"),
        (
            [
                {k: v for k, v in ENTRY.items() if k != "plan"}
                | {"expect": {"eligible": True, "grant_yen": 1}}
            ],
            "[0]（例）",
            "give a plan",
        ),
        # Tokyo's personnel lines on a frame without a wage table: refused by the service.
        (
            [
                ENTRY
                | {
                    "plan": {
                        "years": [
                            {
                                "fiscal_year": 2022,
                                "personnel_lines": [{"monthly_salary_yen": 1, "hours": 1}],
                            }
                        ]
                    }
                }
            ],
            "[0]（例）",
            "personnel_lines",
        ),
    ],
)
def test_malformed_case_file_is_an_input_error_naming_file_and_entry(
    catalog_copy: Path, entries: object, where: str, message: str
) -> None:
    write_cases(catalog_copy, entries)
    code, out, err = invoke(catalog_copy)
    assert code == 2 and out == ""
    assert "事例ファイルに誤りがあります" in err
    assert f"catalog/programs/toyama/2022/toyama-senmonka-haken.cases.yaml: {where}" in err
    assert message in err
    assert "Traceback" not in err


def test_cases_of_a_program_the_catalog_lacks_are_refused(catalog_copy: Path) -> None:
    write_cases(catalog_copy, [ENTRY], program="toyama-nai")
    with pytest.raises(CatalogError, match="no program 'toyama-nai' in the catalog"):
        load_cases(load_catalog(catalog_copy))


def test_a_program_with_several_frames_needs_the_case_to_name_one(catalog_copy: Path) -> None:
    write_cases(catalog_copy, [ENTRY], program="toyama-beyond-corona")
    with pytest.raises(CatalogError, match=r"\.frame: name one of the frames: tsujo, "):
        load_cases(load_catalog(catalog_copy))


def test_case_files_are_not_read_as_programs() -> None:
    catalog = load_catalog(CATALOG)
    assert not any(p.id.endswith("cases") for p in catalog)
    assert TOKYO_CASES.exists()


def test_merge_keys_keep_refusing_a_repeated_key(catalog_copy: Path) -> None:
    # `<<: *sample` brings keys in; writing one of them twice beside it is still an error.
    path = catalog_copy / "programs/toyama/2022/toyama-senmonka-haken.cases.yaml"
    edit(path, "    employees: 50\n", "    employees: 50\n    employees: 51\n")
    code, _, err = invoke(catalog_copy)
    assert code == 2
    assert "repeated key 'employees'" in err
