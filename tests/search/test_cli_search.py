"""`hojokin programs search` runs the API's search: same programs, same order."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from hojokin.cli import app
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery

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
