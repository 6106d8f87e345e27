"""A reviewer's edit of one cited value of a draft, checked as `hojokin catalog
validate` checks values: when the new value reads back from a quote of the document
(the value's own quote, a line it cites, a line of the program's part, any line), the
citation follows it to the shortest quote found; otherwise the value is kept as the
reviewer's input, marked so in its `note` (the program's name, which has no note, in
the draft's review notes), and never cited as if the document said it.

A value is an amount, a rate, a count, a period, a text (a target, an activity, a
note, the description …), an expense category or a required document, of the program
or of a frame; an item of a list is edited, removed, or added to its list."""

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
from hojokin.catalog.primitives import OFFICE_INPUT, Citation, is_office_input
from hojokin.catalog.schema import (
    Count,
    ExpenseCategory,
    Frame,
    Money,
    Period,
    Program,
    Rate,
    RequiredDocument,
    Text,
)
from hojokin.catalog.validate import check_value, citations
from hojokin.ja.text import MAX_LINE_CHARS, TextRefused, single_line

Kind = Literal["name", "money", "rate", "count", "period", "text", "category", "document"]
_KINDS: dict[type, Kind] = {
    Money: "money",
    Rate: "rate",
    Count: "count",
    Period: "period",
    Text: "text",
    ExpenseCategory: "category",
    RequiredDocument: "document",
}
EditOp = Literal["set", "add", "remove"]
EDIT_OPS: tuple[EditOp, ...] = get_args(EditOp)


def edit_op(text: str) -> EditOp:
    """The edit a form asks for (`set` when it does not say)."""
    for op in EDIT_OPS:
        if op == (text or "set"):
            return op
    raise Invalid("編集の操作を指定してください", "op")


# The kinds whose value is words: their quote is the words themselves.
WORDED: tuple[Kind, ...] = ("text", "category", "document")
_WORDED_FIELD = {"text": "text", "category": "name", "document": "name"}
_WORDED_MODEL: dict[Kind, type[BaseModel]] = {
    "text": Text,
    "category": ExpenseCategory,
    "document": RequiredDocument,
}
_PATH = re.compile(r"^(?:frames\[([0-9]{1,3})\]\.)?([a-z_]{1,40})(?:\[([0-9]{1,3})\])?$")
MAX_WORDS = 500
_COUNTED = re.compile(r"(\d[\d,]*)\s*(?:件|年|人|社|者|回|か月|ヶ月|カ月)")
# The name's own mark among the review notes: one at a time, the latest edit's.
NAME_MARK = "名称は事務局の入力"
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
    "text": f"1行、{MAX_WORDS}文字以内で入力してください",
    "category": f"経費区分の名称は1行、{MAX_WORDS}文字以内で入力してください",
    "document": f"書類の名称は1行、{MAX_WORDS}文字以内で入力してください",
}
IN_USE = (
    "この経費区分は上限額や割合の定めが使っているため削除できません。先にその定めを確認してください"
)


def reviewer_note(day: date) -> str:
    """The note of a value the office typed: when, not who (the audit trail says who;
    the note is published with the program)."""
    return f"{OFFICE_INPUT}: {ja.format_western(day)}に事務局が入力。原文の記載なし"


def _kind_of(annotation: Any) -> Kind | None:
    if get_origin(annotation) in (Union, types.UnionType):
        found = [_kind_of(a) for a in get_args(annotation) if a is not type(None)]
        return found[0] if len(found) == 1 else None
    return _KINDS.get(annotation) if isinstance(annotation, type) else None


def _list_kind(annotation: Any) -> Kind | None:
    if get_origin(annotation) is list:
        [item] = get_args(annotation)
        return _kind_of(item)
    return None


def _scalars(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, Kind]]:
    """The fields of one cited value (amount, rate, count, period, text) a model holds."""
    for name, field in model.model_fields.items():
        kind = _kind_of(field.annotation)
        if kind is not None:
            yield f"{prefix}{name}", kind


def _lists(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, Kind]]:
    """The fields of a list of cited values (targets, expense categories, documents …)."""
    for name, field in model.model_fields.items():
        kind = _list_kind(field.annotation)
        if kind is not None:
            yield f"{prefix}{name}", kind


