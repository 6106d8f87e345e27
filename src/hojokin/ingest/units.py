"""A document cut into the programs it describes.

Three shapes are told apart by their headings: a report lists programs as
【name：department】 lines, each after the bullets that describe it (Hokkaido's report);
a plan numbers many headings named like programs (…事業, …補助金; Toyama's plan); any
other document is one call for one program, named by its title (Tokyo's 募集要項), whose
frames are the columns of a table whose header names them (…枠, …区分).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hojokin.ingest.outline import FRAME_ENDINGS, Heading, headings, program_sections
from hojokin.ingest.source import Source
from hojokin.ingest.spans import fold

_REPORT_ENTRY = re.compile(r"^\s*【(?P<name>[^【】：:]{2,60})[：:](?P<dept>[^【】]{1,60})】\s*$")
_BULLET = re.compile(r"^\s*・")
_MEASURE = re.compile(r"^◆\s*(?P<name>[^■]+?)(?:（続き）)?\s*(?:■.*)?$")
_PILLAR = re.compile(r"^[①-⑳]\S")
# Words too common in program names to tell two apart.
_COMMON = re.compile(r"事業費?|補助金|支援|推進|北海道|道内|促進|対策|強化")
MIN_PROGRAMS = 3


@dataclass
class Unit:
    """One program to draft: its name and heading line, the lines its values are read
    from, and where it sits."""

    name: str
    line: int
    lines: list[int]
    end: int
    section: str | None = None
    parent: int | None = None  # the heading line of the enclosing unit
    pillar: int | None = None  # the line of its 施策の柱 or pillar heading
    measure: int | None = None
    department: str | None = None
    frames: list[Heading] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # frames as table columns
    column_row: int | None = None


def document_shape(source: Source) -> str:
    entries = sum(1 for line in source.lines if _REPORT_ENTRY.match(fold(line).text))
    if entries >= MIN_PROGRAMS:
        return "report"
    named = [h for h in headings(source) if h.level > 0 and not h.field and h.program_like]
    return "plan" if len(named) >= MIN_PROGRAMS else "call"


def units(source: Source, title_line: int | None, title: str) -> list[Unit]:
    shape = document_shape(source)
    if shape == "report":
        return report_units(source)
    if shape == "plan":
        return plan_units(source)
    return [call_unit(source, title_line, title)]


# A program named in brackets with terms of its own: 「(経営改善計画策定支援事業 補助率:2/3 …)」.
_BRACKETED = re.compile(
    r"\((?P<name>[^()\s]{2,40}(?:事業|補助金|助成金))\s*(?=(?:補助率|助成率|補助上限|上限))"
)


def _bracketed(source: Source, unit: Unit) -> list[Unit]:
    found = []
    for n in list(unit.lines):
        m = _BRACKETED.search(fold(source.line(n)).text)
        if m is None:
            continue
        unit.lines.remove(n)
        section = f"{unit.section}-{m['name']}" if unit.section else None
        found.append(Unit(m["name"], n, [n], n, section, unit.line, unit.pillar))
    return found


def plan_units(source: Source) -> list[Unit]:
    sections, pillars = program_sections(source)
    found: list[Unit] = []
    for s in sections:
        pillar = pillars.get(s.start)
        label = f"{pillar.mark}-{s.section_label}" if pillar else s.section_label
        found.append(
            Unit(
                s.heading.name,
                s.start,
                s.own_lines(),
                s.end,
                label,
                s.parent.start if s.parent else None,
                pillar.line if pillar else None,
                frames=s.frames,
            )
        )
        found.extend(_bracketed(source, found[-1]))
    return found


def call_unit(source: Source, title_line: int | None, title: str) -> Unit:
    every = list(range(1, len(source.lines) + 1))
    unit = Unit(title, title_line or 1, every, len(source.lines))
    for n in every:
        cells = source.line(n).split("\t")
        names = [fold(c).text for c in cells[1:]]
        framed = [c for c in names if c.replace(" ", "").endswith(FRAME_ENDINGS)]
        if len(framed) >= 2 and len(framed) == len([c for c in names if c]):
            unit.columns, unit.column_row = framed, n
            break
    return unit


def _bigrams(text: str) -> set[str]:
    text = _COMMON.sub(" ", text)
    return {text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2]}


def report_units(source: Source) -> list[Unit]:
    """Each 【name：department】 entry, given the bullet before it that shares most of its
    words: a report lists bullets and then the entries they describe, in no fixed order
    (a group's bullets may also serve the entries after the next ◆ heading), so each
    entry takes the pending bullet most like its name, greedily, best pair first."""
    found: list[Unit] = []
    seen: set[str] = set()
    pending: list[tuple[int, int]] = []  # (first line, last line) of each bullet
    group: list[Unit] = []
    pillar = measure = None
    current: tuple[int, int] | None = None
    for n in range(1, len(source.lines) + 1):
        text = fold(source.line(n)).text
        entry = _REPORT_ENTRY.match(text)
        starts = bool(_BULLET.match(text) or _MEASURE.match(text) or entry)
        if current and (
            starts or (not text and _BULLET.match(fold(source.line(current[0])).text) is None)
        ):
            pending.append(current)
            current = None
        if entry:
            name = entry["name"].strip()
            if name not in seen:
                seen.add(name)
                unit = Unit(
                    name, n, [n], n, pillar=pillar, measure=measure, department=entry["dept"]
                )
                found.append(unit)
                group.append(unit)
            continue
        if group and (_BULLET.match(text) or _MEASURE.match(text)):
            pending = _assign(source, group, pending)
            group = []
        if _MEASURE.match(text):
            measure = n
        elif _PILLAR.match(text) and len(text) <= 60:
            pillar = n
        elif _BULLET.match(text):
            current = (n, n)
        elif current and text:
            current = (current[0], n)
    if current:
        pending.append(current)
    _assign(source, group, pending)
    return found


def _assign(
    source: Source, group: list[Unit], bullets: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Give the group's entries their bullets; the bullets left over."""
    texts = {b: "".join(fold(source.line(n)).text for n in range(b[0], b[1] + 1)) for b in bullets}
    pairs = []
    for unit in group:
        grams = _bigrams(unit.name)
        for b, text in texts.items():
            shared = len(grams & _bigrams(text))
            if shared:
                pairs.append(
                    (shared / (len(grams) * len(_bigrams(text))) ** 0.5, shared, unit.line, b)
                )
    taken_units: set[int] = set()
    taken: set[tuple[int, int]] = set()
    by_line = {u.line: u for u in group}
    for _, _, line, b in sorted(pairs, reverse=True):
        if line in taken_units or b in taken:
            continue
        taken_units.add(line)
        taken.add(b)
        unit = by_line[line]
        unit.lines = [*range(b[0], b[1] + 1), unit.line]
    return [b for b in bullets if b not in taken]
