"""jGrants records (the public API's list and detail results) to catalog documents and
program drafts (`hojokin import jgrants`).

A record becomes a document of its own: one field per line (`subsidy_max_limit:
5000000`), in a fixed order, with the detail HTML's text after it, so that every value
cites the record's own line. Where the catalog's checks need words to read a figure
back, the line carries its reading after the value as written: the yen of an integer
amount (`5000000（5,000,000円）`), the Japan date of a timestamp, and one line that
reads the acceptance window as a range. The detail text is drafted by the same
`Builder` as any document; the record's fields then take their places in the draft
where the record states them, each checked as `catalog validate` checks it. Attached
公募要領 PDFs are ingested as documents of their own.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hojokin import ja
from hojokin.catalog.criteria import Criterion
from hojokin.catalog.loader import Document
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Money, Period, Program, Rate, ScheduleItem, Text
from hojokin.catalog.validate import check_citation, check_value
from hojokin.ingest.draft import Context
from hojokin.ingest.errors import IngestError
from hojokin.ingest.formats import read_bounded
from hojokin.ingest.html import html_lines
from hojokin.ingest.kinds import guess_kind
from hojokin.ingest.meta import Metadata
from hojokin.ingest.program import build
from hojokin.ingest.service import Ingested, ingest
from hojokin.ingest.source import Source
from hojokin.ingest.units import Unit
from hojokin.ja.prefectures import NATIONWIDE, prefecture_name, region_of

# A detail record carries its attachments as Base64: a 30 MB 公募要領 is 40 MB of JSON.
MAX_JSON_BYTES = 64 * 1024 * 1024
JST = timezone(timedelta(hours=9))
SEPARATOR = " / "
# The region folder and prefecture of a program open across Japan or several prefectures.
FORMAT = "jgrants"
# The record's fields in the order the document lists them; the detail HTML comes last.
FIELDS = (
    "id",
    "name",
    "title",
    "subsidy_catch_phrase",
    "use_purpose",
    "industry",
    "target_area_search",
    "target_area_detail",
    "target_number_of_employees",
    "subsidy_rate",
    "subsidy_max_limit",
    "acceptance_start_datetime",
    "acceptance_end_datetime",
    "project_end_deadline",
    "request_reception_presence",
    "is_enable_multiple_request",
    "front_subsidy_detail_page_url",
)
ATTACHMENTS = ("application_guidelines", "outline_of_grant", "application_form")
WINDOW_LABEL = "受付期間（acceptance_start_datetime～acceptance_end_datetime、日本時間）"
_UNSAFE = re.compile(r"[^a-z0-9]+")

Progress = Callable[[int, int], None]


@dataclass
class Rendered:
    """A record as numbered lines: where each field starts and ends, the line reading
    the acceptance window, the detail text's lines, and the readings themselves."""

    lines: list[str] = field(default_factory=list)
    at: dict[str, tuple[int, int]] = field(default_factory=dict)
    window_line: int | None = None
    detail: list[int] = field(default_factory=list)
    moments: dict[str, datetime] = field(default_factory=dict)
    yen: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, key: str, value: str) -> None:
        parts = value.splitlines() or [""]
        first = len(self.lines) + 1
        self.lines.append(f"{key}: {parts[0]}".rstrip())
        self.lines.extend(f"  {p}".rstrip() for p in parts[1:])
        self.at[key] = (first, len(self.lines))


