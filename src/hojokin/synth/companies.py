"""A synthetic population of Japanese enterprises, as a company table (docs/company-table.md).

Each row is drawn independently from the published statistics in `hojokin.synth.stats`;
docs/synthetic-companies.md says which column follows which statistic.

Randomness is a counter-based generator written in Polars expressions (SplitMix64 over
the row number and a per-purpose key), so a row's values depend only on the seed and
its row number: not on chunking, threads, or the other rows. Every draw is materialised
as a column before the expressions that use it, because an expression reused in several
branches would otherwise be recomputed for each.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

import polars as pl

from hojokin.catalog.vocabulary import INDUSTRIES
from hojokin.ja.prefectures import PREFECTURES
from hojokin.rules.company_columns import COLUMNS
from hojokin.rules.size import THRESHOLDS
from hojokin.synth import stats

# Census size strata (小規模・中規模・大企業 of the statistics), which the draws index: not
# the catalog's size requirement or the rules' classification (catalog.vocabulary).
STRATA: Final = ("small", "medium", "large")
SHARE_VALUES: Final = ("0", "1/10", "1/4", "1/3", "1/2", "2/3", "1")

# A head office is drawn by prefecture only, so the optional columns below it are left out.
_NOT_DRAWN: Final = ("municipality", "opening_notice_prefecture")
SCHEMA: Final[dict[str, pl.DataType]] = {
    **{name: dtype for name, dtype in COLUMNS.items() if name not in _NOT_DRAWN},
    "fact_sogyo_juku_graduate": pl.Boolean(),
}

# Row kinds: enterprises the census counts (会社 and 個人事業者), and the non-profit and
# other legal forms it leaves out.
_KINDS: Final = ("business", "npo", "general_foundation", "general_association", "other")
_NAME_PREFIX: Final = {
    "corporation": "合成株式会社",
    "sole_proprietor": "合成商店",
    "npo": "特定非営利活動法人合成",
    "general_foundation": "一般財団法人合成",
    "general_association": "一般社団法人合成",
    "other": "合成協同組合",
}
_UNIVERSITY_SUBSETS: Final = ("ア", "イ", "ウ", "エ", "アイ", "アウ")
# ASSUMPTION: ア (研究成果) dominates as 研究成果ベンチャー do in METI's survey (59% in 2017).
_UNIVERSITY_WEIGHTS: Final = (0.50, 0.15, 0.10, 0.15, 0.06, 0.04)
# ASSUMPTION: holdings of the large-enterprise-owned, as weights over SHARE_VALUES.
_LE_COMBINED_WEIGHTS: Final = (0.0, 0.20, 0.15, 0.20, 0.20, 0.15, 0.10)
_LE_SINGLE_IS_COMBINED: Final = 0.6  # one large holder holds all that large holders hold
_LE_BOARD_WEIGHTS: Final = (0.50, 0.0, 0.10, 0.15, 0.15, 0.05, 0.05)
# ASSUMPTION: branch counts grow with size; the cap keeps the candidate lists short.
_MAX_BRANCHES: Final = {"small": 2, "medium": 5, "large": 15}
# ASSUMPTION: Pareto tails for employees above a floor; a medium manufacturer's median
# comes out near 40 and a large one's near 600.
_MEDIUM_PARETO_ALPHA: Final = 1.1
_MEDIUM_MAX_EMPLOYEES: Final = 2_000
_LARGE_PARETO_ALPHA: Final = 1.0
_LARGE_MAX_EMPLOYEES: Final = 100_000
_LARGE_MAX_CAPITAL_FACTOR: Final = 1_000
_DAYS_PER_YEAR: Final = 365.2425
_SOGYO_JUKU_YOUNG_DAYS: Final = 5 * 365
_SLICE_ROWS: Final = 500_000

# Appending a stream keeps every existing column of every seed unchanged.
_STREAMS: Final = (
    "kind",
    "industry",
    "size",
    "sole",
    "employees_zero",
    "employees",
    "capital_class",
    "capital_mix",
    "capital_value",
    "prefecture",
    "age",
    "branch_has",
    "branch_count",
    "le_has",
    "le_combined",
    "le_single_same",
    "le_single",
    "le_board",
    "university_has",
    "university_letters",
    "zero_emission_has",
    "zero_emission_theme",
    "tax_arrears",
    "antisocial_forces",
    "past_misconduct",
    "insolvency_proceedings",
    "same_theme_other_subsidy",
    "sogyo_juku",
)
_BRANCH_CANDIDATE_STREAM_BASE: Final = 1_000

_MASK: Final = (1 << 64) - 1
_GAMMA: Final = 0x9E3779B97F4A7C15
_MIX1: Final = 0xBF58476D1CE4E5B9
_MIX2: Final = 0x94D049BB133111EB


def synth_companies(n: int, seed: int = 0) -> pl.DataFrame:
    """`n` synthetic companies with the columns of docs/company-table.md; the same
    `n` and `seed` always give the same table."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = _Random(seed)
    width = len(str(n))
    # Rows depend only on the seed and their number, so building the table in slices
    # gives the same result while bounding the working memory to one slice.
    slices = [
        _build(rng, start, min(start + _SLICE_ROWS, n), width) for start in range(0, n, _SLICE_ROWS)
    ]
    if not slices:
        return _build(rng, 0, 0, width)
    return pl.concat(slices, rechunk=False)


