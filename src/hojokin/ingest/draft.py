"""Program drafts built from a document's units and the figures on their lines.

Each value is built as the catalog's own model and kept only when `catalog validate`'s
checks accept it — its quote is in its cited line and its figure reads back from its
quote — so a draft passes validation by construction; a value that does not is left
out with a note for the reviewer. A figure stated again later (the same role and value)
is cited where it is first stated. Several amounts of one role on one line, each with
its own label (県外 250 千円、国内外 500 千円), are the terms of as many frames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hojokin import ja
from hojokin.catalog.loader import Catalog, Document
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import (
    CategoryCap,
    ExpenseCategory,
    Money,
    Period,
    Rate,
    RequiredDocument,
    ScheduleItem,
    ShareLimit,
    Text,
    Variant,
    YearCap,
)
from hojokin.catalog.validate import check_citation, check_value
from hojokin.catalog.vocabulary import SIZE_LABELS
from hojokin.ingest.documents import Columns, Row, document_row, header
from hojokin.ingest.figures import LEAD, Figure, amounts, cells, periods, rates, split_cells
from hojokin.ingest.outline import heading_at
from hojokin.ingest.source import Source
from hojokin.ingest.spans import Folded, fold
from hojokin.ingest.units import Unit

_FRAME_LABEL = re.compile(r"^[・\-\s]*(?P<name>[^：:、]{1,20}?(?:枠|区分))\s*[:：]")
_WINDOW = re.compile(r"(?:募集|申請|受付|公募).*期間|期間.*(?:募集|申請|受付)")
_SUPPORT = re.compile(r"支援期間|補助事業期間|事業期間|実施期間|補助対象期間")
_TARGET = re.compile(
    r"^[・\-\s]*(?:対象者|申請資格|補助対象者|助成対象者)\s*[:：]?\s*(?P<text>\S.*)$"
)
# A table row's first cell that labels the row (not itself a figure or a date).
_ROW_LABEL = re.compile(r"^[・\-\s]*(?=[^\s0-9])(?!.*[0-9]+\s*(?:円|%|年|月|日))")
_CONTACT = re.compile(
    r"(?:電話|TEL|ＴＥＬ|Tel)[^0-9]{0,6}[0-9０-９]{2,5}\s*[-－(（]|@[A-Za-z0-9.-]+\.[a-z]{2,}"
)
MAX_CONTACTS = 3
# How many lines after 「下記の通り」 its terms may come.
LEAD_REACH = 8
# A line no longer than this that names one frame (【ゼロエミッション枠】) heads the next.
SHORT_LINE = 30


# Citations are checked against the one document in memory; no folder is read.
_NOWHERE = Path("/nonexistent")


@dataclass
class Context:
    """What every draft of one document shares."""

    source: Source
    document: Document
    issuer: str
    prefecture: str
    region: str
    fiscal_year: int
    origin: str

    @property
    def catalog(self) -> Catalog:
        catalog = Catalog(root=_NOWHERE)
        catalog.documents[self.document.name] = self.document
        return catalog

    def cite(self, line: int, quote: str, last: int | None = None) -> Citation:
        return Citation(doc=self.document.name, lines=(line, last or line), quote=quote)

    def line_text(self, line: int) -> str:
        return self.document.lines[line - 1]


@dataclass
class FrameDraft:
    name: str
    line: int | None = None
    terms: dict[str, Any] = field(default_factory=dict)
    variants: list[Variant] = field(default_factory=list)
    category_caps: list[CategoryCap] = field(default_factory=list)
    per_year_caps: list[YearCap] = field(default_factory=list)
    documents: list[RequiredDocument] = field(default_factory=list)
    share_limits: list[ShareLimit] = field(default_factory=list)


class Builder:
    """One program's draft: values are checked as they are added."""

    def __init__(self, context: Context, unit: Unit) -> None:
        self.context = context
        self.unit = unit
        self.notes: list[str] = []
        self.seen: set[tuple[str, object, str | None]] = set()
        self.frames: dict[str | None, FrameDraft] = {None: FrameDraft(unit.name)}
        self.schedule: list[ScheduleItem] = []
        self.fund: Money | None = None
        self.targets: list[Text] = []
        self.contacts: list[Text] = []
        self.categories: dict[str, ExpenseCategory] = {}
        self.previous = ""
        self.previous_line = 0

    def valid(self, node: Any) -> bool:
        catalog = self.context.catalog
        problem = check_value(node, self.context.fiscal_year)
        cite = getattr(node, "cite", None)
        if problem is None and isinstance(cite, Citation):
            problem = check_citation(cite, catalog)
        if problem is not None:
            self.notes.append(f"読み取れなかった値を除きました: {problem}")
            return False
        return True

    def frame(self, key: str | None, line: int) -> FrameDraft:
        if key not in self.frames:
            self.frames[key] = FrameDraft(key or self.unit.name, line)
        return self.frames[key]

    def add(self, figure: Figure, key: str | None, first: int | None = None) -> None:
        """Place a figure in the frame `key`; its citation starts at line `first` where
        the line naming the frame is above the figure's."""
        # A date is the program's; a term is its frame's, and one frame may restate it.
        seen = (figure.role, figure.value, None if figure.role == "period" else key)
        # A term restated outside any frame (in prose after the table) is the same term.
        restated = key is None and (figure.role, figure.value, "*") in self.seen
        if seen in self.seen or restated:
            return
        self.seen.update({seen, (figure.role, figure.value, "*")})
        cite = self.context.cite(first or figure.line, figure.quote, figure.line)
        try:
            self._place(figure, key, cite)
        except ValidationError as exc:
            self.notes.append(f"{figure.line}行目の値を置けませんでした: {exc.errors()[0]['msg']}")

    def _place(self, figure: Figure, key: str | None, cite: Citation) -> None:
        value = figure.value
        if figure.role == "period":
            assert isinstance(value, ja.DateRange)
            self._period(figure, key, value, cite)
            return
        if isinstance(value, Fraction):
            self._rate(figure, key, value, cite)
            return
        assert isinstance(value, int)
        frame = self.frame(key, figure.line)
        if figure.role == "fund":
            money = Money(yen=value, cite=cite)
            if self.fund is None and self.valid(money):
                self.fund = money
        elif figure.role == "per_year_cap":
            cap = YearCap(from_year=figure.from_year or 1, yen=value, cite=cite)
            if self.valid(cap):
                frame.per_year_caps.append(cap)
        elif figure.role == "category_cap":
            self._category_cap(frame, figure, value, cite)
        else:
            money = Money(yen=value, cite=cite)
            if figure.role in frame.terms and figure.label and figure.label != key:
                # A second cap with a label of its own (DX 枠のみ 3,000 千円) is another frame's.
                frame = self.frame(figure.label, figure.line)
            if figure.role in frame.terms:
                self.notes.append(
                    f"{figure.line}行目の{yen_word(figure.role)}「{figure.quote}」は"
                    "同じ枠に二つ目の値のため入れていません。枠か条件を確認してください"
                )
            elif self.valid(money):
                frame.terms[figure.role] = money

    def _category_ids(self, figure: Figure) -> list[str] | None:
        """The ids of the categories a limit names, registered once for the program;
        None (with a note) when they cannot be cited."""
        line = figure.category_line or figure.line
        ids = []
        for name in figure.categories:
            if name not in self.categories:
                category_id = f"category_{len(self.categories) + 1}"
                category = ExpenseCategory(
                    id=category_id, name=name, cite=self.context.cite(line, name)
                )
                if not self.valid(category.cite):
                    return None
                self.categories[name] = category
            ids.append(self.categories[name].id)
        if not ids:
            self.notes.append(f"{figure.line}行目「{figure.quote}」の経費区分が読めません")
            return None
        return ids

    def _category_cap(self, frame: FrameDraft, figure: Figure, yen: int, cite: Citation) -> None:
        ids = self._category_ids(figure)
        if ids is None:
            return
        cap = CategoryCap(categories=ids, yen=yen, per_year=figure.per_year, cite=cite)
        if self.valid(cap):
            frame.category_caps.append(cap)

    def _rate(self, figure: Figure, key: str | None, value: Fraction, cite: Citation) -> None:
        rate = Rate(value=value, cite=cite)
        if not self.valid(rate):
            return
        frame = self.frame(key, figure.line)
        if figure.role == "share":
            ids = self._category_ids(figure)
            limit = (
                ShareLimit(
                    categories=ids or [], max_share=value, per_year=figure.per_year, cite=cite
                )
                if ids
                else None
            )
            if limit is not None and self.valid(limit):
                frame.share_limits.append(limit)
        elif figure.role == "multiplier":
            self.notes.append(
                f"{figure.line}行目「{figure.quote}」は上限額の倍率です"
                f"（{figure.label or '条件'}）。条件を確認して variants に加えてください"
            )
        elif figure.size == "small_business":
            frame.variants.append(
                Variant(
                    label=SIZE_LABELS["small_business"], when={"size": "small_business"}, rate=rate
                )
            )
        else:
            field_name = {
                "rate": "rate",
                "self_pay": "self_pay_share",
                "fee": "fee_rate",
                "cover": "coverage",
                "partner_share": "partner_investment_min_share",
            }[figure.role]
            frame.terms.setdefault(field_name, rate)

    def _period(self, figure: Figure, key: str | None, value: ja.DateRange, cite: Citation) -> None:
        period = Period(start=value.start, end=value.end, approximate=value.approximate, cite=cite)
        if not self.valid(period):
            return
        label = figure.label or "期間"
        if _SUPPORT.search(label):
            self.frame(key, figure.line).terms.setdefault("support_period", period)
            return
        self.schedule.append(ScheduleItem(label=label, period=period))
        if _WINDOW.search(label):
            self.frame(key, figure.line).terms.setdefault("application_window", period)

    def read(self) -> None:
        field = ""
        frame_heading: str | None = None
        previous = ""
        table: tuple[Columns, str | None] | None = None
        lead: tuple[int, str] | None = None
        for n in self.unit.lines:
            raw = self.context.line_text(n)
            row = cells(raw)
            columns = header(row)
            if columns is not None:
                table = (columns, self._named_frame(previous))
                continue
            if table is not None and raw.strip():
                listed = document_row(row, table[0])
                if listed is not None:
                    self._document(listed, n, table[1])
                    continue
                table = None
            heading = heading_at(self.context.source, n)
            if heading is not None and n != self.unit.line:
                lead = None
                if heading.field:
                    field = heading.name
                elif heading.frame:
                    frame_heading = heading.name
                previous = raw
                continue
            self._targets(n, raw, field)
            self._contact(n, raw)
            for i, folded in enumerate(row):
                key = self._key(folded.text, i, n, frame_heading, row)
                label_cell = row[0].text
                found = [
                    *amounts(folded, n, i, field, fold(previous).text, lead),
                    *rates(folded, n, i, lead),
                    *periods(folded, n, i, label_cell, self.context.fiscal_year),
                ]
                named_above = key is not None and key == self._above()
                first = self.previous_line if named_above else None
                for figure, figure_key in self._split(found, key):
                    self.add(figure, figure_key, first if figure_key == key else None)
            if LEAD.search(fold(raw).text):
                lead = (n, fold(raw).text)
            elif lead is not None and n - lead[0] > LEAD_REACH:
                lead = None
            if raw.strip():
                previous = self.previous = raw
                self.previous_line = n

    def _above(self) -> str | None:
        """The frame the short line above names (【ゼロエミッション枠】), if it names one."""
        if len(fold(self.previous).text) > SHORT_LINE:
            return None
        return self._named_frame(self.previous)

    def _named_frame(self, line: str) -> str | None:
        """The frame column a line names (the heading of a table for one frame)."""
        named = [
            c for c in self.unit.columns if c.replace(" ", "") in fold(line).text.replace(" ", "")
        ]
        return named[0] if len(named) == 1 else None

    def _document(self, listed: Row, line: int, key: str | None) -> None:
        document = RequiredDocument(
            number=listed.number,
            name=listed.name,
            copies=listed.copies,
            form=listed.form,
            cite=self.context.cite(line, listed.name),
        )
        if self.valid(document.cite):
            frame = self.frame(key, line)
            if all(d.number != listed.number for d in frame.documents):
                frame.documents.append(document)

    def _contact(self, line: int, raw: str) -> None:
        """A line that gives a telephone number or a mail address: how to reach the office."""
        text = fold(raw).text
        if not _CONTACT.search(text) or len(self.contacts) >= MAX_CONTACTS:
            return
        note = Text(text=text, cite=self.context.cite(line, text))
        if self.valid(note):
            self.contacts.append(note)

    def _key(
        self, text: str, cell: int, line: int, frame_heading: str | None, row: list[Folded]
    ) -> str | None:
        """The frame a cell's terms belong to: its column's where a table's header names
        the frames, the frame a line names (通常枠：…), the row's where a table row's first
        cell labels the terms of the others (特許出願 | 上限額 1,500 千円), else the
        frame heading above."""
        columns = self.unit.columns
        if (
            columns
            and cell >= 1
            and len(split_cells(self.context.line_text(line))) == len(columns) + 1
        ):
            return columns[cell - 1]
        labelled = _FRAME_LABEL.match(text)
        if labelled:
            return labelled["name"].replace(" ", "")
        above = self._above()
        if above is not None:
            return above
        if not columns and cell >= 1 and len(row) >= 2 and _ROW_LABEL.match(row[0].text):
            return _ROW_LABEL.sub("", row[0].text).strip() or frame_heading
        return frame_heading

    @staticmethod
    def _split(found: list[Figure], key: str | None) -> list[tuple[Figure, str | None]]:
        """Amounts of one role with distinct labels on one line are the terms of one frame
        each, named by the label; everything else keeps the line's frame."""
        placed: list[tuple[Figure, str | None]] = []
        for figure in found:
            same = [
                f for f in found if f.role == figure.role and f.role in ("cap", "fixed") and f.label
            ]
            labels = {f.label for f in same}
            if len(same) >= 2 and len(labels) == len(same) and figure in same:
                placed.append((figure, figure.label))
            else:
                placed.append((figure, key))
        return placed

    def _targets(self, n: int, raw: str, field: str) -> None:
        folded = fold(raw)
        m = _TARGET.match(folded.text)
        if m is None and field.startswith(("対象者", "補助対象者", "助成対象者", "申請資格")):
            m = re.match(r"^[・\-\s]*(?P<text>\S.*)$", folded.text)
        if m is None:
            return
        start = m.start("text")
        text = folded.quote(start, len(folded.text))
        item = Text(text=text, cite=self.context.cite(n, text))
        if self.valid(item):
            self.targets.append(item)


def yen_word(role: str) -> str:
    return {"cap": "上限額", "floor": "下限額", "fixed": "定額"}.get(role, "金額")
