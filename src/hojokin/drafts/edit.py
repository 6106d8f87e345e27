"""A reviewer's edit of one cited value of a draft, checked as `hojokin catalog
validate` checks values: when the new value reads back from a quote of the document
(the value's own quote, a line it cites, a line of the program's part, any line), the
citation follows it to the shortest quote found; otherwise the value is kept as the
reviewer's input, marked so in its `note` (the program's name, which has no note, in
the draft's review notes), and never cited as if the document said it."""

from __future__ import annotations

import re
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from hojokin import ja
from hojokin.accounts.errors import Invalid
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Count, Frame, Money, Period, Program, Rate
from hojokin.catalog.validate import check_value, citations
from hojokin.ja.text import MAX_LINE_CHARS

Kind = Literal["name", "money", "rate", "count", "period"]
_KINDS: dict[type, Kind] = {Money: "money", Rate: "rate", Count: "count", Period: "period"}
_PATH = re.compile(r"^(?:frames\[([0-9]{1,3})\]\.)?([a-z_]{1,40})$")
_COUNTED = re.compile(r"(\d[\d,]*)\s*(?:件|年|人|社|者|回|か月|ヶ月|カ月)")
REVIEWER = "審査担当者の入力"
# The name's own mark among the review notes: one at a time, the latest edit's.
NAME_MARK = "名称は審査担当者"
EMPTY = "値を入力してください"
TOO_LONG = "名称は1行、200文字以内で入力してください"
MESSAGES: dict[Kind, str] = {
    "name": TOO_LONG,
    "money": "金額を読み取れません。数字で入力してください（例: 500万円、5,000,000）",
    "rate": "割合を読み取れません。0より大きく1以下で入力してください（例: 1/2、2/3、50%）",
    "count": "0以上の整数で入力してください（例: 10）",
    "period": (
        "期間を読み取れません。実在する日付で、始まりと終わりを「～」でつないで入力してください"
        "（例: 2025年5月1日～2025年6月30日）"
    ),
}


def reviewer_note(who: str, day: date) -> str:
    return f"{REVIEWER}: 審査担当者（{who}）が {day.isoformat()} に入力。原文の記載なし"


def is_reviewers(note: str | None) -> bool:
    return note is not None and note.startswith(REVIEWER)


def _kind_of(annotation: Any) -> Kind | None:
    if get_origin(annotation) in (Union, types.UnionType):
        found = [_kind_of(a) for a in get_args(annotation) if a is not type(None)]
        return found[0] if len(found) == 1 else None
    return _KINDS.get(annotation) if isinstance(annotation, type) else None


def _scalars(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, Kind]]:
    """The fields of one cited scalar (amount, rate, count, period) a model holds."""
    for name, field in model.model_fields.items():
        kind = _kind_of(field.annotation)
        if kind is not None:
            yield f"{prefix}{name}", kind


def editable(program: Program) -> dict[str, Kind]:
    """Every value of `program` the review page edits, by path: its name, and each
    cited scalar of the program and of each frame, stated or not."""
    paths: dict[str, Kind] = {"name": "name"}
    paths.update(_scalars(Program, ""))
    for i in range(len(program.frames)):
        paths.update(_scalars(Frame, f"frames[{i}]."))
    return paths


def read_value(kind: Kind, text: str, fiscal_year: int) -> Any:
    """The value typed for a field of `kind`, read as the catalog reads the text; else
    `Invalid` with the field's Japanese message."""
    typed = text.strip()
    if not typed:
        raise Invalid(EMPTY, "value")
    if kind == "name":
        if len(typed) > MAX_LINE_CHARS or "\n" in typed or "\r" in typed:
            raise Invalid(TOO_LONG, "value")
        return typed
    try:
        if kind == "money":
            return ja.read_amount_field(typed)
        if kind == "rate":
            rate = ja.parse_rate(typed)
            if not 0 < rate <= 1:
                raise Invalid(MESSAGES[kind], "value")
            return rate
        if kind == "count":
            digits = ja.normalize(typed).replace(",", "")
            if not digits.isascii() or not digits.isdigit() or len(digits) > 9:
                raise Invalid(MESSAGES[kind], "value")
            return int(digits)
        return ja.parse_period(typed, default_year=fiscal_year)
    except ja.JaParseError:
        raise Invalid(MESSAGES[kind], "value") from None


def _quotes(kind: Kind, value: Any, line: str, fiscal_year: int) -> Iterator[str]:
    """The shortest quotes of `line` that `value` reads from, each the value's own text."""
    if kind == "money":
        text = ja.normalize(line)
        yield from (text[s:e] for s, e, yen in ja.amount_spans(line) if yen == value)
    elif kind == "rate":
        text = ja.normalize(line)
        yield from (text[s:e] for s, e, rate in ja.rate_spans(line) if rate == value)
    elif kind == "count":
        text = ja.normalize(line)
        # A bare figure (a section number, a phone number) is no count: its unit says.
        for m in _COUNTED.finditer(text):
            if int(m[1].replace(",", "")) == value:
                yield m.group()
    elif kind == "period":
        text = ja.compact(line)
        for s, e, read in ja.period_spans(line, default_year=fiscal_year):
            if (read.start, read.end) == (value.start, value.end):
                yield text[s:e]


def _build(kind: Kind, value: Any, cite: Citation, note: str | None) -> BaseModel:
    if kind == "money":
        return Money(yen=value, cite=cite, note=note)
    if kind == "rate":
        return Rate(value=value, cite=cite, note=note)
    if kind == "count":
        return Count(value=value, cite=cite, note=note)
    return Period(
        start=value.start, end=value.end, approximate=value.approximate, cite=cite, note=note
    )


