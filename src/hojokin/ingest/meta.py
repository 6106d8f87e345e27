"""What a document says about itself: its title, issuer, prefecture, fiscal year and
date, each from the text where it says so, else from what the person ingesting gives.

The title is the first lines before the first heading, table or paragraph (at most two,
each short). The prefecture is the one the text names most often (本県/本道/都 count
for none). The fiscal year is the first 年度 the text names, else the fiscal year of its
first date. The issuer is a 公益財団法人 / 一般社団法人 … named in the text, else the
prefecture itself, with a note.
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
from hojokin.ja.prefectures import PREFECTURES, prefecture_name, short_name

_FISCAL = re.compile(r"(?:令和|平成)(?:元|[0-9]{1,2})年度|[0-9]{4}年度")
_BODY = re.compile(
    r"(?:公益|一般)(?:財団|社団)法人[ \u3000]*\S+?(?:機構|センター|協会|公社|財団|振興会|協議会)"
    r"|(?:独立行政法人)[ \u3000]*\S+?(?:機構|センター)"
)
MAX_TITLE = 60
ISSUER_LINES = 20


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
        if not text:
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


def _prefecture(text: str) -> str | None:
    counts: Counter[str] = Counter()
    for name in PREFECTURES:
        counts[name] = text.count(name) + (text.count(short_name(name)) if name != "北海道" else 0)
    best, count = counts.most_common(1)[0]
    return best if count else None


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
    if prefecture is not None:
        try:
            prefecture = prefecture_name(prefecture)
        except ja.JaParseError as exc:
            raise IngestError(f"--prefecture: {exc.reason}") from exc
    if fiscal_year is not None and not FISCAL_YEARS[0] <= fiscal_year <= FISCAL_YEARS[1]:
        raise IngestError(f"--fiscal-year: {FISCAL_YEAR_RANGE}")
    text = "\n".join(fold(line).text for line in source.lines)
    title, title_lines = _title(source)
    notes: list[str] = []
    first = _first_date(source)
    pref = prefecture or _prefecture(text)
    if pref is None:
        raise IngestError("都道府県が本文から読み取れません。--prefecture で指定してください")
    year = fiscal_year or _fiscal_year(title + "\n" + text, first)
    if year is None:
        raise IngestError("年度が本文から読み取れません。--fiscal-year で指定してください")
    # Only the opening lines name the issuer; a body named later is a partner or a desk.
    body = _BODY.search("\n".join(fold(line).text for line in source.lines[:ISSUER_LINES]))
    who = issuer or (body.group().replace(" ", "") if body else None)
    if who is None:
        who = pref
        notes.append(f"実施機関は本文から特定できないため{pref}としています。確認してください")
    return Metadata(title, title_lines, who, pref, year, first, notes)
