"""`hojokin admin` end to end on a SQLite file: each command, its audit records by the
OS user, and its refusals with exit 2 and a Japanese message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hojokin.cli import app

PASSWORD = "correct horse battery staple"
runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"HOJOKIN_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "COLUMNS": "200"}


def admin(env: dict[str, str], *args: str, given: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["admin", *args], env=env, input=given)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _user(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    return admin(env, "create-user", *args, "--password-stdin", given=PASSWORD + "\n")


def test_the_first_administrator_and_a_program_office(env: dict[str, str]) -> None:
    code, out, _ = admin(
        env,
        "create-user",
        "--email",
        "Root@Example.jp",
        "--role",
        "admin",
        given=f"{PASSWORD}\n" * 2,
    )
    assert code == 0 and "ID 1 root@example.jp（管理者）" in out
    assert admin(env, "create-issuer", "--name", "東京都", "--prefecture", "東京")[1].startswith(
        "実施機関を登録しました: ID 1 東京都（東京都）"
    )
    assert "ID 1 株式会社テスト" in admin(env, "create-company", "--name", "株式会社テスト")[1]
    code, out, _ = _user(env, "--email", "s@example.jp", "--role", "staff", "--issuer", "1")
    assert code == 0
    code, out, _ = _user(env, "--email", "a@example.jp", "--role", "applicant", "--company", "1")
    assert code == 0
    code, out, _ = admin(env, "list-users", "--json")
    users = json.loads(out)
    assert [(u["email"], u["role"], u["issuer_id"], u["company_id"]) for u in users] == [
        ("root@example.jp", "admin", None, None),
        ("s@example.jp", "staff", 1, None),
        ("a@example.jp", "applicant", None, 1),
    ]
    assert "password" not in out
    code, out, _ = admin(env, "list-users")
    assert code == 0 and "事務局職員" in out and "s@example.jp" in out


def test_tokens_are_issued_once_and_revoked(env: dict[str, str]) -> None:
    _user(env, "--email", "root@example.jp", "--role", "admin")
    code, out, err = admin(env, "token", "create", "--user", "ROOT@example.jp", "--name", "集計")
    secret = out.strip()
    assert code == 0 and secret.startswith("hjk_") and "今回だけ表示されます" in err
    code, out, _ = admin(
        env, "token", "create", "--user", "root@example.jp", "--name", "二", "--json"
    )
    created = json.loads(out)
    assert created["id"] == 2 and created["secret"].startswith("hjk_") and not created["revoked_at"]
    code, out, _ = admin(env, "token", "revoke", "1")
    assert code == 0 and "API トークン ID 1（集計）を失効させました" in out
    code, _, err = admin(env, "token", "revoke", "9")
    assert code == 2 and "API トークン 9 は登録されていません" in err
    code, _, err = admin(env, "token", "create", "--user", "nobody@example.jp", "--name", "x")
    assert code == 2 and "nobody@example.jp のユーザーは登録されていません" in err


def test_the_audit_trail_names_the_os_user(env: dict[str, str]) -> None:
    admin(env, "create-company", "--name", "株式会社テスト")
    _user(env, "--email", "root@example.jp", "--role", "admin")
    code, out, _ = admin(env, "audit", "--json")
    entries = json.loads(out)
    assert [e["action"] for e in entries] == ["user.create", "company.create"]
    assert all(e["actor_role"] == "cli" and e["actor_name"].startswith("cli:") for e in entries)
    assert entries[0]["after"]["email"] == "root@example.jp"
    assert "password_hash" not in out and PASSWORD not in out
    code, out, _ = admin(env, "audit", "--limit", "1")
    assert code == 0 and "user.create" in out and "company.create" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--email", "x@example.jp", "--role", "boss"), "--role: 役割 'boss' は使えません"),
        (("--email", "x@example.jp", "--role", "staff"), "--issuer: 事務局職員には実施機関"),
        (
            ("--email", "x@example.jp", "--role", "staff", "--issuer", "7"),
            "--issuer: 実施機関 7 は",
        ),
        (
            ("--email", "x@example.jp", "--role", "applicant", "--company", "7"),
            "--company: 事業者 7",
        ),
        (("--email", "x@@example", "--role", "admin"), "--email: メールアドレスの形式"),
        (
            ("--email", "dup@example.jp", "--role", "admin"),
            "--email: メールアドレス dup@example.jp",
        ),
    ],
)
def test_bad_users_are_refused_with_exit_2(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    admin(env, "create-issuer", "--name", "東京都", "--prefecture", "東京都")
    _user(env, "--email", "DUP@example.jp", "--role", "admin")
    code, out, err = _user(env, *args)
    assert code == 2 and message in err and "Traceback" not in err + out


def test_a_weak_or_mistyped_password_is_refused(env: dict[str, str]) -> None:
    user = ("create-user", "--email", "x@example.jp", "--role", "admin")
    code, _, err = admin(env, *user, "--password-stdin", given="short\n")
    assert code == 2 and "パスワードは 12 文字以上にしてください（5 文字でした）" in err
    code, _, err = admin(env, *user, given=f"{PASSWORD}\n{PASSWORD}!\n")
    assert code == 2 and "2 回入力したパスワードが一致しません" in err
    assert json.loads(admin(env, "list-users", "--json")[1]) == []


def test_other_refusals_exit_2(env: dict[str, str]) -> None:
    code, _, err = admin(env, "create-issuer", "--name", "x", "--prefecture", "火星")
    assert code == 2 and "--prefecture: 都道府県名として読めません" in err
    admin(env, "create-issuer", "--name", "東京都", "--prefecture", "東京都")
    code, _, err = admin(env, "create-issuer", "--name", "東京都", "--prefecture", "東京都")
    assert code == 2 and "実施機関「東京都」はすでに登録されています" in err
    code, _, err = admin(env, "create-company", "--name", " ")
    assert code == 2 and "--name: 名前を入力してください" in err
    # Nothing listens on port 1: the connection is refused at once.
    broken = env | {"HOJOKIN_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/none"}
    code, out, err = admin(broken, "list-users")
    assert code == 2 and "データベースを使えません" in err and "Traceback" not in err + out
