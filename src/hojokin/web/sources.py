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

from hojokin.catalog.loader import Document
from hojokin.catalog.primitives import Citation
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
    found.reverse()
    closing = _closing_tag(lines, line)
    if closing is not None:  # the tag below names the entry, not the one above it
        found = [h for h in found if h.depth < _TAG_DEPTH] + [closing]
    return found


# Hokkaido's report puts each entry's 【事業：部】 tag after its bullets: the bullets of a
# page come first, then their tags together, and not always in the same order (the
# extraction interleaves the page's columns). A bullet's tag is the one its text shares
# most with, assigned greedily within the page's block.
_TAG_DEPTH = 6
_TAG = re.compile(r"【[^】]*：")
_BULLET = "・"


def _is_tag(text: str) -> bool:
    return _TAG.match(text.strip()) is not None


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[\s\W_0-9０-９]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _closing_tag(lines: Sequence[str], line: int) -> Heading | None:
    """The tag after the bullets that hold `line`, where the document tags that way."""
    if not 1 <= line <= len(lines):
        return None
    start = line
    while not lines[start - 1].strip().startswith(_BULLET):
        if heading_depth(lines[start - 1]) is not None or _is_tag(lines[start - 1]):
            return None
        start -= 1
        if start < 1:
            return None
    first = start  # the page's first bullet: up to the previous tag or heading
    for n in range(start - 1, 0, -1):
        if heading_depth(lines[n - 1]) is not None or _is_tag(lines[n - 1]):
            break
        if lines[n - 1].strip().startswith(_BULLET):
            first = n
    tag_at = None
    for n in range(start + 1, len(lines) + 1):
        if _is_tag(lines[n - 1]):
            tag_at = n
            break
        # a page's running heading (◆…（続き）) may stand between the bullets and their tags
        if heading_depth(lines[n - 1]) is not None and not lines[n - 1].strip().endswith(
            "（続き）"
        ):
            return None
    if tag_at is None:
        return None
    bullets = [n for n in range(first, tag_at) if lines[n - 1].strip().startswith(_BULLET)]
    tags: list[int] = []
    for n in range(tag_at, len(lines) + 1):
        text = lines[n - 1].strip()
        if _is_tag(text):
            tags.append(n)
        elif text.startswith((_BULLET, "▷")) or heading_depth(text) is not None:
            break
    ends = [*bullets[1:], tag_at]
    texts = {b: "".join(lines[b - 1 : e - 1]) for b, e in zip(bullets, ends, strict=True)}
    scores = sorted(
        (
            (len(_bigrams(texts[b]) & _bigrams(lines[t - 1])), -b, -t, b, t)
            for b in bullets
            for t in tags
        ),
        reverse=True,
    )
    taken: dict[int, int] = {}
    for score, _, _, b, t in scores:
        if score and b not in taken and t not in taken.values():
            taken[b] = t
    # what shares no words is paired in order: the bullets and tags left over
    left = [t for t in tags if t not in taken.values()]
    for b, t in zip([b for b in bullets if b not in taken], left, strict=False):
        taken[b] = t
    if start not in taken:
        return None
    tag = taken[start]
    return Heading(tag, _TAG_DEPTH, plain_text(lines[tag - 1]))


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