def _holders(program: Program) -> Iterator[tuple[type[BaseModel], BaseModel, str]]:
    yield Program, program, ""
    for i, frame in enumerate(program.frames):
        yield Frame, frame, f"frames[{i}]."


def addable(program: Program) -> dict[str, Kind]:
    """Every list of `program` a value is added to, by path, with its items' kind."""
    return {p: k for model, _, prefix in _holders(program) for p, k in _lists(model, prefix)}


def editable(program: Program) -> dict[str, Kind]:
    """Every value of `program` the review page edits, by path: its name, each cited
    value of the program and of each frame, stated or not, and each item of their
    lists of cited values."""
    paths: dict[str, Kind] = {"name": "name"}
    for model, holder, prefix in _holders(program):
        paths.update(_scalars(model, prefix))
        for path, kind in _lists(model, prefix):
            count = len(getattr(holder, path.removeprefix(prefix)))
            paths.update({f"{path}[{j}]": kind for j in range(count)})
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
    if kind in WORDED:
        try:
            return single_line(typed, "値", MAX_WORDS)
        except TextRefused:
            raise Invalid(MESSAGES[kind], "value") from None
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
    elif kind in WORDED and ja.compact(value) in ja.compact(line):
        yield value


def _build(
    kind: Kind, value: Any, cite: Citation, note: str | None, old: BaseModel | None = None
) -> BaseModel:
    """The value as the schema holds it; an edited item keeps what else it had (a
    document's number and conditions, a category's id)."""
    if kind in WORDED:
        field = _WORDED_FIELD[kind]
        kept = {} if old is None else old.model_dump(exclude={field, "cite", "note"})
        model: type[BaseModel] = _WORDED_MODEL[kind]
        try:
            return model.model_validate({**kept, field: value, "cite": cite, "note": note})
        except ValidationError:
            raise Invalid(MESSAGES[kind], "value") from None
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
    old: BaseModel | None,
    program: Program,
    lines: Sequence[str],
    taken: Taken,
) -> BaseModel | None:
    """The value cited where the document states it, or None where it does not (`old`:
    the value it replaces, whose citation is tried first)."""
    year = program.fiscal_year
    old_cite = getattr(old, "cite", None)
    if isinstance(old_cite, Citation) and _holds(old_cite, lines):
        node = _build(kind, value, old_cite, None, old)
        if check_value(node, year) is None:
            return node
    for number in _order(old_cite, program.source, len(lines)):
        quotes = sorted(_quotes(kind, value, lines[number - 1], year), key=len)
        for quote in quotes:
            cite = Citation(doc=program.source.doc, lines=(number, number), quote=quote)
            if _says_another(cite, taken):
                continue
            node = _build(kind, value, cite, None, old)
            if _holds(cite, lines) and check_value(node, year) is None:
                return node
    return None