def read_moment(text: str) -> datetime:
    """An ISO 8601 timestamp in Japan time; one without a zone is taken as Japan time,
    since jGrants is a Japanese service."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JST)
    return moment.astimezone(JST)


def _text(value: object) -> str | None:
    """A field's value as the document writes it; None where the record states none."""
    if value is None or value == "" or isinstance(value, list | dict):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render(record: dict[str, Any]) -> Rendered:
    rendered = Rendered()
    for key in FIELDS:
        value = _text(record.get(key))
        if value is None:
            continue
        if key == "subsidy_max_limit":
            yen = _yen(record[key])
            if yen is None:
                rendered.notes.append(
                    f"subsidy_max_limit「{value}」は円の金額（整数）として読めないため入れていません"
                )
            else:
                rendered.yen[key] = yen
                value = f"{value}（{yen:,}円）"
        elif key.endswith(("_datetime", "_deadline")):
            try:
                moment = read_moment(value)
            except ValueError:
                rendered.notes.append(f"{key}「{value}」は日時として読めないため入れていません")
            else:
                rendered.moments[key] = moment
                value = f"{value}（日本時間 {ja.format_western(moment)} {moment:%H時%M分}）"
        rendered.add(key, value)
        if key == "acceptance_end_datetime":
            _window(rendered)
    for key in ATTACHMENTS:
        items = record.get(key)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items, start=1):
            name = _text(item.get("name")) if isinstance(item, dict) else None
            if name is not None:
                rendered.add(f"{key}[{i}]", name)
    detail = record.get("detail")
    if isinstance(detail, str) and detail.strip():
        lines, _ = html_lines(detail)
        rendered.lines.append("detail:")
        first = len(rendered.lines) + 1
        rendered.lines.extend(lines)
        rendered.detail = list(range(first, len(rendered.lines) + 1))
    return rendered


def _window(rendered: Rendered) -> None:
    start = rendered.moments.get("acceptance_start_datetime")
    end = rendered.moments.get("acceptance_end_datetime")
    if start is None or end is None:
        return
    if end < start:
        rendered.notes.append("acceptance_end_datetime が acceptance_start_datetime より前です")
        return
    rendered.lines.append(
        f"{WINDOW_LABEL}: {ja.format_western(start.date())}～{ja.format_western(end.date())}"
    )
    rendered.window_line = len(rendered.lines)


def _yen(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) or None
    return None


def _slug(text: str) -> str:
    return _UNSAFE.sub("-", text.lower()).strip("-")[:40].strip("-")


def parse_records(data: bytes, where: str) -> list[dict[str, Any]]:
    """The records of a jGrants response (list or detail), of a list of responses, or
    a bare record; IngestError says in Japanese what is wrong."""
    try:
        loaded = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise IngestError(f"{where}: UTF-8 の JSON ではありません") from exc
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{where}: JSON として読めません（{exc.lineno}行{exc.colno}列: {exc.msg}）"
        ) from exc
    responses = loaded if isinstance(loaded, list) else [loaded]
    records: list[dict[str, Any]] = []
    for response in responses:
        if isinstance(response, dict) and isinstance(response.get("result"), list):
            records.extend(response["result"])
        elif isinstance(response, dict) and ("title" in response or "id" in response):
            records.append(response)
        else:
            raise IngestError(
                f"{where}: jGrants の応答（result の配列）でも補助金の記録でもありません"
            )
    if not records:
        raise IngestError(f"{where}: 補助金の記録が 1 件もありません")
    by_id: dict[str, dict[str, Any]] = {}
    for i, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise IngestError(f"{where}: {i} 件目が補助金の記録（オブジェクト）ではありません")
        title = record.get("title")
        if not isinstance(title, str) or not title.strip():
            ident = record.get("id") or "なし"
            raise IngestError(f"{where}: {i} 件目の記録（id: {ident}）に title がありません")
        key = str(record.get("id") or title)
        # A list record and the detail record of the same subsidy: the detail says more.
        if key not in by_id or len(record) > len(by_id[key]):
            by_id[key] = record
    return list(by_id.values())


def read_records(path: Path) -> list[dict[str, Any]]:
    return parse_records(read_bounded(path, MAX_JSON_BYTES), str(path))


@dataclass(frozen=True)
class Hints:
    """What the person importing gives where a record does not say."""

    issuer: str | None = None
    prefecture: str | None = None
    fiscal_year: int | None = None


