"""The grant steps give the same yen for one company and over a table, on random frames.

The seed catalog's frames are compared in test_screen_plans; here frames are drawn at
random from every term the schema allows (variants by fact, rates, caps, floors, fixed
amounts, cap multipliers, category caps replaced by variants, share limits up to 1,
per-year caps, support periods, fixed-only frames), all screened in one shared query as
`hojokin screen` does, so that frames sharing kept columns are compared too.
"""

from __future__ import annotations

import random
from typing import Any

import polars as pl
import pytest

from hojokin.catalog.schema import Frame, Program
from hojokin.rules.amounts import compute_amount
from hojokin.rules.plan import Plan, PlanYear
from hojokin.rules.screen_amounts import ColumnArith, category_column, grant_columns
from hojokin.rules.terms import resolve_terms
from tests.rules.examples import program

CITE = {"doc": "x.txt", "lines": 1, "quote": "q"}
CATEGORIES = ["a", "b", "c", "d"]
FACTS = ["f1", "f2"]
RATES = ["1/2", "2/3", "3/4", "1/3", "1", "9/10"]


def _money(rng: random.Random, high: int = 10**7) -> dict[str, Any]:
    return {"yen": rng.randrange(high), "cite": CITE}


def _when(rng: random.Random) -> dict[str, Any]:
    return {"facts": {rng.choice(FACTS): rng.choice([True, False])}}


def _caps(rng: random.Random, n: int) -> list[dict[str, Any]]:
    return [
        {"categories": rng.sample(CATEGORIES, rng.randrange(1, 3)), "yen": rng.randrange(10**7)}
        | {"per_year": True, "cite": CITE}
        for _ in range(n)
    ]


def random_frame(rng: random.Random) -> dict[str, Any]:
    frame: dict[str, Any] = {"id": "f", "name": "f"}
    if rng.random() < 0.15:  # paid only as fixed amounts by variant
        n = rng.randrange(1, 4)
        frame["variants"] = [
            {"label": f"v{i}", "when": _when(rng), "fixed": _money(rng)} for i in range(n)
        ]
        return frame
    for name, chance in (("cap", 0.6), ("floor", 0.4), ("fixed", 0.1)):
        if rng.random() < chance:
            frame[name] = _money(rng, 10**6 if name == "floor" else 10**7)
    if rng.random() < 0.8:
        frame["rate"] = {"value": rng.choice(RATES), "cite": CITE}
    if rng.random() < 0.8:
        frame["categories"] = [{"id": c, "name": c, "cite": CITE} for c in CATEGORIES]
        if rng.random() < 0.6:
            frame["category_caps"] = _caps(rng, rng.randrange(1, 3))
        if rng.random() < 0.7:
            pool = rng.sample(CATEGORIES, len(CATEGORIES))
            frame["share_limits"] = [
                {"categories": group, "max_share": rng.choice(["1/5", "1/4", "1/2", "9/10", "1"])}
                | {"per_year": True, "cite": CITE}
                for group in (pool[:1], pool[1:3])[: rng.randrange(1, 3)]
            ]
    if rng.random() < 0.5:
        years = rng.sample([1, 2, 3], rng.randrange(1, 3))
        frame["per_year_caps"] = [
            {"from_year": y, "yen": rng.randrange(10**7), "cite": CITE} for y in years
        ]
    if rng.random() < 0.5:
        start = rng.randrange(2020, 2026)
        end = start + rng.randrange(1, 4)  # 年度 end on March 31 of a later year
        frame["support_period"] = {"start": f"{start}-04-01", "end": f"{end}-03-31", "cite": CITE}
    frame["variants"] = [_variant(rng, i, "categories" in frame) for i in range(rng.randrange(4))]
    return frame


def _variant(rng: random.Random, i: int, categories: bool) -> dict[str, Any]:
    variant: dict[str, Any] = {"label": f"v{i}", "when": _when(rng)}
    if rng.random() < 0.3:
        variant["rate"] = {"value": rng.choice(RATES), "cite": CITE}
    for name, chance in (("cap", 0.3), ("floor", 0.2), ("fixed", 0.1)):
        if rng.random() < chance:
            variant[name] = _money(rng, 10**6 if name == "floor" else 10**7)
    if rng.random() < 0.3:
        variant["cap_multiplier"] = {"value": rng.choice(["3/2", "2", "1/2"]), "cite": CITE}
    if categories and rng.random() < 0.4:
        variant["category_caps"] = _caps(rng, 1)
    return variant


