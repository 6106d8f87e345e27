"""A program draft assembled from what its Builder read: frames (the terms outside any
frame shared by every frame, or a frame of their own where they hold an amount), the
description, kind, area, pillar and department."""

from __future__ import annotations

import re

from hojokin import ja
from hojokin.catalog.criteria import Criterion
from hojokin.catalog.schema import ExpenseCategory, Frame, Program, Review, Text
from hojokin.catalog.validate import check_value
from hojokin.ingest.draft import Builder, Context, FrameDraft
from hojokin.ingest.kinds import guess_kind
from hojokin.ingest.outline import heading_at
from hojokin.ingest.spans import fold
from hojokin.ingest.units import Unit
from hojokin.ja.prefectures import NATIONWIDE

_LOCAL = re.compile(r"県内|都内|道内|府内|市内|区内|町内|村内")
# A line shorter than this ends its paragraph; a full one runs on to the next.
WRAPPED_LINE = 30
_PURPOSE = re.compile(r"目的|概要|趣旨")
_SENTENCE = re.compile(r"。\s*$")


def _frame(
    draft: FrameDraft,
    shared: FrameDraft | None,
    index: int,
    context: Context,
    categories: list[ExpenseCategory],
) -> Frame:
    """A frame from its draft, with the terms outside any frame (`shared`) where it does
    not state its own, and the expense categories its limits name."""
    terms = {**(shared.terms if shared else {}), **draft.terms}
    caps = draft.category_caps + (shared.category_caps if shared else [])
    shares = draft.share_limits + (shared.share_limits if shared else [])
    named = {c for cap in caps for c in cap.categories}
    named |= {c for share in shares for c in share.categories}
    cite = None
    if draft.line is not None and ja.compact(draft.name) in ja.compact(
        context.line_text(draft.line)
    ):
        cite = context.cite(draft.line, draft.name)
    return Frame(
        id="main" if index == 0 and draft.line is None else f"frame-{index + 1}",
        name=draft.name,
        cite=cite,
        variants=draft.variants,
        categories=[c for c in categories if c.id in named],
        category_caps=caps,
        share_limits=shares,
        per_year_caps=draft.per_year_caps or (shared.per_year_caps if shared else []),
        required_documents=draft.documents,
        **terms,
    )


def build(
    context: Context,
    unit: Unit,
    program_id: str,
    parent_id: str | None,
    eligibility: list[Criterion] | None = None,
) -> Program:
    """The draft of one unit; raises nothing for what the text does not say.
    `eligibility` replaces the area read from the text where the caller knows it."""
    builder = Builder(context, unit)
    builder.read()
    main = builder.frames.pop(None)
    named = [
        d
        for d in builder.frames.values()
        if d.terms
        or d.variants
        or d.per_year_caps
        or d.category_caps
        or d.documents
        or d.share_limits
    ]
    for heading in unit.frames:
        if not any(d.name == heading.name for d in named):
            named.append(FrameDraft(heading.name, heading.line))
    # The terms outside any frame are every frame's; they are a frame of their own too
    # when they hold an amount (上限額 500 千円, with 首都圏出展は 350 千円 as another frame).
    own = any(k in main.terms for k in ("cap", "floor", "fixed"))
    categories = list(builder.categories.values())
    if own or main.variants or main.documents or not named:
        frames = [
            _frame(d, main if d is not main else None, i, context, categories)
            for i, d in enumerate([main, *named])
        ]
    else:
        frames = [_frame(d, main, i, context, categories) for i, d in enumerate(named)]
    frames = [f.model_copy(update={"targets": builder.targets}) for f in frames]
    description = _description(context, unit)
    kind = guess_kind(unit.name, description.text if description else "", frames)
    return Program(
        id=program_id,
        name=unit.name,
        issuer=context.issuer,
        department=_department(context, unit),
        prefecture=context.prefecture,
        fiscal_year=context.fiscal_year,
        kind=kind,
        section=unit.section,
        parent=parent_id,
        pillar=_line_text(context, unit.pillar),
        measure=_line_text(context, unit.measure),
        description=description,
        source=context.cite(unit.line, unit.name, max(unit.line, unit.end)),
        fund_size=builder.fund,
        schedule=builder.schedule,
        notes=builder.contacts,
        eligibility=_area(context, unit) if eligibility is None else eligibility,
        frames=frames,
        review=Review(status="draft", ingested_from=context.origin, notes=builder.notes),
    )


def _line_text(context: Context, line: int | None) -> Text | None:
    if line is None:
        return None
    text = fold(context.line_text(line)).text
    return Text(text=text, cite=context.cite(line, text)) if text else None


def _department(context: Context, unit: Unit) -> Text | None:
    if not unit.department:
        return None
    text = unit.department.strip()
    return Text(text=text, cite=context.cite(unit.line, text))


def _description(context: Context, unit: Unit) -> Text | None:
    """The unit's first sentence (a line that ends with 。, with the lines it runs on)."""
    lines = [n for n in unit.lines if n != unit.line]
    # A call states its purpose under 目的 or 概要; a plan's first sentence is its own.
    purpose = [n for n in lines if (h := heading_at(context.source, n)) and _PURPOSE.search(h.name)]
    if purpose:
        lines = [n for n in lines if n > purpose[0]]
    for i, n in enumerate(lines):
        folded = fold(context.line_text(n))
        if not folded.text or heading_at(context.source, n) is not None:
            continue
        if "\t" in context.line_text(n) or folded.text.startswith(("▷", "-", "※", "【")):
            continue
        parts = [folded.text.lstrip("・ ")]
        last = n
        # Only a full line runs on to the next: a short one ends its paragraph.
        for m in lines[i + 1 : i + 4]:
            if _SENTENCE.search(parts[-1]) or len(parts[-1]) < WRAPPED_LINE:
                break
            if not context.line_text(m).strip():
                break
            parts.append(fold(context.line_text(m)).text)
            last = m
        text = "".join(parts)
        if not _SENTENCE.search(text):
            continue
        item = Text(text=text, cite=context.cite(n, text, last))
        return item if check_value(item, context.fiscal_year) is None else None
    return None


def _area(context: Context, unit: Unit) -> list[Criterion]:
    """The area served: the line that says 県内/都内/道内 where one does, else the
    program's heading with a note that only the issuer implies it; none for a program
    of the whole country (whose 県内 is some prefecture's, not a limit of its own)."""
    if context.prefecture == NATIONWIDE:
        return []
    return [_local_area(context, unit)]


def _local_area(context: Context, unit: Unit) -> Criterion:
    for n in unit.lines:
        local = _LOCAL.search(fold(context.line_text(n)).text)
        if local:
            return Criterion.model_validate(
                {
                    "area": {"prefectures": [context.prefecture], "of": "any_office"},
                    "cite": context.cite(n, local.group()),
                }
            )
    return Criterion.model_validate(
        {
            "area": {"prefectures": [context.prefecture], "of": "any_office"},
            "cite": context.cite(unit.line, unit.name),
            "note": f"本文は対象地域を書いていません。{context.issuer}の事業のため"
            f"{context.prefecture}内の事業者と解した下書きです",
        }
    )
