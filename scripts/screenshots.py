#!/usr/bin/env python3
"""Regenerate docs/screenshots/*.png: each page of the web UI's main flow, and as
workflow-*.png the pages of the office's workflow from an applicant's booking to the
receipt and the staff's 受付完了 (tests/web/walkthrough.py, on the workflow tests' world
and the seed catalog's 2024 Tokyo call); and print the check results to PDF (A4, the
print style sheet) to say how many pages they take.

    .venv/bin/python scripts/screenshots.py

The same flows as the browser tests (tests/web/browser.py, tests/web/walkthrough.py) in
Debian's Chromium at a fixed window size; Japanese text needs a Japanese font (dev.py
setup installs fonts-ipaexfont-gothic with chromium).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.browser import launch, serve, walk  # noqa: E402
from tests.web.walkthrough import walk_workflow, workflow_site  # noqa: E402

from hojokin.api.app import create_app  # noqa: E402
from hojokin.load import open_store  # noqa: E402
from hojokin.server.settings import Settings  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PDF_COPY = os.environ.get("HOJOKIN_PRINT_PDF")  # keep the printed results there, to look at
# Chromium writes the page tree's total as /Count N in the /Type /Pages dictionary.
_PAGE_COUNT = re.compile(
    rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b"
)


def printed_pages(page: Page) -> int:
    """How many A4 pages `page` prints on."""
    pdf = page.pdf(format="A4")
    if PDF_COPY:
        Path(PDF_COPY).write_bytes(pdf)
    counts = [int(a or b) for a, b in _PAGE_COUNT.findall(pdf)]
    if not counts:
        raise RuntimeError("no page count in the printed PDF")
    return max(counts)


WIDTH, HEIGHT = 1200, 900
MAX_HEIGHT = 4000  # long pages are cut here so that each picture stays readable
# The walkthrough's pages not pictured: the sign-in and account pages again.
UNSHOWN = {"account", "signin_again", "staff_signin", "staff_account"}
# Where a picture starts when what the step did is further down than MAX_HEIGHT.
STARTS = {"application_filled": "h2:text-is('事業者情報')"}


def save(page: Page, path: Path, start: str | None = None) -> None:
    top = 0
    if start is not None:
        top = int(page.locator(start).evaluate("e => e.getBoundingClientRect().top + scrollY"))
    height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight") - top)
    page.screenshot(
        path=path, full_page=True, clip={"x": 0, "y": top, "width": WIDTH, "height": height}
    )


def workflow_pictures(browser: Browser) -> list[Path]:
    """workflow-NN-<step>.png of each page of the walkthrough; a step seen again (each
    upload) replaces its picture, so that it shows the last of them."""
    numbers: dict[str, int] = {}

    def open_page() -> Page:
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="ja-JP")
        return context.new_page()

    def shoot(name: str, page: Page) -> None:
        if name in UNSHOWN:
            return
        number = numbers.setdefault(name, len(numbers) + 1)
        save(page, OUT / f"workflow-{number:02d}-{name}.png", STARTS.get(name))

    with (
        tempfile.TemporaryDirectory() as folder,
        workflow_site(Path(folder)) as site,
        serve(site.app) as base_url,
    ):
        walk_workflow(open_page, base_url, site, shoot)
    return [OUT / f"workflow-{n:02d}-{name}.png" for name, n in numbers.items()]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    names = []
    printed: list[int] = []

    def shoot(name: str, page: Page) -> None:
        path = OUT / f"{len(names) + 1}-{name}.png"
        save(page, path)
        names.append(path.name)
        if name == "check_results":
            printed.append(printed_pages(page))

    settings = Settings.from_env()
    app = create_app(open_store(settings.database_url, settings.catalog_root), settings=settings)
    with serve(app) as base_url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, locale="ja-JP")
        walk(page, base_url, shoot)
        pictured = workflow_pictures(browser)
        browser.close()
    for name in names:
        print(OUT.relative_to(ROOT) / name)
    for path in pictured:
        print(path.relative_to(ROOT))
    print(f"check results printed on A4: {printed[0]} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
