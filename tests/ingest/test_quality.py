"""bench/ingest.py's figures on the seed documents do not fall below what was measured."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from hojokin.catalog.loader import load_catalog

from ..conftest import CATALOG

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ingest.py"


def test_seed_figures_hold() -> None:
    spec = importlib.util.spec_from_file_location("bench_ingest", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    catalog = load_catalog(CATALOG)
    total: Counter[str] = Counter()
    for document in catalog.documents:
        total += bench.compare(catalog, document)[0]
    right = sum(total[f"{k}_right"] for k in bench.KINDS)
    wrong = sum(total[f"{k}_wrong"] for k in bench.KINDS)
    missed = sum(total[f"{k}_missed"] for k in bench.KINDS)
    assert total["invented"] == 0
    assert right / (right + wrong) >= 0.98
    assert right / (right + missed) >= 0.95
