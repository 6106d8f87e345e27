"""The web UI in Debian's Chromium: the main flow end to end, and axe-core on every page.

Runs in CI like every other test (no skip): dev.py setup installs /usr/bin/chromium
from Debian's packages when it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from hojokin.accounts.permissions import Actor
from hojokin.accounts.service import Accounts, NewUser
from hojokin.api.app import create_app
from hojokin.load import open_store
from hojokin.server.settings import Settings
from tests.conftest import CATALOG
from tests.web.browser import axe_violations, describe, serve, walk

APPLICANT, PASSWORD = "yamada@example.jp", "correct horse battery staple"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("web") / "hojokin.sqlite3"
    engine = open_store(f"sqlite:///{database}", CATALOG)
    # Plain HTTP on 127.0.0.1, as `dev.py run` serves: cookies without Secure.
    app = create_app(engine, settings=Settings(cookie_secure=False))
    accounts: Accounts = app.state.accounts
    cli = Actor.command_line("tester")
    company = accounts.create_company(cli, "株式会社サンプル")
    accounts.create_user(
        cli, NewUser(APPLICANT, PASSWORD, "applicant", "山田 太郎", company_id=company.id)
    )
    with serve(app) as url:
        yield url
    engine.dispose()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page whose test fails if the Content-Security-Policy blocked anything on it."""
    context = browser.new_context(locale="ja-JP")
    current = context.new_page()
    blocked: list[str] = []
    current.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield current
    context.close()
    assert not blocked, blocked


def test_main_flow_has_no_axe_violations_and_shows_each_result(page: Page, base_url: str) -> None:
    seen: dict[str, str] = {}

    def step(name: str, current: Page) -> None:
        violations = axe_violations(current)
        assert not violations, f"{name}: {current.url}\n{describe(violations)}"
        seen[name] = current.inner_text("main")

    walk(page, base_url, step)
    assert list(seen) == [
        "search",
        "program",
        "check_form",
        "check_results",
        "estimate_form",
        "estimate_result",
    ]
    assert "ゼロエミッション東京の実現等に向けたイノベーション促進事業" in seen["search"]
    # The program page: a figure, its source line and the document's line number.
    assert "10億円（1,000,000,000円）" in seen["program"]
    assert "補助限度額：10億円" in seen["program"]
    assert "58行目" in seen["program"]
    assert "令和6年6月13日～令和6年11月22日（2024年6月13日～2024年11月22日）" in seen["program"]
    assert "対象となる制度" in seen["check_results"]
    # The flow answers Tokyo's 申請要件 on the form, so the frame it estimates is 対象.
    eligible = seen["check_results"].split("対象となる制度（")[1].split("要確認の制度（")[0]
    assert "イノベーション促進事業／ゼロエミッション枠" in eligible
    # The estimate worked by hand (tests/rules/test_tokyo_amounts.py's rules):
    # FY2025 materials 3億×2/3 = 2億; personnel (9,000万 + 2,450円×1,500h = 9,367.5万)×2/3
    # = 6,245万 → 4,000万 cap; rent 4,000万×2/3 → 2,000万 cap; ads 200万×2/3 → 50万 cap:
    # 2億6,050万. FY2026 materials 2億×2/3 = 1億3,333万3,333 + outsourcing 6,000万×2/3 =
    # 4,000万: 1億7,333万3,333. Total 4億3,383万3,333円.
    assert "4億3,383万3,333円（433,833,333円）" in seen["estimate_result"]
    assert "2億6,050万円（260,500,000円）" in seen["estimate_result"]
    assert "令和7年度（2025年度）" in seen["estimate_result"]
    assert "直接人件費の交付申請額は4,000万円が上限" in seen["estimate_result"]


def test_error_pages_and_document_page_have_no_axe_violations(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/check")
    page.get_by_role("button", name="対象となる制度を調べる").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    # The script moves focus to the summary; its links lead to the fields.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.get_by_role("link", name="資本金（出資の総額）: 金額を入力してください").click()
    assert page.evaluate("location.hash") == "#capital"
    assert not (v := axe_violations(page)), describe(v)

    page.goto(f"{base_url}/documents/003_cf133d2ac19737cc.txt?from=58&to=58#L58")
    assert page.locator("#L58 mark").inner_text().startswith("補助")
    assert not (v := axe_violations(page)), describe(v)

    page.goto(f"{base_url}/programs/no-such-program")
    assert page.get_by_role("heading", level=1).inner_text() == "ページが見つかりません"
    assert not (v := axe_violations(page)), describe(v)


def test_add_row_adds_a_personnel_row_in_place(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/programs/tokyo-zeroemi-innovation/estimate")
    assert page.locator("#y1_p3_salary").count() == 0
    page.get_by_role("button", name=re.compile(r"^行を追加\s*（1年度目の従事者）")).click()
    # The script added the row without a request; the new row has focus and labels.
    assert page.evaluate("document.activeElement.id") == "y1_p3_salary"
    assert page.get_by_label(re.compile(r"^3人目の月額給与\s*（1年度目）")).count() == 1
    assert page.locator('input[name="y1_persons"]').input_value() == "3"
    assert not (v := axe_violations(page)), describe(v)


def test_keyboard_reaches_the_search_form(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "本文へ移動"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"


def test_sign_in_and_account_pages_have_no_axe_violations(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/signin")
    assert not (v := axe_violations(page)), describe(v)
    page.get_by_label("メールアドレス").fill(APPLICANT)
    page.get_by_label("パスワード").fill("not the password")
    page.get_by_role("button", name="ログインする").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert not (v := axe_violations(page)), describe(v)

    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログインする").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "アカウント"
    assert "申請者（事業者）" in page.inner_text("main")
    assert not (v := axe_violations(page)), describe(v)

    page.get_by_role("link", name="パスワードを変更する").click()
    page.wait_for_load_state()
    assert not (v := axe_violations(page)), describe(v)

    page.goto(f"{base_url}/")  # an anonymous page shows who is signed in
    assert page.get_by_role("link", name="山田 太郎").is_visible()
    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="ログイン").is_visible()

    page.goto(f"{base_url}/password/forgot")
    assert not (v := axe_violations(page)), describe(v)
