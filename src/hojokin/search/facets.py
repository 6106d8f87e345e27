"""What the search filters read from a program: its searchable texts, largest cap,
application windows and the company sizes its size criteria admit."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from hojokin.catalog import status
from hojokin.catalog.criteria import Criterion
from hojokin.catalog.schema import Frame, Money, Program
from hojokin.rules.size import Size
from hojokin.search.text import fold, fold_texts, gram_counts

SIZES: tuple[Size, ...] = ("large", "sme", "small_business")

# Ranking weights: a program named for the query outranks one whose targets or purposes
# mention it, which outranks one whose description does.
NAME_WEIGHT, MID_WEIGHT, BODY_WEIGHT = 100, 10, 1

# A program's use purposes as one stored text (no jGrants purpose contains a line feed).
PURPOSE_SEPARATOR = "\n"


@dataclass(frozen=True)
class SearchTexts:
    """The folded texts of a program, by weight."""

    name: str
    mid: str
    body: str

    def weights(self) -> Counter[str]:
        """Each gram of up to `MAX_GRAM` characters with its weighted number of occurrences."""
        counts: Counter[str] = Counter()
        for text, weight in (
            (self.name, NAME_WEIGHT),
            (self.mid, MID_WEIGHT),
            (self.body, BODY_WEIGHT),
        ):
            for gram, n in gram_counts(text).items():
                counts[gram] += n * weight
        return counts


def search_texts(program: Program) -> SearchTexts:
    mid = [*program.use_purpose]
    mid += [t.text for t in (program.pillar, program.measure) if t]
    for frame in program.frames:
        mid.append(frame.name)
        mid += [t.text for t in frame.targets]
    body = [t.text for t in (program.description, program.department) if t]
    body += [t.text for t in program.activities]
    return SearchTexts(fold(program.name), fold_texts(mid), fold_texts(body))


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


def _meets(size: Size, required: str) -> bool:
    if required == "small_business":
        return size == "small_business"
    return size in ("sme", "small_business")


def _possible(criterion: Criterion, size: Size) -> set[bool]:
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


def admits(program: Program, size: Size) -> bool:
    """Whether a company of `size` can meet the size criteria of at least one frame
    (warnings do not exclude, so only errors count)."""
    for frame in program.frames:
        criteria = [c for c in (*program.eligibility, *frame.eligibility) if c.severity == "error"]
        if all(True in _possible(c, size) for c in criteria):
            return True
    return False
