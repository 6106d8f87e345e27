"""Search normalisation: one folded form for the text of programs and for queries.

Both sides go through `fold`, so a query matches however either side was written:

- `ja.normalize` (NFKC and hojokin's clean-up): full-width `ＩＴ` → `IT`, half-width
  `ｶﾞ` → `ガ`, U+3000 → space, wave dashes to one range mark;
- case folding: `IT` → `it`;
- katakana → hiragana: `スイソ` and `すいそ` are one word;
- the long vowel mark and the middle dot are dropped: `コンピューター` matches
  `コンピュータ`, `研究開発・実証` matches `研究開発実証`;
- white space is dropped: PDF extraction breaks words at random (`販路 開拓`);
- control characters and lone surrogates are dropped: no database stores them.

Texts keep their fields apart with `SEPARATOR`, which no folded query contains, so no
match spans two texts.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from hojokin import ja

SEPARATOR = "\n"

# Words of up to MAX_GRAM characters are read from the index alone; most Japanese words
# of the catalog (水素, 販路開拓, 中小企業) are that short. At most 4: `_overlaps_itself`
# relies on it.
MAX_GRAM = 4
OVERLAPPING_MAX = 2

_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6  # ァ … ヶ; ヷ-ヺ have no hiragana
_HIRAGANA_SHIFT = 0x60
_TO_HIRAGANA = {c: c - _HIRAGANA_SHIFT for c in range(_KATAKANA_START, _KATAKANA_END + 1)} | {
    0x30FD: 0x309D,  # ヽ → ゝ
    0x30FE: 0x309E,  # ヾ → ゞ
}
# Also invisible direction marks and overrides (U+200E, U+200F, U+202A–U+202E,
# U+2066–U+2069), which a pasted query can carry.
_DROPPED = {ord("ー"): None, ord("・"): None} | dict.fromkeys(
    [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
# Control characters (Unicode category Cc) and lone surrogates (Cs).
UNSTORABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """The searchable form of a text or a query word. Cached: a catalog repeats its texts
    (issuers, purposes, headings), and storing 100,000 programs folds millions."""
    folded = ja.normalize(text).casefold().translate(_TO_HIRAGANA).translate(_DROPPED)
    return UNSTORABLE.sub("", "".join(folded.split()))


def fold_texts(texts: list[str]) -> str:
    """Several texts of one field, folded and kept apart."""
    return SEPARATOR.join(f for f in (fold(t) for t in texts) if f)


@lru_cache(maxsize=4096)
def query_words(query: str) -> tuple[str, ...]:
    """The words of a query as typed (white space separates words; each must match), one
    per folded form. Cached: the API asks for them twice per request, and people repeat
    queries."""
    words: dict[str, str] = {}
    for word in ja.normalize(query).split():
        words.setdefault(fold(word), word)
    return tuple(w for folded, w in words.items() if folded)


def _overlaps_itself(gram: str) -> bool:
    """Whether two occurrences of a 3- or 4-character gram can overlap (`あいあ`, `あいあい`):
    a border longer than two characters would repeat one character, so the first
    and last character then match too."""
    return gram[0] == gram[-1] or gram[:2] == gram[-2:]


def gram_counts(text: str) -> Counter[str]:
    """Every gram of 1 to MAX_GRAM characters of a folded text, never across SEPARATOR, with
    its number of occurrences: overlapping ones for 1–2 characters (`ああ` twice in
    `あああ`), as `str.count` for longer grams (the count a longer word has always had)."""
    every = [
        part[i : i + n]
        for part in text.split(SEPARATOR)
        for n in range(1, MAX_GRAM + 1)
        for i in range(len(part) - n + 1)
    ]
    counts = Counter(every)
    for gram in [g for g in counts if len(g) > OVERLAPPING_MAX and _overlaps_itself(g)]:
        counts[gram] = text.count(gram)
    return counts
