"""The command line as docs/contract.md fixes it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hojokin.catalog.kinds import KIND_LABELS, KINDS
from hojokin.catalog.loader import load_catalog
from hojokin.cli import app

from .conftest import CATALOG

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--catalog", str(CATALOG)], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_list_json_has_the_contract_fields() -> None:
    code, out, _ = run("programs", "list", "--json")
    assert code == 0
    programs = json.loads(out)
    assert len(programs) > 100
    by_id = {p["id"]: p for p in programs}
    p = by_id["toyama-gijutsu-kaihatsu-josei"]
    assert p["name"] == "技術開発助成事業"
    assert p["issuer"] == "公益財団法人富山県新世紀産業機構"
    assert p["prefecture"] == "富山県"
    assert p["fiscal_year"] == 2022
    assert p["kind"] == "grant"
    assert p["frames"][0] | {"variants": []} == p["frames"][0]
    assert {k: p["frames"][0][k] for k in ("id", "rate", "cap_yen", "floor_yen")} == {
        "id": "main",
        "rate": "1/2",
        "cap_yen": 10_000_000,
        "floor_yen": None,
    }
    assert p["source"] | {"document": "000_593c9935b45937b4.txt"} == p["source"]
    assert (p["source"]["line_start"], p["source"]["line_end"]) == (93, 97)


def test_list_filters_by_issuer_and_kind() -> None:
    code, out, _ = run("programs", "list", "--issuer", "北海道", "--kind", "loan", "--json")
    assert code == 0
    programs = json.loads(out)
    assert programs
    assert all(p["prefecture"] == "北海道" and p["kind"] == "loan" for p in programs)


def test_unknown_kind_is_bad_input() -> None:
    code, _, err = run("programs", "list", "--kind", "bonus")
    assert code == 2
    assert "'bonus'" in err and all(kind in err for kind in KINDS)


def test_list_by_a_new_kind_as_json_and_as_a_table() -> None:
    expected = {p.id for p in load_catalog(CATALOG).programs.values() if p.kind == "matching"}
    code, out, _ = run("programs", "list", "--kind", "matching", "--json")
    assert code == 0
    programs = json.loads(out)
    assert {p["id"] for p in programs} == expected and expected
    assert all(p["kind"] == "matching" for p in programs)
    code, out, _ = run("programs", "list", "--kind", "matching")
    assert code == 0
    assert f"支援制度 {len(expected)}件" in out
    assert out.count(KIND_LABELS["matching"]) == len(expected)


def test_show_json_carries_citations() -> None:
    code, out, _ = run("programs", "show", "toyama-gijutsu-kaihatsu-josei", "--json")
    assert code == 0
    program = json.loads(out)
    cap = program["detail"]["frames"][0]["cap"]
    assert cap == {
        "yen": 10_000_000,
        "cite": {
            "doc": "000_593c9935b45937b4.txt",
            "lines": [97, 97],
            "quote": "助成額 10,000千円を限度",
        },
    }


def test_show_renders_terms_with_their_basis() -> None:
    code, out, _ = run("programs", "show", "toyama-gijutsu-kaihatsu-josei")
    assert code == 0
    assert "1,000万円" in out
    assert "助成額 10,000千円を限度" in out


def test_show_unknown_program_is_bad_input_without_traceback() -> None:
    code, out, err = run("programs", "show", "no-such-program")
    assert code == 2
    assert "'no-such-program'" in err and "見つかりません" in err
    assert "Traceback" not in out + err


def test_search_ranks_name_matches_first() -> None:
    code, out, _ = run("programs", "search", "販路開拓", "--json")
    assert code == 0
    found = json.loads(out)
    assert found
    assert "販路開拓" in found[0]["name"]


def test_search_matches_full_width_query() -> None:
    code, out, _ = run("programs", "search", "ＩｏＴ", "--json")
    assert code == 0
    assert any("IoT" in p["name"] for p in json.loads(out))


def test_search_limit() -> None:
    code, out, _ = run("programs", "search", "事業", "--limit", "3", "--json")
    assert code == 0
    assert len(json.loads(out)) == 3


def test_search_without_results_says_so() -> None:
    code, out, _ = run("programs", "search", "ZZZ")
    assert code == 0
    assert out.strip() == "「ZZZ」に該当する制度はありません"


def test_validate_ok_and_failing(catalog_copy: Path) -> None:
    result = runner.invoke(app, ["catalog", "validate", "--catalog", str(CATALOG)])
    assert result.exit_code == 0, result.stderr
    assert "catalog OK" in result.stdout
    example = catalog_copy / "programs/toyama/2022/toyama-gijutsu-kaihatsu-josei.yaml"
    text = example.read_text(encoding="utf-8").replace("助成率1/2", "助成率2/3")
    example.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["catalog", "validate", "--catalog", str(catalog_copy)])
    assert result.exit_code == 1
    assert "「助成率2/3」 not found" in result.stderr


def test_broken_catalog_is_reported_not_raised(tmp_path: Path) -> None:
    result = runner.invoke(app, ["programs", "list", "--catalog", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "catalog folder not found" in result.stderr


def test_list_json_carries_variants_and_fund_terms() -> None:
    code, out, _ = run("programs", "list", "--issuer", "富山", "--json")
    assert code == 0
    by_id = {p["id"]: p for p in json.loads(out)}
    normal = by_id["toyama-beyond-corona"]["frames"][0]
    assert (normal["name"], normal["rate"], normal["cap_yen"], normal["floor_yen"]) == (
        "通常枠",
        "2/3",
        1_000_000,
        300_000,
    )
    assert [(v["condition"], v["rate"]) for v in normal["variants"]] == [
        ({"size": "small_business", "facts": {}}, "3/4")
    ]
    guarantees = by_id["toyama-genki-toyama-venture-fund"]["frames"][2:]
    assert [(f["fee_rate"], f["coverage"]) for f in guarantees] == [
        ("1/200", "7/10"),
        ("1/125", "7/10"),
    ]
    assert by_id["toyama-senmonka-haken"]["frames"][0]["self_pay_share"] == "1/3"
    assert by_id["toyama-senmonka-haken"]["frames"][0]["rate"] == "2/3"


def test_table_keeps_every_column_on_a_narrow_terminal() -> None:
    result = runner.invoke(
        app, ["programs", "list", "--catalog", str(CATALOG)], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0
    header = result.stdout.splitlines()[2]
    assert all(title in header for title in ("ID", "事業名", "実施", "種類", "補助率", "上限額"))


def test_show_and_check_json_carry_the_area_reading() -> None:
    reading = (
        "本文は対象地域を書いていませんが、日高振興局の事業のため、"
        "その管内に事業所がある事業者を対象と解しています"
    )
    code, out, _ = run("programs", "show", "hokkaido-hidaka-shoku-brand-kyoka")
    assert code == 0
    assert f"判定上の解釈: {reading}" in out.replace("\n", "")
