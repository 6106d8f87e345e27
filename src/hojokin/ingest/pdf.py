"""PDF to lines through pdfplumber's text layer. Tables are found on each page and each
row becomes one line with its cells joined by tabs (as the seed documents write tables);
the text around them is read line by line, top to bottom.

PDF extraction scatters spaces through Japanese ("令和6 年6 月"); spaces between two
Japanese characters or between a digit and a Japanese character are dropped, which no
reading of the text depends on. A PDF that needs a password, or whose pages carry no
text (a scan), is refused: there is nothing to cite.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from hojokin.ingest.errors import IngestError

_JAPANESE = r"\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
_LOOSE_SPACE = re.compile(
    rf"(?<=[{_JAPANESE}0-9]) +(?=[{_JAPANESE}])|(?<=[{_JAPANESE}]) +(?=[0-9])"
)

ENCRYPTED = "パスワードで保護されたPDFは読めません。保護を解除したファイルを指定してください"
NO_TEXT = (
    "PDFに文字情報がありません（画像だけのPDFです）。"
    "文字を認識（OCR）したPDFかテキストを指定してください"
)
BROKEN = "PDFが壊れているため読めません"


def tidy(line: str) -> str:
    return _LOOSE_SPACE.sub("", re.sub(r"[ \u3000]+", " ", line)).strip()


def _inside(box: tuple[float, float, float, float]) -> Callable[[dict[str, Any]], bool]:
    x0, top, x1, bottom = box

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        return not (
            x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom
        )

    return outside


def _page_lines(page: Any) -> list[str]:
    tables = page.find_tables()
    rest = page
    placed: list[tuple[float, int, str]] = []
    for table in tables:
        rest = rest.filter(_inside(table.bbox))
        for i, row in enumerate(table.extract()):
            cells = [tidy((cell or "").replace("\n", " ")) for cell in row]
            if any(cells):
                placed.append((table.bbox[1], i, "\t".join(cells)))
    for line in rest.extract_text_lines():
        text = tidy(line["text"])
        if text:
            placed.append((line["top"], 0, text))
    return [text for _, _, text in sorted(placed, key=lambda item: (item[0], item[1]))]


def pdf_lines(data: bytes) -> tuple[tuple[str, ...], str | None]:
    """The lines of every page in order, and the title the PDF's metadata declares."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = pdf.metadata.get("Title") if isinstance(pdf.metadata, dict) else None
            lines: list[str] = []
            chars = 0
            for page in pdf.pages:
                chars += len(page.chars)
                lines.extend(_page_lines(page))
                lines.append("")
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise IngestError(ENCRYPTED) from exc
    except PdfminerException as exc:
        # pdfplumber wraps what pdfminer raises when opening; a password is one cause.
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise IngestError(ENCRYPTED) from exc
        raise IngestError(BROKEN) from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise IngestError(BROKEN) from exc
    if chars == 0:
        raise IngestError(NO_TEXT)
    return tuple(lines), title if isinstance(title, str) and title.strip() else None
