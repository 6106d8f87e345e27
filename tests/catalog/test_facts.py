"""The fact vocabulary: uses that it does not declare, or with the wrong type, are caught,
and docs/facts.md is the table `hojokin catalog facts` prints."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from hojokin.catalog.validate import validate
from hojokin.cli import app

from ..conftest import CATALOG, ROOT

WAKUWAKU = "programs/toyama/2022/toyama-wakuwaku-challenge-sogyo-shien.yaml"
HANRO = "programs/toyama/2022/toyama-challenge-fund-hanro-kaitaku.yaml"
IOT = "programs/toyama/2022/toyama-iot-ai-demae-koza.yaml"
UIJ = "programs/toyama/2022/toyama-uij-turn-kigyo-shien.yaml"

runner = CliRunner()


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _declare(root: Path, entry: str) -> None:
    with (root / "facts.yaml").open("a", encoding="utf-8") as file:
        file.write(entry)


def _messages(root: Path) -> list[str]:
    _, problems = validate(root)
    return [str(p) for p in problems]


def _reported(messages: list[str], *parts: str) -> bool:
    return any(all(part in m for part in parts) for m in messages)


def test_undeclared_fact_in_a_criterion(catalog_copy: Path) -> None:
    _edit(catalog_copy, WAKUWAKU, "name: plans_outside_investment", "name: plans_outside_funding")
    messages = _messages(catalog_copy)
    assert _reported(
        messages,
        "toyama-wakuwaku-challenge-sogyo-shien.yaml: eligibility[4].fact.name:",
        "fact 'plans_outside_funding' is not declared in facts.yaml",
    ), messages


def test_undeclared_fact_in_a_variant_condition(catalog_copy: Path) -> None:
    _edit(catalog_copy, HANRO, "{destination: shutoken}", "{region: shutoken}")
    messages = _messages(catalog_copy)
    assert _reported(
        messages,
        "toyama-challenge-fund-hanro-kaitaku.yaml: frames[0].variants[0].when.facts:",
        "fact 'region' is not declared",
    ), messages


def test_string_for_a_boolean_fact(catalog_copy: Path) -> None:
    _edit(
        catalog_copy,
        WAKUWAKU,
        "plans_outside_investment, equals: false",
        'plans_outside_investment, equals: "no"',
    )
    messages = _messages(catalog_copy)
    assert _reported(
        messages, "eligibility[4].fact.equals:", "'no' is not a boolean (write true or false)"
    ), messages


def test_at_least_on_a_fact_that_is_not_an_integer(catalog_copy: Path) -> None:
    _edit(
        catalog_copy,
        WAKUWAKU,
        "plans_outside_investment, equals: false",
        "plans_outside_investment, at_least: 1",
    )
    messages = _messages(catalog_copy)
    assert _reported(
        messages,
        "eligibility[4].fact.at_least:",
        "at_least needs an integer fact; 'plans_outside_investment' is boolean",
    ), messages


def test_choice_not_among_the_choices(catalog_copy: Path) -> None:
    _edit(
        catalog_copy,
        IOT,
        "one_of: [not_introduced, considering]",
        "one_of: [not_introduced, pondering]",
    )
    _edit(catalog_copy, UIJ, "{household: single}", "{household: alone}")
    messages = _messages(catalog_copy)
    assert _reported(
        messages,
        "toyama-iot-ai-demae-koza.yaml: eligibility[1].fact.one_of:",
        "'pondering' is not among its choices (not_introduced, considering, introduced)",
    ), messages
    assert _reported(
        messages,
        "toyama-uij-turn-kigyo-shien.yaml: frames[1].variants[0].when.facts:",
        "fact 'household': 'alone' is not among its choices (single, multi)",
    ), messages


def test_unused_fact_is_reported(catalog_copy: Path) -> None:
    _declare(
        catalog_copy,
        "- {name: nobody_asks, label: 未使用, question: 使いますか, type: boolean, scope: plan}\n",
    )
    messages = _messages(catalog_copy)
    assert messages == [
        "catalog/facts.yaml: nobody_asks: declared but used by no program's criteria,"
        " variants or documents"
    ]


def test_bad_declarations_name_their_entry(catalog_copy: Path) -> None:
    _declare(
        catalog_copy,
        "- {name: household, label: 世帯, question: 世帯は, type: boolean, scope: company}\n"
        "- {name: size_band, label: 規模, question: 規模は, type: choice, scope: company}\n"
        "- {name: kind, label: 種類, question: 種類は, type: text, scope: company}\n",
    )
    entries = len(yaml.safe_load((catalog_copy / "facts.yaml").read_text(encoding="utf-8")))
    household, size_band, kind = entries - 3, entries - 2, entries - 1
    messages = _messages(catalog_copy)
    assert _reported(
        messages, f"facts.yaml: [{household}].name: fact 'household' is declared twice"
    )
    assert _reported(messages, f"facts.yaml: [{size_band}]: ", "a choice fact lists its `choices`")
    assert _reported(messages, f"facts.yaml: [{kind}].type: "), messages


def test_catalog_without_a_vocabulary_refuses_every_fact(catalog_copy: Path) -> None:
    (catalog_copy / "facts.yaml").unlink()
    catalog, problems = validate(catalog_copy)
    assert problems
    assert all("is not declared in facts.yaml" in p.message for p in problems)
    assert "toyama-gijutsu-kaihatsu-josei" in catalog.programs  # programs without facts load


def test_docs_table_is_the_generated_one() -> None:
    result = runner.invoke(app, ["catalog", "facts", "--catalog", str(CATALOG)])
    assert result.exit_code == 0
    assert (ROOT / "docs" / "facts.md").read_text(encoding="utf-8") == result.stdout, (
        "docs/facts.md is stale: run `hojokin catalog facts > docs/facts.md`"
    )


def test_facts_json_for_forms() -> None:
    result = runner.invoke(app, ["catalog", "facts", "--json", "--catalog", str(CATALOG)])
    assert result.exit_code == 0
    facts = {f["name"]: f for f in json.loads(result.stdout)}
    assert facts["destination"] == {
        "name": "destination",
        "label": "販路開拓の出展先",
        "question": "見本市・展示会等の出展先はどこですか",
        "type": "choice",
        "choices": {
            "outside_prefecture": "県外（首都圏を除く）",
            "shutoken": "首都圏",
            "overseas": "国内外（海外を含む）",
        },
        "scope": "plan",
        "note": "富山県の販路開拓の助成で上限額を決めます。",
        "programs": [
            "toyama-challenge-fund-chiisana-genki-kigyo",
            "toyama-challenge-fund-hanro-kaitaku",
        ],
    }
    # A required document's condition counts as a use.
    assert facts["investment_completed"]["programs"] == ["tokyo-zeroemi-innovation"]


def test_tokyo_theme_and_university_venture_are_declared_company_facts() -> None:
    result = runner.invoke(app, ["catalog", "facts", "--json", "--catalog", str(CATALOG)])
    facts = {f["name"]: f for f in json.loads(result.stdout)}
    theme, letters = facts["zero_emission_theme"], facts["university_venture"]
    assert (theme["type"], theme["minimum"], theme["maximum"]) == ("integer", 1, 9)
    # seed 003 別紙2: the themes (1)–(9) are worded in the declaration, not in code
    assert list(theme["choices"]) == [str(n) for n in range(1, 10)]
    assert theme["choices"]["2"] == "水素エネルギーの普及拡大"
    assert (letters["type"], list(letters["choices"])) == ("choices", ["ア", "イ", "ウ", "エ"])
    # Their criteria (`zero_emission_theme: true`, `university_venture: [ア, …]`) use them.
    assert theme["scope"] == letters["scope"] == "company"
    assert theme["programs"] == letters["programs"] == ["tokyo-zeroemi-innovation"]


def test_bounds_belong_to_integer_facts(catalog_copy: Path) -> None:
    _declare(
        catalog_copy,
        "- {name: odd, label: 奇, question: 奇は, type: boolean, minimum: 1, scope: company}\n",
    )
    assert _reported(_messages(catalog_copy), "only an integer fact has a minimum or maximum")


def test_an_integer_fact_words_its_numbers(catalog_copy: Path) -> None:
    catalog, _ = validate(catalog_copy)
    theme = catalog.facts["zero_emission_theme"]
    assert theme.value_label(7) == "(7) 食品ロス対策"
    _declare(
        catalog_copy,
        "- {name: odd, label: 奇, question: 奇は, type: integer, minimum: 1, maximum: 2,"
        " choices: {'1': 一, '3': 三}, scope: company}\n"
        "- {name: even, label: 偶, question: 偶は, type: boolean, choices: {'1': 一},"
        " scope: company}\n",
    )
    messages = _messages(catalog_copy)
    assert _reported(messages, "choice '3' is not an answer of this integer fact")
    assert _reported(messages, "a boolean fact has no `choices`")