def import_records(
    records: list[dict[str, Any]],
    origin: str,
    hints: Hints,
    progress: Progress | None = None,
) -> list[Ingested]:
    """Each record's document and draft, and its attached 公募要領 ingested; nothing is
    written here."""
    if hints.prefecture is not None:
        try:
            hints = Hints(hints.issuer, prefecture_name(hints.prefecture), hints.fiscal_year)
        except ja.JaParseError as exc:
            raise IngestError(f"--prefecture: {exc.reason}") from exc
    guidelines = [_guidelines(r) for r in records]
    total = len(records) + sum(len(g) for g in guidelines)
    done = 0
    result: list[Ingested] = []
    with tempfile.TemporaryDirectory(prefix="hojokin-jgrants-") as tmp:
        for record, pdfs in zip(records, guidelines, strict=True):
            where = f"記録「{record['title']}」"
            try:
                item = _record(record, origin, hints)
            except IngestError as exc:
                raise IngestError(f"{where}: {exc.message}") from exc
            result.append(item)
            done += 1
            if progress is not None:
                progress(done, total)
            slug = item.document.name.removesuffix(".txt")
            for i, (name, data) in enumerate(pdfs, start=1):
                path = Path(tmp) / f"{slug}-guidelines-{i}.pdf"
                path.write_bytes(data)
                # The record's one prefecture is the 公募要領's too; its 年度 is read from
                # its own text, which may name the next year's call.
                prefecture = item.metadata.prefecture
                try:
                    result.append(
                        ingest(
                            path,
                            issuer=hints.issuer,
                            prefecture=hints.prefecture if prefecture == NATIONWIDE else prefecture,
                            fiscal_year=hints.fiscal_year,
                        )
                    )
                except IngestError as exc:
                    raise IngestError(f"{where} の添付「{name}」: {exc.message}") from exc
                done += 1
                if progress is not None:
                    progress(done, total)
    return result


def _guidelines(record: dict[str, Any]) -> list[tuple[str, bytes]]:
    """The attached 公募要領 as PDF bytes; anything else in their place is refused."""
    items = record.get("application_guidelines")
    if items is None:
        return []
    where = f"記録「{record['title']}」"
    if not isinstance(items, list):
        raise IngestError(f"{where}: application_guidelines が配列ではありません")
    found = []
    for i, item in enumerate(items, start=1):
        name = str(item.get("name") or f"{i} 件目") if isinstance(item, dict) else f"{i} 件目"
        data = item.get("data") if isinstance(item, dict) else None
        if not isinstance(data, str) or not data:
            raise IngestError(f"{where} の添付「{name}」に data（Base64）がありません")
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise IngestError(
                f"{where} の添付「{name}」の data が Base64 として読めません"
            ) from exc
        if not raw.startswith(b"%PDF-"):
            raise IngestError(f"{where} の添付「{name}」は PDF ではありません")
        found.append((name, raw))
    return found


class _Draft:
    """One record's document and the values it states, each checked on the way in."""

    def __init__(self, record: dict[str, Any], hints: Hints) -> None:
        self.record = record
        self.rendered = render(record)
        self.notes = list(self.rendered.notes)
        self.hints = hints

    def lines_of(self, key: str) -> tuple[int, int] | None:
        return self.rendered.at.get(key)

    def value(self, key: str) -> str | None:
        return _text(self.record.get(key))


def _area(draft: _Draft, doc: str) -> tuple[str, Criterion | None]:
    """The program's prefecture and the area criterion `target_area_search` states."""
    value = draft.value("target_area_search")
    lines = draft.lines_of("target_area_search")
    if value is None or lines is None:
        draft.notes.append(
            "target_area_search がないため対象地域を入れていません。確認してください"
        )
        return draft.hints.prefecture or NATIONWIDE, None
    prefectures: list[str] = []
    nationwide = False
    for part in (p.strip() for p in value.split(SEPARATOR.strip())):
        if part == NATIONWIDE:
            nationwide = True
            continue
        try:
            prefectures.append(prefecture_name(part))
        except ja.JaParseError:
            draft.notes.append(f"対象地域「{part}」を都道府県として読めません。確認してください")
    cite = Citation(doc=doc, lines=lines, quote=value)
    if nationwide:
        if prefectures:
            draft.notes.append(
                f"対象地域「{value}」は全国と都道府県の両方を挙げています。全国としました"
            )
        area: dict[str, object] = {"nationwide": True}
    elif prefectures:
        area = {"prefectures": list(dict.fromkeys(prefectures)), "of": "any_office"}
    else:
        return draft.hints.prefecture or NATIONWIDE, None
    criterion = Criterion.model_validate({"area": area, "cite": cite.model_dump()})
    single = len(set(prefectures)) == 1 and not nationwide
    if not nationwide and not single:
        draft.notes.append(
            f"対象地域「{value}」は複数の都道府県のため、prefecture は{NATIONWIDE}としています"
        )
    return (prefectures[0] if single else NATIONWIDE), criterion


