"""Screening with a one-year plan per row: the batch grant equals `estimate`'s, to the yen."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from hojokin.catalog.schema import Frame, Program
from hojokin.rules.company import parse_company
from hojokin.rules.company_table import company_file, plan_file, rule_frame
from hojokin.rules.plan import Plan, parse_plan
from hojokin.rules.screen import frame_tests, grant_column, screen
from hojokin.rules.screen_amounts import category_column
from hojokin.rules.service import estimate
from hojokin.synth import synth_companies
from tests.rules.examples import TOKYO, TOKYO_ANSWERS, catalog
from tests.rules.test_cli_rules import run


def _facts(programs: list[Program]) -> dict[str, list[Any]]:
    """Every fact value the catalog's variants and criteria test, by fact name."""
    seen: dict[str, set[Any]] = {}
    for program in programs:
        for frame in program.frames:
            for variant in frame.variants:
                for name, value in variant.when.facts.items():
                    seen.setdefault(name, set()).add(value)
    one_type = {n: v for n, v in seen.items() if len({type(x) for x in v}) == 1}
    return {n: sorted(v, key=str) for n, v in one_type.items()}


def _with_plans(table: pl.DataFrame, programs: list[Program], seed: int) -> pl.DataFrame:
    rng = random.Random(seed)
    categories = sorted({c.id for p in programs for f in p.frames for c in f.categories})

    def yen() -> int | None:
        return rng.choice([0, rng.randrange(10**6), rng.randrange(10**8), rng.randrange(10**10)])

    n = table.height
    columns: dict[str, list[Any]] = {
        "plan_fiscal_year": [rng.randrange(2019, 2029) for _ in range(n)],
        "plan_partner_investment_yen": [yen() for _ in range(n)],
        "plan_ineligible_expenses_yen": [yen() for _ in range(n)],
        "plan_eligible_expenses_yen": [rng.choice([None, yen()]) for _ in range(n)],
    }
    for category in categories:
        columns[f"plan_{category}_yen"] = [yen() for _ in range(n)]
    for name, values in _facts(programs).items():
        if f"fact_{name}" in table.columns:
            continue
        columns[f"fact_{name}"] = [rng.choice([None, *values]) for _ in range(n)]
    # A third of the rows look like Tokyo applicants, so its rules pass as well as fail.
    tokyo = [rng.random() < 0.3 for _ in range(n)]
    columns["tokyo"] = tokyo
    table = table.hstack(pl.DataFrame(columns)).with_columns(
        pl.when("tokyo")
        .then(pl.lit("東京都"))
        .otherwise("head_office_prefecture")
        .alias("head_office_prefecture"),
        pl.when("tokyo")
        .then(pl.lit(rng.randrange(1, 10)))
        .otherwise("zero_emission_theme")
        .alias("zero_emission_theme"),
    )
    return table.drop("tokyo")


def _own_columns(record: dict[str, Any], frame: Frame) -> Plan:
    own = {category_column(c.id) for c in frame.categories}
    others = {k: 0 for k in record if k.startswith("plan_") and k.endswith("_yen") and k not in own}
    kept = {k: record[k] for k in ("plan_partner_investment_yen", "plan_ineligible_expenses_yen")}
    return parse_plan(plan_file(record | others | kept | {"plan_eligible_expenses_yen": None}))


@pytest.mark.parametrize("seed", [1, 2])
def test_batch_grant_equals_estimate_on_random_plans(seed: int) -> None:
    programs = list(catalog().programs.values())
    table = _with_plans(synth_companies(400, seed=seed), programs, seed)
    tests = frame_tests(programs)
    batch = screen(rule_frame(table, catalog().facts), tests)
    for i, record in enumerate(table.iter_rows(named=True)):
        company = parse_company(company_file(record))
        plan = parse_plan(plan_file(record))
        for test in tests:
            # A table row serves every frame, each reading its own columns; the plan file
            # of one frame gives only those (estimate refuses what the frame leaves out).
            chosen = _own_columns(record, test.frame) if test.frame.categories else plan
            single = estimate(test.program, test.frame, company, chosen)
            where = (record["id"], test.column)
            assert batch[grant_column(test)][i] == single.amount.grant_yen, where
            assert batch[test.column][i] == single.check.verdict, where


