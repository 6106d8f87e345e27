"""What a query word can match: the word itself, its synonyms, and the words it is made of.

People type `補助金` for a 助成金, `IT導入` for a program about 情報化, `富山補助金` without a
space. So each query word has *forms*; a program matches the word when it matches one
form, and a form when every one of its slots has one of its words:

- the whole form: one slot, the word itself (scored ×`WHOLE`) or one of its synonyms
  from `synonyms.yaml` (×`SYNONYM`): its group's other words; a word not in the table
  that is a table word and one character more also matches that word (×`PART`) and
  its group (`創業者` → 創業 ×2, 起業 …);
- the parts form, when the morphological analyser (`readings.words`) cuts the word into
  two or more words of two characters or more: one slot per part, each the part itself
  (×`PART`) or one of its synonyms (×`PART_SYNONYM`). `IT導入` → `it` and `導入`.

A slot's score is the sum of its words' (each word's weight times its factor: a program
holding the word and a synonym too is surer than one holding either), a form's the mean
of its slots' with each slot counted at most `BALANCE` times the weakest (rounded down,
so a form of many parts weighs no more than one of few). The word's score (`combine`)
is what the whole form finds plus what the parts find, counted `PARTS_ALONE` times when
the whole form is found; parts found without it count once: a program holding
`感染症対策` ranks above one holding `感染症` in one text and `対策` in another. The factors
make a literal match outrank a synonym or parts found in the same field. Words are
folded (`text.fold`) before they are compared; the analyser reads them as typed. A word
in kana that is the reading of a table word (`そうぎょう`, `はんろかいたく`) takes that
word's group as its synonyms; the word itself is found through the readings stored with
the texts (`readings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import yaml
from pydantic import BaseModel, ConfigDict, Field

from hojokin.search import readings
from hojokin.search.text import fold

WHOLE, SYNONYM, PART, PART_SYNONYM = 4, 1, 2, 1

# A part counts at most this many times the weakest part of its form, so that a generic
# part found in a name (導入) cannot carry one found only in a tag (IT).
BALANCE = 4

# How much more a word's parts count when the word itself is found too: the word as
# typed is the surest evidence, its parts found apart the weakest.
PARTS_ALONE = 2

# One-character parts (次, 化, 6 in 6次産業化) are in most programs: they say nothing.
_MIN_PART = 2


class SynonymGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    words: list[str] = Field(min_length=2)
    note: str = Field(min_length=1)


@dataclass(frozen=True)
class Alternative:
    text: str  # folded
    factor: int
    # Whether a word longer than a gram must be found in the texts (the word as typed),
    # or is taken to be where all its grams are (synonyms and parts: a guess at meaning
    # already, and checking each in every candidate's texts tripled the slowest queries).
    verified: bool = False


Slot = tuple[Alternative, ...]


@dataclass(frozen=True)
class Form:
    slots: tuple[Slot, ...]

    def texts(self) -> set[str]:
        return {a.text for slot in self.slots for a in slot}

    def score(self, slots: list[int]) -> int:
        """The form's score from its slots' (each > 0)."""
        weakest = min(slots)
        return sum(min(s, BALANCE * weakest) for s in slots) // len(slots)


def combine(whole: int, parts: int) -> int:
    """A word's score from its whole form's and its parts form's (0: not found)."""
    return PARTS_ALONE * (whole + parts) if whole else parts


def read_groups(text: str) -> list[SynonymGroup]:
    """The groups of a synonym table. A word in two groups or a group whose words fold to
    one word is an error, since neither could be meant; so is a word holding another of
    its group, which finds it already (and would count it twice)."""
    groups = [SynonymGroup.model_validate(g) for g in yaml.safe_load(text) or []]
    seen: dict[str, int] = {}
    for number, group in enumerate(groups, start=1):
        folded = [fold(w) for w in group.words]
        if "" in folded or len(set(folded)) != len(folded):
            raise ValueError(f"synonyms: group {number} repeats a word or has an empty one")
        for word in folded:
            inside = [w for w in folded if w != word and w in word]
            if inside:
                raise ValueError(f"synonyms: group {number}: {word!r} holds {inside[0]!r}")
            if word in seen:
                raise ValueError(f"synonyms: {word!r} is in groups {seen[word]} and {number}")
            seen[word] = number
    return groups


