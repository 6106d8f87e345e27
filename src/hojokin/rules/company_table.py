"""A company table (CSV or Parquet, docs/company-table.md) as the rows the rules read.

The table's columns are the company's fields. Each is read and validated once into the
field's typed values (a prefecture's or a share's text by the Company model's own
readers, once per distinct text); then every rule column of `rules.rule_columns` maps
each distinct value through its function and spreads the results over the rows, so a
million rows cost a few lookups. A cell that cannot be read is named by column and row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from functools import reduce
from operator import or_
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl

from hojokin.catalog.criteria import FACT_TESTS
from hojokin.catalog.facts import Fact
from hojokin.catalog.vocabulary import DECLARATIONS
from hojokin.ja.amounts import FIELD_TOO_BIG, MAX_FIELD_YEN
from hojokin.ja.areas import municipality
from hojokin.ja.errors import JaParseError
from hojokin.ja.fields import read_share
from hojokin.ja.prefectures import prefecture_name
from hojokin.rules.company_columns import REQUIRED
from hojokin.rules.rule_columns import (
    COMPANY_COLUMNS,
    FACT_PREFIX,
    MUNICIPALITY,
    PLAN_COLUMNS,
    PLAN_PARTNER_INVESTMENT,
    PLAN_YEAR,
    SHARES,
    THEME,
    UNIVERSITY,
    BitUnion,
    RuleColumn,
)
from hojokin.rules.screen_amounts import PLAN_ELIGIBLE, PLAN_INELIGIBLE


class TableError(ValueError):
    """A company table that cannot be screened; the message names column, row and value."""


def read_companies(path: Path) -> pl.DataFrame:
    try:
        if path.suffix == ".parquet":
            return pl.read_parquet(path)
        if path.suffix == ".csv":
            return pl.read_csv(path, infer_schema=False)  # every column as text; typed below
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise TableError(f"cannot read ({exc})") from None
    raise TableError("the company table must be .csv or .parquet")


_SHOWN_CHARS = 40
# What a cell of each column type must hold, in the words of the error message.
_KINDS = {
    "Int64": "整数",
    "Boolean": "真偽値（true/false、yes/no、1/0）",
    "Date": "日付（YYYY-MM-DD）",
}


def _where(df: pl.DataFrame, bad: pl.Series, column: str) -> str:
    row = int(bad.arg_true()[0])
    value = df[column][row]
    # A 5,000-character cell would bury the message; the start is enough to find it.
    if isinstance(value, str) and len(value) > _SHOWN_CHARS:
        value = value[: _SHOWN_CHARS - 1] + "…"
    return f"column {column}, row {row + 1}: {value!r}"


def _typed(
    df: pl.DataFrame, column: str, dtype: pl.DataType, default: Any = None, empty_ok: bool = False
) -> pl.Series:
    if column not in df.columns:
        if default is None and not empty_ok:
            raise TableError(f"column {column} is missing")
        return pl.Series(column, [default] * df.height, dtype=dtype)
    raw = df[column]
    if raw.dtype == pl.String:
        raw = raw.str.strip_chars()
        raw = raw.replace("", None)
    if raw.dtype == dtype:  # a typed column (Parquet) holds what it says: no cell to check
        typed = raw
    elif dtype == pl.Boolean and raw.dtype == pl.String:
        typed = _truth(raw)
    elif dtype == pl.Date and raw.dtype == pl.String:
        typed = raw.str.to_date("%Y-%m-%d", strict=False)
    else:
        typed = raw.cast(dtype, strict=False)
    if typed is not raw:
        bad = typed.is_null() & raw.is_not_null()
        if bad.any():
            kind = _KINDS.get(str(dtype), str(dtype))
            raise TableError(f"{kind}として読めません: {_where(df, bad, column)}")
    if default is not None:
        typed = typed.fill_null(default)
    elif typed.is_null().any() and not empty_ok:
        raise TableError(f"empty value: {_where(df, typed.is_null(), column)}")
    return typed


def _truth(texts: pl.Series) -> pl.Series:
    truth = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
    return texts.str.to_lowercase().replace_strict(truth, default=None, return_dtype=pl.Boolean)


def _fact(df: pl.DataFrame, column: str, fact: Fact | None) -> pl.Series:
    """A fact column typed as facts.yaml declares it; a cell that does not fit is named."""
    if fact is None:
        name = column.removeprefix(FACT_PREFIX)
        raise TableError(f"column {column}: {name!r} is not a fact of catalog/facts.yaml")
    if fact.type == "boolean":
        return _typed(df, column, pl.Boolean(), empty_ok=True)
    if fact.type == "integer":
        return _typed(df, column, pl.Int64(), empty_ok=True)
    values = _typed(df, column, pl.String(), empty_ok=True)
    bad = ~values.is_in(list(fact.choices)) & values.is_not_null()
    if bad.any():
        raise TableError(f"must be one of {', '.join(fact.choices)}: {_where(df, bad, column)}")
    return values


class _Distinct(NamedTuple):
    """A field as its distinct typed values and each row's position among them."""

    values: list[Any]
    rows: pl.Series  # each row's position in `values`


