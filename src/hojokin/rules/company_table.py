"""A company table (CSV or Parquet, docs/company-table.md) as the rows the rules read.

The columns become those of `hojokin.rules.company_row.company_row`, computed column by
column: each distinct prefecture, share or letter string is read once in Python
and mapped over the table, so a million rows cost a few dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from hojokin.catalog.criteria import FACT_TESTS
from hojokin.catalog.facts import Fact
from hojokin.catalog.vocabulary import DECLARATIONS, INDUSTRIES, LEGAL_FORMS
from hojokin.ja.amounts import FIELD_TOO_BIG, MAX_FIELD_YEN
from hojokin.ja.areas import municipality
from hojokin.ja.errors import JaParseError
from hojokin.ja.fields import read_share
from hojokin.ja.prefectures import PREFECTURES, prefecture_code
from hojokin.rules.company_columns import REQUIRED
from hojokin.rules.company_row import (
    BRANCHES,
    FACT_PREFIX,
    HEAD_OFFICE,
    MUNICIPALITY,
    OFFICES,
    OPENING_NOTICE,
    PLAN_FIRST_FY,
    PLAN_LAST_FY,
    PLAN_PARTNER_INVESTMENT,
    PLAN_YEARS,
    SHARES,
    THEME,
    UNIVERSITY,
    letter_bit,
    prefecture_bit,
)
from hojokin.rules.screen_amounts import PLAN_ELIGIBLE, PLAN_INELIGIBLE

PLAN_YEAR = "plan_fiscal_year"


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


def _mapped(
    df: pl.DataFrame, column: str, read: Any, default: Any, dtype: pl.DataType
) -> pl.Series:
    """Each distinct text of `column` read once by `read`; a failure names the value."""
    texts = df[column].cast(pl.String).fill_null("") if column in df.columns else None
    if texts is None:
        return pl.Series(column, [default] * df.height, dtype=dtype)
    table = {}
    for text in texts.unique().to_list():
        try:
            table[text] = read(text.strip()) if text.strip() else default
        except (ValueError, JaParseError) as exc:
            bad = texts == text
            raise TableError(f"{exc}: {_where(df, bad, column)}") from None
    return texts.replace_strict(table, return_dtype=dtype)


def _one_of(df: pl.DataFrame, column: str, allowed: tuple[str, ...]) -> pl.Series:
    """A code column, as an Enum: the rules compare its codes as small integers."""
    codes = _typed(df, column, pl.String()).cast(pl.Enum(allowed), strict=False)
    bad = codes.is_null()
    if bad.any():
        raise TableError(f"must be one of {', '.join(allowed)}: {_where(df, bad, column)}")
    return codes


def _prefecture_bits(df: pl.DataFrame, column: str) -> pl.Series:
    """A `;`-separated list of prefectures as the bit set of their codes. Each distinct name
    is read once: a million rows hold thousands of lists but only 47 prefectures."""
    if column not in df.columns:
        return pl.Series(column, [0] * df.height, dtype=pl.Int64())
    parts = df[column].cast(pl.String).fill_null("").str.strip_chars().str.split(";")
    table = {"": 0}
    for name in parts.explode().drop_nulls().unique().to_list():
        if name in table:
            continue
        try:
            table[name] = prefecture_bit(name)
        except (ValueError, JaParseError) as exc:
            bad = parts.list.contains(name)
            raise TableError(f"{exc}: {_where(df, bad, column)}") from None
    bits = parts.list.eval(pl.element().replace_strict(table, return_dtype=pl.Int64()))
    return bits.list.unique().list.sum().cast(pl.Int64())


def _mask(read_bit: Any, parts: list[str]) -> int:
    mask = 0
    for part in parts:
        mask |= read_bit(part)
    return mask


def rule_frame(df: pl.DataFrame, facts: Mapping[str, Fact]) -> pl.DataFrame:
    """The rule columns of every company in `df`; raises TableError naming a bad cell.

    `facts` is the catalog's vocabulary: each `fact_<name>` column is typed by it."""
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise TableError(f"required columns missing: {', '.join(missing)}")
    head = _mapped(df, "head_office_prefecture", prefecture_code, None, pl.Int64())
    if head.is_null().any():
        raise TableError(f"empty value: {_where(df, head.is_null(), 'head_office_prefecture')}")
    head_bit = head.replace_strict({c: 1 << (c - 1) for c in range(1, 48)}, return_dtype=pl.Int64)
    branches = _prefecture_bits(df, "branch_prefectures")
    columns: dict[str, pl.Series] = {
        "legal_form": _one_of(df, "legal_form", LEGAL_FORMS),
        MUNICIPALITY: _municipalities(df, head),
        OPENING_NOTICE: _mapped(df, "opening_notice_prefecture", prefecture_code, None, pl.Int64()),
        "industry": _one_of(df, "industry", INDUSTRIES),
        "capital_yen": _check_yen(df, "capital_yen", _typed(df, "capital_yen", pl.Int64())),
        "employees": _typed(df, "employees", pl.Int64()),
        "founded_on": _typed(df, "founded_on", pl.Date()),
        HEAD_OFFICE: head,
        OFFICES: branches | head_bit,
        BRANCHES: branches,
        UNIVERSITY: _mapped(
            df, "university_venture", lambda t: _mask(letter_bit, list(t)), 0, pl.Int64()
        ),
    }
    for field, prefix in SHARES.items():
        # each distinct text is read once and mapped once, to the number of its share;
        # share 0 is an empty cell's (none)
        shares: list[tuple[int, int]] = [(0, 1)]
        number = _mapped(
            df, f"le_{field}", lambda t, found=shares: _numbered(found, _share(t)), 0, pl.Int64()
        )
        for part, name in enumerate(("num", "den")):
            parts = {i: share[part] for i, share in enumerate(shares)}
            columns[f"{prefix}_{name}"] = number.replace_strict(parts, return_dtype=pl.Int64)
    theme = _typed(df, THEME, pl.Int64(), default=0)
    if ((theme < 0) | (theme > 9)).any():
        raise TableError(f"theme must be 1-9: {_where(df, (theme < 0) | (theme > 9), THEME)}")
    columns[THEME] = theme.replace(0, None)
    for name in DECLARATIONS:
        columns[name] = _typed(df, name, pl.Boolean(), default=False)
    for name in df.columns:
        if not name.startswith(FACT_PREFIX):
            continue
        fact = name.removeprefix(FACT_PREFIX)
        if fact in FACT_TESTS:
            # one column for each: the table's own (unanswered is none, as in company files)
            raise TableError(f"column {name}: give it as column {fact}")
        columns[name] = _fact(df, name, facts.get(fact))
    if any(name.startswith("plan_") for name in df.columns):
        columns |= _plan(df)
    return pl.DataFrame({k: v.alias(k) for k, v in columns.items()})


