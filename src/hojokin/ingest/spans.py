"""Text folded as hojokin.ja folds it, with the way back to the characters as written.

The ja readers work on NFKC text; a citation must quote the document. `Folded` keeps,
for each folded character, the raw character it came from, so a match found in folded
text is quoted from the line itself. `quote` checks the result the way `catalog
validate` will, and falls back to the folded text where NFKC merged characters
(half-width kana with sound marks) so that the two cannot disagree.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hojokin import ja


def _fold_char(ch: str) -> str:
    # ja.normalize protects circled numbers from NFKC and maps range marks and dashes;
    # one character at a time it gives the same pieces, spaces aside.
    if ch.isspace():
        return " "
    return ja.normalize(ch) if unicodedata.normalize("NFKC", ch).strip() else ""


@dataclass(frozen=True)
class Folded:
    """`text` is the line folded (single spaces, none at the ends); `origin[i]` is the
    index in `raw` of the character `text[i]` came from."""

    raw: str
    text: str
    origin: tuple[int, ...]

    def raw_slice(self, start: int, end: int) -> str:
        """The raw text behind folded characters start..end (end exclusive)."""
        if start >= end:
            return ""
        return self.raw[self.origin[start] : self.origin[end - 1] + 1]

    def quote(self, start: int, end: int) -> str:
        """The raw text of a folded span, as a citation quotes it."""
        wanted = ja.compact(self.text[start:end])
        raw = self.raw_slice(start, end).strip()
        return raw if ja.compact(raw) == wanted else self.text[start:end].strip()


def fold(raw: str) -> Folded:
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(raw):
        for piece in _fold_char(ch):
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            origin.append(i)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Folded(raw, "".join(out), tuple(origin))
