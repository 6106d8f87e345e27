"""Area criteria: where the company must be, by prefecture, 振興局 area or municipality.

The head office is placed by its prefecture and, when given, its municipality; a branch
by its prefecture only (the company file asks no branch's town), so an area of towns
leaves such a branch 要確認.
"""

from __future__ import annotations

from typing import Literal

from hojokin.catalog.criteria import AreaTest
from hojokin.ja import areas
from hojokin.ja.prefectures import PREFECTURES
from hojokin.rules.expr import TRUE, And, Compare, Expr, InSet, MaskAny, Or, Unknown, evaluate
from hojokin.rules.requirements import (
    Area,
    AreaRequired,
    AreaShown,
    Nationwide,
    NoticeShown,
    OfficesShown,
    Shown,
)
from hojokin.rules.rule import Compiled, Row
from hojokin.rules.rule_columns import BRANCHES, HEAD_OFFICE, MUNICIPALITY, OFFICES, OPENING_NOTICE


def _offices(row: Row) -> OfficesShown:
    head = row.get(HEAD_OFFICE)
    head_name = PREFECTURES[head - 1] if head else None
    names = [p for i, p in enumerate(PREFECTURES, start=1) if (row.get(OFFICES, 0) >> (i - 1)) & 1]
    return OfficesShown(head_name, tuple(p for p in names if p != head_name))


def area_rule(test: AreaTest) -> Compiled:
    """Inside any of the areas, by the place the text tests; 要確認 where our data cannot
    place the company (a head office's municipality not given, a branch's town)."""
    if test.nationwide:
        return TRUE, Nationwide(), _offices
    anywhere = test.of == "any_office"
    pref_codes = tuple(PREFECTURES.index(p) + 1 for p in test.prefectures)
    places: list[Expr] = []
    if pref_codes:
        places.append(_in_prefectures(pref_codes, anywhere))
    if test.subprefectures:
        members = tuple(n for s in test.subprefectures for n in areas.subprefecture_members(s))
        places.append(_in_municipalities(areas.SUBPREFECTURE_PREFECTURE, members, anywhere))
    towns = [areas.municipality(code) for code in test.municipalities]
    for town in towns:
        places.append(_in_municipalities(town.prefecture_code, areas.within(town), anywhere))
    expr: Expr = places[0] if len(places) == 1 else Or(tuple(places))
    area = Area(tuple(test.prefectures), tuple(test.subprefectures), tuple(t.label for t in towns))
    by_notice = test.sole_proprietor_by_opening_notice
    if by_notice:
        sole = Compare("legal_form", "==", "sole_proprietor")
        notice = And((sole, InSet(OPENING_NOTICE, pref_codes)))
        expr = Or((And((Compare("legal_form", "!=", "sole_proprietor"), expr)), notice))
    # the prefectures whose areas the head office's municipality decides
    below = {t.prefecture_code for t in towns}
    below |= {areas.SUBPREFECTURE_PREFECTURE} if test.subprefectures else set()
    with_subprefecture = bool(test.subprefectures)

    def shows(row: Row) -> Shown:
        if by_notice and row.get("legal_form") == "sole_proprietor":
            filed = row.get(OPENING_NOTICE)
            where = None if filed is None else PREFECTURES[filed - 1]
            return NoticeShown(where, area, filed in pref_codes)
        town = row.get(MUNICIPALITY)
        truth = evaluate(expr, row)
        undecided: Literal["town_not_given", "branch_town"] | None = None
        if truth is None and town is None and row.get(HEAD_OFFICE) in below:
            undecided = "town_not_given"
        elif truth is None and below:  # a branch in the prefecture, whose town is not asked
            undecided = "branch_town"
        return AreaShown(_offices(row), town, with_subprefecture, area, truth, undecided)

    return expr, AreaRequired(area, anywhere, by_notice), shows


def _in_municipalities(prefecture: int, codes: tuple[int, ...], anywhere: bool) -> Expr:
    """The head office is in one of the municipalities `codes` of `prefecture`.

    Only the head office's municipality is asked: for 本店又は支店, a branch in that
    prefecture may be in the area, so such a company is 要確認 unless its head office
    already is; a company with no office in the prefecture is outside."""
    head: Expr = And((InSet(HEAD_OFFICE, (prefecture,)), InSet(MUNICIPALITY, codes)))
    if not anywhere:
        return head
    return Or((head, And((MaskAny(BRANCHES, 1 << (prefecture - 1)), Unknown()))))


def _in_prefectures(codes: tuple[int, ...], anywhere: bool) -> Expr:
    if not anywhere:
        return InSet(HEAD_OFFICE, codes)
    mask = 0
    for code in codes:
        mask |= 1 << (code - 1)
    return MaskAny(OFFICES, mask)
