"""The CLI's tables print catalog text as written: it is data, never Rich markup."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from hojokin.catalog.schema import Frame, Program
from hojokin.cli.check_tables import check_detail, check_table, estimate_detail
from hojokin.rules.service import check_company, estimate
from tests.rules.examples import TOKYO, company, frame, plan, program

MARKUP = "[bold red]"


def _bracketed_tokyo() -> tuple[Program, Frame]:
    """Tokyo's program and zero-emission frame with brackets in every name printed."""
    base = frame(TOKYO, "zero-emission")
    categories = [c.model_copy(update={"name": f"{c.name}{MARKUP}"}) for c in base.categories]
    named = base.model_copy(update={"name": f"枠{MARKUP}", "categories": categories})
    source = program(TOKYO)
    return source.model_copy(update={"name": f"事業{MARKUP}", "frames": [named]}), named


def _printed(draw: Callable[[Console], None]) -> str:
    console = Console(record=True, width=240, color_system=None)
    draw(console)
    return console.export_text()


def test_names_with_brackets_print_as_written() -> None:
    tokyo, zero = _bracketed_tokyo()
    checks = check_company([tokyo], company())
    assert f"事業{MARKUP}" in _printed(lambda c: check_table(c, checks))
    assert f"枠{MARKUP}" in _printed(lambda c: check_detail(c, checks[0]))
    result = estimate(tokyo, zero, company(), plan())
    shown = _printed(lambda c: estimate_detail(c, result))
    assert f"事業{MARKUP}／枠{MARKUP}" in shown
    assert MARKUP in shown.split("計算の内訳")[1]  # a category name in the computation
