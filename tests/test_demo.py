"""`hojokin demo`, which `python3 dev.py run` runs before serving."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from hojokin.accounts.service import Accounts
from hojokin.catalog.loader import Catalog
from hojokin.cli import app
from hojokin.cli.demo import ensure_demo
from hojokin.files import FileStore
from hojokin.load import open_store
from hojokin.workflow.service import Workflow
from hojokin.workflow.tables import call
from hojokin.workflow.times import within
from tests.conftest import CATALOG
from tests.workflow.world import jst


def test_the_demo_is_made_once_with_an_open_call(tmp_path: Path, seed_catalog: Catalog) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'hojokin.sqlite3'}", CATALOG)
    flow = Workflow(engine, lambda: seed_catalog, FileStore(tmp_path / "files", 1_000_000))
    accounts, kept = Accounts(engine), tmp_path / "demo-credentials.txt"
    first = ensure_demo(engine, flow, accounts, kept, date(2026, 5, 11))
    again = ensure_demo(engine, flow, accounts, kept, date(2026, 5, 12))
    assert first == again and kept.stat().st_mode & 0o077 == 0
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(call)).scalar_one() == 1
    email, password = first.applicant
    signed = accounts.sign_in(email, password)
    assert signed.role == "applicant"
    shown = flow.calls.list_calls(signed)
    assert [c.status for c in shown] == ["published"] and "デモ公募" in shown[0].name
    assert within(jst(2026, 5, 20, 10), shown[0].window_start, shown[0].window_end)
    engine.dispose()


def test_no_demo_on_a_configured_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOJOKIN_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0
    assert "デモのデータは作成しません" in result.output and "@" not in result.output
