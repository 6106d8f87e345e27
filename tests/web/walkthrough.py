"""The program office's workflow in the browser, shared by tests/web/test_workflow_browser.py
and scripts/screenshots.py: an applicant books a 受付・確認面談, fills and submits an
application to Tokyo's 2024 zero-emission call and gets its receipt; the issuer's staff
find it in 申請一覧, record the interview as held (面談済) and accept it (受付完了).

The app runs on the workflow tests' world (tests/workflow/world.py): its accounts, the
seed catalog's Tokyo call, and a clock the walk moves to the call's dates, as
tests/workflow/story.py does without a browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from playwright.sync_api import Page

from hojokin.catalog.status import JST
from hojokin.server.settings import LOCAL_HOSTS
from hojokin.store.engine import scratch_database
from hojokin.store.migrate import migrate
from hojokin.workflow.records import Call
from tests.accounts.web import make_site
from tests.accounts.world import PASSWORD
from tests.files.samples import pdf
from tests.rules.examples import TOKYO_ANSWERS, catalog
from tests.web.browser import Step, answer_facts
from tests.workflow.profiles import PLAN
from tests.workflow.world import Office, jst, make_office

APPLICANT = "applicant_1@example.jp"
STAFF = "staff_a@example.jp"
# 11/14 10:00, the slot tests/workflow/story.py books too.
SLOT = "11月14日（木）10:00～11:00"
# The plan of tests/workflow/profiles.py as typed: three years of 6億円 materials and
# 100億円 of partner investment.
MATERIALS = {"y1_materials": "6億", "y2_materials": "6億", "y3_materials": "6億"}
PARTNER_INVESTMENT = "100億円"


@dataclass(frozen=True)
class WorkflowSite:
    app: FastAPI
    office: Office
    call: Call


@contextmanager
def workflow_site(folder: Path) -> Iterator[WorkflowSite]:
    """The app on a new SQLite database with the workflow world and its published
    Tokyo call (ZE2024); plain HTTP on 127.0.0.1, so cookies without Secure."""
    seed = catalog()
    with scratch_database(None, folder) as engine:
        migrate(engine)
        office = make_office(engine, seed, folder / "files")
        site = make_site(office.world, seed, cookie_secure=False, allowed_hosts=LOCAL_HOSTS)
        site.app.state.workflow = office.flow  # the world's clock and file store
        site.app.state.today = lambda: office.world.clock.now.astimezone(JST).date()
        yield WorkflowSite(site.app, office, office.tokyo_call())


def sign_in(page: Page, email: str) -> None:
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログインする").click()
    page.wait_for_load_state()


def _click(page: Page, role: Any, name: str | re.Pattern[str], exact: bool = False) -> None:
    page.get_by_role(role, name=name, exact=exact).click()
    page.wait_for_load_state()


def expand(page: Page, summary: str) -> None:
    """Open the <details> of `summary` as a person would, unless it is open already
    (axe-core, run on the page before, opens them all)."""
    shown = page.locator("summary", has_text=summary)
    if not shown.evaluate("s => s.parentElement.open"):
        shown.click()


def fill_application(page: Page) -> None:
    """The company of tests/workflow/profiles.py (a Tokyo manufacturer meeting every
    申請要件, theme (2)) and its plan, with the plan's answers that decide 別紙1-1's
    conditional documents."""
    page.get_by_label("会社名・屋号").fill("株式会社一")
    page.get_by_label("会社（株式会社・合同会社等）").check()
    page.get_by_label("業種").select_option(label="製造業")
    page.get_by_label("資本金（出資の総額）").fill("1億円")
    page.get_by_label("常時使用する従業員数").fill("50")
    page.get_by_label("設立日・開業日").fill("2015-04-01")
    page.get_by_label("本店・主たる事業所の所在地").select_option("東京都")
    expand(page, "大学発ベンチャー区分")
    page.get_by_label("(2) 水素エネルギーの普及拡大").check()
    expand(page, "制度ごとの確認事項")
    answer_facts(page, TOKYO_ANSWERS)
    for field, amount in MATERIALS.items():
        page.locator(f"#{field}").fill(amount)
    page.get_by_label("事業会社等からの出資等の額").fill(PARTNER_INVESTMENT)
    answer_facts(page, PLAN["facts"])


def required_items(page: Page) -> list[int]:
    """The checklist's places whose 要否 is 必要, as the page shows them."""
    rows = page.locator("table:has(#checklist-title) > tbody > tr")
    found = []
    for row in rows.all():
        if row.locator(".status").inner_text() == "必要":
            field = row.locator("input[type=file]").get_attribute("id") or ""
            found.append(int(field.removeprefix("file-")))
    return found


