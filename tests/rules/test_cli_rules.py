"""check, estimate, screen and synth as docs/contract.md fixes them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner

from hojokin.cli import app
from hojokin.rules.company import parse_company
from hojokin.rules.company_columns import REQUIRED
from hojokin.rules.company_row import company_row
from hojokin.rules.company_table import company_file, rule_frame
from hojokin.rules.input_files import InputError
from hojokin.rules.plan import parse_plan
from hojokin.rules.screen import frame_tests, screen
from hojokin.rules.service import check_frame
from hojokin.synth import synth_companies
from tests.conftest import CATALOG
from tests.rules.examples import COMPANY_FILE, TOKYO, catalog

runner = CliRunner()
COMPANY = {**COMPANY_FILE, "zero_emission_theme": 2}
PLAN = {
    "partner_investment_yen": 300_000_000,
    "years": [{"fiscal_year": 2025, "expenses": {"materials": 600_000_000}}],
}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--catalog", str(CATALOG)], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_check_json_one_entry_per_frame(tmp_path: Path) -> None:
    code, out, _ = run(
        "check", "--company", write(tmp_path, "c.json", COMPANY), "--program", TOKYO, "--json"
    )
    assert code == 0
    entries = json.loads(out)
    assert [(e["frame_id"], e["eligible"]) for e in entries] == [
        ("zero-emission", True),
        ("university-general", False),
    ]
    reason = entries[0]["reasons"][0]
    assert set(reason) >= {"code", "message", "source"}
    assert reason["source"]["document"] == "003_cf133d2ac19737cc.txt"
    assert any(w["code"] == "needs_plan" for w in entries[0]["warnings"])


def test_check_all_programs_prints_a_table(tmp_path: Path) -> None:
    code, out, _ = run("check", "--company", write(tmp_path, "c.json", COMPANY))
    assert code == 0
    assert "ゼロエミッション" in out and "要件確認" in out


def test_check_tells_what_to_give_in_the_commands_words(tmp_path: Path) -> None:
    # The service only says a rule waits for the plan or a fact; the command names how.
    unanswered = write(tmp_path, "c.json", COMPANY | {"facts": {}})
    code, out, _ = run("check", "--company", unanswered, "--program", TOKYO)
    assert code == 0
    assert "（--plan で計画を渡すと判定します）" in out
    assert "（facts に入力すると判定します）" in out


def test_estimate_json_by_frame_name(tmp_path: Path) -> None:
    args = [
        "--company",
        write(tmp_path, "c.json", COMPANY),
        "--plan",
        write(tmp_path, "p.json", PLAN),
    ]
    code, out, _ = run(
        "estimate", "--program", TOKYO, "--frame", "ゼロエミッション枠", *args, "--json"
    )
    assert code == 0
    result = json.loads(out)
    # 6億円 × 2/3 = 4億円 = the first year's cap, ≥ the 3億円 floor.
    assert (result["grant_yen"], result["eligible"]) == (400_000_000, True)
    assert result["by_year"][0]["by_category"]["materials"] == 400_000_000
    code, out, _ = run("estimate", "--program", TOKYO, *args, "--json")
    assert [e["frame_id"] for e in json.loads(out)] == ["zero-emission", "university-general"]


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ({**COMPANY, "capital_yen": "三億"}, "capital_yen"),
        ({**COMPANY, "head_office_prefecture": "東京府"}, "head_office_prefecture"),
        ({k: v for k, v in COMPANY.items() if k != "founded_on"}, "founded_on"),
        ({**COMPANY, "founded_on": "2023-02-30"}, "founded_on"),
    ],
)
def test_bad_company_file_exits_2_naming_the_field(
    tmp_path: Path, company: dict[str, Any], expected: str
) -> None:
    code, out, err = run("check", "--company", write(tmp_path, "c.json", company))
    assert code == 2
    assert expected in err and "Traceback" not in err + out


def test_bad_plan_unknown_program_and_frame_exit_2(tmp_path: Path) -> None:
    company = write(tmp_path, "c.json", COMPANY)
    bad_plan = write(
        tmp_path, "p.json", {"years": [{"fiscal_year": 2025, "expenses": {"materials": -1}}]}
    )
    assert run("estimate", "--program", TOKYO, "--company", company, "--plan", bad_plan)[0] == 2
    plan = write(tmp_path, "q.json", PLAN)
    code, _, err = run("estimate", "--program", "nope", "--company", company, "--plan", plan)
    # the command line's own advice follows the service's words
    assert code == 2
    assert "事業「nope」はカタログにありません（hojokin programs search で探せます）" in err
    code, _, err = run(
        "estimate", "--program", TOKYO, "--frame", "X枠", "--company", company, "--plan", plan
    )
    assert code == 2 and f"{TOKYO} に枠「X枠」はありません。枠: zero-emission（" in err


def test_screen_and_synth(tmp_path: Path) -> None:
    companies, out_path = tmp_path / "c.parquet", tmp_path / "r.csv"
    assert (
        runner.invoke(app, ["synth", "companies", "--n", "300", "--out", str(companies)]).exit_code
        == 0
    )
    code, out, _ = run("screen", "--companies", str(companies), "--out", str(out_path))
    assert code == 0, out
    result = pl.read_csv(out_path)
    assert result.height == 300 and f"{TOKYO}/zero-emission" in result.columns


def test_screen_names_the_bad_cell(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    synth_companies(5).with_columns(pl.lit("大坂府").alias("head_office_prefecture")).write_csv(
        path
    )
    code, _, err = run("screen", "--companies", str(path), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and "head_office_prefecture" in err and "大坂府" in err


def test_a_table_with_a_header_and_no_company_is_named_not_a_traceback(tmp_path: Path) -> None:
    table = tmp_path / "empty.csv"
    table.write_text(",".join(REQUIRED) + "\n", encoding="utf-8")
    code, out, err = run("screen", "--companies", str(table), "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "no company" in err and "Traceback" not in out + err


def test_branch_lists_name_a_bad_prefecture_and_count_each_once(tmp_path: Path) -> None:
    table = synth_companies(3).with_columns(
        pl.Series("branch_prefectures", ["富山県;富山;東京都", "", "大阪府;北海道"])
    )
    rows = rule_frame(table, catalog().facts)
    toyama, tokyo, osaka, hokkaido = (1 << (code - 1) for code in (16, 13, 27, 1))
    assert rows["branches"].to_list() == [toyama | tokyo, 0, osaka | hokkaido]
    path = tmp_path / "c.csv"
    table.with_columns(pl.Series("branch_prefectures", ["東京都", "東京都;大坂府", ""])).write_csv(
        path
    )
    code, _, err = run("screen", "--companies", str(path), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and "branch_prefectures, row 2" in err and "大坂府" in err


@pytest.mark.parametrize("column", ["plan_materials_yen", "capital_yen"])
def test_screen_refuses_yen_above_ten_trillion_as_files_do(tmp_path: Path, column: str) -> None:
    # 9×10¹⁸ fits Int64 but ×2/3 would not: the same 10兆円 bound as company and plan files
    table = synth_companies(2).with_columns(
        pl.lit(2025).alias("plan_fiscal_year"), pl.lit(1).alias("plan_materials_yen")
    )
    path = tmp_path / "c.csv"
    table.with_columns(pl.Series(column, [1, 9 * 10**18])).write_csv(path)
    code, _, err = run("screen", "--companies", str(path), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and f"column {column}, row 2" in err and "10兆円まで" in err


def test_batch_equals_single_on_a_synthetic_population() -> None:
    table = synth_companies(3_000, seed=7)
    tests = frame_tests(catalog())
    batch = screen(rule_frame(table, catalog().facts), tests)
    for i, record in enumerate(table.iter_rows(named=True)):
        company = parse_company(company_file(record))
        row = company_row(company)
        single = [check_frame(t.program, t.frame, row, False).verdict for t in tests]
        assert list(batch.row(i)) == single, record["id"]


def test_check_json_lists_each_frames_documents(tmp_path: Path) -> None:
    company = write(tmp_path, "c.json", {**COMPANY, "university_venture": ["ア"]})
    code, out, _ = run("check", "--company", company, "--program", TOKYO, "--json")
    assert code == 0
    zero, general = json.loads(out)
    keys = {"number", "name", "copies", "form", "status", "condition", "source"}
    assert all(keys <= set(d) for d in zero["documents"] + general["documents"])
    by_number = {d["number"]: d for d in general["documents"] if d["part"] is None}
    assert by_number[9]["status"] == "required"  # 大学発ベンチャー区分ア
    assert by_number[10]["status"] == "conditional"  # no plan: equipment unknown
    assert by_number[13]["status"] == "optional"
    assert by_number[9]["source"]["line_start"] == 579


def test_estimate_json_decides_documents_from_the_plan_facts(tmp_path: Path) -> None:
    plan = {**PLAN, "facts": {"equipment_item_over_1m": True, "investment_split_payment": True}}
    code, out, _ = run(
        "estimate",
        "--program",
        TOKYO,
        "--frame",
        "ゼロエミッション枠",
        "--company",
        write(tmp_path, "c.json", COMPANY),
        "--plan",
        write(tmp_path, "p.json", plan),
        "--json",
    )
    assert code == 0
    documents = json.loads(out)["documents"]
    [quotes] = [d for d in documents if d["number"] == 11]
    assert quotes["status"] == "required"
    [split] = [d for d in documents if d["part"] == "別紙 32「出資等分割支払確認書」"]
    assert split["status"] == "required"


def test_single_program_check_and_estimate_print_the_document_table(tmp_path: Path) -> None:
    company = write(tmp_path, "c.json", COMPANY)
    code, out, _ = run("check", "--company", company, "--program", TOKYO)
    assert code == 0
    assert "提出書類（ゼロエミッション枠）" in out and "要否" in out
    assert "該当する場合に必要" in out and "任意" in out
    plan = write(tmp_path, "p.json", {**PLAN, "facts": {"equipment_item_over_1m": False}})
    code, out, _ = run(
        "estimate",
        "--program",
        TOKYO,
        "--frame",
        "zero-emission",
        "--company",
        company,
        "--plan",
        plan,
    )
    assert code == 0
    assert "提出書類（ゼロエミッション枠）" in out and "不要" in out
    # The reason is worded from facts.yaml; the table may wrap it, so compare without breaks.
    flat = "".join(line.strip("│ ") for line in out.splitlines())
    assert "工具器具の購入がある: いいえ" in flat


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # A typo would otherwise leave every program that asks it at 要確認, silently.
        ({"plans_outside_invesment": False}, "'plans_outside_invesment' is not declared"),
        ({"plans_outside_investment": "no"}, "'no' is not a boolean"),
        ({"household": "alone"}, "'alone' is not among its choices (single, multi)"),
    ],
)
def test_company_and_plan_facts_are_checked_against_the_vocabulary(
    tmp_path: Path, facts: dict[str, Any], expected: str
) -> None:
    company = write(tmp_path, "c.json", {**COMPANY, "facts": facts})
    code, _, err = run("check", "--company", company)
    assert code == 2 and expected in err and "c.json" in err
    plan = write(tmp_path, "p.json", {**PLAN, "facts": facts})
    good = write(tmp_path, "g.json", COMPANY)
    code, _, err = run("estimate", "--program", TOKYO, "--company", good, "--plan", plan)
    assert code == 2 and expected in err and "p.json" in err


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("fact_no_such_fact", "true", "'no_such_fact' is not a fact of catalog/facts.yaml"),
        ("fact_household", "alone", "must be one of single, multi: column fact_household, row 2"),
        ("fact_sogyo_juku_graduate", "maybe", "column fact_sogyo_juku_graduate, row 2"),
    ],
)
def test_screen_types_fact_columns_by_the_vocabulary(
    tmp_path: Path, column: str, value: str, expected: str
) -> None:
    table = synth_companies(3).drop(column, strict=False)
    table = table.with_columns(pl.Series(column, [None, value, None], dtype=pl.String))
    path = tmp_path / "c.csv"
    table.write_csv(path)
    code, _, err = run("screen", "--companies", str(path), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and expected in err, err


def test_numbers_too_long_for_int_exit_2_without_a_traceback(tmp_path: Path) -> None:
    company = tmp_path / "c.yaml"
    company.write_text(f"name: x\nemployees: {'9' * 5000}\n", encoding="utf-8")
    code, out, err = run("check", "--company", str(company))
    assert code == 2 and "Traceback" not in err + out
    assert "桁数が多すぎる数があります（数は4,300桁まで）" in err
    plan = tmp_path / "p.json"
    plan.write_text(f'{{"years": [{{"fiscal_year": {"9" * 5000}}}]}}', encoding="utf-8")
    code, out, err = run(
        "estimate",
        "--company",
        write(tmp_path, "c.json", COMPANY),
        "--plan",
        str(plan),
        "--program",
        TOKYO,
    )
    assert code == 2 and "Traceback" not in err + out
    # JSON files are read as API bodies are: the field says the number is out of range.
    assert "years[0].fiscal_year: 年度は1989年度から2100年度まで" in err


def test_screen_names_a_bad_number_in_japanese_and_truncates_it(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    synth_companies(3).with_columns(pl.lit("9x" * 2500).alias("employees")).write_csv(path)
    code, _, err = run("screen", "--companies", str(path), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and "整数として読めません: column employees, row 1: '9x9x" in err
    assert "9x" * 100 not in err and "…" in err


def test_plan_years_twice_is_refused_in_japanese(tmp_path: Path) -> None:
    year = {"fiscal_year": 2025, "expenses": {"materials": 1_000_000}}
    plan = write(tmp_path, "p.json", {"years": [year, year]})
    company = write(tmp_path, "c.json", COMPANY)
    code, _, err = run("estimate", "--program", TOKYO, "--company", company, "--plan", plan)
    assert code == 2
    assert "年度（fiscal_year）は1回ずつ、古い順に入力してください: [2025, 2025]" in err


@pytest.mark.parametrize(
    ("fiscal_year", "days", "ok"), [(2024, 28, True), (2024, 29, False), (2023, 29, True)]
)
def test_february_days_follow_the_fiscal_years_calendar(
    fiscal_year: int, days: int, ok: bool
) -> None:
    line = {"by_month": [{"month": 2, "pay_yen": 300_000, "days": days}]}
    data = {"years": [{"fiscal_year": fiscal_year, "personnel_lines": [line]}]}
    if ok:
        assert parse_plan(data).years[0].personnel_lines[0].by_month is not None
        return
    with pytest.raises(InputError, match="2月の従事日数（days）は28日までです（29日）"):
        parse_plan(data)