def _build(rng: _Random, start: int, stop: int, width: int) -> pl.DataFrame:
    rows = pl.LazyFrame({"_row": pl.int_range(start, stop, dtype=pl.UInt64, eager=True)})
    for streams, build in _STAGES:
        rows = rng.stage(rows, streams, build())
    rows = _with_branches(rows, rng)
    rows = rows.with_columns(_identity_exprs(width))
    return rows.select(pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()).collect()


# --- Randomness ------------------------------------------------------------------------


class _Random:
    """Independent uniform streams over the rows, one per named purpose."""

    def __init__(self, seed: int) -> None:
        self._key = _mix_int(_mix_int(seed & _MASK) ^ 0x5EED)

    def stage(
        self, rows: pl.LazyFrame, streams: Sequence[str], exprs: list[pl.Expr]
    ) -> pl.LazyFrame:
        """Draws `streams` as columns, adds `exprs` (which read them through `_u`), and
        drops the draws again."""
        drawn = rows.with_columns(self.draw(s) for s in streams)
        return drawn.with_columns(exprs).drop(_u(s).meta.output_name() for s in streams)

    def draw(self, stream: str) -> pl.Expr:
        return self.uniform_at(_STREAMS.index(stream)).alias(_u(stream).meta.output_name())

    def uniform_at(self, stream: int) -> pl.Expr:
        """A Float64 in [0, 1) per row."""
        key = _mix_int(self._key + stream * _GAMMA)
        z = _mix(pl.col("_row") * _u64(_GAMMA) + _u64(key))
        return (z // _u64(1 << 11)).cast(pl.Float64) * 2.0**-53


def _u(stream: str) -> pl.Expr:
    """The drawn column of `stream` (see `_Random.stage`)."""
    return pl.col(f"_u_{stream}")


def _u64(value: int) -> pl.Expr:
    return pl.lit(value & _MASK, dtype=pl.UInt64)


def _mix_int(x: int) -> int:
    x &= _MASK
    x = ((x ^ (x >> 30)) * _MIX1) & _MASK
    x = ((x ^ (x >> 27)) * _MIX2) & _MASK
    return x ^ (x >> 31)


def _mix(x: pl.Expr) -> pl.Expr:
    # Right shifts as floor division: Polars has no shift operator for integers, and
    # unsigned floor division by a power of two is exactly a logical shift.
    x = x.xor(x // _u64(1 << 30)) * _u64(_MIX1)
    x = x.xor(x // _u64(1 << 27)) * _u64(_MIX2)
    return x.xor(x // _u64(1 << 31))


def _choice(u: pl.Expr, weights: Sequence[float]) -> pl.Expr:
    """The index (UInt32) of the category that `u` falls into under `weights`."""
    total = sum(weights)
    cumulative: list[float] = []
    acc = 0.0
    for weight in weights[:-1]:
        acc += weight
        cumulative.append(acc / total)
    return pl.lit(pl.Series(cumulative, dtype=pl.Float64)).search_sorted(u, side="right")


def _pick(values: Sequence[object], index: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    return pl.lit(pl.Series(values, dtype=dtype)).gather(index)


def _pick_float(values: Sequence[float], index: pl.Expr) -> pl.Expr:
    return _pick(values, index, pl.Float64())


def _pick_int(values: Sequence[int], index: pl.Expr) -> pl.Expr:
    return _pick(values, index, pl.Int64())


def _pick_str(values: Sequence[str], index: pl.Expr) -> pl.Expr:
    return _pick(values, index, pl.String())


def _is(column: str, values: Sequence[str], value: str) -> pl.Expr:
    return pl.col(column) == values.index(value)


# --- Tables derived from the statistics ------------------------------------------------


def _kind_weights() -> list[float]:
    counted = {
        "business": stats.SME_COUNT_2021 + stats.LARGE_COUNT_2021,
        "npo": stats.NPO_COUNT,
        "general_foundation": stats.GENERAL_FOUNDATION_COUNT,
        "general_association": stats.GENERAL_ASSOCIATION_COUNT,
    }
    scale = (1.0 - stats.OTHER_FORM_SHARE) / sum(counted.values())
    return [counted[k] * scale for k in _KINDS[:-1]] + [stats.OTHER_FORM_SHARE]


def industry_table() -> dict[str, tuple[float, float]]:
    """Industry → (share among enterprises, share of 小規模 among its SMEs)."""
    counts = dict.fromkeys(INDUSTRIES, 0.0)
    small = dict.fromkeys(INDUSTRIES, 0.0)
    for group, count, small_share in stats.SMES_BY_JSIC_2021:
        for industry, part in stats.JSIC_TO_INDUSTRY[group].items():
            counts[industry] += count * part
            small[industry] += count * part * small_share
    total = sum(counts.values())
    return {k: (counts[k] / total, small[k] / counts[k]) for k in INDUSTRIES}


def large_share() -> float:
    """Share of 大企業 among the enterprises the census counts."""
    return stats.LARGE_COUNT_2021 / (stats.SME_COUNT_2021 + stats.LARGE_COUNT_2021)


def prefecture_weights(size: str) -> list[float]:
    """Head-office weights in JIS order; 大企業 follow their own, Tokyo-heavy, counts."""
    smes = [float(c) for c in stats.SMES_BY_PREFECTURE_2016]
    if size != "large":
        return smes
    named = stats.LARGE_BY_PREFECTURE_2016
    rest = stats.LARGE_TOTAL_2016 - sum(named.values())
    others = sum(c for p, c in zip(PREFECTURES, smes, strict=True) if p not in named)
    return [
        float(named[p]) if p in named else rest * c / others
        for p, c in zip(PREFECTURES, smes, strict=True)
    ]


def small_sole_share() -> float:
    """Share of 個人事業者 among 小規模事業者."""
    sole = stats.SMALL_SOLE_NO_EMPLOYEES + stats.SMALL_SOLE_WITH_EMPLOYEES
    corp = stats.SMALL_CORP_NO_EMPLOYEES + stats.SMALL_CORP_WITH_EMPLOYEES
    return sole / (sole + corp)


def _corporation_share_of_business() -> float:
    small = sum(share * small for share, small in industry_table().values())
    sole = small * small_sole_share() + (1.0 - small) * stats.MEDIUM_SOLE_SHARE
    return 1.0 - (1.0 - large_share()) * sole


# --- Columns, in the order they are built ----------------------------------------------


def _kind_exprs() -> list[pl.Expr]:
    return [_choice(_u("kind"), _kind_weights()).alias("_kind")]


def _industry_exprs() -> list[pl.Expr]:
    u = _u("industry")
    business = _choice(u, [share for share, _ in industry_table().values()])
    nonprofit = _choice(u, [stats.NONPROFIT_INDUSTRY.get(k, 0.0) for k in INDUSTRIES])
    # Other legal forms (組合 and the like) are businesses too, spread like the census.
    counted = _is("_kind", _KINDS, "business") | _is("_kind", _KINDS, "other")
    return [pl.when(counted).then(business).otherwise(nonprofit).alias("_industry")]


def _size_exprs() -> list[pl.Expr]:
    u = _u("size")
    small_share = _pick_float(
        [small for _, small in industry_table().values()], pl.col("_industry")
    )
    # Only enterprises the census counts can be 大企業; the rest are split small/medium.
    p_large = pl.when(_is("_kind", _KINDS, "business")).then(large_share()).otherwise(0.0)
    rest = (u - p_large) / (1.0 - p_large)
    size = (
        pl.when(u < p_large)
        .then(pl.lit(STRATA.index("large"), dtype=pl.UInt32))
        .when(rest < small_share)
        .then(pl.lit(STRATA.index("small"), dtype=pl.UInt32))
        .otherwise(pl.lit(STRATA.index("medium"), dtype=pl.UInt32))
    )
    return [size.alias("_size")]


def _legal_form_exprs() -> list[pl.Expr]:
    p_sole = (
        pl.when(_is("_size", STRATA, "small"))
        .then(small_sole_share())
        .when(_is("_size", STRATA, "medium"))
        .then(stats.MEDIUM_SOLE_SHARE)
        .otherwise(0.0)
    )
    business = (
        pl.when(_u("sole") < p_sole)
        .then(pl.lit("sole_proprietor"))
        .otherwise(pl.lit("corporation"))
    )
    kind = _pick_str(_KINDS, pl.col("_kind"))
    return [pl.when(kind == "business").then(business).otherwise(kind).alias("legal_form")]


def _threshold_exprs() -> list[pl.Expr]:
    # 中小企業基本法 第2条 rows as the rules engine reads them; the 政令 exceptions (旅館業,
    # 宿泊業・娯楽業 小規模 ≤ 20 …) are not modelled there either.
    rows = [THRESHOLDS[k] for k in INDUSTRIES]
    return [
        _pick_int([r.capital_yen for r in rows], pl.col("_industry")).alias("_cap_max"),
        _pick_int([r.employees for r in rows], pl.col("_industry")).alias("_emp_max"),
        _pick_int([r.small_business_employees for r in rows], pl.col("_industry")).alias(
            "_small_max"
        ),
    ]


def _pareto(u: pl.Expr, floor: pl.Expr, alpha: float, cap: int) -> pl.Expr:
    """An integer >= floor with a Pareto tail, at most max(cap, floor)."""
    floor_f = floor.cast(pl.Float64)
    value = (floor_f * (1.0 - u) ** (-1.0 / alpha)).floor()
    return pl.min_horizontal(value, pl.max_horizontal(floor_f, cap)).cast(pl.Int64)


def _employees_exprs() -> list[pl.Expr]:
    u = _u("employees")
    sole = pl.col("legal_form") == "sole_proprietor"
    # Small: the published share employ nobody; the others follow a geometric law whose
    # untruncated mean is the published employees per employing business, cut at the limit.
    sole_zero = stats.SMALL_SOLE_NO_EMPLOYEES / (
        stats.SMALL_SOLE_NO_EMPLOYEES + stats.SMALL_SOLE_WITH_EMPLOYEES
    )
    corp_zero = stats.SMALL_CORP_NO_EMPLOYEES / (
        stats.SMALL_CORP_NO_EMPLOYEES + stats.SMALL_CORP_WITH_EMPLOYEES
    )
    sole_mean = stats.SMALL_SOLE_EMPLOYEES_TOTAL / stats.SMALL_SOLE_WITH_EMPLOYEES
    corp_mean = stats.SMALL_CORP_EMPLOYEES_TOTAL / stats.SMALL_CORP_WITH_EMPLOYEES
    p_zero = pl.when(sole).then(sole_zero).otherwise(corp_zero)
    q = 1.0 - 1.0 / pl.when(sole).then(sole_mean).otherwise(corp_mean)
    limit = pl.col("_small_max").cast(pl.Float64)
    geometric = 1.0 + ((1.0 - u * (1.0 - q**limit)).log() / q.log()).floor()
    small = (
        pl.when(_u("employees_zero") < p_zero)
        .then(0)
        .otherwise(pl.min_horizontal(geometric, limit).cast(pl.Int64))
    )
    medium = _pareto(u, pl.col("_small_max") + 1, _MEDIUM_PARETO_ALPHA, _MEDIUM_MAX_EMPLOYEES)
    large = _pareto(u, pl.col("_emp_max") + 1, _LARGE_PARETO_ALPHA, _LARGE_MAX_EMPLOYEES)
    employees = (
        pl.when(_is("_size", STRATA, "small"))
        .then(small)
        .when(_is("_size", STRATA, "medium"))
        .then(medium)
        .otherwise(large)
    )
    return [employees.alias("employees")]


def _capital_class_exprs() -> list[pl.Expr]:
    u = _u("capital_class")
    klass = (
        pl.when(_is("_size", STRATA, "small"))
        .then(_choice(u, stats.CAPITAL_CLASS_SHARES_SMALL))
        .otherwise(_choice(u, stats.CAPITAL_CLASS_SHARES_MEDIUM))
    )
    return [klass.alias("_cap_class")]


def _log_uniform(u: pl.Expr, low: pl.Expr, high: pl.Expr) -> pl.Expr:
    low_f, high_f = low.cast(pl.Float64).log(), high.cast(pl.Float64).log()
    return (low_f + u * (high_f - low_f)).exp()


def _round_up(value: pl.Expr, unit: int) -> pl.Expr:
    return ((value / unit).ceil() * unit).cast(pl.Int64)


def _capital_exprs() -> list[pl.Expr]:
    bounds = stats.CAPITAL_CLASS_BOUNDS
    u = _u("capital_value")
    klass = pl.col("_cap_class")
    # Class 0 has its own sampler below; its stand-in lower bound only keeps the logs finite.
    low = _pick_int((stats.CAPITAL_LOWEST, *bounds[:-1]), klass)
    high = _pick_int(bounds, klass)
    # Whole millions above 1千万円, whole man-yen below: how capital is usually registered.
    upper = pl.min_horizontal(
        pl.max_horizontal(_round_up(_log_uniform(u, low, high), 1_000_000), low + 1_000_000),
        high,
    )
    u_mix = _u("capital_mix")
    lowest_spread = _round_up(
        _log_uniform(u, pl.lit(stats.CAPITAL_LOWEST), pl.lit(bounds[0])), 10_000
    )
    lowest = (
        pl.when(u_mix < stats.CAPITAL_AT_10M_SHARE)
        .then(10_000_000)
        .when(u_mix < stats.CAPITAL_AT_10M_SHARE + stats.CAPITAL_AT_3M_SHARE)
        .then(3_000_000)
        .otherwise(lowest_spread.clip(stats.CAPITAL_LOWEST, bounds[0]))
    )
    sme = pl.when(klass == 0).then(lowest).otherwise(upper)
    # A medium firm above the employee limit must stay within the capital limit, or it
    # would be large.
    sme = (
        pl.when((pl.col("employees") > pl.col("_emp_max")) & (sme > pl.col("_cap_max")))
        .then(pl.col("_cap_max"))
        .otherwise(sme)
    )
    large_high = pl.col("_cap_max") * _LARGE_MAX_CAPITAL_FACTOR
    large = _round_up(_log_uniform(u, pl.col("_cap_max") + 1_000_000, large_high), 1_000_000)
    capital = (
        pl.when(~pl.col("legal_form").is_in(["corporation", "other"]))
        .then(0)
        .when(_is("_size", STRATA, "large"))
        .then(large)
        .otherwise(sme)
    )
    return [capital.alias("capital_yen")]


def _prefecture_exprs() -> list[pl.Expr]:
    u = _u("prefecture")
    pref = (
        pl.when(_is("_size", STRATA, "large"))
        .then(_choice(u, prefecture_weights("large")))
        .otherwise(_choice(u, prefecture_weights("sme")))
    )
    return [pref.alias("_pref")]


def _days_until_reference(start: date) -> int:
    return (stats.REFERENCE_DATE - start).days


def _founded_exprs() -> list[pl.Expr]:
    rate = -math.log(1.0 - stats.EXIT_HAZARD) / _DAYS_PER_YEAR  # per day
    cap = (
        pl.when(pl.col("legal_form") == "npo")
        .then(_days_until_reference(stats.NPO_LAW_START))
        .when(pl.col("legal_form").is_in(["general_foundation", "general_association"]))
        .then(_days_until_reference(stats.GENERAL_CORPORATION_LAW_START))
        .otherwise(int(stats.MAX_AGE_YEARS * _DAYS_PER_YEAR))
        .cast(pl.Float64)
    )
    # Inverse CDF of an exponential cut at `cap`: every age lies in [0, cap] days.
    cut = 1.0 - (-rate * cap).exp()
    days = (-(1.0 - _u("age") * cut).log() / rate).floor().cast(pl.Int64)
    return [(pl.lit(stats.REFERENCE_DATE) - pl.duration(days=days)).alias("founded_on")]


def _ownership_index_exprs() -> list[pl.Expr]:
    owned = (pl.col("legal_form") == "corporation") & (_u("le_has") < stats.LARGE_OWNED_SHARE)
    combined = _choice(_u("le_combined"), _LE_COMBINED_WEIGHTS)
    # The largest single holder holds at most what large holders hold together.
    below = (_u("le_single") * combined.cast(pl.Float64)).floor().cast(pl.UInt32) + 1
    single = pl.when(_u("le_single_same") < _LE_SINGLE_IS_COMBINED).then(combined).otherwise(below)
    board = _choice(_u("le_board"), _LE_BOARD_WEIGHTS)
    zero = pl.lit(0, dtype=pl.UInt32)
    return [
        pl.when(owned).then(single).otherwise(zero).alias("_le_single"),
        pl.when(owned).then(combined).otherwise(zero).alias("_le_combined"),
        pl.when(owned).then(board).otherwise(zero).alias("_le_board"),
    ]


def _ownership_exprs() -> list[pl.Expr]:
    return [
        _pick_str(SHARE_VALUES, pl.col("_le_single")).alias("le_single_max"),
        _pick_str(SHARE_VALUES, pl.col("_le_combined")).alias("le_combined"),
        _pick_str(SHARE_VALUES, pl.col("_le_board")).alias("le_board_share"),
    ]


def _rare_exprs() -> list[pl.Expr]:
    corporations = (stats.SME_COUNT_2021 + stats.LARGE_COUNT_2021) * (
        _corporation_share_of_business()
    )
    venture = (pl.col("legal_form") == "corporation") & (
        _u("university_has") < stats.UNIVERSITY_VENTURE_COUNT / corporations
    )
    letters = _pick_str(_UNIVERSITY_SUBSETS, _choice(_u("university_letters"), _UNIVERSITY_WEIGHTS))
    tech = [INDUSTRIES.index(k) for k in ("manufacturing", "software", "information_processing")]
    tokyo_tech = (pl.col("_pref") == PREFECTURES.index("東京都")) & pl.col("_industry").is_in(tech)
    p_theme = (
        pl.when(tokyo_tech)
        .then(stats.ZERO_EMISSION_SHARE_TOKYO_TECH)
        .otherwise(stats.ZERO_EMISSION_SHARE_OTHER)
    )
    theme = 1 + (_u("zero_emission_theme") * 9).floor().cast(pl.Int64)
    insolvency = stats.BANKRUPTCIES_2023 / (stats.SME_COUNT_2021 + stats.LARGE_COUNT_2021)
    young = pl.col("founded_on") > pl.lit(stats.REFERENCE_DATE) - pl.duration(
        days=_SOGYO_JUKU_YOUNG_DAYS
    )
    p_juku = pl.when(young).then(stats.SOGYO_JUKU_SHARE_YOUNG).otherwise(stats.SOGYO_JUKU_SHARE_OLD)
    return [
        pl.when(venture).then(letters).otherwise(pl.lit("")).alias("university_venture"),
        pl.when(_u("zero_emission_has") < p_theme)
        .then(theme)
        .otherwise(None)
        .alias("zero_emission_theme"),
        (_u("tax_arrears") < stats.TAX_ARREARS_SHARE).alias("tax_arrears"),
        (_u("antisocial_forces") < stats.ANTISOCIAL_SHARE).alias("antisocial_forces"),
        (_u("past_misconduct") < stats.PAST_MISCONDUCT_SHARE).alias("past_misconduct"),
        (_u("insolvency_proceedings") < insolvency).alias("insolvency_proceedings"),
        (_u("same_theme_other_subsidy") < stats.SAME_THEME_OTHER_SUBSIDY_SHARE).alias(
            "same_theme_other_subsidy"
        ),
        (_u("sogyo_juku") < p_juku).alias("fact_sogyo_juku_graduate"),
    ]


_STAGES: Final[tuple[tuple[tuple[str, ...], Callable[[], list[pl.Expr]]], ...]] = (
    (("kind",), _kind_exprs),
    (("industry",), _industry_exprs),
    (("size",), _size_exprs),
    (("sole",), _legal_form_exprs),
    ((), _threshold_exprs),
    (("employees", "employees_zero"), _employees_exprs),
    (("capital_class",), _capital_class_exprs),
    (("capital_value", "capital_mix"), _capital_exprs),
    (("prefecture",), _prefecture_exprs),
    (("age",), _founded_exprs),
    (("le_has", "le_combined", "le_single_same", "le_single", "le_board"), _ownership_index_exprs),
    ((), _ownership_exprs),
    (
        (
            "university_has",
            "university_letters",
            "zero_emission_has",
            "zero_emission_theme",
            "tax_arrears",
            "antisocial_forces",
            "past_misconduct",
            "insolvency_proceedings",
            "same_theme_other_subsidy",
            "sogyo_juku",
        ),
        _rare_exprs,
    ),
)


def _with_branches(rows: pl.LazyFrame, rng: _Random) -> pl.LazyFrame:
    """Adds branch prefectures joined by ';' in JIS order, empty for single-prefecture firms.

    Only the few multi-prefecture firms need candidate lists, so those are built for that
    subset and joined back by row number.
    """
    p_has = _pick_float([stats.MULTI_PREFECTURE_SHARE[s] for s in STRATA], pl.col("_size"))
    max_count = _pick_int([_MAX_BRANCHES[s] for s in STRATA], pl.col("_size"))
    # Spare draws so that repeats and the head office still leave enough distinct ones.
    n_candidates = max(_MAX_BRANCHES.values()) + 4
    weights = prefecture_weights("sme")
    names = pl.lit(pl.Series(PREFECTURES, dtype=pl.String))
    multi = (
        rows.select("_row", "_pref", "_size", rng.draw("branch_has"), rng.draw("branch_count"))
        .filter(_u("branch_has") < p_has)
        .with_columns(
            rng.uniform_at(_BRANCH_CANDIDATE_STREAM_BASE + i).alias(f"_c{i}")
            for i in range(n_candidates)
        )
        .select(
            "_row",
            _count=1 + (_u("branch_count") ** 2 * max_count).floor().cast(pl.UInt32),
            _candidates=pl.concat_list(
                _choice(pl.col(f"_c{i}"), weights) for i in range(n_candidates)
            ),
            _head=pl.concat_list(pl.col("_pref")),
        )
        .select(
            "_row",
            branch_prefectures=pl.col("_candidates")
            .list.set_difference(pl.col("_head"))
            .list.head(pl.col("_count"))
            .list.sort()
            .list.eval(names.gather(pl.element()))
            .list.join(";"),
        )
    )
    return rows.join(multi, on="_row", how="left", maintain_order="left").with_columns(
        pl.col("branch_prefectures").fill_null("")
    )


def _identity_exprs(width: int) -> list[pl.Expr]:
    digits = (pl.col("_row") + 1).cast(pl.String).str.zfill(width)
    prefix = pl.col("legal_form").replace_strict(_NAME_PREFIX, return_dtype=pl.String)
    return [
        pl.concat_str(pl.lit("C"), digits).alias("id"),
        pl.concat_str(prefix, digits).alias("name"),
        _pick_str(INDUSTRIES, pl.col("_industry")).alias("industry"),
        _pick_str(PREFECTURES, pl.col("_pref")).alias("head_office_prefecture"),
    ]