def _fiscal_year(draft: _Draft) -> int:
    for key in ("acceptance_start_datetime", "acceptance_end_datetime"):
        moment = draft.rendered.moments.get(key)
        if moment is not None:
            return ja.fiscal_year_of(moment.date())
    if draft.hints.fiscal_year is not None:
        return draft.hints.fiscal_year
    raise IngestError(
        "受付開始・終了日時がなく年度を決められません。--fiscal-year で指定してください"
    )


def _record(record: dict[str, Any], origin: str, hints: Hints) -> Ingested:
    draft = _Draft(record, hints)
    rendered = draft.rendered
    ident = _slug(str(record.get("id") or ""))
    if not ident:
        ident = hashlib.sha256(str(record["title"]).encode()).hexdigest()[:16]
    name = f"jgrants-{ident}.txt"
    prefecture, area = _area(draft, name)
    fiscal_year = _fiscal_year(draft)
    region = region_of(prefecture)
    title = str(record["title"]).strip()
    issuer = hints.issuer or ""
    if not issuer:
        draft.notes.append(
            "jGrants の記録は実施機関を書いていません。issuer を記入してください"
            "（--issuer で指定できます）"
        )
    document = Document(name, title, issuer, prefecture, fiscal_year, "call", tuple(rendered.lines))
    source = Source(f"{origin}#{record.get('id') or ident}", FORMAT, document.lines, title)
    context = Context(source, document, issuer, prefecture, region, fiscal_year, source.origin)
    title_lines = draft.lines_of("title")
    assert title_lines is not None  # parse_records refuses a record without a title
    unit = Unit(title, title_lines[0], rendered.detail, len(rendered.lines))
    try:
        program = build(
            context,
            unit,
            f"{region}-jgrants-{ident}"[:80].strip("-"),
            None,
            eligibility=[area] if area is not None else [],
        )
        program = _with_record(program, draft, context)
    except ValidationError as exc:
        raise IngestError(f"下書きを作れません: {exc.errors()[0]['msg']}") from exc
    moments = rendered.moments
    first = moments.get("acceptance_start_datetime") or moments.get("acceptance_end_datetime")
    meta = Metadata(
        title, [title_lines[0]], issuer, prefecture, fiscal_year, first.date() if first else None
    )
    return Ingested(source, meta, document, "call", [program], [])


def _checked(node: Any, context: Context, notes: list[str]) -> bool:
    problem = check_value(node, context.fiscal_year)
    cite = getattr(node, "cite", None)
    if problem is None and isinstance(cite, Citation):
        problem = check_citation(cite, context.catalog)
    if problem is not None:
        notes.append(f"読み取れなかった値を除きました: {problem}")
    return problem is None


def _with_record(program: Program, draft: _Draft, context: Context) -> Program:
    """The draft of the detail text with the record's own fields in their places."""
    notes = draft.notes
    doc = context.document.name
    terms: dict[str, Any] = {}
    cap_lines = draft.lines_of("subsidy_max_limit")
    yen = draft.rendered.yen.get("subsidy_max_limit")
    if yen is not None and cap_lines is not None:
        money = Money(yen=yen, cite=Citation(doc=doc, lines=cap_lines, quote=f"{yen:,}円"))
        if _checked(money, context, notes):
            terms["cap"] = money
    rate = _rate(draft, context)
    if rate is not None:
        terms["rate"] = rate
    window = _window_period(draft, context)
    if window is not None:
        terms["application_window"] = window
    frames = list(program.frames)
    # The record's field is the program's own statement: it is the one frame's term,
    # and the term of every frame the text gives none.
    for key, value in terms.items():
        own = [f for f in frames if getattr(f, key) is not None]
        for f in own:
            if _differs(getattr(f, key), value):
                notes.append(
                    f"枠「{f.name}」の{_LABELS[key]}（本文 {getattr(f, key).cite.lines[0]}行目）は"
                    f"記録の {_FIELDS[key]} と異なります。確認してください"
                )
        if len(frames) == 1 or key == "application_window" or not own:
            frames = [
                f.model_copy(update={key: value})
                if len(frames) == 1 or getattr(f, key) is None
                else f
                for f in frames
            ]
    employees = _cited_text(draft, "target_number_of_employees", context)
    if employees is not None:
        frames = [f.model_copy(update={"targets": [*f.targets, employees]}) for f in frames]
    schedule = list(program.schedule)
    if window is not None:
        schedule.insert(0, ScheduleItem(label="受付期間", period=window))
    deadline = _deadline(draft, context)
    if deadline is not None:
        schedule.append(ScheduleItem(label="補助事業の完了期限", period=deadline))
    description = _cited_text(draft, "subsidy_catch_phrase", context) or program.description
    extra = [
        t
        for t in (
            _cited_text(draft, "industry", context),
            _cited_text(draft, "target_area_detail", context),
            _cited_text(draft, "front_subsidy_detail_page_url", context),
        )
        if t is not None
    ]
    purpose = draft.value("use_purpose")
    uses = [p.strip() for p in purpose.split(SEPARATOR.strip())] if purpose else []
    review = program.review
    if review is not None:
        review = review.model_copy(update={"notes": [*notes, *review.notes]})
    kind = guess_kind(program.name, description.text if description else "", frames)
    return Program.model_validate(
        {
            **program.model_dump(exclude={"frames", "review"}),
            "frames": [f.model_dump() for f in frames],
            "review": review.model_dump() if review else None,
            "kind": kind,
            "description": description.model_dump() if description else None,
            "schedule": [s.model_dump() for s in schedule],
            "notes": [*(t.model_dump() for t in program.notes), *(t.model_dump() for t in extra)],
            "use_purpose": [u for u in uses if u],
        }
    )


