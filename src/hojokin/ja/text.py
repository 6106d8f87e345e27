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
