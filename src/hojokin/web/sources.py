"""The 根拠 as people read it: the document's title, the quote without markdown, and the
headings that the cited lines fall under.

The seed documents are plain text extracted from PDFs. Their headings are short lines
that open with a numbering mark: Toyama's plan numbers I → 1 → (1) → ① → ア, Tokyo's call
1 → (1) → ア with 【…】 notes, Hokkaido's report 【事業：部（課）】. A line that
opens with such a mark but runs on as a sentence (ends with 。, or is long) is a list
item, not a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hojokin.catalog.base import Citation
from hojokin.catalog.loader import Document
from hojokin.catalog.schema import Program
from hojokin.catalog.validate import citations
from hojokin.web.format import lines_text

# Each mark's depth; a heading belongs under the nearest earlier heading of lower depth.
_MARKS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"#{1,6} ")),
    (1, re.compile(r"[IVXⅠ-Ⅻ]+ ")),
    (2, re.compile(r"[①-⑳]? ?[0-9]{1,2} (?![0-9,，])")),  # "⑤ 5 ヘルスケア…" is a 5
    (3, re.compile(r"\([0-9]{1,2}\) ")),
    (4, re.compile(r"[①-⑳] |[0-9]{1,2}\. ")),
    (5, re.compile(r"[ア-ン] ")),
    (6, re.compile(r"【[^】]+】$")),
    # Hokkaido's report groups its 【】 entries under ■ and ◆, but Tokyo's call uses the
    # same marks for figure captions: deepest, so they only name the lines right below.
    (7, re.compile(r"[■◆]")),
)
_MAX_HEADING = 48  # characters: longer numbered lines are requirements or descriptions

_MARKDOWN = re.compile(r"\*\*|__|^#{1,6} +|<[^>]+>")
_TABLE_RULE = re.compile(r"^\|?[-:| ]+\|?$")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based
    depth: int
    text: str


def heading_depth(line: str) -> int | None:
    """The depth of a heading line, or None for any other line."""
    text = line.strip()
    if not text or len(text) > _MAX_HEADING or text.endswith("。"):
        return None
    for depth, mark in _MARKS:
        if mark.match(text):
            return depth
    return None


def headings_above(lines: Sequence[str], line: int) -> list[Heading]:
    """The headings that `line` (1-based) falls under, outermost first."""
    found: list[Heading] = []
    for n in range(min(line, len(lines)), 0, -1):
        depth = heading_depth(lines[n - 1])
        if depth is not None and (not found or depth < found[-1].depth):
            found.append(Heading(n, depth, plain_text(lines[n - 1])))
            if depth == 1:
                break
    return found[::-1]


def plain_text(text: str) -> str:
    """Source text as read, without the markdown of the extraction (**, #, table pipes)."""
    if _TABLE_RULE.match(text.strip()):
        return ""
    text = _MARKDOWN.sub("", text.strip()).replace("|", " ")
    return _SPACES.sub(" ", text).strip()


def document_label(document: Document | None, cite: Citation) -> str:
    """令和4年度 事業計画（公益財団法人富山県新世紀産業機構）342行目."""
    if document is None:
        return f"{cite.doc} {lines_text(cite)}"
    return f"{document.title}（{document.issuer}）{lines_text(cite)}"


def cites(program: Program, doc: str) -> bool:
    """Whether the program cites the document: only then does its page link back to it."""
    return any(cite.doc == doc for _, cite in citations(program))
