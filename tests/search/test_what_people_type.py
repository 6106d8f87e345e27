"""Issue 15's table: the queries a business owner types first, on every test database.

Each expectation is read off the catalog (kinds, prefectures, names), so the tests say
what the owner expects, not what the engine happened to return."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Text
from hojokin.search import build, facets
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery

MONEY = ("subsidy", "grant")


def ids(engine: Engine, text: str) -> list[str]:
    with engine.connect() as conn:
        return search(conn, ProgramQuery(text=text, limit=100)).ids


def _money(catalog: Catalog, prefecture: str | None = None) -> set[str]:
    return {
        p.id
        for p in catalog
        if p.kind in MONEY and (prefecture is None or p.prefecture == prefecture)
    }


def test_toyama_subsidies_are_toyamas_grant_and_subsidy_programs(
    seed_db: Engine, seed_catalog: Catalog
) -> None:
    expected = _money(seed_catalog, "富山県")
    assert len(expected) == 21
    assert set(ids(seed_db, "富山 補助金")) == expected
    assert set(ids(seed_db, "富山補助金")) == expected  # typed without a space


def test_hojokin_finds_every_subsidy_and_grant_first(
    seed_db: Engine, seed_catalog: Catalog
) -> None:
    expected = _money(seed_catalog)
    assert len(expected) == 42
    assert set(ids(seed_db, "補助金")[:42]) == expected


def test_joseikin_finds_every_grant_and_subsidy(seed_db: Engine, seed_catalog: Catalog) -> None:
    found = ids(seed_db, "助成金")
    toyama_grants = {p.id for p in seed_catalog if p.kind == "grant" and p.prefecture == "富山県"}
    assert len(toyama_grants) == 19
    assert toyama_grants <= set(found)
    assert _money(seed_catalog) <= set(found)


def test_tokyo_joseikin_is_the_zero_emission_subsidy(seed_db: Engine) -> None:
    assert ids(seed_db, "東京 助成金")[0] == "tokyo-zeroemi-innovation"


def test_a_reading_finds_the_hanro_kaitaku_programs(seed_db: Engine, seed_catalog: Catalog) -> None:
    named = {p.id for p in seed_catalog if "販路開拓" in p.name}
    assert len(named) == 4
    assert set(ids(seed_db, "はんろかいたく")[:4]) == named


def test_it_donyu_lists_programs_about_it_first(seed_db: Engine, seed_catalog: Catalog) -> None:
    # The IT programs of the catalog are named IoT・AI…, 情報化…; a program tagged
    # 「設備整備・IT導入をしたい」 for its solar panels is not one of them.
    about_it = re.compile("IoT|ＩｏＴ|情報化|IT|ＩＴ|デジタル|DX")
    found = ids(seed_db, "IT導入")
    assert about_it.search(seed_catalog.programs[found[0]].name)
    assert "hokkaido-chiiki-shutai-shin-ene-donyu-shien" not in found[:3]


@pytest.mark.parametrize(
    ("query", "prefecture"),
    [("道内", "北海道"), ("都内", "東京都"), ("とやま", "富山県"), ("富山", "富山県")],
)
def test_places_find_their_programs_first(
    seed_db: Engine, seed_catalog: Catalog, query: str, prefecture: str
) -> None:
    there = {p.id for p in seed_catalog if p.prefecture == prefecture}
    assert set(ids(seed_db, query)[: len(there)]) == there


def test_a_subprefecture_by_its_kannai_name(seed_db: Engine, seed_catalog: Catalog) -> None:
    # 石狩管内 is how Hokkaido writes 石狩振興局's area; programs limited to it come first.
    ishikari = {
        p.id
        for p in seed_catalog
        for c in p.eligibility
        if c.area and "石狩振興局" in c.area.subprefectures
    }
    assert ishikari and set(ids(seed_db, "石狩管内")[: len(ishikari)]) == ishikari


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("融資", "loan"),
        ("貸付", "loan"),
        ("専門家派遣", "expert_dispatch"),
        ("セミナー", "seminar"),
        ("商談会", "matching"),
        ("マッチング", "matching"),
        ("情報提供", "information"),
        ("産学官連携", "research"),
        ("総合支援", "comprehensive"),
    ],
)
def test_kind_words_find_programs_of_that_kind(
    seed_db: Engine, seed_catalog: Catalog, query: str, kind: str
) -> None:
    of_kind = {p.id for p in seed_catalog if p.kind == kind}
    assert of_kind and of_kind <= set(ids(seed_db, query))


def test_a_subprefecture_finds_the_programs_for_its_towns(
    seed_db: Engine, seed_catalog: Catalog
) -> None:
    # 札幌市 is in 石狩管内: a program for 「札幌市内の飲食店等」 is one for the area, found
    # after the programs whose criteria limit them to it.
    ishikari = {
        p.id
        for p in seed_catalog
        for c in p.eligibility
        if c.area and "石狩振興局" in c.area.subprefectures
    }
    sapporo = {
        p.id
        for p in seed_catalog
        if p.prefecture == "北海道"
        for f in p.frames
        for t in f.targets
        if "札幌市" in t.text
    }
    found = ids(seed_db, "石狩管内")
    assert sapporo and sapporo.isdisjoint(ishikari)
    assert set(found[len(ishikari) : len(ishikari) + len(sapporo)]) == sapporo


def test_a_town_named_outside_hokkaido_gives_no_subprefecture(seed_catalog: Catalog) -> None:
    # Only 北海道 has 振興局: a Toyama program naming 札幌市 in a target is no 石狩 program.
    program = seed_catalog.programs["toyama-madoguchi-sodan"]
    frame = program.frames[0]
    target = frame.targets[0] if frame.targets else None
    assert target is None or "札幌市" not in target.text
    named = program.model_copy(
        update={
            "frames": [
                frame.model_copy(
                    update={"targets": [Text(text="札幌市内の事業者", cite=program.source)]},
                )
            ]
        }
    )
    assert "石狩管内" not in facets.search_texts(named).mid
    hokkaido = named.model_copy(update={"prefecture": "北海道"})
    assert "石狩管内" in facets.search_texts(hokkaido).mid


def test_an_umbrellas_name_finds_its_parts(seed_db: Engine, seed_catalog: Catalog) -> None:
    # 中小企業経営革新支援事業 is a comprehensive program (its support is its sub-programs):
    # 経営革新 finds it first, then its parts (窓口相談, 専門家派遣, よろず支援拠点 …),
    # whose own texts do not say 経営革新.
    umbrella = "toyama-keiei-kakushin-shien"
    assert seed_catalog.programs[umbrella].kind == "comprehensive"
    parts = {p.id for p in seed_catalog if p.parent == umbrella}
    found = ids(seed_db, "経営革新")
    assert found[0] == umbrella
    assert {"toyama-madoguchi-sodan", "toyama-senmonka-haken"} <= parts <= set(found)


def test_only_a_comprehensive_parent_lends_its_name(seed_catalog: Catalog) -> None:
    # The challenge fund is a grant of its own (a ファンド's yield pays it), not a bundle of
    # kinds of support: its calls keep their own texts.
    names = build.umbrellas(seed_catalog)
    assert "toyama-keiei-kakushin-shien" in names
    assert "toyama-challenge-fund" not in names
    program = seed_catalog.programs["toyama-madoguchi-sodan"]
    assert "経営革新" not in facets.search_texts(program).body
    assert "経営革新" in facets.search_texts(program, names[program.parent or ""]).body


def test_food_as_hokkaido_writes_it(seed_db: Engine, seed_catalog: Catalog) -> None:
    # 「食の海外展開促進」 is Hokkaido's food export program: 食品 finds it through 食の, after
    # the programs named for 食品 itself.
    found = ids(seed_db, "食品")
    named = [i for i in found if "食品" in seed_catalog.programs[i].name]
    assert named and set(found[: len(named)]) == set(named)
    assert "hokkaido-shoku-kaigai-tenkai-juyo-kakudai-chugoku" in found
