"""The columns of a company table (docs/company-table.md) as a file gives them: each
name with its type. `rules.company_table` reads them into the rule row, `synth.companies`
writes them; a new column is added here and read there."""

from __future__ import annotations

import polars as pl

from hojokin.catalog.vocabulary import DECLARATIONS
from hojokin.rules.rule_columns import SHARES, THEME, UNIVERSITY

COLUMNS: dict[str, pl.DataType] = {
    "id": pl.String(),
    "name": pl.String(),
    "legal_form": pl.String(),
    "industry": pl.String(),
    "capital_yen": pl.Int64(),
    "employees": pl.Int64(),
    "founded_on": pl.Date(),
    "head_office_prefecture": pl.String(),
    "branch_prefectures": pl.String(),  # `;`-separated
    "municipality": pl.String(),  # a name or a code
    "opening_notice_prefecture": pl.String(),
    # shares as written ("1/2", "0.5"), read exactly
    **{f"le_{field}": pl.String() for field in SHARES},
    UNIVERSITY: pl.String(),  # the letters, e.g. アウ
    THEME: pl.Int64(),
    **{name: pl.Boolean() for name in DECLARATIONS},
}
# A table without one of these cannot be screened; the others have defaults.
REQUIRED = (
    "legal_form",
    "industry",
    "capital_yen",
    "employees",
    "founded_on",
    "head_office_prefecture",
)
