"""`hojokin demo`: what `python3 dev.py run` shows a newcomer on the embedded database —
a demo office, a staff user, an applicant company with its user, and one open call of
Tokyo's zero-emission frame with interview slots.

The catalog's 2024 dates are past, so the demo call's window is moved to start
yesterday and run 30 days; its name says so. (`hojokin call create-from-catalog` keeps
the real dates.) Made once: a second run finds the call's code and only prints the
credentials again, kept beside the database with owner-only permissions. Never on a
configured database (`HOJOKIN_DATABASE_URL`): a demo account there would be a real one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from hojokin.accounts.permissions import Actor
from hojokin.accounts.service import Accounts, NewUser
from hojokin.catalog.status import today_jst
from hojokin.cli.console import out, read_settings
from hojokin.load import open_store
from hojokin.store.engine import DEFAULT_URL
from hojokin.store.snapshot import LiveCatalog
from hojokin.workflow.calendar import CLOSES, OPENS, at_jst
from hojokin.workflow.schedule import CallPlan
from hojokin.workflow.service import Workflow
from hojokin.workflow.tables import call

CODE = "DEMO"
PROGRAM, FRAME = "tokyo-zeroemi-innovation", "zero-emission"
DAYS = 30
ACTOR = Actor.command_line("demo")


@dataclass(frozen=True)
class Credentials:
    staff: tuple[str, str]
    applicant: tuple[str, str]

    def lines(self) -> list[str]:
        return [f"{email} / {password}" for email, password in (self.staff, self.applicant)]


def demo_plan(today: date) -> CallPlan:
    start, end = (
        at_jst(today - timedelta(days=1), OPENS),
        at_jst(today + timedelta(days=DAYS), CLOSES),
    )
    name = (
        "デモ公募（ゼロエミッション枠・日程は起動日に合わせたデモ用で、"
        "実際の募集期間ではありません）"
    )
    return CallPlan(PROGRAM, FRAME, CODE, name, start, end, start, end, slot_capacity=2)


def ensure_demo(
    engine: Engine, flow: Workflow, accounts: Accounts, kept: Path, today: date
) -> Credentials:
    """The demo's office, users and call, made when absent; their credentials."""
    with engine.connect() as conn:
        made = conn.execute(select(call.c.id).where(call.c.code == CODE)).first() is not None
    if made and kept.exists():
        first, second = (line.partition(":") for line in kept.read_text("utf-8").split())
        return Credentials((first[0], first[2]), (second[0], second[2]))
    issuer = accounts.create_issuer(ACTOR, "デモ事務局（東京都 ゼロエミッション事業）", "東京都")
    company = accounts.create_company(ACTOR, "デモ株式会社")
    staff = ("staff@demo.example.jp", secrets.token_urlsafe(12))
    applicant = ("applicant@demo.example.jp", secrets.token_urlsafe(12))
    accounts.create_user(
        ACTOR, NewUser(staff[0], staff[1], "staff", "事務局 太郎", issuer_id=issuer.id)
    )
    accounts.create_user(
        ACTOR, NewUser(applicant[0], applicant[1], "applicant", "申請 花子", company_id=company.id)
    )
    opened = flow.calls.create(ACTOR, demo_plan(today), issuer.id)
    flow.calls.publish(ACTOR, opened.id)
    kept.write_text(f"{staff[0]}:{staff[1]}\n{applicant[0]}:{applicant[1]}\n", encoding="utf-8")
    kept.chmod(0o600)
    return Credentials(staff, applicant)


def demo() -> None:
    """デモ用の事務局・利用者・公募回を作成し、ログイン情報を表示します（組み込み SQLite のみ）。"""
    settings = read_settings()
    if settings.database_url != DEFAULT_URL:
        out.print("データベースが指定されているため、デモのデータは作成しません。")
        return
    engine = open_store(settings.database_url, settings.catalog_root)
    live = LiveCatalog(engine)
    live.refresh()
    flow = Workflow(engine, lambda: live.current().catalog, settings.file_store())
    kept = Path(engine.url.database or ".").with_name("demo-credentials.txt")
    found = ensure_demo(engine, flow, Accounts(engine), kept, today_jst())
    out.print("デモのログイン情報（事務局職員 / 申請者）:", highlight=False)
    for line in found.lines():
        out.print(f"  {line}", markup=False, highlight=False)
    engine.dispose()
