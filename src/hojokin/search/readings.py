"""Readings of program texts, so that a query typed in kana finds the kanji it reads as
(`はんろかいたく` → 販路開拓, `そうぎょう` → 創業).

Read once, when programs are stored: SudachiPy with its core dictionary (both pinned
packages) cuts a text into words and gives each word's reading in katakana, which search
folds to hiragana like every text. A query is only cut into words (`words`), which takes
microseconds; its readings are never looked up.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib.metadata import version

from sudachipy.sudachipy import Dictionary, SplitMode, Tokenizer

from hojokin.search.text import UNSTORABLE

# Sudachi refuses inputs longer than about 49 KB; program texts are far shorter, but a
# text is read in pieces of this many characters at most, cut where a line ends.
_PIECE = 4_000
_lock = threading.Lock()


def analyser_version() -> str:
    """What the readings depend on: a new analyser or dictionary means a new index."""
    return f"sudachipy {version('sudachipy')}, sudachidict_core {version('sudachidict_core')}"


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    # Mode C keeps compounds whole (販路開拓 is 販路 + 開拓 either way; 中小企業 stays one).
    return Dictionary(dict="core").tokenizer(SplitMode.C)


def _pieces(text: str) -> list[str]:
    """`text` without what the analyser cannot take (a lone surrogate, from a command
    line's undecodable bytes, is refused by its UTF-8 conversion), in pieces."""
    pieces: list[str] = []
    for line in (UNSTORABLE.sub("", line) for line in text.splitlines()):
        pieces += [line[i : i + _PIECE] for i in range(0, len(line), _PIECE)]
    return pieces


def words(text: str) -> list[str]:
    """The words of a short text as written (`IT導入` → `IT`, `導入`)."""
    with _lock:
        tokenizer = _tokenizer()
        return [m.surface() for piece in _pieces(text) for m in tokenizer.tokenize(piece)]


def reading(word: str) -> str:
    """The reading of a short text, in katakana, every word read (`販路開拓` → `ハンロカイタク`,
    `IT` → `アイティー`)."""
    with _lock:
        tokenizer = _tokenizer()
        return "".join(
            m.reading_form() for piece in _pieces(word) for m in tokenizer.tokenize(piece)
        )


def _kanji(word: str) -> bool:
    return any("一" <= c <= "鿿" or c in "々〆ヶ" for c in word)


@lru_cache(maxsize=65_536)
def readings(text: str) -> tuple[str, ...]:
    """The readings, in katakana, of the runs of words written with kanji in `text`:
    `県内の販路開拓を支援` → `ケンナイ`, `ハンロカイタク`, `シエン`.
    Kana and Latin words are searchable as written; only kanji need a reading, and a
    run keeps adjacent kanji words together so that a reading spanning them
    (`はんろかいたく`) is found. Cached: synthetic catalogs repeat their texts."""
    runs: list[str] = []
    with _lock:  # one tokenizer, not safe to share between threads
        tokenizer = _tokenizer()
        for piece in _pieces(text):
            run = ""
            for m in tokenizer.tokenize(piece):
                if _kanji(m.surface()):
                    run += m.reading_form()
                elif run:
                    runs.append(run)
                    run = ""
            if run:
                runs.append(run)
    return tuple(runs)
