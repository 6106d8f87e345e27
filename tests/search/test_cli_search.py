"""`hojokin programs search` runs the API's search: same programs, same order."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from hojokin.cli import app
from hojokin.search.engine import search
from hojokin.search.query import SORTS, ProgramQuery

from ..conftest import CATALOG

runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["programs", "search", *args, "--catalog", str(CATALOG)])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("words", ["事業", "販路開拓", "IT", "支援 中小企業"])
def test_cli_and_api_agree(seed_db: Engine, words: str) -> None:
    code, out, _ = cli(words, "--limit", "50", "--json")
    assert code == 0
    with seed_db.connect() as conn:
        expected = search(conn, ProgramQuery(text=words, limit=50)).ids
    assert [p["id"] for p in json.loads(out)] == expected


def test_cli_filters() -> None:
    code, out, _ = cli(
        "資金", "--prefecture", "北海道", "--kind", "loan", "--fiscal-year", "2020", "--json"
    )
    assert code == 0
    found = json.loads(out)
    assert found and all(p["prefecture"] == "北海道" and p["kind"] == "loan" for p in found)
    code, out, _ = cli("事業", "--open-on", "2024-07-01", "--min-cap", "100000000", "--json")
    assert [p["id"] for p in json.loads(out)] == ["tokyo-zeroemi-innovation"]
    code, out, _ = cli("事業", "--size", "small_business", "--json", "--limit", "1000")
    assert "hokkaido-shokibo-jigyosha-kinkyu-shien" in [p["id"] for p in json.loads(out)]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--kind", "bonus"], "--kind"),
        (["--size", "huge"], "--size"),
        (["--prefecture", "ほげ"], "--prefecture"),
        (["--open-on", "来週"], "--open-on"),
    ],
)
def test_cli_bad_filters_exit_2(args: list[str], named: str) -> None:
    code, _, err = cli("事業", *args)
    assert code == 2
    assert named in err


@pytest.mark.parametrize(
    ("today", "status"),
    [("2024-06-01", "upcoming"), ("2024-07-01", "open"), ("2026-11-30", "closed")],
)
def test_cli_json_and_table_show_status(today: str, status: str) -> None:
    code, out, _ = cli("ゼロエミッション", "--today", today, "--json")
    assert code == 0
    assert json.loads(out)[0]["status"] == status
    label = {"upcoming": "募集予定", "open": "募集中", "closed": "募集終了"}[status]
    code, out, _ = cli("ゼロエミッション", "--today", today)
    assert "状況" in out and label in out


def test_cli_status_use_purpose_and_sort(seed_db: Engine) -> None:
    code, out, _ = cli("事業", "--status", "open", "--today", "2024-07-01", "--json")
    assert [p["id"] for p in json.loads(out)] == ["tokyo-zeroemi-innovation"]
    code, out, _ = cli("事業", "--status", "reported", "--limit", "1000", "--json")
    reported = json.loads(out)
    assert reported and {p["status"] for p in reported} == {"reported"}
    assert {p["prefecture"] for p in reported} == {"北海道"}
    code, out, _ = cli("事業", "--use-purpose", "事業を引き継ぎたい", "--json")
    handed_on = json.loads(out)
    assert handed_on and all("事業を引き継ぎたい" in p["use_purpose"] for p in handed_on)
    for sort in SORTS:
        code, out, _ = cli("支援", "--sort", sort, "--today", "2024-07-01", "--limit", "40")
        assert code == 0
        code, out, _ = cli(
            "支援", "--sort", sort, "--today", "2024-07-01", "--limit", "40", "--json"
        )
        query = ProgramQuery(text="支援", sort=sort, today=date(2024, 7, 1), limit=40)
        with seed_db.connect() as conn:
            assert [p["id"] for p in json.loads(out)] == search(conn, query).ids


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--sort", "price"], "--sort"),
        (["--status", "soon"], "--status"),
        (["--today", "明日"], "--today"),
    ],
)
def test_cli_bad_sort_status_or_today_exit_2(args: list[str], named: str) -> None:
    code, _, err = cli("事業", *args)
    assert code == 2
    assert named in err


def test_programs_list_and_show_state_the_status() -> None:
    listed = runner.invoke(
        app, ["programs", "list", "--issuer", "北海道", "--catalog", str(CATALOG), "--json"]
    )
    assert {p["status"] for p in json.loads(listed.stdout)} == {"reported"}
    shown = runner.invoke(
        app,
        ["programs", "show", "hokkaido-suiso-sangyoka-sokushin", "--catalog", str(CATALOG)],
    )
    assert "状況: 実施済み（実績報告）" in shown.stdout
    assert "募集中の制度ではありません" in shown.stdout
    tokyo_args = ["show", "tokyo-zeroemi-innovation", "--today", "2024-07-01"]
    tokyo = runner.invoke(app, ["programs", *tokyo_args, "--catalog", str(CATALOG)])
    assert "状況: 募集中（令和6年7月1日現在） 締切 令和6年11月12日（2024-11-12）" in tokyo.stdout


@pytest.mark.parametrize("query", ["", "   ", "ー", "・・", "\u200b", "\udcff"])
def test_a_query_with_no_word_is_refused(query: str) -> None:
    # Folded, these hold no word: searching them would list every program as a match.
    code, _, err = cli(query, "--json")
    assert code == 2
    assert "検索語が空です" in err
