"""Company profiles: the contract's file, its defaults, and clear errors."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import polars as pl
import pytest
import yaml

from hojokin.rules.company import load_company, parse_company
from hojokin.rules.company_table import TableError, rule_frame
from hojokin.rules.input_files import InputError
from hojokin.rules.service import check_company
from hojokin.views.checks import check_json
from tests.rules.examples import COMPANY_FILE, TOKYO, catalog


def test_contract_sample_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "company.json"
    path.write_text(json.dumps(COMPANY_FILE, ensure_ascii=False), encoding="utf-8")
    company = load_company(path)
    assert company.capital_yen == 100_000_000
    assert company.large_enterprise_ownership.single_max == 0
    assert company.declarations.tax_arrears is False
    assert "zero_emission_theme" not in company.facts


def test_yaml_and_shares_as_fraction_or_decimal_strings(tmp_path: Path) -> None:
    path = tmp_path / "company.yaml"
    path.write_text(
        "legal_form: npo\nindustry: services\ncapital_yen: 0\nemployees: 3\n"
        "founded_on: 2024-01-10\nhead_office_prefecture: 東京都\n"
        "large_enterprise_ownership: {single_max: '1/2', combined: '0.7'}\n",
        encoding="utf-8",
    )
    ownership = load_company(path).large_enterprise_ownership
    assert ownership.single_max == Fraction(1, 2)
    assert ownership.combined == Fraction(7, 10)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"capital_yen": "三億"}, "capital_yen"),
        ({"capital_yen": -1}, "capital_yen"),
        ({"founded_on": "2023-02-30"}, "founded_on"),
        ({"industry": "banking"}, "industry: Input should be"),
        ({"zero_emission_theme": 10}, "zero_emission_theme': 10 is outside 1–9"),
        ({"facts": {"zero_emission_theme": 0}}, "zero_emission_theme': 0 is outside 1–9"),
        ({"university_venture": ["オ"]}, "university_venture': \\['オ'\\] is not a list"),
        ({"facts": {"university_venture": "ア"}}, "university_venture': 'ア' is not a list"),
        ({"large_enterprise_ownership": {"single_max": 0.5}}, "single_max"),
        ({"large_enterprise_ownership": {"single_max": "3/2"}}, "0 から 1 まで"),
        ({"unknown_field": 1}, "unknown_field"),
    ],
)
def test_bad_field_is_named_with_its_value(change: dict[str, object], expected: str) -> None:
    with pytest.raises(InputError, match=expected) as info:
        parse_company({**COMPANY_FILE, **change}, "c.json", catalog().facts)
    assert str(info.value).startswith("c.json: ")


@pytest.mark.parametrize("missing", ["legal_form", "industry", "capital_yen", "employees"])
def test_missing_required_field(missing: str) -> None:
    data = {k: v for k, v in COMPANY_FILE.items() if k != missing}
    with pytest.raises(InputError, match=f"c.json: {missing}: Field required"):
        parse_company(data, "c.json")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid json"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "expected an object"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        load_company(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_company(tmp_path / "none.json")


def _problem(**changes: object) -> str:
    with pytest.raises(InputError) as caught:
        parse_company({**COMPANY_FILE, **changes})
    return str(caught.value)


def test_founded_on_in_wareki_is_read_like_the_web_form() -> None:
    assert parse_company({**COMPANY_FILE, "founded_on": "平成31年5月1日"}).founded_on == date(
        2019, 5, 1
    )
    assert "昭和64年2月1日という日はありません" in _problem(founded_on="昭和64年2月1日")
    assert "日付として読めません（例 2015-04-01、令和2年4月1日）" in _problem(founded_on="きのう")


def test_unquoted_municipality_code_read_as_octal_says_to_quote_it() -> None:
    octal = yaml.safe_load("municipality: 012050")["municipality"]
    assert octal == 5160
    problem = _problem(head_office_prefecture="北海道", municipality=octal)
    assert (
        "YAMLは0で始まる 012050 を8進数の 5160 として読みます。"
        'コードは "012050" のように引用符で囲んでください'
    ) in problem
    assert (
        parse_company(
            {**COMPANY_FILE, "head_office_prefecture": "北海道", "municipality": "012050"}
        ).municipality
        == "012050"
    )


def test_english_prefecture_and_huge_counts_get_japanese_messages() -> None:
    assert "都道府県名として読めません（例 東京都、北海道）: 「Tokyo」" in _problem(
        opening_notice_prefecture="Tokyo"
    )
    assert "employees" in _problem(employees=10**40)


@pytest.mark.parametrize(
    ("top_level", "facts"),
    [
        ({"zero_emission_theme": 2}, {"zero_emission_theme": 2}),
        ({"university_venture": ["ア", "ウ"]}, {"university_venture": ["ア", "ウ"]}),
        # the old files' "none": left unanswered, which these two facts read as none
        ({"zero_emission_theme": None, "university_venture": []}, {}),
    ],
)
def test_tokyo_theme_and_university_venture_at_the_top_level_are_read_as_facts(
    top_level: dict[str, object], facts: dict[str, object]
) -> None:
    old = parse_company({**COMPANY_FILE, **top_level}, "c.json", catalog().facts)
    new = parse_company(
        {**COMPANY_FILE, "facts": COMPANY_FILE["facts"] | facts}, "c.json", catalog().facts
    )
    assert old == new
    assert old.facts == COMPANY_FILE["facts"] | facts
    program = catalog().programs[TOKYO]
    assert [check_json(c) for c in check_company([program], old)] == [
        check_json(c) for c in check_company([program], new)
    ]


def test_a_fact_given_both_at_the_top_level_and_in_facts_is_refused() -> None:
    data = {**COMPANY_FILE, "zero_emission_theme": 2}
    data["facts"] = COMPANY_FILE["facts"] | {"zero_emission_theme": 3}
    with pytest.raises(InputError, match="zero_emission_theme is given twice"):
        parse_company(data, "c.json", catalog().facts)


def test_an_unanswered_theme_is_none_not_unknown() -> None:
    # Unlike other facts, Tokyo's theme left out decides 区分A: not met, rather than 要確認.
    checks = check_company([catalog().programs[TOKYO]], parse_company(COMPANY_FILE))
    zero = next(c for c in checks if c.frame.id == "zero-emission")
    assert zero.verdict is False
    assert {r.code for r in zero.reasons if not r.passed} == {"category_a"}


@pytest.mark.parametrize("column", ["fact_zero_emission_theme", "fact_university_venture"])
def test_a_table_gives_tokyo_facts_in_their_own_columns(column: str) -> None:
    row = {k: v for k, v in COMPANY_FILE.items() if k not in ("name", "facts")}
    table = pl.DataFrame([row | {column: "1"}])
    with pytest.raises(TableError, match=f"column {column}: give it as column"):
        rule_frame(table, catalog().facts)


def test_a_table_names_a_letter_that_is_not_a_university_venture_category() -> None:
    row = {k: v for k, v in COMPANY_FILE.items() if k not in ("name", "facts")}
    table = pl.DataFrame([row, row | {"university_venture": "アオ"}])
    with pytest.raises(
        TableError, match="must be letters of アイウエ: column university_venture, row 2: 'アオ'"
    ):
        rule_frame(table, catalog().facts)
