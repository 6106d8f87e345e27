"""Our programs as jGrants detail records (`hojokin export jgrants`), in the shape the
public API answers, so that what reads jGrants can read the catalog and
`hojokin import jgrants` reads it back.

Only what a program states is given; a field it has no value for is null. The cap is
the largest a frame or variant states (jGrants has one `subsidy_max_limit`), the rate
the words that state it, the acceptance window the widest the frames' windows make, in
Japan time from the first day's start to the last day's end.
"""

from __future__ import annotations

import html
from datetime import date, datetime, time
from typing import Any

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Period, Program
from hojokin.ingest.jgrants import JST, SEPARATOR
from hojokin.ja.prefectures import NATIONWIDE


def _moment(day: date, at: time) -> str:
    return datetime.combine(day, at, tzinfo=JST).isoformat()


def _cap(program: Program) -> int | None:
    caps = [f.cap.yen for f in program.frames if f.cap is not None]
    caps += [v.cap.yen for f in program.frames for v in f.variants if v.cap is not None]
    return max(caps) if caps else None


def _rate(program: Program) -> str | None:
    quotes = [f.rate.cite.quote for f in program.frames if f.rate is not None]
    distinct = list(dict.fromkeys(q.strip() for q in quotes if q.strip()))
    return "、".join(distinct) or None


def _window(program: Program) -> tuple[str, str] | tuple[None, None]:
    windows: list[Period] = [
        f.application_window for f in program.frames if f.application_window is not None
    ]
    if not windows:
        return None, None
    start = min(w.start for w in windows)
    end = max(w.end for w in windows)
    return _moment(start, time(0, 0, 0)), _moment(end, time(23, 59, 59))


def _detail(program: Program) -> str | None:
    """The program's own words as HTML, every piece of text escaped."""
    parts = []
    if program.description is not None:
        parts.append(f"<p>{html.escape(program.description.text)}</p>")
    targets = list(dict.fromkeys(t.text for f in program.frames for t in f.targets))
    if targets:
        items = "".join(f"<li>{html.escape(t)}</li>" for t in targets)
        parts.append(f"<h3>対象者</h3><ul>{items}</ul>")
    for note in program.notes:
        parts.append(f"<p>{html.escape(note.text)}</p>")
    return "".join(parts) or None


def _area(program: Program) -> str | None:
    if program.prefecture == NATIONWIDE:
        return NATIONWIDE
    return program.prefecture or None


def record(program: Program) -> dict[str, Any]:
    start, end = _window(program)
    return {
        "id": program.id,
        "name": program.id,
        "title": program.name,
        "subsidy_catch_phrase": None,
        "detail": _detail(program),
        "use_purpose": SEPARATOR.join(program.use_purpose) or None,
        "industry": None,
        "target_area_search": _area(program),
        "target_area_detail": None,
        "target_number_of_employees": None,
        "subsidy_rate": _rate(program),
        "subsidy_max_limit": _cap(program),
        "acceptance_start_datetime": start,
        "acceptance_end_datetime": end,
        "project_end_deadline": None,
        "request_reception_presence": None,
        "is_enable_multiple_request": None,
        "front_subsidy_detail_page_url": None,
        "application_guidelines": [],
        "outline_of_grant": [],
        "application_form": [],
    }


def export(catalog: Catalog) -> dict[str, Any]:
    records = [record(p) for p in catalog]
    return {
        "metadata": {"type": "application/json", "resultset": {"count": len(records)}},
        "result": records,
    }
