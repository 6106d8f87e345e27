"""Form state and the readers of single form values, with messages in Japanese.

Forms arrive as name → list of values (checkbox groups repeat a name). A reader
returns the value or raises `FieldProblem` with the message shown next to the field;
the form keeps what was typed so that a page with errors shows it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import partial
from typing import TypeVar

from hojokin import ja
from hojokin.catalog.facts import Fact
from hojokin.catalog.primitives import FactValue
from hojokin.ja import fields
from hojokin.ja.fields import MAX_COUNT
from hojokin.ja.prefectures import prefecture_name

FormData = Mapping[str, list[str]]
T = TypeVar("T")
BOOLEAN_ANSWERS = {"yes": "はい", "no": "いいえ"}


class FieldProblem(ValueError):
    """A value that cannot be read; the message is shown next to the field."""


@dataclass(frozen=True)
class FieldError:
    name: str  # the form field
    anchor: str  # the id of the element the error summary links to
    label: str
    message: str


@dataclass
class FormState:
    """What was submitted and what is wrong with it, for showing the form again."""

    data: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, FieldError] = field(default_factory=dict)
    # How a value was read when that differs from what was typed, shown by its field.
    notes: dict[str, str] = field(default_factory=dict)

    def value(self, name: str, default: str = "") -> str:
        values = self.data.get(name)
        return values[0] if values else default

    def values(self, name: str) -> list[str]:
        return self.data.get(name, [])

    def checked(self, name: str, value: str) -> bool:
        return value in self.data.get(name, [])

    def error(self, name: str) -> str | None:
        found = self.errors.get(name)
        return None if found is None else found.message

    def touched(self, names: Iterable[str]) -> bool:
        """Whether any of these fields has a value or an error (to open their section)."""
        return any(self.value(n).strip() or n in self.errors for n in names)

    def add(self, name: str, label: str, message: str, *, group: bool = False) -> None:
        """Record a problem; a group's (radios, checkboxes) links to its first input."""
        if name not in self.errors:
            anchor = f"{name}-0" if group else name
            self.errors[name] = FieldError(name, anchor, label, message)

    def read(
        self, name: str, label: str, reader: Callable[[str], T], *, group: bool = False
    ) -> T | None:
        try:
            return reader(self.value(name))
        except FieldProblem as exc:
            self.add(name, label, str(exc), group=group)
            return None

    def read_date(self, name: str, label: str) -> date | None:
        typed = self.read(name, label, read_date)
        if typed is None:
            return None
        if typed.note:
            self.notes[name] = typed.note
        return typed.value

    def hidden(self, names: Iterable[str]) -> list[tuple[str, str]]:
        """(name, value) pairs of the given fields, to carry them to another form."""
        return [(n, v) for n in names for v in self.data.get(n, []) if v]


def form_data(items: Iterable[tuple[str, object]]) -> dict[str, list[str]]:
    """Starlette's FormData (or any pairs) as name → values; uploads are ignored."""
    data: dict[str, list[str]] = {}
    for name, value in items:
        if isinstance(value, str):
            data.setdefault(name, []).append(value)
    return data


def _text(text: str) -> str:
    return ja.normalize(text).strip()


def _worded(read: Callable[..., T], *args: object) -> T:
    """`read(*args)` of the shared readers (`hojokin.ja`), its JaParseError raised as the
    FieldProblem shown by the field, in the reader's own words."""
    try:
        return read(*args)
    except ja.JaParseError as exc:
        raise FieldProblem(exc.reason) from None


def read_yen(text: str) -> int:
    """100000000, 1億円, 5,000万, ５０００万円 → int yen; the whole field or an error."""
    t = _text(text)
    if not t:
        raise FieldProblem("金額を入力してください")
    if t.startswith(("-", "−", "▲", "△")):
        raise FieldProblem("金額は0以上で入力してください")
    return _worded(ja.read_amount_field, text)


def read_yen_or_zero(text: str) -> int:
    return read_yen(text) if _text(text) else 0


def read_count(text: str, maximum: int = MAX_COUNT) -> int:
    """50, ５０, 1,200, 15人, １５名, 15社 → int; ①, ² and other digits are refused."""
    return _worded(fields.read_count, text, maximum)


def read_date(text: str) -> ja.TypedDate:
    """2015-04-01 (the date input) or a date as written in Japanese: 令和2年4月1日.

    A date read otherwise than typed (平成31年5月1日) carries a note to show with it.
    """
    return _worded(fields.read_date, text)


def read_prefecture(text: str) -> str:
    try:
        return prefecture_name(text)
    except ja.JaParseError:
        raise FieldProblem("都道府県を選んでください") from None


def read_percent(text: str) -> Fraction:
    """A percentage 0–100 as an exact share: "50", "50%", "３３．３" → 1/2…; blank is 0.

    Only decimal percentages: "1/2" and "1e2" are refused, not read as 1/200 or 100%.
    """
    if not text.strip():
        return Fraction(0)
    return _worded(partial(fields.read_share, percent=True), text)


def read_fiscal_year(text: str) -> int:
    """2025, 令和7年度 or R7 → the western year the 年度 starts."""
    return _worded(fields.read_fiscal_year, text)


def fact_reader(fact: Fact) -> Callable[[str], FactValue | None]:
    """The reader of a program fact's answer; blank means not answered (要確認)."""

    def read(text: str) -> FactValue | None:
        if not text.strip():
            return None
        if fact.type == "boolean":
            if text not in BOOLEAN_ANSWERS:
                raise FieldProblem("「はい」か「いいえ」を選んでください")
            return text == "yes"
        if fact.type == "integer":
            return read_count(text)
        if text not in fact.choices:
            raise FieldProblem("選択肢から選んでください")
        return text

    return read


def read_facts(state: FormState, facts: Iterable[Fact]) -> dict[str, FactValue]:
    """The answered program facts of a form (a blank one is not answered: 要確認)."""
    answers: dict[str, FactValue] = {}
    for fact in facts:
        answer = state.read(f"fact_{fact.name}", fact.question, fact_reader(fact), group=True)
        if answer is not None:
            answers[fact.name] = answer
    return answers
