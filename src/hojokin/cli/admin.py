"""`hojokin admin`: issuers, companies, users, API tokens and the audit trail, on the
configured database ($HOJOKIN_DATABASE_URL or var/hojokin.sqlite3), migrated first.

Every command acts as the command line's own actor, `cli:<OS user>` in the audit trail,
with the administrator's rights: whoever runs it holds the database anyway."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError

from hojokin.accounts.permissions import ROLE_LABELS, ROLES, Actor
from hojokin.accounts.service import Accounts, NewUser
from hojokin.catalog.status import JST
from hojokin.cli.acting import on_database
from hojokin.cli.console import JsonOption, err, fail, out, print_json, read_settings
from hojokin.mail import outbox
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate
from hojokin.views.accounts import audit_json, outbox_json, token_json, user_json

admin_app = typer.Typer(
    help="アカウント・実施機関・事業者・API トークン・監査記録の管理", no_args_is_help=True
)
token_app = typer.Typer(help="API トークンの発行と失効", no_args_is_help=True)
admin_app.add_typer(token_app, name="token")


_TIME = "%Y-%m-%d %H:%M:%S"
# The option that gave the field a refusal names.
_OPTIONS = {
    "email": "--email",
    "role": "--role",
    "issuer_id": "--issuer",
    "company_id": "--company",
    "display_name": "--name",
    "name": "--name",
    "prefecture": "--prefecture",
}


@contextmanager
def _accounts() -> Iterator[tuple[Accounts, Actor]]:
    """The account service on the configured database, and the command line's actor;
    the service's refusals and database failures end the command with exit 2."""
    with on_database(_OPTIONS) as (settings, engine, actor):
        yield Accounts(engine, policy=settings.signin_policy()), actor


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("パスワード（12 文字以上）", hide_input=True)
    if typer.prompt("パスワード（確認のためもう一度）", hide_input=True) != first:
        fail("2 回入力したパスワードが一致しません")
    return str(first)


@admin_app.command("create-issuer")
def create_issuer(
    name: Annotated[str, typer.Option("--name", help="実施機関の名前（例 東京都）")],
    prefecture: Annotated[str, typer.Option("--prefecture", help="都道府県（例 東京都）")],
) -> None:
    """Register an issuer (a program office); prints its id."""
    with _accounts() as (accounts, actor):
        issuer = accounts.create_issuer(actor, name, prefecture)
    out.print(f"実施機関を登録しました: ID {issuer.id} {issuer.name}（{issuer.prefecture}）")


@admin_app.command("create-company")
def create_company(
    name: Annotated[str, typer.Option("--name", help="事業者（会社）の名前")],
) -> None:
    """Register an applicant company account; prints its id."""
    with _accounts() as (accounts, actor):
        company = accounts.create_company(actor, name)
    out.print(f"事業者を登録しました: ID {company.id} {company.name}")


@admin_app.command("create-user")
def create_user(
    email: Annotated[str, typer.Option("--email", help="メールアドレス（サインインに使う）")],
    role: Annotated[str, typer.Option("--role", help=f"役割: {', '.join(ROLES)}")],
    issuer: Annotated[
        int | None, typer.Option("--issuer", help="実施機関 ID（staff・reviewer に必須）")
    ] = None,
    company: Annotated[
        int | None, typer.Option("--company", help="事業者 ID（applicant に必須）")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="表示名（既定: メールアドレス）")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="パスワードを標準入力の 1 行目から読む")
    ] = False,
) -> None:
    """Register a user (the first administrator too); the password is asked twice."""
    password = _password(password_stdin)
    new = NewUser(email, password, role, name, issuer, company)
    with _accounts() as (accounts, actor):
        user = accounts.create_user(actor, new)
    label = ROLE_LABELS[user.role]
    out.print(f"ユーザーを登録しました: ID {user.id} {user.email}（{label}）", highlight=False)


