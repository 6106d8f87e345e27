"""The program office's workflow in Debian's Chromium: from the applicant's booking to
the receipt and the office's 受付完了, with axe-core on every page either user sees
and the Content-Security-Policy blocking nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browser import axe_violations, describe, serve
from tests.web.walkthrough import WorkflowSite, walk_workflow, workflow_site
from tests.workflow.story import REQUIRED

FIRST_DOCUMENT = "申請前確認書(Word ファイル) 原本"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkflowSite]:
    with workflow_site(tmp_path_factory.mktemp("workflow")) as made:
        yield made


def test_booking_to_receipt_to_acceptance_in_the_browser(
    browser: Browser, site: WorkflowSite, tmp_path: Path
) -> None:
    blocked: list[str] = []

    def open_page() -> Page:
        """A browser of its own (its cookies), whose CSP refusals are recorded."""
        page = browser.new_context(locale="ja-JP").new_page()
        page.on(
            "console",
            lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
        )
        return page

    seen: dict[str, list[str]] = {}
    listed: dict[str, int] = {}  # how many tables list 別紙1-1's first document

    def step(name: str, page: Page) -> None:
        violations = axe_violations(page)
        assert not violations, f"{name}: {page.url}\n{describe(violations)}"
        seen.setdefault(name, []).append(page.inner_text("main"))
        listed[name] = page.get_by_role("rowheader", name=FIRST_DOCUMENT, exact=True).count()

    with serve(site.app) as base_url:
        uploaded = walk_workflow(open_page, base_url, site, step)
    assert not blocked, blocked
    shown = {name: texts[-1] for name, texts in seen.items()}

    assert "公募回（1件）" in shown["calls"] and site.call.name in shown["calls"]
    assert "まだ申請はありません" in shown["calls"]
    assert "受付・確認面談の日時（日本時間）" in shown["call"]
    assert "面談を予約しました" in shown["call_booked"]
    assert "11月14日（木）10:00～11:00（予約済）" in shown["call_booked"]
    assert "予約する" not in shown["call_booked"]  # one place a company
    assert "事業者情報と事業計画を保存すると" in shown["application"]

    saved = shown["application_saved"]
    assert "下書きを保存しました" in saved
    assert "判定: 対象\n" in saved and "交付見込額（上限）" in saved
    # The checklist once, beside the estimate (whose own documents' table is left out).
    assert "交付見込額" in shown["office_application"]
    assert listed["application_saved"] == listed["office_application"] == 1
    # The answers decide every conditional document: what is 必要 is story.py's list.
    assert "該当する場合に必要" not in saved
    assert uploaded == list(REQUIRED)
    assert len(seen["application_uploaded"]) == len(REQUIRED)
    last = shown["application_uploaded"]
    assert "書類をアップロードしました" in last
    assert all(f"書類{item}.pdf" in last for item in REQUIRED)

    assert "ログイン" in shown["signin_again"]
    assert "下書き" in shown["calls_with_application"]
    assert "提出する" in shown["application_ready"]
    receipt = shown["receipt"]
    assert "申請を受け付けました" in receipt
    assert "受付番号\nZE2024-00001" in receipt or "受付番号\tZE2024-00001" in receipt
    assert "2024年11月13日（水）10:00:00" in receipt
    assert receipt.count("SHA-256") >= 1 and "書類1.pdf" in receipt

    inbox = shown["inbox"]
    assert "申請 1件" in inbox and "ZE2024-00001" in inbox and "株式会社一" in inbox
    office = shown["office_application"]
    assert "申請 ZE2024-00001" in office and "提出済" in office
    assert "面談済にする" in office and "欠席にする" in office
    assert "面談済として記録しました" in shown["office_attended"]
    assert "（面談済）" in shown["office_attended"]
    accepted = shown["office_accepted"]
    assert "受付完了にしました" in accepted
    assert "受付完了にする" not in accepted and "面談済にする" not in accepted
    assert "状態\n受付完了" in accepted or "状態\t受付完了" in accepted