def tokyo_row(**plan: int) -> dict[str, Any]:
    company = {
        "id": "T1",
        "legal_form": "corporation",
        "industry": "manufacturing",
        "capital_yen": 10_000_000,
        "employees": 20,
        "founded_on": "2015-04-01",
        "head_office_prefecture": "東京都",
        "zero_emission_theme": 3,
    }
    answers = {f"fact_{name}": value for name, value in TOKYO_ANSWERS.items()}
    return company | answers | {f"plan_{k}": v for k, v in plan.items()}


def test_screen_cli_writes_the_grant_of_each_frame(tmp_path: Path) -> None:
    # ゼロエミッション枠 (2/3), FY2025 = support year 1 (per-year cap 4億円):
    #   materials 600,000,000 × 2/3 = 400,000,000; ads 900,000 × 2/3 = 600,000 → cap 500,000
    #   total 400,500,000 → per-year cap 400,000,000; 総事業費 600,900,000 + 0,
    #   partner investment 200,000,000 ≥ 1/4 × 600,900,000 = 150,225,000 → eligible.
    row = tokyo_row(
        fiscal_year=2025,
        materials_yen=600_000_000,
        ads_yen=900_000,
        partner_investment_yen=200_000_000,
    )
    # Too little partner investment: 100,000,000 < 150,225,000 → not eligible, same grant.
    poor = row | {"id": "T2", "plan_partner_investment_yen": 100_000_000}
    companies = tmp_path / "c.csv"
    pl.DataFrame([row, poor]).write_csv(companies)
    out_path = tmp_path / "r.csv"
    code, out, err = run("screen", "--companies", str(companies), "--out", str(out_path))
    assert code == 0, err
    result = pl.read_csv(out_path)
    frame = f"{TOKYO}/zero-emission"
    assert result[f"{frame}:grant_yen"].to_list() == [400_000_000, 400_000_000]
    assert result[frame].to_list() == [True, False]
    assert "交付見込額合計" in out


def test_screen_refuses_an_expense_column_no_program_counts(tmp_path: Path) -> None:
    companies = tmp_path / "c.csv"
    pl.DataFrame([tokyo_row(fiscal_year=2025, materal_yen=1)]).write_csv(companies)
    code, _, err = run("screen", "--companies", str(companies), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and "plan_materal_yen" in err


def test_screen_refuses_a_negative_expense(tmp_path: Path) -> None:
    companies = tmp_path / "c.csv"
    pl.DataFrame([tokyo_row(fiscal_year=2025, materials_yen=-5)]).write_csv(companies)
    code, _, err = run("screen", "--companies", str(companies), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and "plan_materials_yen" in err and "-5" in err


def _screen_rows(rows: list[dict[str, Any]], program_ids: list[str]) -> pl.DataFrame:
    programs = [catalog().programs[p] for p in program_ids]
    return screen(rule_frame(pl.DataFrame(rows), catalog().facts), frame_tests(programs))


def test_screen_counts_a_year_outside_the_support_period_as_zero() -> None:
    # FY2024 is before 令和7年4月1日: 6億 of materials count 0 (was 4億 uncapped by year).
    rows = [tokyo_row(fiscal_year=fy, materials_yen=600_000_000) for fy in (2024, 2025, 2028)]
    rows = [r | {"plan_partner_investment_yen": 10**10} for r in rows]
    result = _screen_rows(rows, [TOKYO])
    frame = f"{TOKYO}/zero-emission"
    assert result[f"{frame}:grant_yen"].to_list() == [0, 400_000_000, 0]
    assert result[frame].to_list() == [False, True, False]


def test_screen_fixed_amount_frame_without_its_deciding_fact() -> None:
    # Toyama 移住支援金: no household → null (要確認) at 500,000; single → 300,000;
    # with 10,000,000 of expenses, never "the expenses".
    base = tokyo_row(fiscal_year=2022, eligible_expenses_yen=10_000_000) | {
        "head_office_prefecture": "富山県",
        "fact_uij_kigyo_shienkin_adopted": "true",
        "fact_iju_shienkin_23ku_eligible": "false",
        "fact_uij_turn_to_toyama": "true",
    }
    rows = [base | {"id": "none", "fact_household": None}, base | {"fact_household": "single"}]
    result = _screen_rows(rows, ["toyama-uij-turn-kigyo-shien"])
    frame = "toyama-uij-turn-kigyo-shien/iju-shienkin"
    assert result[f"{frame}:grant_yen"].to_list() == [500_000, 300_000]
    assert result[frame][0] is None