def _holds(cite: Citation, lines: Sequence[str]) -> bool:
    """`check_citation` against the draft's own document."""
    if cite.line_end > len(lines):
        return False
    text = "".join(lines[cite.line_start - 1 : cite.line_end])
    return ja.compact(cite.quote) in ja.compact(text)


def _order(old: Citation | None, span: Citation, count: int) -> list[int]:
    """The lines to search, nearest first: the value's own, its part's, then all."""
    order: list[int] = []
    spans = [] if old is None else [range(old.line_start, old.line_end + 1)]
    spans += [range(span.line_start, span.line_end + 1), range(1, count + 1)]
    for numbers in spans:
        order += [n for n in numbers if n not in order and 1 <= n <= count]
    return order


Taken = list[tuple[int, int, str]]


def _taken(program: Program, path: str) -> Taken:
    """What the draft's other values already quote (lines and compact quote): a figure
    one of them cites says that value (500万円 the cap's), not the one being edited."""
    return [
        (cite.line_start, cite.line_end, ja.compact(cite.quote))
        for where, cite in citations(program)
        if where not in (f"{path}.cite", "source")
    ]


def _says_another(cite: Citation, taken: Taken) -> bool:
    quote = ja.compact(cite.quote)
    return any(
        start <= cite.line_end and cite.line_start <= end and quote in other
        for start, end, other in taken
    )


def _followed(
    kind: Kind,
    value: Any,
    old: Citation | None,
    program: Program,
    lines: Sequence[str],
    taken: Taken,
) -> BaseModel | None:
    """The value cited where the document states it, or None where it does not."""
    year = program.fiscal_year
    if old is not None and _holds(old, lines):
        node = _build(kind, value, old, None)
        if check_value(node, year) is None:
            return node
    for number in _order(old, program.source, len(lines)):
        quotes = sorted(_quotes(kind, value, lines[number - 1], year), key=len)
        for quote in quotes:
            cite = Citation(doc=program.source.doc, lines=(number, number), quote=quote)
            if _says_another(cite, taken):
                continue
            node = _build(kind, value, cite, None)
            if _holds(cite, lines) and check_value(node, year) is None:
                return node
    return None


@dataclass(frozen=True)
class Edited:
    program: Program
    followed: bool  # the citation follows the value; else it is the reviewer's input
    before: dict[str, Any]
    after: dict[str, Any]


def _split(path: str, program: Program) -> tuple[int | None, str]:
    m = _PATH.match(path)
    if m is None or path not in editable(program):
        raise Invalid("編集できない項目です", "path")
    return (None if m[1] is None else int(m[1])), m[2]


def _dumped(node: object) -> Any:
    if isinstance(node, BaseModel):
        return node.model_dump(mode="json", exclude_none=True)
    if isinstance(node, Fraction):
        return str(node)
    return node


def edit(
    program: Program, lines: Sequence[str], path: str, text: str, who: str, day: date
) -> Edited:
    """`program` with the value at `path` set from what the reviewer typed (`text`);
    `Invalid` (nothing changed) for a path not edited here or a value not readable."""
    frame_index, name = _split(path, program)
    kind = editable(program)[path]
    value = read_value(kind, text, program.fiscal_year)
    data = program.model_dump(mode="json", exclude_none=True)
    if kind == "name":
        return _edit_name(program, data, lines, value, who, day)
    holder = program if frame_index is None else program.frames[frame_index]
    where = data if frame_index is None else data["frames"][frame_index]
    old = getattr(holder, name)
    old_cite = old.cite if old is not None else None
    node = _followed(kind, value, old_cite, program, lines, _taken(program, path))
    if node is None:
        node = _build(kind, value, old_cite or program.source, reviewer_note(who, day))
    where[name] = _dumped(node)
    try:
        edited = Program.model_validate(data)
    except ValidationError:
        raise Invalid(MESSAGES[kind], "value") from None
    followed = not is_reviewers(getattr(node, "note", None))
    before = {"path": path, "value": _dumped(old)}
    return Edited(edited, followed, before, {"path": path, "value": _dumped(node)})


def _edit_name(
    program: Program, data: dict[str, Any], lines: Sequence[str], name: str, who: str, day: date
) -> Edited:
    """The name is cited by the program's span (`source`), whose quote must hold it:
    it follows when the part's lines state the name, else the review notes mark it."""
    span = program.source
    part = "".join(lines[span.line_start - 1 : span.line_end])
    followed = ja.compact(name) in ja.compact(part)
    data["name"] = name
    if data.get("review") is None:
        data["review"] = {"status": "draft", "ingested_from": span.doc, "notes": []}
    review = data["review"]
    if followed and ja.compact(name) not in ja.compact(span.quote):
        data["source"] = {**data["source"], "quote": name}
    notes = [n for n in review.get("notes", []) if not n.startswith(NAME_MARK)]
    if not followed:
        notes.append(f"{NAME_MARK}（{who}）が {day.isoformat()} に入力。原文の記載なし")
    review["notes"] = notes
    try:
        edited = Program.model_validate(data)
    except ValidationError:
        raise Invalid(TOO_LONG, "value") from None
    before = {"path": "name", "value": program.name, "source_quote": span.quote}
    after = {"path": "name", "value": name, "source_quote": edited.source.quote}
    return Edited(edited, followed, before, after)


def name_is_reviewers(program: Program) -> bool:
    return program.review is not None and any(n.startswith(NAME_MARK) for n in program.review.notes)
