"""The synthetic company population: its schema, its determinism, and how closely it
follows the statistics it is drawn from (docs/synthetic-companies.md).

Share checks use one 200,000-row table. Each tolerance is stated next to its check; most
are about four standard errors of the share being checked, so a correct generator passes
with a wide margin and a wrong table (a swapped weight, a lost category) fails.
"""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction
from typing import Any

import polars as pl
import pytest

from hojokin.catalog.vocabulary import INDUSTRIES, LEGAL_FORMS
from hojokin.ja.prefectures import PREFECTURES
from hojokin.rules.size import THRESHOLDS
from hojokin.synth import companies, stats, synth_companies
from hojokin.synth.companies import (
    SCHEMA,
    SHARE_VALUES,
    industry_table,
    large_share,
    prefecture_weights,
)

N = 200_000
CENSUS_FORMS = ("corporation", "sole_proprietor")  # what the census counts as enterprises


@pytest.fixture(scope="module")
def table() -> pl.DataFrame:
    return synth_companies(N, seed=2024)


@pytest.fixture(scope="module")
def sized(table: pl.DataFrame) -> pl.DataFrame:
    """The table with each row's size under 中小企業基本法 (small / medium / large)."""
    limits = pl.DataFrame(
        [
            (k, r.capital_yen, r.employees, r.small_business_employees)
            for k, r in THRESHOLDS.items()
        ],
        schema=["industry", "cap_max", "emp_max", "small_max"],
        orient="row",
    )
    large = (pl.col("capital_yen") > pl.col("cap_max")) & (pl.col("employees") > pl.col("emp_max"))
    size = (
        pl.when(large)
        .then(pl.lit("large"))
        .when(pl.col("employees") <= pl.col("small_max"))
        .then(pl.lit("small"))
        .otherwise(pl.lit("medium"))
    )
    return table.join(limits, on="industry", how="left").with_columns(size=size)


def share(mask: pl.Series) -> float:
    return float(mask.sum()) / mask.len() if mask.len() else 0.0


def extreme(values: pl.Series, which: str) -> Any:
    """The min or max of a column as a plain Python value."""
    return values.to_frame().select(getattr(pl.first(), which)()).item()


def tolerance(p: float, n: int) -> float:
    """Four standard errors of a share p observed on n rows, and never under 0.2 points."""
    return max(0.002, 4 * math.sqrt(p * (1 - p) / max(n, 1)))


# --- Shape -----------------------------------------------------------------------------


def test_schema_and_dtypes_are_exact() -> None:
    assert synth_companies(100).schema == pl.Schema(SCHEMA)


def test_the_same_seed_gives_the_same_table() -> None:
    assert synth_companies(5_000, seed=11).equals(synth_companies(5_000, seed=11))


def test_another_seed_gives_another_table() -> None:
    a, b = synth_companies(2_000, seed=1), synth_companies(2_000, seed=2)
    assert share(a["employees"] != b["employees"]) > 0.3


