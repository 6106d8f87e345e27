#!/usr/bin/env python3
"""Regenerate docs/screenshots/*.png: each page of the web UI's main flow; and print the
check results to PDF (A4, the print style sheet) to say how many pages they take.

    .venv/bin/python scripts/screenshots.py

The same flow as the browser tests (tests/web/browser.py) in Debian's Chromium at a
fixed window size; Japanese text needs a Japanese font (dev.py setup installs
fonts-ipaexfont-gothic with chromium).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.browser import launch, serve, walk  # noqa: E402

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


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    names = []
    printed: list[int] = []

    def shoot(name: str, page: Page) -> None:
        height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
        path = OUT / f"{len(names) + 1}-{name}.png"
        page.screenshot(
            path=path, full_page=True, clip={"x": 0, "y": 0, "width": WIDTH, "height": height}
        )
        names.append(path.name)
        if name == "check_results":
            printed.append(printed_pages(page))

    settings = Settings.from_env()
    app = create_app(open_store(settings.database_url, settings.catalog_root), settings=settings)
    with serve(app) as base_url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, locale="ja-JP")
        walk(page, base_url, shoot)
        browser.close()
    for name in names:
        print(OUT.relative_to(ROOT) / name)
    print(f"check results printed on A4: {printed[0]} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
