"""What the search filters read from a program: its searchable texts, largest cap,
application windows and the company sizes its size criteria admit."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from hojokin.catalog import status
from hojokin.catalog.criteria import AreaTest, Criterion
from hojokin.catalog.kinds import KIND_LABELS
from hojokin.catalog.schema import Frame, Money, Program
from hojokin.catalog.vocabulary import INDUSTRY_LABELS, SIZE_LABELS, CompanySize, SizeRequirement
from hojokin.ja import areas
from hojokin.ja.areas import subprefecture_short
from hojokin.ja.prefectures import short_name
from hojokin.search import readings
from hojokin.search.text import fold_texts, gram_counts

# Ranking weights, per occurrence: a program named for the query outranks one issued in
# the place or of the kind asked for, which outranks one whose targets or frames mention
# it, then one tagged with it (purposes, industries, sizes), then one whose description
# does.
# The stored columns are `<field>_text`, in this order.
FIELD_WEIGHTS: dict[str, int] = {"name": 100, "label": 30, "mid": 10, "tag": 3, "body": 1}

# A program the administration runs itself (kind `public_project`: PR, campaigns, events
# it holds) gives a business no money or support of its own, so where it matches as well
# as a program that does, it ranks below: every other program's score counts twice.
OWN_MEASURE_FACTOR, SUPPORT_FACTOR = 1, 2


def kind_factor(kind: str) -> int:
    """What a program's score is multiplied by, for its kind."""
    return OWN_MEASURE_FACTOR if kind == "public_project" else SUPPORT_FACTOR


# A program's use purposes as one stored text (no jGrants purpose contains a line feed).
PURPOSE_SEPARATOR = "\n"

# What the stored search texts are made of: a change here (or in the analyser of
# readings) makes every stored catalog be read again.
INDEX_FORMAT = (
    "texts 3: name, label, mid (with target towns' 振興局), tag, body (with umbrella); "
    f"readings {readings.analyser_version()}"
)


@dataclass(frozen=True)
class SearchTexts:
    """The folded texts of a program, by weight, each followed by its readings."""

    name: str
    label: str
    mid: str
    tag: str
    body: str

    def fields(self) -> tuple[tuple[str, int], ...]:
        """Each text with its weight, in `FIELD_WEIGHTS`' order."""
        return tuple((getattr(self, field), w) for field, w in FIELD_WEIGHTS.items())

    def weights(self) -> Counter[str]:
        """Each gram of up to `MAX_GRAM` characters with its weighted number of occurrences."""
        counts: Counter[str] = Counter()
        for text, weight in self.fields():
            for gram, n in gram_counts(text).items():
                counts[gram] += n * weight
        return counts


def _field(texts: list[str]) -> str:
    """Texts folded, then the readings of their kanji, all kept apart."""
    return fold_texts([*texts, *(r for t in texts for r in readings.readings(t))])


def _criteria(criteria: Iterable[Criterion]) -> Iterator[Criterion]:
    """Criteria and their parts a company must meet (`none_of` parts name what it must not
    be, so they describe no target)."""
    for criterion in criteria:
        yield criterion
        yield from _criteria(criterion.all_of or criterion.any_of or [])


def place_words(prefecture: str) -> list[str]:
    """What people call a prefecture and the places in it: 富山県, 富山, 富山県内; 都内 for
    Tokyo and 道内 for Hokkaido, where the one character stands for the prefecture."""
    short = short_name(prefecture)
    words = [prefecture, f"{prefecture}内"]
    if short != prefecture:
        words.append(short)
    if prefecture in ("東京都", "北海道"):
        words.append(f"{prefecture[-1]}内")
    return words


def _subprefecture_words(office: str) -> list[str]:
    """What people call a 振興局's area: 石狩振興局, 石狩, 石狩管内, 石狩地域."""
    base = subprefecture_short(office)
    return [office, base, f"{base}管内", f"{base}地域"]


def _area_words(area: AreaTest) -> list[str]:
    words = [w for p in area.prefectures for w in place_words(p)]
    for office in area.subprefectures:
        words += _subprefecture_words(office)
    return words + area.municipalities


