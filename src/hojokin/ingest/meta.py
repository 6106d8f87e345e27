"""What a document says about itself: its title, issuer, prefecture, fiscal year and
date, each from the text where it says so, else from what the person ingesting gives.

The title is the first lines before the first heading, table or paragraph (at most two,
each short), after any version stamp (第2版：2025年4月25日). The prefecture is the one
the text names in full most often, when it is named more than twice as often as any
other, and three times, on the cover lines or as its area (富山県内); 本県/本道/都 count
for none. A national 公募要領 names prefectures in passing, and a guess from those would
restrict the program to one of them: 全国 is given for a program of the whole country.
The fiscal year is the first 年度 the text names, else the fiscal year of its first
date. The issuer is a 公益財団法人 / 一般社団法人 … named in the text, else the
prefecture itself, with a note (a program of the whole country has no such fallback:
its issuer must be given).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from hojokin import ja
from hojokin.ingest.errors import IngestError
from hojokin.ingest.outline import heading_at
from hojokin.ingest.source import Source
from hojokin.ingest.spans import fold
from hojokin.ja.fields import FISCAL_YEAR_RANGE, FISCAL_YEARS
from hojokin.ja.prefectures import NATIONWIDE, PREFECTURES, prefecture_name

_FISCAL = re.compile(r"(?:令和|平成)(?:元|[0-9]{1,2})年度|[0-9]{4}年度")
_BODY = re.compile(
    r"(?:公益|一般)(?:財団|社団)法人[ \u3000]*\S+?(?:機構|センター|協会|公社|財団|振興会|協議会)"
    r"|(?:独立行政法人)[ \u3000]*\S+?(?:機構|センター)"
)
MAX_TITLE = 60
ISSUER_LINES = 20
# A line that only says which version of the document this is, or when it was made.
_STAMP = re.compile(
    r"^(?:第[0-9]+版|改訂版?|改定版?|更新)[ :：]*(?:[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?)?$"
    r"|^(?:令和|平成)?[0-9元]{1,4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?"
    r"(?:[ :：]*(?:改訂|改定|更新|作成))?$"
)
GUESS_COUNT = 3
COVER_LINES = 5  # the title and who issues it: a prefecture named there is the issuer's
NO_PREFECTURE = (
    "都道府県が本文から読み取れません。--prefecture で指定してください"
    "（全国の制度は --prefecture 全国）"
)


@dataclass
class Metadata:
    title: str
    title_lines: list[int]
    issuer: str
    prefecture: str
    fiscal_year: int
    date: date | None
    notes: list[str] = field(default_factory=list)


def _title(source: Source) -> tuple[str, list[int]]:
    parts: list[tuple[int, str]] = []
    for n, raw in enumerate(source.lines, start=1):
        text = fold(raw).text
        if not text or (not parts and _STAMP.match(text.replace(" ", ""))):
            if parts and len(parts) >= 2:
                break
            continue
        if (
            "\t" in raw
            or heading_at(source, n) is not None
            or len(text) > MAX_TITLE
            or "。" in text
        ):
            break
        parts.append((n, text))
        if len(parts) == 2:
            break
    if not parts:
        return source.declared_title or source.origin, []
    return " ".join(t for _, t in parts), [n for n, _ in parts]


def _prefecture(text: str, opening: str) -> str | None:
    """The prefecture the text is about, or None where it does not say clearly (see the
    module's note). Full names only: 京都 is in 東京都, 大分 in 大分類."""
    counts = Counter({name: text.count(name) for name in PREFECTURES})
    (best, count), (_, second) = counts.most_common(2)
    if count <= 2 * second:
        return None
    said = count >= GUESS_COUNT or best in opening or f"{best}内" in text
    return best if said else None


def _fiscal_year(text: str, first_date: date | None) -> int | None:
    for m in _FISCAL.finditer(text):
        try:
            return ja.parse_fiscal_year(m.group())
        except ja.JaParseError:
            continue
    return ja.fiscal_year_of(first_date) if first_date else None


def _first_date(source: Source) -> date | None:
    for raw in source.lines:
        found = ja.period_spans(fold(raw).text)
        if found:
            return found[0][2].start
    return None


def read_metadata(
    source: Source,
    *,
    issuer: str | None = None,
    prefecture: str | None = None,
    fiscal_year: int | None = None,
) -> Metadata:
    """The document's metadata; what the text does not state and the caller does not
    give raises IngestError naming the option that gives it."""
    if prefecture is not None and prefecture.strip() != NATIONWIDE:
        try:
            prefecture = prefecture_name(prefecture)
        except ja.JaParseError as exc:
            raise IngestError(f"--prefecture: {exc.reason}（全国の制度は 全国）") from exc
    elif prefecture is not None:
        prefecture = NATIONWIDE
    if fiscal_year is not None and not FISCAL_YEARS[0] <= fiscal_year <= FISCAL_YEARS[1]:
        raise IngestError(f"--fiscal-year: {FISCAL_YEAR_RANGE}")
    text = "\n".join(fold(line).text for line in source.lines)
    title, title_lines = _title(source)
    notes: list[str] = []
    first = _first_date(source)
    opening = "\n".join(fold(line).text for line in source.lines[:ISSUER_LINES])
    cover = "\n".join(fold(line).text for line in source.lines[:COVER_LINES])
    pref = prefecture or _prefecture(text, cover)
    if pref is None:
        raise IngestError(NO_PREFECTURE)
    year = fiscal_year or _fiscal_year(title + "\n" + text, first)
    if year is None:
        raise IngestError("年度が本文から読み取れません。--fiscal-year で指定してください")
    # Only the opening lines name the issuer; a body named later is a partner or a desk.
    body = _BODY.search(opening)
    who = issuer or (body.group().replace(" ", "") if body else None)
    if who is None and pref == NATIONWIDE:
        raise IngestError("実施機関が本文から読み取れません。--issuer で指定してください")
    if who is None:
        who = pref
        notes.append(f"実施機関は本文から特定できないため{pref}としています。確認してください")
    return Metadata(title, title_lines, who, pref, year, first, notes)
