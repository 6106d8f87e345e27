"""Areas and "unknown is not yes" through every front end: CLI, API and the web form."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hojokin.cli import app
from tests.conftest import CATALOG
from tests.rules.examples import COMPANY_FILE
from tests.web.test_pages import COMPANY_FORM, text

TOYAMA_COMPANY = COMPANY_FILE | {"head_office_prefecture": "富山県"}
JOSEI = "toyama-gijutsu-kaihatsu-josei"  # 技術開発助成事業: its criteria are not complete
YOROZU = "toyama-yorozu-shien-kyoten"  # reviewed complete: 中小企業 in the area, nothing more


def test_check_json_says_null_for_a_frame_not_fully_encoded(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(TOYAMA_COMPANY, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    verdicts = {}
    for program_id in (JOSEI, YOROZU):
        args = ["check", "--company", str(path), "--program", program_id, "--json"]
        result = runner.invoke(app, [*args, "--catalog", str(CATALOG)])
        assert result.exit_code == 0, result.stderr
        [entry] = json.loads(result.stdout)
        verdicts[program_id] = entry["eligible"]
    assert verdicts == {JOSEI: None, YOROZU: True}
    table = runner.invoke(
        app, ["check", "--company", str(path), "--program", JOSEI, "--catalog", str(CATALOG)]
    )
    assert "要確認" in table.stdout and "○ 対象" not in table.stdout


def test_the_api_agrees(client: TestClient) -> None:
    found = client.post("/api/v1/check", json={"company": TOYAMA_COMPANY}).json()
    verdicts = {(c["program_id"], c["frame_id"]): c["eligible"] for c in found}
    assert verdicts[(JOSEI, "main")] is None and verdicts[(YOROZU, "main")] is True
    keizoku = "hokkaido-keiei-jizokuka-rinji-tokubetsu-shienkin"  # 経営持続化臨時特別支援金
    assert [v for (p, _), v in verdicts.items() if p == keizoku] == [False, False]
    bad = client.post("/api/v1/check", json={"company": TOYAMA_COMPANY | {"municipality": "札幌"}})
    assert bad.status_code == 422 and "company.municipality" in bad.text


def test_the_web_form_asks_the_municipality_and_the_opening_notice(client: TestClient) -> None:
    form = client.get("/check").text
    assert 'name="municipality"' in form and 'name="opening_notice_prefecture"' in form
    page = client.post("/check", data=COMPANY_FORM | {"municipality": "富山市"})
    assert page.status_code == 422
    assert "東京都の市区町村（名前又は全国地方公共団体コード）として見つかりません" in text(
        page.text
    )
    assert 'id="municipality-error"' in page.text
    ok = client.post("/check", data=COMPANY_FORM | {"municipality": "千代田区"})
    assert ok.status_code == 200


def test_the_web_never_shows_a_frame_not_fully_encoded_as_eligible(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"head_office_prefecture": "富山県"})
    shown = text(page.text)
    eligible = shown.split("対象となる制度（")[1].split("要確認の制度（")[0]
    assert "よろず支援拠点事業" in eligible and "技術開発助成事業" not in eligible
    # Tokyo's 大学発ベンチャー枠 is not one step away for a company in Toyama
    near = shown.split("あと一歩の制度（")[1].split("対象外の制度")[0]
    assert "大学発ベンチャー" not in near
