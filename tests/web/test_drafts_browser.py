"""制度データの取り込み in Debian's Chromium: staff upload a document, review its draft
beside the text, add a target, publish it, find it in the catalog, and withdraw it,
with axe-core on every page they see and the Content-Security-Policy blocking nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser

from hojokin.drafts.publishing import Publishing
from hojokin.drafts.service import Drafts
from hojokin.files import FileStore
from hojokin.files.store import MEGABYTE
from hojokin.load import restore_published, store_catalog
from hojokin.server.settings import LOCAL_HOSTS
from hojokin.store.engine import scratch_database
from hojokin.store.migrate import migrate
from tests.accounts.web import make_site
from tests.rules.examples import catalog
from tests.web.browser import axe_violations, describe, serve
from tests.web.test_draft_pages import TEXT
from tests.web.walkthrough import STAFF, expand, sign_in
from tests.workflow.world import make_office


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The app on a new SQLite database holding the seed catalog, as `hojokin serve`
    stores it; plain HTTP on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("drafts")
    seed = catalog()
    with scratch_database(None, folder) as engine:
        migrate(engine)
        store_catalog(engine, seed, "seed")
        office = make_office(engine, seed, folder / "files")
        site = make_site(office.world, seed, cookie_secure=False, allowed_hosts=LOCAL_HOSTS)
        clock = office.world.clock
        files = FileStore(folder / "sources", 2 * MEGABYTE)
        site.app.state.drafts = Drafts(engine, files, clock=clock)
        site.app.state.publishing = Publishing(engine, restore_published, clock=clock)
        site.app.state.live.refresh()
        yield site.app


def test_upload_review_publish_and_withdraw_in_the_browser(
    browser: Browser, app: FastAPI, tmp_path: Path
) -> None:
    blocked: list[str] = []
    page = browser.new_context(locale="ja-JP").new_page()
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    seen: dict[str, str] = {}

    def step(name: str) -> None:
        page.wait_for_load_state()
        violations = axe_violations(page)
        assert not violations, f"{name}: {page.url}\n{describe(violations)}"
        seen[name] = page.inner_text("main")

    def click(name: str | re.Pattern[str]) -> None:
        page.get_by_role("button", name=name, exact=True).click()
        page.wait_for_load_state()

    with serve(app) as base_url:
        page.goto(f"{base_url}/signin?next=/office/sources")
        sign_in(page, STAFF)
        step("sources")
        page.locator("#file").set_input_files(
            files=[{"name": "hanro.txt", "mimeType": "text/plain", "buffer": TEXT}]
        )
        click("取り込む")
        step("uploaded")
        page.get_by_role("link", name="令和6年度 販路開拓支援事業 募集要項").click()
        step("review")
        expand(page, "の対象者を追加")
        page.get_by_label("追加する対象者").fill("都内の中小企業者")
        click("対象者を追加")
        step("target_added")
        click("公開する")
        step("published")
        page.get_by_role("link", name="制度のページを見る").click()
        step("program")
        page.go_back()
        page.get_by_label("公開停止の理由").fill("上限額を確認中のため")
        click("公開を停止する")
        step("withdrawn")
    assert not blocked, blocked

    assert "取り込んだ文書（1件）" in seen["uploaded"]
    assert "この制度はまだ公開していません" in seen["review"]
    assert "引用をその箇所に合わせました" in seen["target_added"]
    assert "制度データを公開しました" in seen["published"] and "第1版: 公開" in seen["published"]
    assert "販路開拓支援事業" in seen["program"]
    assert "公開を停止しました" in seen["withdrawn"] and "第2版: 公開停止" in seen["withdrawn"]
    assert "上限額を確認中のため" in seen["withdrawn"]
