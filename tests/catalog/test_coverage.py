"""The catalog covers every program of the seed documents."""

from __future__ import annotations

import re

import pytest

from hojokin import ja
from hojokin.catalog.loader import Catalog, load_catalog

from ..conftest import CATALOG

HOKKAIDO = "002_ad3ad815a1812ffa.txt"
TOYAMA = "000_593c9935b45937b4.txt"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def test_every_hokkaido_entry_is_a_program(catalog: Catalog) -> None:
    # 【事業名：部（課）】 entries; an entry may wrap onto the next line (lines 113-114).
    text = ja.compact((CATALOG / "documents" / HOKKAIDO).read_text(encoding="utf-8"))
    entries = set(re.findall(r"【([^【】:]+):[^【】]+】", text))
    names = {ja.compact(p.name) for p in catalog if p.source.doc == HOKKAIDO}
    assert len(entries) >= 80
    assert sorted(entries - names) == []


def test_hokkaido_programs_name_their_department(catalog: Catalog) -> None:
    for program in catalog:
        if program.source.doc == HOKKAIDO:
            assert program.department is not None, program.id
            assert ja.compact(program.department.text) in ja.compact(program.source.quote)


# Numbered headings of the Toyama plan: "7 技術開発事業", "(1) 技術開発助成事業", "① 新商品…枠".
TOYAMA_HEADING = re.compile(r"^(?:新\s*)?(?:\d{1,2} |\(\d{1,2}\) |[①-⑩] ?)\S")


def test_every_toyama_heading_is_covered(catalog: Catalog) -> None:
    lines = (CATALOG / "documents" / TOYAMA).read_text(encoding="utf-8").splitlines()
    covered: set[int] = set()
    for program in catalog:
        if program.source.doc != TOYAMA:
            continue
        covered.update(range(program.source.line_start, program.source.line_end + 1))
        for activity in program.activities:
            covered.update(range(activity.cite.line_start, activity.cite.line_end + 1))
    headings = [n for n, line in enumerate(lines, 1) if TOYAMA_HEADING.match(line)]
    assert len(headings) > 60
    assert [f"{n}: {lines[n - 1]}" for n in headings if n not in covered] == []


def test_tokyo_call_has_both_frames(catalog: Catalog) -> None:
    program = catalog.get("tokyo-zeroemi-innovation")
    assert program is not None
    assert [f.name for f in program.frames] == ["ゼロエミッション枠", "大学発ベンチャー・一般枠"]
