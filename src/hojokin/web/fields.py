"""Form state and the readers of single form values, with messages in Japanese.

Forms arrive as name → list of values (checkbox groups repeat a name). A reader
returns the value or raises `FieldProblem` with the message shown next to the field;
the form keeps what was typed so that a page with errors shows it again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TypeVar

from hojokin import ja
from hojokin.catalog.base import FactValue
from hojokin.catalog.facts import Fact
from hojokin.ja.dates import READ as DATE_UNREADABLE
from hojokin.ja.prefectures import prefecture_name

FormData = Mapping[str, list[str]]
T = TypeVar("T")
MAX_YEN = 10**15  # a typo guard: no program's figures come near 1,000兆円
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


def read_yen(text: str) -> int:
    """100000000, 1億円, 5,000万, ５０００万円 → int yen."""
    t = _text(text)
    if not t:
        raise FieldProblem("金額を入力してください")
    if t.startswith(("-", "−", "▲", "△")):  # the amount reader would read -3 as 3
        raise FieldProblem("金額は0以上で入力してください")
    written = t if t.endswith("円") else f"{t}円"
    try:
        yen = ja.parse_amount(written)
    except ja.JaParseError:
        raise FieldProblem(
            "金額として読めません。数字で入力してください（例 10000000、1,000万円、1億円）"
        ) from None
    if yen > MAX_YEN:
        raise FieldProblem("金額が大きすぎます。桁を確認してください")
    return yen


def read_yen_or_zero(text: str) -> int:
    return read_yen(text) if _text(text) else 0


# Digits as people type them, half or full width, with thousands separators and a
# counter word. Matched before NFKC, which would also turn ① and ² into digits.
_COUNT = re.compile(r"([0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)\s*(?:人|名|社|件)?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789", ",，")


def read_count(text: str) -> int:
    """50, ５０, 1,200, 15人, １５名, 15社 → int; ①, ² and other digits are refused."""
    t = text.strip()
    if not t:
        raise FieldProblem("数を入力してください")
    m = _COUNT.fullmatch(t)
    if m is None:
        raise FieldProblem(
            f"「{t}」は数として読めません。0以上の整数で入力してください（例 15、15人）"
        )
    return int(m[1].translate(_FULL_WIDTH_DIGITS))


def read_date(text: str) -> ja.TypedDate:
    """2015-04-01 (the date input) or a date as written in Japanese: 令和2年4月1日.

    A date read otherwise than typed (平成31年5月1日) carries a note to show with it.
    """
    t = _text(text)
    if not t:
        raise FieldProblem("日付を入力してください")
    try:
        return ja.TypedDate(date.fromisoformat(t))
    except ValueError:
        pass
    try:
        return ja.read_typed_date(t)
    except ja.JaParseError as exc:
        if exc.reason != DATE_UNREADABLE:  # the reader knows what is wrong: say it
            raise FieldProblem(exc.reason) from None
        raise FieldProblem("日付として読めません（例 2015-04-01、令和2年4月1日）") from None


def read_prefecture(text: str) -> str:
    try:
        return prefecture_name(text)
    except ja.JaParseError:
        raise FieldProblem("都道府県を選んでください") from None


def read_percent(text: str) -> Fraction:
    """A percentage 0–100 as an exact share: "50" → 1/2; blank is 0."""
    t = _text(text).removesuffix("%")
    if not t:
        return Fraction(0)
    try:
        share = Fraction(t) / 100
    except (ValueError, ZeroDivisionError):
        raise FieldProblem("0から100までの数で入力してください（例 50）") from None
    if not 0 <= share <= 1:
        raise FieldProblem("0から100までの数で入力してください（例 50）")
    return share


def read_fiscal_year(text: str) -> int:
    """2025, 令和7年度 or R7 → the western year the 年度 starts."""
    t = _text(text)
    if t.isdigit() and 1989 <= int(t) <= 2100:
        return int(t)
    try:
        return ja.parse_fiscal_year(t if t.endswith("年度") else f"{t}年度")
    except ja.JaParseError:
        raise FieldProblem("年度を西暦か和暦で入力してください（例 2025、令和7年度）") from None


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