def _distinct(df: pl.DataFrame, column: str, read: Callable[[str], Any], empty: Any) -> _Distinct:
    """Each distinct text of `column` read once by `read` (an empty cell: `empty`, or
    refused in a required column); a failure names the value."""
    if column not in df.columns:
        return _Distinct([empty], pl.repeat(0, df.height, dtype=pl.UInt32, eager=True))
    texts = df[column].cast(pl.String).fill_null("")
    distinct = texts.unique(maintain_order=True)
    values = []
    for text in distinct.to_list():
        try:
            values.append(read(text.strip()) if text.strip() else empty)
        except (ValueError, JaParseError) as exc:
            raise TableError(f"{exc}: {_where(df, texts == text, column)}") from None
    if column in REQUIRED and empty in values:
        raise TableError(f"empty value: {_where(df, texts.str.strip_chars() == '', column)}")
    return _Distinct(values, _positions(texts, distinct))


def _positions(column: pl.Series, distinct: pl.Series) -> pl.Series:
    positions = pl.int_range(distinct.len(), dtype=pl.UInt32, eager=True)
    return column.replace_strict(distinct, positions, return_dtype=pl.UInt32)


def _mapped(df: pl.DataFrame, column: RuleColumn, field: _Distinct) -> pl.Series:
    """The column's function of each distinct value, spread over the rows."""
    out = []
    for position, value in enumerate(field.values):
        try:
            out.append(value if column.value is None else column.value(value))
        except (ValueError, JaParseError) as exc:
            bad = field.rows == position
            raise TableError(f"{exc}: {_where(df, bad, column.field)}") from None
    return pl.Series(column.name, out, dtype=column.dtype).gather(field.rows)


def _bits_of_each(df: pl.DataFrame, column: RuleColumn, read: Callable[[str], Any]) -> pl.Series:
    """A `;`-separated list field as the union of each element's bit: each distinct
    element is read once (a million rows hold a million lists but 47 prefectures)."""
    assert column.each is not None
    if column.field not in df.columns:
        return pl.repeat(0, df.height, dtype=pl.Int64, eager=True).alias(column.name)
    cells = df[column.field].cast(pl.String).fill_null("").str.strip_chars()
    parts = cells.str.split(";")
    bits = {"": 0}
    for element in parts.explode().drop_nulls().unique().to_list():
        if element in bits:
            continue
        try:
            bits[element] = column.each(read(element))
        except (ValueError, JaParseError) as exc:
            bad = parts.list.contains(element)
            raise TableError(f"{exc}: {_where(df, bad, column.field)}") from None
    mapped = parts.list.eval(pl.element().replace_strict(bits, return_dtype=pl.Int64()))
    return mapped.list.unique().list.sum().cast(pl.Int64).alias(column.name)


# The elements of list fields, read by the Company model's own reader.
_ELEMENTS: dict[str, Callable[[str], Any]] = {"branch_prefectures": prefecture_name}


# Fields read per distinct text, by the Company model's own readers (its Prefecture's,
# its Share's; the letters are checked by the column's function), with an empty cell's value.
_TEXT_FIELDS: dict[str, tuple[Callable[[str], Any], Any]] = {
    "head_office_prefecture": (prefecture_name, None),
    "opening_notice_prefecture": (prefecture_name, None),
    UNIVERSITY: (list, []),
    **{f"le_{field}": (read_share, Fraction(0)) for field in SHARES},
}


