"""The browser flow shared by the browser tests and scripts/screenshots.py.

The web UI runs under uvicorn in a thread on a loopback socket; Playwright drives
Debian's Chromium (/usr/bin/chromium, never a downloaded browser); axe-core, from the
`axe-playwright-python` wheel in the lock file, is injected into each page.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, Playwright

from hojokin.web.fields import BOOLEAN_ANSWERS
from tests.rules.examples import TOKYO_ANSWERS, catalog

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and nothing that reaches for the network on its own (this machine has none).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0/2.1 A and AA, which JIS X 8341-3:2016 follows, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
TOKYO = "tokyo-zeroemi-innovation"


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` on a free loopback port for the duration; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web UI did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: run `python3 dev.py setup` as root "
            "(it installs Debian's chromium), or `apt-get install -y chromium`"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every axe-core violation on the page as it is now (with <details> opened)."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    # Evaluated through the DevTools protocol: an inline <script> would be refused by
    # the pages' Content-Security-Policy.
    page.evaluate(AXE_JS)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(node["target"]) for node in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(targets)}")
    return "\n".join(lines)


# The company and plan the flow enters: a Tokyo manufacturer with a theme-(1) project
# over two fiscal years (figures as in tests/rules/test_tokyo_amounts.py).
COMPANY = {
    "name": "株式会社サンプル",
    "capital": "1億円",
    "employees": "50",
    "founded_on": "2015-04-01",
}
PLAN_YEAR_1 = {"materials": "3億", "personnel": "9,000万", "rent": "4,000万", "ads": "200万"}
PLAN_YEAR_2 = {"materials": "2億", "outsourcing": "6,000万"}

Step = Callable[[str, Page], None]


def answer_facts(page: Page, answers: Mapping[str, Any]) -> None:
    """Check each fact's answer in its question's group of radio buttons."""
    facts = catalog().facts
    for name, value in answers.items():
        fact = facts[name]
        words = BOOLEAN_ANSWERS if fact.type == "boolean" else fact.choices
        answer = words["yes" if value is True else "no" if value is False else str(value)]
        question = page.get_by_role("group", name=fact.question, exact=True)
        question.get_by_label(answer, exact=True).check()


def walk(page: Page, base_url: str, step: Step) -> None:
    """search → program → eligibility form → results → estimate form → estimate result,
    calling `step(name, page)` on each page as a person sees it."""
    page.goto(f"{base_url}/")
    page.get_by_label("キーワード").fill("ゼロエミッション")
    page.get_by_role("button", name="検索する").click()
    page.wait_for_load_state()
    step("search", page)

    page.get_by_role(
        "link", name="ゼロエミッション東京の実現等に向けたイノベーション促進事業"
    ).click()
    page.wait_for_load_state()
    step("program", page)

    page.get_by_role("link", name="使える支援制度を調べる").first.click()
    page.wait_for_load_state()
    page.get_by_label("会社（株式会社・合同会社等）").check()
    page.get_by_label("業種").select_option(label="製造業")
    page.get_by_label("資本金（出資の総額）").fill(COMPANY["capital"])
    page.get_by_label("常時使用する従業員数").fill(COMPANY["employees"])
    page.get_by_label("設立日・開業日").fill(COMPANY["founded_on"])
    page.get_by_label("本店・主たる事業所の所在地").select_option("東京都")
    page.get_by_label("会社名・屋号").fill(COMPANY["name"])
    page.locator("summary", has_text="大学発ベンチャー区分").click()
    page.get_by_label("(1) 再生可能エネルギーの基幹エネルギー化").check()
    # Tokyo's 申請要件 that no profile field shows are questions of the form; unanswered,
    # the frame would be 要確認, so the flow answers them as the worked examples do.
    page.locator("summary", has_text="制度ごとの確認事項").click()
    answer_facts(page, TOKYO_ANSWERS)
    step("check_form", page)

    page.get_by_role("button", name="対象となる制度を調べる").click()
    page.wait_for_load_state()
    step("check_results", page)

    frame_title = "ゼロエミッション東京の実現等に向けたイノベーション促進事業／ゼロエミッション枠"
    match = page.locator("li.match").filter(
        has=page.get_by_role("link", name=frame_title, exact=True)
    )
    match.get_by_role("button", name="金額を試算する").click()
    page.wait_for_load_state()
    for category, amount in PLAN_YEAR_1.items():
        page.locator(f"#y1_{category}").fill(amount)
    page.locator("#y1_p1_salary").fill("300000")
    page.locator("#y1_p1_hours").fill("1500")
    for category, amount in PLAN_YEAR_2.items():
        page.locator(f"#y2_{category}").fill(amount)
    page.get_by_label("事業会社等からの出資等の額").fill("5億円")
    step("estimate_form", page)

    page.get_by_role("button", name="試算する", exact=True).click()
    page.wait_for_load_state()
    step("estimate_result", page)
