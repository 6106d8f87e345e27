"""What a query word can match: the word itself, its synonyms, and the known words it is
made of.

People type `補助金` for a 助成金, `IT導入` for a program about 情報化, `富山補助金` without a
space. So each folded query word has *forms*; a program matches the word when it
matches one form, and a form when every one of its slots has one of its words:

- the whole form: one slot, the word itself (scored ×`WHOLE`) or one of its synonyms
  from `synonyms.yaml` (×`SYNONYM`);
- the parts form, when the word is made of known words (synonyms, prefecture names,
  kind labels) and other text: one slot per part, each the part itself (×`PART`) or one
  of its synonyms (×`PART_SYNONYM`). `IT導入` → `it` and `導入`.

A form's score is the sum of its slots', a slot's the best of its words' (the word's
weighted count times its factor), the word's the best of its forms'. The factors make a
literal match outrank a synonym or a part found in the same field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import yaml
from pydantic import BaseModel, ConfigDict, Field

from hojokin.catalog.views import KIND_LABELS
from hojokin.ja.prefectures import PREFECTURES
from hojokin.search.text import fold

WHOLE, SYNONYM, PART, PART_SYNONYM = 4, 1, 2, 1

# Shorter known words would split ordinary words (道 in 北海道, 県 in 県内).
_MIN_KNOWN = 2


class SynonymGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    words: list[str] = Field(min_length=2)
    note: str = Field(min_length=1)


@dataclass(frozen=True)
class Alternative:
    text: str  # folded
    factor: int


Slot = tuple[Alternative, ...]


@dataclass(frozen=True)
class Form:
    slots: tuple[Slot, ...]

    def texts(self) -> set[str]:
        return {a.text for slot in self.slots for a in slot}


def read_groups(text: str) -> list[SynonymGroup]:
    """The groups of a synonym table; a word in two groups or a group whose words fold to
    one word is an error, since neither could be meant."""
    groups = [SynonymGroup.model_validate(g) for g in yaml.safe_load(text) or []]
    seen: dict[str, int] = {}
    for number, group in enumerate(groups, start=1):
        folded = [fold(w) for w in group.words]
        if "" in folded or len(set(folded)) != len(folded):
            raise ValueError(
                f"synonyms: group {number} has an empty or repeated word: {group.words}"
            )
        for word in folded:
            if word in seen:
                raise ValueError(f"synonyms: {word!r} is in groups {seen[word]} and {number}")
            seen[word] = number
    return groups


@cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Each folded word of the table with the other words of its group."""
    text = files("hojokin.search").joinpath("synonyms.yaml").read_text(encoding="utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for group in read_groups(text):
        folded = [fold(w) for w in group.words]
        for word in folded:
            table[word] = tuple(w for w in folded if w != word)
    return table


def place_words(prefecture: str) -> list[str]:
    """What people call a prefecture and the places in it: 富山県, 富山, 富山県内; 都内 for
    Tokyo and 道内 for Hokkaido, where the one character stands for the prefecture."""
    short = prefecture.removesuffix("都").removesuffix("府").removesuffix("県")
    words = [prefecture, f"{prefecture}内"]
    if short != prefecture:
        words.append(short)
    if prefecture in ("東京都", "北海道"):
        words.append(f"{prefecture[-1]}内")
    return words


@cache
def _known() -> frozenset[str]:
    """The words a query word is cut into: synonyms, places and kind labels."""
    words = set(_synonyms())
    words |= {fold(w) for p in PREFECTURES for w in place_words(p)}
    words |= {fold(part) for label in KIND_LABELS.values() for part in label.split("・")}
    return frozenset(w for w in words if len(w) >= _MIN_KNOWN)


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _known_at(word: str, start: int) -> str | None:
    """The longest known word starting at `start`; a Latin one only as a whole Latin word
    (`it` in `it導入`, never in `item`)."""
    known = _known()
    for end in range(len(word), start + _MIN_KNOWN - 1, -1):
        piece = word[start:end]
        if piece not in known:
            continue
        if _latin(piece[0]) and (
            (start > 0 and _latin(word[start - 1])) or (end < len(word) and _latin(word[end]))
        ):
            continue
        return piece
    return None


def parts(word: str) -> list[str]:
    """`word` cut at the known words it holds (leftmost, longest first); `[word]` when it
    holds none or is one."""
    cut: list[str] = []
    rest = ""
    i = 0
    while i < len(word):
        piece = _known_at(word, i)
        if piece is None:
            rest += word[i]
            i += 1
            continue
        if rest:
            cut.append(rest)
            rest = ""
        cut.append(piece)
        i += len(piece)
    if rest:
        cut.append(rest)
    return cut if len(cut) > 1 else [word]


def _slot(word: str, factor: int, synonym_factor: int) -> Slot:
    synonyms = _synonyms().get(word, ())
    return (Alternative(word, factor), *(Alternative(s, synonym_factor) for s in synonyms))


@lru_cache(maxsize=4096)
def forms(word: str) -> tuple[Form, ...]:
    """The forms of a folded query word: whole (with synonyms), then parts when it has any."""
    found = [Form((_slot(word, WHOLE, SYNONYM),))]
    cut = parts(word)
    if len(cut) > 1:
        found.append(Form(tuple(_slot(p, PART, PART_SYNONYM) for p in dict.fromkeys(cut))))
    return tuple(found)