class _Fields:
    """The table's fields, each read once however many rule columns read it, and the
    columns computed (a bit union's parts are columns too)."""

    def __init__(self, df: pl.DataFrame) -> None:
        self.df = df
        self.read: dict[str, pl.Series | _Distinct] = {}
        self.done: dict[str, pl.Series] = {}

    def column(self, column: RuleColumn | BitUnion) -> pl.Series:
        if column.name not in self.done:
            self.done[column.name] = self._column(column)
        return self.done[column.name]

    def _column(self, column: RuleColumn | BitUnion) -> pl.Series:
        if isinstance(column, BitUnion):
            return reduce(or_, map(self.column, column.parts)).alias(column.name)
        if column.each is not None:
            return _bits_of_each(self.df, column, _ELEMENTS[column.field])
        if column.field not in self.read:
            self.read[column.field] = self._field(column.field, column.dtype)
        field = self.read[column.field]
        if isinstance(field, _Distinct):
            return _mapped(self.df, column, field)
        return field.alias(column.name)  # a field read whole holds the column's values

    def _field(self, name: str, dtype: pl.DataType) -> pl.Series | _Distinct:
        df = self.df
        if name in _TEXT_FIELDS:
            return _distinct(df, name, *_TEXT_FIELDS[name])
        if name == MUNICIPALITY:
            head = self.read["head_office_prefecture"]
            assert isinstance(head, _Distinct)
            return _municipalities(df, head)
        if isinstance(dtype, pl.Enum):
            return _one_of(df, name, dtype)
        if name == THEME:
            return _theme(df)
        if name in DECLARATIONS:
            return _typed(df, name, dtype, default=False)
        if name == PLAN_YEAR:
            return _plan_years(df)
        typed = _typed(df, name, dtype)
        return _check_yen(df, name, typed) if name == "capital_yen" else typed


def _one_of(df: pl.DataFrame, column: str, dtype: pl.Enum) -> pl.Series:
    """A code column, as an Enum: the rules compare its codes as small integers."""
    codes = _typed(df, column, pl.String()).cast(dtype, strict=False)
    bad = codes.is_null()
    if bad.any():
        allowed = ", ".join(dtype.categories.to_list())
        raise TableError(f"must be one of {allowed}: {_where(df, bad, column)}")
    return codes


def _theme(df: pl.DataFrame) -> pl.Series:
    """Tokyo's 技術開発テーマ 1–9; empty or 0: none."""
    theme = _typed(df, THEME, pl.Int64(), default=0)
    if ((theme < 0) | (theme > 9)).any():
        raise TableError(f"theme must be 1-9: {_where(df, (theme < 0) | (theme > 9), THEME)}")
    return theme.replace(0, None)


def rule_frame(df: pl.DataFrame, facts: Mapping[str, Fact]) -> pl.DataFrame:
    """The rule columns of every company in `df`; raises TableError naming a bad cell.

    `facts` is the catalog's vocabulary: each `fact_<name>` column is typed by it."""
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise TableError(f"required columns missing: {', '.join(missing)}")
    if df.height == 0:
        raise TableError("the table has a header but no company")
    fields = _Fields(df)
    columns = {column.name: fields.column(column) for column in COMPANY_COLUMNS}
    for name in df.columns:
        if not name.startswith(FACT_PREFIX):
            continue
        fact = name.removeprefix(FACT_PREFIX)
        if fact in FACT_TESTS:
            # one column for each: the table's own (unanswered is none, as in company files)
            raise TableError(f"column {name}: give it as column {fact}")
        columns[name] = _fact(df, name, facts.get(fact))
    if any(name.startswith("plan_") for name in df.columns):
        columns |= _plan(fields)
    return pl.DataFrame(columns)


def _municipalities(df: pl.DataFrame, head: _Distinct) -> _Distinct:
    """The head office's municipality (code or name) as its 6-digit code; empty: unknown.

    A name is read within the row's prefecture, so 府中市 is the one of its head office;
    each distinct (name, prefecture) pair is read once."""
    if "municipality" not in df.columns:
        return _Distinct([None], pl.repeat(0, df.height, dtype=pl.UInt32, eager=True))
    texts = df["municipality"].cast(pl.String).str.strip_chars().fill_null("")
    keys = texts + "\t" + head.rows.cast(pl.String)
    distinct = keys.unique(maintain_order=True)
    codes: list[str | None] = []
    for key in distinct.to_list():
        text, position = key.split("\t")
        try:
            codes.append(municipality(text, head.values[int(position)]).code if text else None)
        except JaParseError as exc:
            raise TableError(f"{exc}: {_where(df, keys == key, 'municipality')}") from None
    return _Distinct(codes, _positions(keys, distinct))