def _municipalities(df: pl.DataFrame, head: pl.Series) -> pl.Series:
    """The head office's municipality (code or name) as its 5-digit code; empty: unknown.

    A name is read within the row's prefecture, so 府中市 is the one of its head office;
    each distinct (name, prefecture) pair is read once."""
    if "municipality" not in df.columns:
        return pl.Series(MUNICIPALITY, [None] * df.height, dtype=pl.Int64())
    texts = df["municipality"].cast(pl.String).str.strip_chars().fill_null("")
    keys = texts + "\t" + head.cast(pl.String)
    table: dict[str, int | None] = {}
    for key in keys.unique().to_list():
        text, code = key.split("\t")
        if not text:
            table[key] = None
            continue
        try:
            table[key] = municipality(text, PREFECTURES[int(code) - 1]).number
        except JaParseError as exc:
            raise TableError(f"{exc}: {_where(df, keys == key, 'municipality')}") from None
    return keys.replace_strict(table, return_dtype=pl.Int64()).alias(MUNICIPALITY)


def _plan(df: pl.DataFrame) -> dict[str, pl.Series]:
    """A one-year plan per row: its fiscal year and its yen columns (docs/company-table.md)."""
    names = [n for n in df.columns if n.startswith("plan_") and n != PLAN_YEAR]
    odd = [n for n in names if not n.endswith("_yen")]
    if odd:
        raise TableError(f"unknown plan columns (plan_fiscal_year, plan_…_yen): {', '.join(odd)}")
    year = _typed(df, PLAN_YEAR, pl.Int64())
    outside = (year < 1989) | (year > 2100)
    if outside.any():
        raise TableError(f"not a fiscal year: {_where(df, outside, PLAN_YEAR)}")
    columns = {PLAN_FIRST_FY: year, PLAN_LAST_FY: year, PLAN_YEARS: year * 0 + 1}
    for name in names:
        # an empty total means "add up the category columns"; an empty category is 0 yen
        yen = _typed(
            df, name, pl.Int64(), default=None if name == PLAN_ELIGIBLE else 0, empty_ok=True
        )
        _check_yen(df, name, yen)
        columns[name] = yen
    return columns


def _numbered(shares: list[tuple[int, int]], share: tuple[int, int]) -> int:
    if share not in shares:
        shares.append(share)
    return shares.index(share)


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


def _share(text: str) -> tuple[int, int]:
    share = read_share(text)
    return share.numerator, share.denominator


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