def random_rows(rng: random.Random, n: int) -> pl.DataFrame:
    rows = []
    for _ in range(n):
        row: dict[str, Any] = {"plan_first_fy": rng.randrange(2019, 2029)}
        row |= {f"fact_{f}": rng.choice([True, False, None]) for f in FACTS}
        row |= {
            category_column(c): rng.choice([0, rng.randrange(10**6), rng.randrange(10**8)])
            for c in CATEGORIES
        }
        rows.append(row)
    schema = {"plan_first_fy": pl.Int64} | {f"fact_{f}": pl.Boolean for f in FACTS}
    return pl.DataFrame(rows, schema=schema | {category_column(c): pl.Int64 for c in CATEGORIES})


def one_company(prog: Program, frame: Frame, row: dict[str, Any]) -> tuple[Any, ...]:
    expenses = {c: row[category_column(c)] for c in CATEGORIES}
    year = PlanYear(
        fiscal_year=row["plan_first_fy"],
        expenses=expenses if frame.categories else {},
        eligible_expenses_yen=None if frame.categories else sum(expenses.values()),
    )
    amount = compute_amount(prog, frame, resolve_terms(frame, row), Plan(years=[year]))
    met = None if amount.undecided else amount.refused is None
    below = amount.below_floor is not None
    return amount.grant_yen, below, met, amount.eligible_expenses_yen


@pytest.mark.parametrize("seed", range(4))
def test_random_frames_give_the_same_yen_both_ways(seed: int) -> None:
    rng = random.Random(seed)
    frames = [Frame.model_validate(random_frame(rng)) for _ in range(30)]
    table = random_rows(rng, 40)
    ar = ColumnArith(set(table.columns))
    outputs = []
    for i, frame in enumerate(frames):
        grant = grant_columns(frame, ar)
        outputs += [
            grant.grant_yen.alias(f"grant{i}"),
            grant.below_floor.alias(f"below{i}"),
            grant.fixed_met.alias(f"met{i}"),
            grant.eligible_expenses_yen.alias(f"expenses{i}"),
        ]
    batch = ar.collect(table, outputs)
    # a grant program without a wage table: only the frame's terms matter here
    prog = program("toyama-beyond-corona")
    for row, out in zip(table.iter_rows(named=True), batch.iter_rows(named=True), strict=True):
        for i, frame in enumerate(frames):
            columns = (out[f"grant{i}"], out[f"below{i}"], out[f"met{i}"], out[f"expenses{i}"])
            assert columns == one_company(prog, frame, row), (seed, i, row)


def test_a_variant_rate_with_the_frame_rates_numerator() -> None:
    # 1/2 → 1/3 for some rows: the numerator is one constant, the denominator is not
    frame = Frame.model_validate(
        random_frame(random.Random(0))
        | {"rate": {"value": "1/2", "cite": CITE}, "categories": [], "share_limits": []}
        | {
            "variants": [
                {
                    "label": "v",
                    "when": {"facts": {"f1": True}},
                    "rate": {"value": "1/3", "cite": CITE},
                }
            ]
        }
    )
    table = random_rows(random.Random(1), 5)
    ar = ColumnArith(set(table.columns))
    grants = ar.collect(table, [grant_columns(frame, ar).grant_yen]).to_series().to_list()
    prog = program("toyama-beyond-corona")
    assert grants == [one_company(prog, frame, row)[0] for row in table.iter_rows(named=True)]


def test_a_share_limit_over_categories_the_table_lacks() -> None:
    # no plan column of its category: every request is a constant, the descent still
    # gives one value per row
    frame = Frame.model_validate(
        {"id": "f", "name": "f", "cap": {"yen": 100, "cite": CITE}}
        | {"categories": [{"id": "z", "name": "z", "cite": CITE}]}
        | {"share_limits": [{"categories": ["z"], "max_share": "1/2", "cite": CITE}]}
    )
    table = pl.DataFrame({"plan_first_fy": [2024, 2025, 2026], "plan_a_yen": [1, 2, 3]})
    ar = ColumnArith(set(table.columns))
    grants = ar.collect(table, [grant_columns(frame, ar).grant_yen]).to_series()
    assert grants.to_list() == [0, 0, 0]
