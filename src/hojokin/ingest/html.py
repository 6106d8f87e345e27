"""HTML (a jGrants `detail`, a program's web page) to lines with the standard library's
parser: scripts, styles and other non-text elements are dropped, each block element
starts a line, and a table row is one line with its cells joined by tabs, as the seed
documents write tables.

A file cut off inside a tag, a comment or a script is refused rather than read in part.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hojokin.ingest.errors import IngestError

_SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "ul", "caption", "tbody", "thead", "tfoot",
}  # fmt: skip
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
_SPACES = re.compile(r"[ \t\r\n\f\u3000]+")
BROKEN = "HTMLが壊れているため読めません（{}）"


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skipping: list[str] = []
        self.title: list[str] | None = None
        self.title_text = ""

    def _end_line(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and self.title is None:
            self.title = []
            return
        if tag in _SKIPPED and tag not in _VOID:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "tr":
            self._end_line()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag in _BLOCKS and self.cell is None:
            self._end_line()
        elif tag in _BLOCKS and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None and not self.title_text:
            self.title_text = _SPACES.sub(" ", "".join(self.title)).strip()
            return
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(_SPACES.sub(" ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                self.lines.append("\t".join(self.row))
            self.row = None
        elif tag in _BLOCKS and self.cell is None:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self.title is not None and not self.title_text:
            self.title.append(data)
            return
        if self.skipping:
            return
        (self.cell if self.cell is not None else self.current).append(data)


def html_lines(text: str) -> tuple[tuple[str, ...], str | None]:
    """The lines of an HTML document and its <title>."""
    reader = _Reader()
    reader.feed(text)
    # What the parser could not finish is kept back: a tag, comment or declaration
    # cut off at the end of the file.
    rest = reader.rawdata[reader.rawdata.rfind("<") :] if "<" in reader.rawdata else ""
    if rest.startswith("<") and ">" not in rest:
        raise IngestError(BROKEN.format("タグの途中でファイルが終わっています"))
    if reader.skipping and reader.skipping[-1] in ("script", "style"):
        raise IngestError(BROKEN.format(f"<{reader.skipping[-1]}> が閉じていません"))
    reader.close()
    reader._end_line()
    return tuple(reader.lines), reader.title_text or None