@dataclass(frozen=True)
class Edited:
    program: Program
    followed: bool  # the citation follows the value; else it is the reviewer's input
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class _At:
    """Where a path points in the program's JSON: the holder (program or frame), the
    field, and the item of a list field."""

    frame: int | None
    field: str
    item: int | None

    def holder(self, program: Program) -> BaseModel:
        return program if self.frame is None else program.frames[self.frame]

    def data(self, data: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = data if self.frame is None else data["frames"][self.frame]
        return found


def _split(path: str, paths: dict[str, Kind]) -> _At:
    m = _PATH.match(path)
    if m is None or path not in paths:
        raise Invalid("編集できない項目です", "path")
    return _At(None if m[1] is None else int(m[1]), m[2], None if m[3] is None else int(m[3]))


def _dumped(node: object) -> Any:
    if isinstance(node, BaseModel):
        return node.model_dump(mode="json", exclude_none=True)
    if isinstance(node, Fraction):
        return str(node)
    return node


def _validated(data: dict[str, Any], message: str) -> Program:
    try:
        return Program.model_validate(data)
    except ValidationError:
        raise Invalid(message, "value") from None


def _placed(
    kind: Kind,
    value: Any,
    old: BaseModel | None,
    program: Program,
    lines: Sequence[str],
    path: str,
    day: date,
) -> BaseModel:
    """The value cited where the text states it, else as the reviewer's input (its
    citation where the value stood, or the program's part)."""
    taken = [] if kind in WORDED else _taken(program, path)
    node = _followed(kind, value, old, program, lines, taken)
    if node is None:
        old_cite = getattr(old, "cite", None)
        cite = old_cite if isinstance(old_cite, Citation) else program.source
        node = _build(kind, value, cite, reviewer_note(day), old)
    return node


def _edited(program: Program, path: str, old: BaseModel | None, node: BaseModel | None) -> Edited:
    followed = node is None or not is_office_input(getattr(node, "note", None))
    before = {"path": path, "value": _dumped(old)}
    return Edited(program, followed, before, {"path": path, "value": _dumped(node)})


def edit(program: Program, lines: Sequence[str], path: str, text: str, day: date) -> Edited:
    """`program` with the value at `path` set from what the reviewer typed (`text`);
    `Invalid` (nothing changed) for a path not edited here or a value not readable."""
    paths = editable(program)
    at = _split(path, paths)
    kind = paths[path]
    value = read_value(kind, text, program.fiscal_year)
    data = program.model_dump(mode="json", exclude_none=True)
    if kind == "name":
        return _edit_name(program, data, lines, value, day)
    old = getattr(at.holder(program), at.field)
    if at.item is not None:
        old = old[at.item]
    node = _placed(kind, value, old, program, lines, path, day)
    if at.item is None:
        at.data(data)[at.field] = _dumped(node)
    else:
        at.data(data)[at.field][at.item] = _dumped(node)
    return _edited(_validated(data, MESSAGES[kind]), path, old, node)


def add(program: Program, lines: Sequence[str], path: str, text: str, day: date) -> Edited:
    """`program` with a value typed for the list at `path` (a target, an expense
    category, a document …) added at its end, cited as `edit` cites."""
    paths = addable(program)
    at = _split(path, paths)
    kind = paths[path]
    if at.item is not None:
        raise Invalid("編集できない項目です", "path")
    value = read_value(kind, text, program.fiscal_year)
    items = at.data(program.model_dump(mode="json", exclude_none=True)).get(at.field, [])
    start: BaseModel | None = None
    if kind == "category":
        taken = {item["id"] for item in items}
        number = next(n for n in range(1, len(taken) + 2) if f"category_{n}" not in taken)
        start = ExpenseCategory(id=f"category_{number}", name=value, cite=program.source)
    node = _placed(kind, value, start, program, lines, f"{path}[{len(items)}]", day)
    data = program.model_dump(mode="json", exclude_none=True)
    at.data(data).setdefault(at.field, []).append(_dumped(node))
    return _edited(_validated(data, MESSAGES[kind]), path, None, node)


def removable(program: Program) -> set[str]:
    """Every value the review page removes, by path: each edited one but the name, and
    each eligibility criterion (a requirement the text does not state is removed; one
    it states is written in the program file, where its terms are edited)."""
    paths = {p for p in editable(program) if p != "name"}
    held = [("", program.eligibility)]
    held += [(f"frames[{i}].", f.eligibility) for i, f in enumerate(program.frames)]
    for prefix, criteria in held:
        paths.update(f"{prefix}eligibility[{j}]" for j in range(len(criteria)))
    return paths


def remove(program: Program, path: str) -> Edited:
    """`program` without the value at `path` (未記載 then) or the list item there. An
    expense category a limit names stays (`Invalid`): the limit would name nothing."""
    if path == "name":
        raise Invalid("名称は削除できません。正しい名称を入力してください", "path")
    at = _split(path, dict.fromkeys(removable(program), "text"))
    holder = at.holder(program)
    old = getattr(holder, at.field)
    data = program.model_dump(mode="json", exclude_none=True)
    if at.item is None:
        at.data(data).pop(at.field, None)
    else:
        old = old[at.item]
        if isinstance(old, ExpenseCategory) and isinstance(holder, Frame):
            named = [c.categories for c in holder.category_caps]
            named += [s.categories for s in holder.share_limits]
            named += [c.categories for v in holder.variants for c in v.category_caps]
            if any(old.id in categories for categories in named):
                raise Invalid(IN_USE, "path")
        del at.data(data)[at.field][at.item]
    return _edited(_validated(data, "この項目は削除できません"), path, old, None)


def _edit_name(
    program: Program, data: dict[str, Any], lines: Sequence[str], name: str, day: date
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
        notes.append(f"{NAME_MARK}（{ja.format_western(day)}）。原文の記載なし")
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
