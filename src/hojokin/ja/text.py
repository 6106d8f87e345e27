"""Unicode clean-up that keeps the meaning of Japanese administrative text."""

from __future__ import annotations

import re
import unicodedata

RANGE_MARK = "～"

# Circled numbers are list markers (①, ②). NFKC would turn "①2,000千円" into
# "12,000千円", silently changing an amount, so they are left alone.
_PROTECTED = re.compile(r"([\u2460-\u2473\u24ea-\u24ff\u3251-\u325f\u32b1-\u32bf]+)")

_FOLD = str.maketrans(
    {
        # Every wave dash and tilde means "from … to" in these documents; one
        # canonical mark lets quotes match source lines whichever glyph was used.
        "~": RANGE_MARK,
        "\u301c": RANGE_MARK,  # 〜 WAVE DASH
        "\u223c": RANGE_MARK,  # ∼ TILDE OPERATOR
        # Hyphen and minus look-alikes; the katakana long mark ー and the dashes
        # — ― are different characters with different meanings and stay.
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2212": "-",
        "\ufe63": "-",
        # NFKC spells ½ with FRACTION SLASH.
        "\u2044": "/",
        "\u2215": "/",
        # Invisible characters that PDF extraction leaves behind.
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC-fold ``text``, keeping range marks, list markers and ・.

    Full-width digits, letters, punctuation and U+3000 become their ASCII forms,
    ～ 〜 ~ all become ～, minus/hyphen variants become "-", and runs of white
    space collapse to one space with the ends stripped.
    """
    pieces = _PROTECTED.split(text)
    # re.split with one capture group alternates unprotected/protected pieces.
    folded = "".join(
        piece if i % 2 else unicodedata.normalize("NFKC", piece) for i, piece in enumerate(pieces)
    )
    return _SPACES.sub(" ", folded.translate(_FOLD)).strip()


def compact(text: str) -> str:
    """``normalize`` and then drop every space.

    PDF extraction breaks lines at arbitrary points ("令和6 年6 月", "3 1日"), so
    comparisons between a quote and its source line ignore spacing entirely.
    """
    return normalize(text).replace(" ", "")


# What a person types into one field: a name is one line, a message may run to many.
# Bounded so that a pasted document or a script's output is refused, not stored and
# shown; each field may ask for less.
MAX_LINE_CHARS = 200
MAX_MESSAGE_CHARS = 2000

# Line and paragraph separators break a line as surely as LF does.
_SEPARATORS = frozenset({"\u2028", "\u2029"})


class TextRefused(ValueError):
    """Typed text that cannot be stored; the message is Japanese and names the field."""


def _invisible(char: str) -> bool:
    # Cc: C0/C1 controls (NUL, CR, LF, ESC …); Cf: format characters, among them the
    # bidirectional overrides that show "gpj.exe" as "exe.jpg" and zero-width ones that
    # make two equal-looking names differ; Cs: half a surrogate pair, which UTF-8
    # cannot carry.
    return char in _SEPARATORS or unicodedata.category(char) in ("Cc", "Cf", "Cs")


def _bounded(text: str, label: str, max_chars: int, required: bool) -> str:
    if required and not text:
        raise TextRefused(f"{label}を入力してください")
    if len(text) > max_chars:
        raise TextRefused(f"{label}は {max_chars} 文字以内にしてください（{len(text)} 文字）")
    return text


def single_line(
    text: str, label: str, max_chars: int = MAX_LINE_CHARS, *, required: bool = True
) -> str:
    """A name as typed, made NFC and stripped: `TextRefused` naming `label` for a line
    break, a control or invisible (format) character, an empty text when `required`, or
    more than `max_chars` characters."""
    cleaned = unicodedata.normalize("NFC", text).strip()
    bad = next((c for c in cleaned if _invisible(c)), None)
    if bad is not None:
        raise TextRefused(f"{label}に改行・制御文字・見えない文字（U+{ord(bad):04X}）は使えません")
    return _bounded(cleaned, label, max_chars, required)


def multi_line(
    text: str, label: str, max_chars: int = MAX_MESSAGE_CHARS, *, required: bool = True
) -> str:
    """A message as typed, made NFC and stripped, its line breaks (CR LF, CR) made LF:
    `TextRefused` naming `label` for any other control or invisible character, an empty
    text when `required`, or more than `max_chars` characters."""
    cleaned = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    cleaned = cleaned.strip()
    bad = next((c for c in cleaned if _invisible(c) and c != "\n"), None)
    if bad is not None:
        raise TextRefused(f"{label}に制御文字・見えない文字（U+{ord(bad):04X}）は使えません")
    return _bounded(cleaned, label, max_chars, required)