def _plan_years(df: pl.DataFrame) -> _Distinct:
    """A row's one-year plan: its fiscal years are the one of its column."""
    year = _typed(df, PLAN_YEAR, pl.Int64())
    outside = (year < 1989) | (year > 2100)
    if outside.any():
        raise TableError(f"not a fiscal year: {_where(df, outside, PLAN_YEAR)}")
    distinct = year.unique(maintain_order=True)
    return _Distinct([(y,) for y in distinct.to_list()], _positions(year, distinct))


def _plan(fields: _Fields) -> dict[str, pl.Series]:
    """A one-year plan per row: its fiscal year and its yen columns (docs/company-table.md)."""
    df = fields.df
    names = [n for n in df.columns if n.startswith("plan_") and n != PLAN_YEAR]
    odd = [n for n in names if not n.endswith("_yen")]
    if odd:
        raise TableError(f"unknown plan columns (plan_fiscal_year, plan_…_yen): {', '.join(odd)}")
    columns = {column.name: fields.column(column) for column in PLAN_COLUMNS}
    for name in names:
        # an empty total means "add up the category columns"; an empty category is 0 yen
        yen = _typed(
            df, name, pl.Int64(), default=None if name == PLAN_ELIGIBLE else 0, empty_ok=True
        )
        columns[name] = _check_yen(df, name, yen)
    return columns


def _check_yen(df: pl.DataFrame, column: str, yen: pl.Series) -> pl.Series:
    """Yen as company and plan files take them: not negative, at most 10兆円 (more is a
    typo, and the exact Int64 arithmetic of a grant stays far from overflowing)."""
    negative = (yen < 0).fill_null(False)
    if negative.any():
        raise TableError(f"negative yen: {_where(df, negative, column)}")
    too_big = (yen > MAX_FIELD_YEN).fill_null(False)
    if too_big.any():
        raise TableError(f"{FIELD_TOO_BIG}: {_where(df, too_big, column)}")
    return yen


def company_file(record: dict[str, Any]) -> dict[str, Any]:
    """One table row as the company file of docs/contract.md (for the single-company path)."""
    return {
        "name": record.get("name") or "",
        "legal_form": record["legal_form"],
        "industry": record["industry"],
        "capital_yen": record["capital_yen"],
        "employees": record["employees"],
        "founded_on": record["founded_on"],
        "head_office_prefecture": record["head_office_prefecture"],
        "branch_prefectures": [
            p for p in str(record.get("branch_prefectures") or "").split(";") if p
        ],
        "municipality": record.get("municipality") or None,
        "opening_notice_prefecture": record.get("opening_notice_prefecture") or None,
        "large_enterprise_ownership": {field: record.get(f"le_{field}") or "0" for field in SHARES},
        "university_venture": list(str(record.get("university_venture") or "")),
        "zero_emission_theme": record.get(THEME),
        "declarations": {d: bool(record.get(d)) for d in DECLARATIONS},
        "facts": {
            k.removeprefix("fact_"): v
            for k, v in record.items()
            if k.startswith("fact_") and v is not None
        },
    }


def plan_file(record: dict[str, Any]) -> dict[str, Any] | None:
    """A row's one-year plan as the plan file of docs/contract.md (None: the row has none)."""
    if record.get(PLAN_YEAR) is None:
        return None
    fixed = {PLAN_YEAR, PLAN_ELIGIBLE, PLAN_INELIGIBLE, PLAN_PARTNER_INVESTMENT}
    expenses = {
        k.removeprefix("plan_").removesuffix("_yen"): v or 0
        for k, v in record.items()
        if k.startswith("plan_") and k.endswith("_yen") and k not in fixed
    }
    return {
        "partner_investment_yen": record.get(PLAN_PARTNER_INVESTMENT) or 0,
        "ineligible_expenses_yen": record.get(PLAN_INELIGIBLE) or 0,
        "years": [
            {
                "fiscal_year": record[PLAN_YEAR],
                "expenses": expenses,
                "eligible_expenses_yen": record.get(PLAN_ELIGIBLE),
            }
        ],
    }