def test_rows_do_not_depend_on_how_the_table_is_sliced(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = synth_companies(300, seed=5)
    monkeypatch.setattr(companies, "_SLICE_ROWS", 37)
    assert synth_companies(300, seed=5).equals(whole)


def test_a_row_does_not_depend_on_the_table_size() -> None:
    small, large = synth_companies(50, seed=9), synth_companies(5_000, seed=9)
    rest = [c for c in SCHEMA if c not in ("id", "name")]
    assert small.select(rest).equals(large.head(50).select(rest))


def test_zero_rows() -> None:
    empty = synth_companies(0)
    assert empty.height == 0
    assert empty.schema == pl.Schema(SCHEMA)


def test_one_row() -> None:
    one = synth_companies(1, seed=3)
    assert one.height == 1
    assert one["id"].to_list() == ["C1"]


def test_negative_n_raises() -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        synth_companies(-1)


def test_ids_are_zero_padded_to_the_width_of_n() -> None:
    t = synth_companies(1_000, seed=1)
    assert t["id"][0] == "C0001"
    assert t["id"][-1] == "C1000"
    assert t["id"].n_unique() == 1_000


def test_names_follow_the_legal_form() -> None:
    t = synth_companies(3_000, seed=4)
    corp = t.filter(pl.col("legal_form") == "corporation").row(0, named=True)
    sole = t.filter(pl.col("legal_form") == "sole_proprietor").row(0, named=True)
    assert corp["name"] == "合成株式会社" + corp["id"][1:]
    assert sole["name"] == "合成商店" + sole["id"][1:]


def test_categorical_columns_hold_only_documented_values(table: pl.DataFrame) -> None:
    assert set(table["legal_form"].unique()) <= set(LEGAL_FORMS)
    assert set(table["industry"].unique()) == set(INDUSTRIES)
    for column in ("le_single_max", "le_combined", "le_board_share"):
        assert set(table[column].unique()) <= set(SHARE_VALUES)
    letters = "".join(table["university_venture"].unique().to_list())
    assert set(letters) <= set("アイウエ")
    themes = table["zero_emission_theme"].drop_nulls()
    assert (extreme(themes, "min"), extreme(themes, "max")) == (1, 9)


# --- Realism: who the companies are ----------------------------------------------------


def test_industry_shares_match_the_census(table: pl.DataFrame) -> None:
    census = table.filter(pl.col("legal_form").is_in(CENSUS_FORMS))
    for industry, (expected, _) in industry_table().items():
        observed = share(census["industry"] == industry)
        assert abs(observed - expected) < tolerance(expected, census.height), industry


def test_prefecture_shares_match_the_sme_counts(sized: pl.DataFrame) -> None:
    smes = sized.filter(pl.col("size") != "large")
    weights = prefecture_weights("sme")
    total = sum(weights)
    for prefecture, weight in zip(PREFECTURES, weights, strict=True):
        expected = weight / total
        observed = share(smes["head_office_prefecture"] == prefecture)
        assert abs(observed - expected) < tolerance(expected, smes.height), prefecture
    top = smes["head_office_prefecture"].value_counts(sort=True)["head_office_prefecture"]
    assert top.head(3).to_list() == ["東京都", "大阪府", "愛知県"]


def test_every_prefecture_is_a_real_one(table: pl.DataFrame) -> None:
    assert set(table["head_office_prefecture"].unique()) <= set(PREFECTURES)
    order = {p: i for i, p in enumerate(PREFECTURES)}
    for row in table.filter(pl.col("branch_prefectures") != "").iter_rows(named=True):
        branches = row["branch_prefectures"].split(";")
        assert set(branches) <= set(PREFECTURES)
        assert row["head_office_prefecture"] not in branches
        assert len(set(branches)) == len(branches)
        assert branches == sorted(branches, key=order.__getitem__)


def test_most_companies_have_no_branch_prefecture(table: pl.DataFrame) -> None:
    assert 0.01 < share(table["branch_prefectures"] != "") < 0.06


def test_small_business_share_per_industry(sized: pl.DataFrame) -> None:
    """小規模 share among SMEs per industry, with the employee limits of 中小企業基本法
    (20, or 5 in wholesale, retail and services) deciding who is small."""
    census = sized.filter(pl.col("legal_form").is_in(CENSUS_FORMS) & (pl.col("size") != "large"))
    for industry, (_, expected) in industry_table().items():
        rows = census.filter(pl.col("industry") == industry)
        observed = share(rows["size"] == "small")
        assert abs(observed - expected) < tolerance(expected, rows.height), industry


def test_overall_small_business_share_matches_the_2021_count(sized: pl.DataFrame) -> None:
    census = sized.filter(pl.col("legal_form").is_in(CENSUS_FORMS))
    expected = stats.SMALL_BUSINESS_COUNT_2021 / (stats.SME_COUNT_2021 + stats.LARGE_COUNT_2021)
    assert abs(share(census["size"] == "small") - expected) < 0.01  # the table is approximate


def test_employee_limits_of_small_businesses(sized: pl.DataFrame) -> None:
    small = sized.filter(pl.col("size") == "small")
    assert (small["employees"] <= small["small_max"]).all()
    commerce = small.filter(pl.col("industry").is_in(["wholesale", "retail", "services"]))
    assert extreme(commerce["employees"], "max") == 5
    manufacturing = small.filter(pl.col("industry") == "manufacturing")
    assert extreme(manufacturing["employees"], "max") == 20
    # About 45% of 小規模事業者 employ nobody (2015年版小規模企業白書).
    assert 0.40 < share(small["employees"] == 0) < 0.50


def test_employing_small_businesses_employ_as_published(sized: pl.DataFrame) -> None:
    """2014: 84万 employing 個人事業者 employ 177万 (2.1 each), 97万 法人 415万 (4.3 each);
    the limit of 20 cuts the corporations' mean a little."""
    employing = sized.filter(
        (pl.col("size") == "small") & (pl.col("small_max") == 20) & (pl.col("employees") > 0)
    )
    means = dict(employing.group_by("legal_form").agg(pl.col("employees").mean()).iter_rows())
    assert 1.9 < means["sole_proprietor"] < 2.3
    assert 3.6 < means["corporation"] < 4.4


def test_large_enterprises_are_few_and_above_both_limits(sized: pl.DataFrame) -> None:
    census = sized.filter(pl.col("legal_form").is_in(CENSUS_FORMS))
    observed = share(census["size"] == "large")
    assert abs(observed - large_share()) < 0.001  # 0.31% expected, ±0.1 point
    large = sized.filter(pl.col("size") == "large")
    assert (large["legal_form"] == "corporation").all()
    assert 0.3 < share(large["head_office_prefecture"] == "東京都") < 0.5  # 41% in 2016


def test_legal_forms_follow_the_census_split(table: pl.DataFrame) -> None:
    census = table.filter(pl.col("legal_form").is_in(CENSUS_FORMS))
    sole = share(census["legal_form"] == "sole_proprietor")
    assert 0.50 < sole < 0.56  # ≈ 53%: 60.6% of 小規模 (2014) and 10% of 中規模 (assumed)
    assert 0.01 < share(table["legal_form"] == "npo") < 0.02  # 49,611 NPO法人
    for form in ("general_association", "general_foundation", "other"):
        assert 0.001 < share(table["legal_form"] == form) < 0.03, form


def test_capital_is_zero_exactly_where_there_is_no_capital(table: pl.DataFrame) -> None:
    without = table.filter(
        pl.col("legal_form").is_in(
            ["sole_proprietor", "npo", "general_foundation", "general_association"]
        )
    )
    assert (without["capital_yen"] == 0).all()
    assert (table.filter(pl.col("legal_form") == "corporation")["capital_yen"] > 0).all()


def test_capital_classes_of_corporations_follow_the_2004_survey(sized: pl.DataFrame) -> None:
    smes = sized.filter((pl.col("legal_form") == "corporation") & (pl.col("size") != "large"))
    lows = (0, *stats.CAPITAL_CLASS_BOUNDS[:-1])
    highs = stats.CAPITAL_CLASS_BOUNDS
    published = stats.CAPITAL_CLASS_SHARES_2004
    for low, high, expected in zip(lows, highs, published, strict=True):
        within = (smes["capital_yen"] > low) & (smes["capital_yen"] <= high)
        assert abs(share(within) - expected) < 0.01, (low, high)  # ±1 point


def test_founding_dates(table: pl.DataFrame) -> None:
    latest = extreme(table["founded_on"], "max")
    assert latest <= stats.REFERENCE_DATE == date(2026, 11, 23)
    npo = table.filter(pl.col("legal_form") == "npo")["founded_on"]
    assert extreme(npo, "min") >= stats.NPO_LAW_START
    general = table.filter(pl.col("legal_form").str.starts_with("general_"))["founded_on"]
    assert extreme(general, "min") >= stats.GENERAL_CORPORATION_LAW_START
    # A 4% yearly exit hazard: about 4% of enterprises are under a year old, ~1/3 over 25 years.
    age_days = (pl.lit(stats.REFERENCE_DATE) - pl.col("founded_on")).dt.total_days()
    ages = table.filter(pl.col("legal_form").is_in(CENSUS_FORMS)).select(age_days)["literal"]
    assert 0.03 < share(ages < 365) < 0.05
    assert 0.30 < share(ages > 25 * 365.25) < 0.40


# --- Rare attributes -------------------------------------------------------------------


def test_large_enterprise_holdings_are_consistent(table: pl.DataFrame) -> None:
    pairs = table.select("le_single_max", "le_combined").unique().iter_rows()
    for single, combined in pairs:
        assert Fraction(single) <= Fraction(combined)
    owned = table["le_combined"] != "0"
    assert 0.005 < share(owned) < 0.015  # 2% of corporations
    assert (table.filter(owned)["legal_form"] == "corporation").all()
    assert (table.filter(~owned)["le_board_share"] == "0").all()


def test_rare_flags_are_rare(table: pl.DataFrame) -> None:
    assert 0.0003 < share(table["university_venture"] != "") < 0.003  # 3,306 大学発ベンチャー
    assert (table.filter(pl.col("university_venture") != "")["legal_form"] == "corporation").all()
    assert share(table["zero_emission_theme"].is_not_null()) < 0.005
    rates = {
        "tax_arrears": (0.005, 0.03),
        "antisocial_forces": (0.0, 0.0005),
        "past_misconduct": (0.0, 0.003),
        "insolvency_proceedings": (0.001, 0.005),  # 8,690 倒産 in 2023
        "same_theme_other_subsidy": (0.005, 0.02),
        "fact_sogyo_juku_graduate": (0.001, 0.01),
    }
    for column, (low, high) in rates.items():
        assert low <= share(table[column]) < high, column


def test_zero_emission_themes_cluster_in_tokyo_tech(table: pl.DataFrame) -> None:
    themed = table.filter(pl.col("zero_emission_theme").is_not_null())
    tokyo_tech = (themed["head_office_prefecture"] == "東京都") & themed["industry"].is_in(
        ["manufacturing", "software", "information_processing"]
    )
    assert share(tokyo_tech) > 0.1
