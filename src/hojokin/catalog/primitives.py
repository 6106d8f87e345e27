"""The building blocks every catalog file uses: slugs, fractions, citations."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
)

from hojokin.ja.prefectures import prefecture_name

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
# Expense category ids are plan-file keys (docs/contract.md: `pr_tools`), so snake_case.
CategoryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$", max_length=60)]

FactName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$", max_length=60)]
FactValue = str | int | bool
# A prefecture's full name; 東京 is read as 東京都, an unknown name is refused.
Prefecture = Annotated[str, AfterValidator(prefecture_name)]


def error_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as people write it: `frames[0].cap.yen`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def to_fraction(value: Any) -> Fraction:
    """An exact fraction from "2/3", "0.5" or an int; floats are refused, never rounded."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool | float):
        raise ValueError("write fractions as strings such as '2/3' or '0.5', never floats")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError) as exc:
            raise ValueError(f"not a fraction: {value!r}") from exc
    raise ValueError(f"not a fraction: {value!r}")


FractionValue = Annotated[
    Fraction,
    BeforeValidator(to_fraction),
    PlainSerializer(str, return_type=str),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# The start of a value's `note` that says the program office entered it on reviewing a
# draft and the document does not state it: its citation only says where it stands.
OFFICE_INPUT = "事務局の入力"


def is_office_input(note: str | None) -> bool:
    return note is not None and note.startswith(OFFICE_INPUT)


class Citation(Model):
    """Where a value comes from: a document in catalog/documents, a 1-based inclusive line
    range, and the exact text quoted from those lines."""

    doc: str
    lines: tuple[int, int]
    quote: str = Field(min_length=1)

    @field_validator("lines", mode="before")
    @classmethod
    def _single_line(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return (value, value)
        return value

    @field_validator("lines")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        start, end = value
        if start < 1 or end < start:
            raise ValueError(f"line range {start}-{end} is not 1-based and ascending")
        return value

    @property
    def line_start(self) -> int:
        return self.lines[0]

    @property
    def line_end(self) -> int:
        return self.lines[1]