@admin_app.command("list-users")
def list_users(as_json: JsonOption = False) -> None:
    """List every user: role, issuer or company, whether disabled or locked."""
    with _accounts() as (accounts, actor):
        users = accounts.list_users(actor)
    if as_json:
        print_json([user_json(u) for u in users])
        return
    table = Table(title=f"ユーザー {len(users)}人")
    for column in ("ID", "メールアドレス", "表示名", "役割", "実施機関", "事業者", "状態"):
        table.add_column(column, overflow="fold")
    for u in users:
        state = "無効" if u.disabled else "ロック中" if u.locked_until else "有効"
        table.add_row(
            str(u.id),
            Text(u.email),
            Text(u.display_name),
            ROLE_LABELS[u.role],
            "" if u.issuer_id is None else str(u.issuer_id),
            "" if u.company_id is None else str(u.company_id),
            state,
        )
    out.print(table)


@token_app.command("create")
def token_create(
    user: Annotated[str, typer.Option("--user", help="トークンを持つユーザーのメールアドレス")],
    name: Annotated[str, typer.Option("--name", help="用途がわかる名前（例 集計スクリプト）")],
    as_json: JsonOption = False,
) -> None:
    """Issue an API token; its secret is printed this once (only its hash is kept)."""
    with _accounts() as (accounts, actor):
        owner = accounts.find_user(actor, user)
        token, secret = accounts.create_token(actor, owner.id, name)
    if as_json:
        print_json(token_json(token) | {"secret": secret})
        return
    err.print(
        f"API トークン ID {token.id}（{token.name}）を {owner.email} に発行しました。"
        "次の値は今回だけ表示されます。安全な場所に保管してください:",
        highlight=False,
        soft_wrap=True,
    )
    typer.echo(secret)


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument(metavar="TOKEN_ID")]) -> None:
    """Revoke an API token: requests with it are refused from now on."""
    with _accounts() as (accounts, actor):
        token = accounts.revoke_token(actor, token_id)
    out.print(f"API トークン ID {token.id}（{token.name}）を失効させました", highlight=False)


@admin_app.command("outbox")
def outbox_list(
    every: Annotated[bool, typer.Option("--all", help="送信済みのメールも表示する")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="件数")] = 20,
    as_json: JsonOption = False,
) -> None:
    """The mail outbox, newest first: what waits to be sent (with --all, what was sent
    too), in full, so that an administrator can read it when no SMTP server is set."""
    settings = read_settings()
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        entries = outbox.entries(engine, unsent_only=not every, limit=limit)
    except SQLAlchemyError as exc:
        fail(f"データベースを使えません: {settings.database_url} ({exc.__class__.__name__})")
    finally:
        engine.dispose()
    if as_json:
        print_json([outbox_json(e) for e in entries])
        return
    out.print(f"メール {len(entries)}件（新しい順）", highlight=False)
    for e in entries:
        sent = (
            e.sent_at.astimezone(JST).strftime(_TIME)
            if e.sent_at
            else "送信できません（再送しません）"
            if e.failed_at
            else "送信待ち"
        )
        tried = f"、試行 {e.attempts}回: {e.last_error}" if e.last_error else ""
        out.rule(f"ID {e.id}")
        head = [
            f"宛先: {e.mail.to}",
            f"件名: {e.mail.subject}",
            f"作成: {e.created_at.astimezone(JST).strftime(_TIME)}（JST）",
            f"状態: {sent}{tried}",
        ]
        out.print(Text("\n".join([*head, "", e.mail.body])))


@admin_app.command("audit")
def audit(
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="件数")] = 50,
    as_json: JsonOption = False,
) -> None:
    """The newest entries of the audit trail, newest first (times in JST; UTC in JSON)."""
    with _accounts() as (accounts, actor):
        entries = accounts.audit_trail(actor, limit)
    if as_json:
        print_json([audit_json(e) for e in entries])
        return
    table = Table(title=f"監査記録 {len(entries)}件（新しい順）")
    for column in ("ID", "日時（JST）", "操作者", "操作", "対象", "結果"):
        table.add_column(column, overflow="fold")
    for e in entries:
        outcome = "実行" if e.outcome == "done" else f"拒否（{e.reason}）"
        table.add_row(
            str(e.id),
            e.at.astimezone(JST).strftime(_TIME),
            Text(f"{e.actor_name}（{e.actor_role}）"),
            e.action,
            f"{e.object_type} {e.object_id or ''}".strip(),
            outcome,
        )
    out.print(table)
