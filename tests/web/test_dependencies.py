"""Pages and routes take the app's catalog, database and day as typed dependencies
(`hojokin.server.snapshot`), the one reader of the app's state: every page judges on
the same day, the one the app gives."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from fastapi.testclient import TestClient

from tests.web.test_pages import COMPANY_FORM, text

SRC = Path(__file__).resolve().parents[2] / "src" / "hojokin"


def test_only_the_snapshot_module_reads_the_app_state() -> None:
    readers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"\.app\.state\b", path.read_text(encoding="utf-8"))
    ]
    assert readers == ["server/snapshot.py"]


def test_the_check_page_and_its_file_judge_on_the_apps_day(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    on_day(date(2024, 7, 1))
    page = text(client.post("/check", data=COMPANY_FORM).text)
    assert "令和6年7月1日現在" in page
    exported = client.post("/check/export", data=COMPANY_FORM | {"format": "csv"})
    assert "_2024-07-01.csv" in unquote(exported.headers["content-disposition"])
