"""The headings of a document and the programs they delimit.

A heading is a short line that starts with a numbering mark — I/II (pillars), 1, (1),
①, ア — and stands alone (a blank line follows it); a list item is not a heading. A
heading named like a field (対象者, 助成額 …) is a part of the program above it, one
named 枠 or 区分 is a frame of it, and any other one is a program of its own, a child of
the heading above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hojokin.ingest.source import Source
from hojokin.ingest.spans import fold

_MARKS = (
    (0, re.compile(r"^(?P<m>I{1,3}|IV|VI{0,3}|IX|X)\s+(?P<name>\S.*)$")),
    (1, re.compile(r"^(?P<m>[0-9]{1,2})\s+(?P<name>[^\s0-9].*)$")),
    (2, re.compile(r"^\((?P<m>[0-9]{1,2})\)\s*(?P<name>\S.*)$")),
    (3, re.compile(r"^(?P<m>[①-⑳])\s*(?P<name>\S.*)$")),
    (4, re.compile(r"^(?P<m>[ア-ン])\s+(?P<name>\S.*)$")),
)
# A program marked new (新) or a circled number doubled by the extraction (⑤ 5).
_NEW_MARK = re.compile(r"^新\s*(?=[(①-⑳0-9])")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_DOUBLED = re.compile(r"^(?P<c>[①-⑳])\s+(?P<n>[0-9]{1,2})\s+")
MAX_NAME = 50

FIELD_WORDS = (
    "対象者", "対象", "対象事業", "補助対象事業", "助成対象事業", "補助対象者", "助成対象者",
    "対象経費", "助成対象経費", "補助対象経費", "助成額", "補助額", "助成率", "補助率",
    "助成額・助成率", "補助額・補助率", "補助金額", "支給額", "上限額", "内容", "時期", "実施時期",
    "申請資格", "問い合わせ", "問合せ", "お問い合わせ", "お問い合わせ先", "連絡先",
)  # fmt: skip
PROGRAM_ENDINGS = (
    "事業", "事業費", "補助金", "助成金", "支援金", "交付金", "給付金", "資金", "ファンド", "制度",
)  # fmt: skip
FRAME_ENDINGS = ("枠", "区分")


@dataclass
class Heading:
    line: int
    level: int
    mark: str
    name: str

    @property
    def field(self) -> bool:
        label = re.split(r"[:：]", self.name)[0].replace(" ", "")
        return label in FIELD_WORDS

    @property
    def frame(self) -> bool:
        return self.name.replace(" ", "").endswith(FRAME_ENDINGS)

    @property
    def program_like(self) -> bool:
        return self.name.replace(" ", "").endswith(PROGRAM_ENDINGS)


@dataclass
class Section:
    """A program heading, the lines it spans (to the next heading of its level or
    above), its frame headings and its child programs."""

    heading: Heading
    end: int
    parent: Section | None = None
    frames: list[Heading] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.heading.line

    def own_lines(self) -> list[int]:
        """Its lines without those of its child programs."""
        taken = {n for child in self.children for n in range(child.start, child.end + 1)}
        return [n for n in range(self.start, self.end + 1) if n not in taken]

    @property
    def section_label(self) -> str:
        marks = []
        node: Section | None = self
        while node is not None:
            marks.append(_label_mark(node.heading))
            node = node.parent
        return "-".join(reversed(marks))


def _label_mark(heading: Heading) -> str:
    return f"({heading.mark})" if heading.level == 2 else heading.mark


def _clean(text: str) -> str:
    text = _NEW_MARK.sub("", text)
    doubled = _DOUBLED.match(text)
    if doubled and _CIRCLED.index(doubled["c"]) + 1 == int(doubled["n"]):
        text = text[doubled.start("n") :]
    return text


def heading_at(source: Source, number: int) -> Heading | None:
    """The heading on line `number`, or None when the line is not one."""
    raw = source.line(number)
    folded = fold(raw).text
    if not folded or "\t" in raw or folded.startswith(("-", "・", "※")):
        return None
    following = source.lines[number] if number < len(source.lines) else ""
    if following.strip():
        return None
    text = _clean(folded)
    for level, pattern in _MARKS:
        m = pattern.match(text)
        if m is None:
            continue
        name = m["name"].strip()
        if len(name) > MAX_NAME or "。" in name or name.endswith(("、", ",")):
            return None
        return Heading(number, level, m["m"], name)
    return None


def headings(source: Source) -> list[Heading]:
    found = (heading_at(source, n) for n in range(1, len(source.lines) + 1))
    return [h for h in found if h is not None]


def program_sections(source: Source) -> tuple[list[Section], dict[int, Heading]]:
    """The program sections of a plan (in document order, parents before children) and
    the pillar (level 0) heading each line falls under."""
    sections: list[Section] = []
    stack: list[Section] = []
    pillars: dict[int, Heading] = {}
    pillar: Heading | None = None
    all_headings = headings(source)
    last = len(source.lines)
    for h in all_headings:
        if h.level == 0:
            pillar = h
            stack.clear()
            continue
        if pillar is not None:
            pillars[h.line] = pillar
        while stack and stack[-1].heading.level >= h.level:
            stack.pop()
        if h.field:
            continue
        if h.frame and stack:
            stack[-1].frames.append(h)
            continue
        section = Section(h, last, stack[-1] if stack else None)
        if section.parent is not None:
            section.parent.children.append(section)
        sections.append(section)
        stack.append(section)
    _close(sections, all_headings, source)
    return sections, pillars


def _close(sections: list[Section], all_headings: list[Heading], source: Source) -> None:
    """Each section ends before the next heading of its level or above, blank lines off."""
    for section in sections:
        level = section.heading.level
        later = [h.line - 1 for h in all_headings if h.line > section.start and h.level <= level]
        section.end = min(later, default=len(source.lines))
        while section.end > section.start and not source.line(section.end).strip():
            section.end -= 1