@cache
def _hokkaido_places() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern finding 北海道's municipalities by name (longest first: 札幌市中央区 before
    札幌市), and the 振興局 of each."""
    office = {
        m.name: found
        for m in areas.municipalities()
        if (found := areas.subprefecture_of(m)) is not None
    }
    names = sorted(office, key=lambda name: (-len(name), name))
    return re.compile("|".join(map(re.escape, names))), office


def _target_area_words(program: Program) -> list[str]:
    """The 振興局 words of the 北海道 municipalities a program's targets name (「札幌市内の
    飲食店等」: 石狩振興局, 石狩, 石狩管内, 石狩地域), so that a query for the area finds a
    program for businesses in one of its towns, as one whose criteria name the area does."""
    if program.prefecture != "北海道":
        return []
    targets = [t.text for frame in program.frames for t in frame.targets]
    pattern, office = _hokkaido_places()
    found = {office[m.group()] for text in targets for m in pattern.finditer(text)}
    return [w for o in sorted(found) for w in _subprefecture_words(o)]


def search_texts(program: Program, umbrella: str | None = None) -> SearchTexts:
    """The texts a program is found by. `umbrella`: the name of the comprehensive program
    (総合支援, 「内訳は下位の事業」) this one is a part of, if any: what the part serves
    (窓口相談事業 under 中小企業経営革新支援事業), weak evidence like a plan's heading."""
    criteria = [
        c
        for c in _criteria(
            (*program.eligibility, *(c for f in program.frames for c in f.eligibility))
        )
        if c.severity == "error"
    ]
    label = [program.issuer, *place_words(program.prefecture), KIND_LABELS[program.kind]]
    label += [w for c in criteria if c.area for w in _area_words(c.area)]
    mid: list[str] = []
    for frame in program.frames:
        mid.append(frame.name)
        mid += [t.text for t in frame.targets]
    mid += _target_area_words(program)
    tag = [*program.use_purpose]
    tag += [INDUSTRY_LABELS[i] for c in criteria for i in c.industry or []]
    tag += [SIZE_LABELS[c.size] for c in criteria if c.size]
    # A plan's pillar and measure head a section shared by many programs: weak evidence.
    body = [t.text for t in (program.description, program.department) if t]
    body += [t.text for t in (program.pillar, program.measure) if t]
    if umbrella and umbrella != program.name:
        body.append(umbrella)
    body += [t.text for t in program.activities]
    # A results report says what was done (セミナーを開催, 商談会に出展) in its cited lines.
    body += [c.quote for c in program.outcome_sources if c.quote]
    return SearchTexts(
        _field([program.name]),
        _field(list(dict.fromkeys(label))),
        _field(mid),
        _field(list(dict.fromkeys(tag))),
        _field(body),
    )


def issuer_text(program: Program) -> str:
    """What the issuer filter matches: the issuer, its department and the prefecture."""
    texts = [program.issuer, program.prefecture]
    if program.department:
        texts.append(program.department.text)
    return fold_texts(texts)


def _frame_caps(frame: Frame) -> list[int]:
    caps = [m.yen for m in (frame.cap, frame.fixed) if m]
    for variant in frame.variants:
        caps += [m.yen for m in (variant.cap, variant.fixed) if m]
        base: Money | None = variant.cap or frame.cap
        if variant.cap_multiplier and base:
            caps.append(math.floor(base.yen * variant.cap_multiplier.value))
    return caps


def max_cap_yen(program: Program) -> int | None:
    """The largest amount any frame or variant can grant (caps, fixed amounts, multiplied
    caps); None when no frame states one."""
    caps = [yen for frame in program.frames for yen in _frame_caps(frame)]
    return max(caps, default=None)


def windows(program: Program) -> list[tuple[str, date, date]]:
    """Application windows as the search stores them: key, first and last day."""
    return [(w.key, w.period.start, w.period.end) for w in status.windows(program)]


def _meets(size: CompanySize, required: SizeRequirement) -> bool:
    if required == "small_business":
        return size == "small_business"
    return size != "large"  # a small business is an SME too


def _possible(criterion: Criterion, size: CompanySize) -> set[bool]:
    """The values a criterion can take for a company of `size`; every test but size is free."""
    if criterion.size is not None:
        return {_meets(size, criterion.size)}
    parts = criterion.all_of or criterion.any_of or criterion.none_of
    if parts is None:
        return {True, False}
    sets = [_possible(c, size) for c in parts]
    can_all = all(True in s for s in sets)
    can_any = any(True in s for s in sets)
    can_fail_one = any(False in s for s in sets)
    can_fail_all = all(False in s for s in sets)
    if criterion.all_of is not None:
        return {v for v, ok in ((True, can_all), (False, can_fail_one)) if ok}
    if criterion.any_of is not None:
        return {v for v, ok in ((True, can_any), (False, can_fail_all)) if ok}
    return {v for v, ok in ((True, can_fail_all), (False, can_any)) if ok}


def admits(program: Program, size: CompanySize) -> bool:
    """Whether a company of `size` can meet the size criteria of at least one frame
    (warnings do not exclude, so only errors count)."""
    for frame in program.frames:
        criteria = [c for c in (*program.eligibility, *frame.eligibility) if c.severity == "error"]
        if all(True in _possible(c, size) for c in criteria):
            return True
    return False