def upload(page: Page, item: int) -> None:
    page.locator(f"#file-{item}").set_input_files(
        files=[{"name": f"書類{item}.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
    )
    form = page.locator(f"form:has(#file-{item})")
    form.get_by_role("button", name=re.compile("^アップロード")).click()
    page.wait_for_load_state()


def walk_workflow(
    open_page: Callable[[], Page], base_url: str, site: WorkflowSite, step: Step
) -> list[int]:
    """The applicant's walk from sign-in to the receipt, then the staff's from sign-in
    to 受付完了, each in a browser of their own (`open_page` gives a new one); calls
    `step(name, page)` on every page either of them sees. Returns the checklist places
    the applicant uploaded a document for."""
    office = site.office
    applicant = open_page()
    # 10/1: the booking period is open; the submission window opens on 11/13.
    office.at(jst(2024, 10, 1, 10))
    applicant.goto(f"{base_url}/signin")
    step("signin", applicant)
    sign_in(applicant, APPLICANT)
    step("account", applicant)
    _click(applicant, "link", "公募一覧", exact=True)
    step("calls", applicant)
    _click(applicant, "link", site.call.name)
    step("call", applicant)
    # The slot's time is visually hidden text, a block of its own to the name.
    applicant.get_by_role("button", name=re.compile(rf"^予約する\s*（{re.escape(SLOT)}）$")).click()
    applicant.wait_for_load_state()
    step("call_booked", applicant)
    _click(applicant, "button", "申請を始める")
    step("application", applicant)
    fill_application(applicant)
    step("application_filled", applicant)
    _click(applicant, "button", "下書き保存")
    step("application_saved", applicant)
    uploaded = required_items(applicant)
    for item in uploaded:
        upload(applicant, item)
        step("application_uploaded", applicant)

    # 11/13 10:00: the window is open; the session of 10/1 has long expired.
    office.at(jst(2024, 11, 13, 10))
    applicant.goto(f"{base_url}/calls")
    step("signin_again", applicant)
    sign_in(applicant, APPLICANT)
    step("calls_with_application", applicant)
    applicant.locator("h2:has-text('自社の申請') + ul").get_by_role("link").click()
    applicant.wait_for_load_state()
    step("application_ready", applicant)
    _click(applicant, "button", "提出する")
    step("receipt", applicant)
    applicant.context.close()

    # 11/14 10:30: the interview of 10:00 has begun, so the office may record it.
    office.at(jst(2024, 11, 14, 10, 30))
    staff = open_page()
    staff.goto(f"{base_url}/signin")
    step("staff_signin", staff)
    sign_in(staff, STAFF)
    step("staff_account", staff)
    _click(staff, "link", "申請一覧", exact=True)
    step("inbox", staff)
    staff.locator("table:has(#inbox-title) > tbody > tr").first.get_by_role("link").click()
    staff.wait_for_load_state()
    step("office_application", staff)
    _click(staff, "button", "面談済にする")
    step("office_attended", staff)
    _click(staff, "button", "受付完了にする")
    step("office_accepted", staff)
    staff.context.close()
    return uploaded