@cache
def _groups() -> list[SynonymGroup]:
    return read_groups(
        files("hojokin.search").joinpath("synonyms.yaml").read_text(encoding="utf-8")
    )


@cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Each folded word of the table with the other words of its group."""
    table: dict[str, tuple[str, ...]] = {}
    for group in _groups():
        folded = [fold(w) for w in group.words]
        for word in folded:
            table[word] = tuple(w for w in folded if w != word)
    return table


def by_reading(groups: list[SynonymGroup]) -> dict[str, str]:
    """The folded words of `groups` not written in kana, by their folded reading
    (`はんろかいたく` → 販路開拓), each read as written in the table. A reading words of two
    groups share (起業 and 企業 are both きぎょう) is left out, since neither could be meant."""
    found: dict[str, list[tuple[int, str]]] = {}
    for number, group in enumerate(groups):
        for word in group.words:
            said, folded = fold(readings.reading(word)), fold(word)
            if said and said != folded:
                found.setdefault(said, []).append((number, folded))
    return {
        said: words[0][1]
        for said, words in found.items()
        if len({number for number, _ in words}) == 1
    }


@cache
def _by_reading() -> dict[str, str]:
    # Read once, with the table: a query's own readings are never looked up.
    return by_reading(_groups())


def _holds(word: str, part: str) -> bool:
    """Whether `word` holds `part`; a Latin part only as a whole Latin word (`it` in
    `it導入`, not in `item`)."""
    if not (part.isascii() and part.isalnum()):
        return part in word
    return re.search(rf"(?<![a-z0-9]){re.escape(part)}(?![a-z0-9])", word) is not None


def held_word(word: str) -> str | None:
    """The table word a folded word not in the table is, with one character more (化, 者,
    の: デジタル化 → デジタル, 創業者 → 創業); None for any other word, since a longer word
    says more than the table word it holds."""
    table = _synonyms()
    if word in table:
        return None
    held = [w for w in table if len(word) - len(w) <= 1 and _holds(word, w)]
    return max(held, key=lambda w: (len(w), w)) if held else None


def synonyms(word: str) -> tuple[str, ...]:
    """The other words of a folded word's group; for a word that is a table word and one
    character more (`held_word`), that word's group; for the reading of a table word
    (`そうぎょう`), that word's other words (起業, 開業 …: the word itself is found through
    the readings stored with the texts)."""
    table = _synonyms()
    held = held_word(word)
    if held:
        return table[held]
    if word in table:
        return table[word]
    read = _by_reading().get(word)
    return table[read] if read else ()


def _slot(word: str, factor: int, synonym_factor: int, verified: bool = False) -> Slot:
    # The table word a word holds is what was meant (補助金の: 補助金): it counts as a part.
    held = held_word(word)
    inner = (Alternative(held, factor // 2),) if held else ()
    first = Alternative(word, factor, verified)
    return (first, *inner, *(Alternative(s, synonym_factor) for s in synonyms(word)))


def parts(word: str) -> list[str]:
    """The folded words of two characters or more that `word` is made of; `[]` when it
    is one word (or kana only: readings match those whole)."""
    folded = fold(word)
    if all("ぁ" <= c <= "ゖ" for c in folded):
        return []
    cut = [fold(w) for w in readings.words(word)]
    kept = list(dict.fromkeys(w for w in cut if len(w) >= _MIN_PART))
    return kept if len(kept) > 1 else []


@lru_cache(maxsize=4096)
def forms(word: str) -> tuple[Form, ...]:
    """The forms of a query word: whole (with synonyms), then parts when it has any."""
    folded = fold(word)
    found = [Form((_slot(folded, WHOLE, SYNONYM, verified=True),))]
    cut = parts(word)
    if cut:
        found.append(Form(tuple(_slot(p, PART, PART_SYNONYM) for p in cut)))
    return tuple(found)
