"""The company table's columns are defined once (`rules.company_columns`): the reader,
the synthetic tables and docs/company-table.md agree with that definition."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from hojokin.rules.company_columns import COLUMNS, REQUIRED
from hojokin.rules.company_table import TableError, rule_frame
from hojokin.synth.companies import SCHEMA, synth_companies
from tests.rules.examples import catalog

DOC = Path(__file__).resolve().parents[2] / "docs" / "company-table.md"


def _documented() -> dict[str, bool]:
    """Each column of the document's first table, with whether it is required."""
    table = DOC.read_text(encoding="utf-8").split("## ")[0]
    found: dict[str, bool] = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`([^`]+)`", cells[0]):
            found[name] = cells[2] == "yes"
    return found


def test_the_document_lists_the_columns_and_the_required_ones() -> None:
    documented = _documented()
    documented.pop("fact_<name>")
    assert list(documented) == list(COLUMNS)
    assert [name for name, required in documented.items() if required] == list(REQUIRED)


def test_synthetic_tables_write_the_columns_with_their_types() -> None:
    table = synth_companies(20, seed=1)
    own = {name: dtype for name, dtype in table.schema.items() if name in COLUMNS}
    assert own == {name: COLUMNS[name] for name in own}
    assert [n for n in table.columns if n not in COLUMNS] == ["fact_sogyo_juku_graduate"]
    assert list(table.schema) == list(SCHEMA)


def test_a_table_typed_as_the_columns_is_read() -> None:
    table = synth_companies(5, seed=2).select(pl.exclude("fact_sogyo_juku_graduate"))
    assert rule_frame(table, catalog().facts).height == 5


def test_each_required_column_is_required() -> None:
    table = synth_companies(3, seed=3)
    for name in REQUIRED:
        try:
            rule_frame(table.drop(name), catalog().facts)
        except TableError as exc:
            assert name in str(exc)
        else:
            raise AssertionError(f"a table without {name} was read")