_LABELS = {"cap": "上限額", "rate": "補助率", "application_window": "受付期間"}
_FIELDS = {
    "cap": "subsidy_max_limit",
    "rate": "subsidy_rate",
    "application_window": "acceptance_start_datetime～acceptance_end_datetime",
}


def _differs(own: Any, record: Any) -> bool:
    if isinstance(own, Period):
        return bool((own.start, own.end) != (record.start, record.end))
    return bool(own.model_dump(exclude={"cite"}) != record.model_dump(exclude={"cite"}))


def _rate(draft: _Draft, context: Context) -> Rate | None:
    value = draft.value("subsidy_rate")
    lines = draft.lines_of("subsidy_rate")
    if value is None or lines is None:
        return None
    rates: list[Fraction] = list(dict.fromkeys(ja.find_rates(value)))
    if len(rates) != 1:
        what = "率が読めない" if not rates else "率が複数ある"
        draft.notes.append(
            f"補助率「{value}」は{what}ため rate に入れていません。枠や条件を確認してください"
        )
        return None
    rate = Rate(value=rates[0], cite=Citation(doc=context.document.name, lines=lines, quote=value))
    return rate if _checked(rate, context, draft.notes) else None


def _window_period(draft: _Draft, context: Context) -> Period | None:
    rendered = draft.rendered
    start_lines = draft.lines_of("acceptance_start_datetime")
    line = rendered.window_line
    if line is None or start_lines is None:
        if "acceptance_start_datetime" in rendered.moments or (
            "acceptance_end_datetime" in rendered.moments
        ):
            draft.notes.append("受付開始・終了日時の片方しかないため受付期間を入れていません")
        return None
    start = rendered.moments["acceptance_start_datetime"].date()
    end = rendered.moments["acceptance_end_datetime"].date()
    quote = f"{ja.format_western(start)}～{ja.format_western(end)}"
    cite = Citation(doc=context.document.name, lines=(start_lines[0], line), quote=quote)
    period = Period(start=start, end=end, cite=cite)
    return period if _checked(period, context, draft.notes) else None


def _deadline(draft: _Draft, context: Context) -> Period | None:
    moment = draft.rendered.moments.get("project_end_deadline")
    lines = draft.lines_of("project_end_deadline")
    if moment is None or lines is None:
        return None
    day = moment.date()
    cite = Citation(doc=context.document.name, lines=lines, quote=ja.format_western(day))
    period = Period(start=day, end=day, cite=cite)
    return period if _checked(period, context, draft.notes) else None


def _cited_text(draft: _Draft, key: str, context: Context) -> Text | None:
    value = draft.value(key)
    lines = draft.lines_of(key)
    if value is None or lines is None:
        return None
    text = " ".join(part.strip() for part in value.splitlines() if part.strip())
    if not text:
        return None
    item = Text(text=text, cite=Citation(doc=context.document.name, lines=lines, quote=text))
    return item if _checked(item, context, draft.notes) else None
