"""`hojokin call` end to end on a SQLite file: a call made from the catalog's dates or
from given ones, listed and published, each audited as the OS user; bad input exits 2
with a Japanese message naming the option, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from hojokin.accounts.tables import audit_event
from hojokin.cli import app
from hojokin.store.engine import make_engine

runner = CliRunner()
TOKYO = ("--program", "tokyo-zeroemi-innovation", "--frame", "zero-emission")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"HOJOKIN_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "COLUMNS": "200"}


def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_a_call_from_the_catalog_listed_and_published(env: dict[str, str]) -> None:
    run(env, "admin", "create-issuer", "--name", "東京都", "--prefecture", "東京都")
    code, out, _ = run(env, "call", "create", *TOKYO, "--code", "ze2024", "--from-catalog",
                       "--issuer", "1", "--slot-capacity", "2")  # fmt: skip
    assert code == 0
    assert "公募回を作成しました: ID 1 ZE2024（準備中）" in out
    assert "申請書提出期間: 2024年11月13日（水）09:00:00～2024年11月22日（金）17:00:00" in out
    assert "面談枠: 64枠（60分・定員2）" in out
    assert "根拠: 申請書提出期間 令和6年11月13日（水）～11月22日（金）の平日" in out
    code, out, _ = run(env, "call", "publish", "1")
    assert code == 0 and "公募回 ID 1（ZE2024）を公開しました" in out
    code, out, _ = run(env, "call", "list", "--json")
    [listed] = json.loads(out)
    assert (listed["code"], listed["status"], listed["status_label"]) == (
        "ZE2024",
        "published",
        "公開",
    )
    assert listed["window_end"] == "2024-11-22T08:00:00+00:00"
    assert [s["label"] for s in listed["sources"]] == [
        "募集期間",
        "申請受付予約期間",
        "申請書提出期間",
    ]
    code, out, _ = run(env, "call", "list")
    assert code == 0 and "公開" in out and "ZE2024" in out
    engine = make_engine(env["HOJOKIN_DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(select(audit_event).where(audit_event.c.object_type == "call")).all()
    engine.dispose()
    assert [(r.action, r.actor_role) for r in rows] == [
        ("call.create", "cli"),
        ("call.publish", "cli"),
    ]
    assert rows[0].actor_name.startswith("cli:")


def test_a_call_with_given_times_read_as_jst(env: dict[str, str]) -> None:
    run(env, "admin", "create-issuer", "--name", "東京都", "--prefecture", "東京都")
    code, out, _ = run(
        env, "call", "create", "--program", "tokyo-zeroemi-innovation",
        "--frame", "ゼロエミッション枠", "--code", "X1", "--issuer", "1",
        "--window-start", "2024-11-13T09:00", "--window-end", "2024-11-14T17:00",
        "--booking-start", "2024-10-01T09:00", "--booking-end", "2024-11-12T08:00:00+00:00",
        "--slot-minutes", "30",
    )  # fmt: skip
    assert code == 0, out
    assert "予約受付期間: 2024年10月1日（火）09:00:00～2024年11月12日（火）17:00:00" in out
    assert "面談枠: 32枠（30分・定員1）" in out
    assert "（ゼロエミッション枠・2024年度）" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--code", "X1", "--from-catalog"), "公募回を実施する実施機関を指定してください"),
        (("--code", "ぜ", "--from-catalog", "--issuer", "1"), "--code: 公募回コードは英数字"),
        (("--code", "X1", "--from-catalog", "--issuer", "9"),
         "--issuer: 実施機関 9 は登録されていません"),
        (("--code", "X1", "--issuer", "1"), "不足: --window-start、--window-end"),
        (("--code", "X1", "--from-catalog", "--window-start", "2024-11-13T09:00"),
         "一緒に指定できません"),
        (("--code", "X1", "--issuer", "1", "--window-start", "明日", "--window-end", "x",
          "--booking-start", "x", "--booking-end", "x"), "--window-start '明日' は日時"),
        (("--code", "X1", "--from-catalog", "--issuer", "1", "--slot-minutes", "1"),
         "--slot-minutes: 面談枠の長さは 10～480 分"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_naming_the_option(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    run(env, "admin", "create-issuer", "--name", "東京都", "--prefecture", "東京都")
    code, _, err = run(env, "call", "create", *TOKYO, *args)
    assert code == 2 and message in err


def test_unknown_program_and_publishing_twice(env: dict[str, str]) -> None:
    run(env, "admin", "create-issuer", "--name", "東京都", "--prefecture", "東京都")
    code, _, err = run(env, "call", "create", "--program", "nope", "--frame", "x", "--code",
                       "X1", "--from-catalog", "--issuer", "1")  # fmt: skip
    assert code == 2 and "事業「nope」はカタログにありません" in err
    run(env, "call", "create", *TOKYO, "--code", "X1", "--from-catalog", "--issuer", "1")
    run(env, "call", "publish", "1")
    code, _, err = run(env, "call", "publish", "1")
    assert code == 2 and "「公開」の状態では公募回の公開はできません" in err
    code, _, err = run(env, "call", "publish", "7")
    assert code == 2 and "公募回が見つかりません" in err
