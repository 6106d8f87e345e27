"""The value types of company and plan files, which the API's bodies are too: yen,
counts, shares and dates, each read through the reader the web form uses
(hojokin.ja.fields, read_amount_field) and bounded before it is used.

A JSON or YAML number is taken as it is but never a boolean (`true` is not 1) nor a
float (no float touches money); text goes through the field's reader, so "1,000万円"
or "令和2年4月1日" in a file reads as on the form, and "1e10" is refused alike. An
infinite float is what `read_json` makes of a number too long to read."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from hojokin.ja.amounts import FIELD_TOO_BIG, MAX_FIELD_YEN, read_amount_field
from hojokin.ja.errors import JaParseError
from hojokin.ja.fields import (
    FISCAL_YEAR_RANGE,
    FISCAL_YEARS,
    MAX_COUNT,
    SHARE_READ,
    check_date,
    count_too_big,
    count_too_small,
    read_count,
    read_date,
    read_fiscal_year,
    read_share,
)

NOT_BOOLEAN = "true / false ではなく数で入力してください"
NOT_WHOLE = "整数で入力してください（小数は使えません）"


def _reading(reader: Callable[[str], Any], text: str) -> Any:
    try:
        return reader(text)
    except JaParseError as exc:
        raise ValueError(exc.reason) from None


def _whole(value: Any, too_big: str, reader: Callable[[str], int]) -> int:
    if isinstance(value, bool):
        raise ValueError(NOT_BOOLEAN)
    if isinstance(value, float):
        raise ValueError(too_big if math.isinf(value) else NOT_WHOLE)
    if isinstance(value, str):
        number: int = _reading(reader, value)
        return number
    if not isinstance(value, int):
        raise ValueError(NOT_WHOLE)
    return value


def _yen(value: Any) -> int:
    yen = _whole(value, FIELD_TOO_BIG, read_amount_field)
    if yen < 0:
        raise ValueError("金額は0以上で入力してください")
    if yen > MAX_FIELD_YEN:
        raise ValueError(FIELD_TOO_BIG)
    return yen


Yen = Annotated[
    int,
    BeforeValidator(_yen),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_FIELD_YEN}),
]


@dataclass(frozen=True)
class within:
    """A whole number within [minimum, maximum]: employees, hours, days, months, years."""

    minimum: int = 0
    maximum: int = MAX_COUNT

    def read(self, value: Any) -> int:
        def text(t: str) -> int:
            return read_count(t, maximum=self.maximum, minimum=self.minimum)

        n = _whole(value, count_too_big(self.maximum), text)
        if n > self.maximum:
            raise ValueError(count_too_big(self.maximum))
        if n < self.minimum:
            raise ValueError(count_too_small(self.minimum))
        return n

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self.read, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "minimum": self.minimum, "maximum": self.maximum}


Count = Annotated[int, within()]


def _fiscal_year(value: Any) -> int:
    year = _whole(value, FISCAL_YEAR_RANGE, read_fiscal_year)
    if not FISCAL_YEARS[0] <= year <= FISCAL_YEARS[1]:
        raise ValueError(FISCAL_YEAR_RANGE)
    return year


# 2025, or text as the form reads it: "令和7年度", "R7".
FiscalYear = Annotated[
    int,
    BeforeValidator(_fiscal_year),
    WithJsonSchema({"type": "integer", "minimum": FISCAL_YEARS[0], "maximum": FISCAL_YEARS[1]}),
]


def _share(value: Any) -> Fraction:
    if isinstance(value, Fraction):
        share = value
    elif isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f'{SHARE_READ}。小数は文字列で（"0.5"）')
    elif isinstance(value, int):
        share = Fraction(value)
    else:
        share = _reading(read_share, value)
    if not 0 <= share <= 1:
        raise ValueError(SHARE_READ)
    return share


Share = Annotated[
    Fraction,
    BeforeValidator(_share),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9./%]{1,30}$", "examples": ["1/3", "50%"]}),
]


def _day(value: Any) -> date:
    if isinstance(value, str):
        day: date = _reading(read_date, value).value
        return day
    if isinstance(value, date):
        checked: date = _reading(lambda text: check_date(value, text), str(value))
        return checked
    raise ValueError("日付を文字列で入力してください（例 2015-04-01、令和2年4月1日）")


Day = Annotated[date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]
