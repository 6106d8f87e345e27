"""Reading and writing the Japanese of public support programs.

Amounts are ``int`` yen, rates ``fractions.Fraction``, report figures
``decimal.Decimal``: no float ever touches money. Every parser raises
``JaParseError`` (a ValueError) and nothing else for text it cannot read.
"""

from __future__ import annotations

from .amounts import (
    AMOUNT_STYLES,
    amount_spans,
    find_amounts,
    format_amount,
    parse_amount,
    read_amount_field,
    yen_label,
)
from .dates import TypedDate, format_wareki, format_western, parse_date, read_typed_date
from .errors import JaParseError
from .figures import Figure, parse_figure
from .fiscal import fiscal_year_of, fiscal_year_range, format_fiscal_year, parse_fiscal_year
from .periods import DateRange, parse_period, period_spans
from .rates import find_rates, parse_rate, rate_spans
from .text import compact, normalize

__all__ = [
    "AMOUNT_STYLES",
    "DateRange",
    "Figure",
    "JaParseError",
    "TypedDate",
    "amount_spans",
    "compact",
    "find_amounts",
    "find_rates",
    "fiscal_year_of",
    "fiscal_year_range",
    "format_amount",
    "format_fiscal_year",
    "format_wareki",
    "format_western",
    "normalize",
    "parse_amount",
    "parse_date",
    "parse_figure",
    "parse_fiscal_year",
    "parse_period",
    "parse_rate",
    "period_spans",
    "rate_spans",
    "read_amount_field",
    "read_typed_date",
    "yen_label",
]
