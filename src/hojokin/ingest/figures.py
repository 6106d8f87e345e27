"""Figures found in one line of a document, with what the words around them make them.

An amount is a cap (上限額, 限度額, …を限度), a floor (下限), a fund's size (ファンド規模,
総額…のファンド) or a fixed benefit (支給する額, as in 「（法人30万円、個人20万円）」);
a rate is a rate (補助率, 経費の1/2以内), a self-paid share (1/3 自己負担), a guarantee's
fee (保証料) or cover (保証割合), a cap multiplier (…は1.5倍) or a partner's minimum
investment (…以上の出資). A figure with none of these words around it is not taken:
thresholds (100万円以上), results (支給総額, 実績), examples (例) and conditions on
shares (2分の1以上を所有) are not terms of a program. A period is taken when it is a
range (～, から…まで, 以降…まで) or a date under a schedule word (時期, 期間 …).

Every figure keeps the cell of the line it was read from and its quote, the raw text
of its own characters, so that the citation holds by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

from hojokin import ja
from hojokin.ingest.spans import Folded, fold

_SENTENCE_END = "。"
_SEPARATORS = "、,，(（):：。\t|"
_CAP = re.compile(r"上限額|上限|限度額|限度|補助上限")
_FLOOR = re.compile(r"下限額|下限")
_FUND = re.compile(r"(?:ファンド|基金)の?(?:規模|総額)")
_RESULT = re.compile(r"実績|総額|支出額|交付額|件数|延べ|売上|販売額|換金|計\s*$")
_PER_YEAR = re.compile(r"年度(?:毎|ごと|あたり|当たり)|各年度|初年度|次年度以降")
_BENEFIT = re.compile(r"支給|給付|上乗せ|支援金")
_BENEFIT_FIELD = re.compile(r"^(?:助成額|補助額|支給額|給付額|交付額)")
_EXAMPLE = re.compile(r"[(（\[［]例|例[①-⑳0-9:：]|^例\s")
_RATE_WORD = re.compile(r"補助率|助成率|補助割合|助成割合")
_FEE = re.compile(r"保証料")
_COVER = re.compile(r"保証割合")
_SIZE = re.compile(r"(小規模(?:企業者?|事業者)?|中小(?:企業者?)?)\s*$")
_OF_COST = re.compile(r"(?:経費|費用|総額)の\s*$")
_RATE_AFTER = re.compile(r"\s*(?:以内|以下|助成|補助|を補助|を助成)")
_SHARE_AFTER = re.compile(r"\s*(?:以下|以内|のうち低い)")
_BOUND_AFTER = re.compile(r"\s*(?:以上|未満|超)")
_SCHEDULE_WORD = re.compile(r"時期|期間|日程|期日|締切|期限|開催日|実施日")
_RANGE = re.compile(r"～|から|以降")
_APPROXIMATE = re.compile(r"頃|ごろ")
_HAS_YEAR = re.compile(r"令和|平成|昭和|[RHS][0-9]|[0-9]{4}")
_LABEL_NOISE = re.compile(r"^[・\-\s▷◆■※]+|[はがのをもで:：\s]+$")


@dataclass(frozen=True)
class Figure:
    """A figure read from line `line`, cell `cell` (tab-separated column, 0 for a line
    without tabs), with the role the words around it give and the label written
    before it (県外, 法人, 通常枠 …)."""

    role: str
    value: int | Fraction | ja.DateRange
    line: int
    cell: int
    quote: str
    label: str = ""
    size: str | None = None
    from_year: int | None = None
    per_year: bool = False
    # the expense categories a category cap or a share limit is on, and the line naming them
    categories: tuple[str, ...] = ()
    category_line: int | None = None


_PIPES = re.compile(r"^\s*(?:-\s*)?\|.*\|\s*$")


def split_cells(raw: str) -> list[str]:
    """A line's cells: tab-separated, or a Markdown table row (| a | b |) as some
    extractions write tables; a line without either is one cell."""
    if "\t" not in raw and _PIPES.match(raw):
        return [cell for cell in raw.strip().lstrip("- ").strip("|").split("|")]
    return raw.split("\t")


def cells(raw: str) -> list[Folded]:
    return [fold(cell) for cell in split_cells(raw)]


def _clause(text: str, start: int) -> str:
    """The text before position `start` back to the end of the last sentence — one
    that ends before a bracket still open, whose words govern what is inside it."""
    before = text[:start]
    opened = before.rfind("(")
    if opened >= 0 and ")" not in before[opened:]:
        return before[:opened].rsplit(_SENTENCE_END, 1)[-1] + before[opened:]
    return before.rsplit(_SENTENCE_END, 1)[-1]


def _label(before: str) -> str:
    """The words written just before a figure, its label: 「県外 250 千円」 → 県外,
    「単身世帯:300千円」 → 単身世帯, 「首都圏は 350 千円」 → 首都圏."""
    text = before.rstrip(" :：はがの")
    cut = max(text.rfind(ch) for ch in _SEPARATORS)
    piece = text[cut + 1 :] if cut >= 0 else text
    for pattern in (_CAP, _FLOOR):
        piece = pattern.split(piece)[-1]
    return _LABEL_NOISE.sub("", _LABEL_NOISE.sub("", piece))


def _last(pattern: re.Pattern[str], text: str) -> int:
    found = [m.end() for m in pattern.finditer(text)]
    return found[-1] if found else -1


def _aside(text: str) -> bool:
    """Whether the end of `text` is inside a bracketed aside: (なお、…"""
    opened = max(text.rfind("(なお"), text.rfind("なお、"))
    return opened >= 0 and ")" not in text[opened:]


def _breakdown(t: str, start: int) -> bool:
    """Amounts in brackets that add up to the amount right before the brackets
    (5億円（道2.5億円 金融機関2.5億円）) split that amount; they are no terms."""
    opened = t.rfind("(", 0, start)
    if opened < 0 or ")" in t[opened:start]:
        return False
    closed = t.find(")", start)
    spans = ja.amount_spans(t)
    before = [yen for _, end, yen in spans if end <= opened and not t[end:opened].strip()]
    inside = [yen for s_, e, yen in spans if opened < s_ and (closed < 0 or e <= closed)]
    return bool(before) and len(inside) >= 2 and sum(inside) == before[-1]


# 「直接人件費の補助金交付申請額」: the expense categories a limit is on, listed before it.
_APPLIED = re.compile(r"(?P<names>[^。<>「」()*]+?)の(?:補助金)?(?:交付)?申請額")
_ITEM_MARK = re.compile(r"^\s*(?:[ア-ン]\s+|[0-9]{1,2}\.?\s*|[・\-]\s*)")
# A line that says the terms follow on the next lines: 「…の上限は下記の通りとなります。」
LEAD = re.compile(r"(?:下記|以下|次)の(?:通り|とおり)")


def applied_categories(text: str) -> tuple[str, ...]:
    """The categories a limit in `text` is on: 「7 展示会等参加費、8 イベント開催費の補助金
    交付申請額」 → (展示会等参加費, イベント開催費); 「全体の交付申請額」 names none."""
    for m in _APPLIED.finditer(text):
        names = tuple(_ITEM_MARK.sub("", n).strip() for n in m["names"].split("、"))
        if all(names) and not any("全体" in n or re.search(r"[0-9]\s*円", n) for n in names):
            return names
    return ()


def _amount_role(t: str, start: int, end: int, field: str, context: str) -> str | None:
    before = _clause(t, start)
    after = t[end:]
    if _BOUND_AFTER.match(after) or _EXAMPLE.search(before) or _aside(context + t[:start]):
        return None
    if _breakdown(t, start):
        return None
    if after.startswith(("を限度", "を上限", "が上限")) or re.match(r"\s*まで", after):
        return "cap"
    spots = {
        "cap": _last(_CAP, before),
        "floor": _last(_FLOOR, before),
        "fund": _last(_FUND, before),
        "result": _last(_RESULT, before),
    }
    if after.lstrip().startswith(("のファンド", "の基金")):
        return "fund"
    role, at = max(spots.items(), key=lambda item: item[1])
    if at >= 0:
        return None if role == "result" else role
    return "fixed" if _fixed(t, start, field, context) else None


def _fixed(t: str, start: int, field: str, context: str) -> bool:
    """An amount with no cap or floor word is a fixed benefit under a 助成額 heading, or
    in brackets after 支給/支援金 — unless the brackets follow another figure (a
    breakdown) or hold counts (results)."""
    if _BENEFIT_FIELD.match(field):
        return True
    opened = t.rfind("(", 0, start)
    if opened < 0 or t.rfind(")", 0, start) > opened:
        return False
    inside = t[opened:start]
    ahead = t[:opened].rstrip()
    if re.search(r"件|名|社|回", inside) or ahead.endswith("円") or re.search(r"[0-9]$", ahead):
        return False
    return bool(_BENEFIT.search(context + t[:opened]))


def amounts(
    folded: Folded,
    line: int,
    cell: int,
    field: str,
    context: str,
    lead: tuple[int, str] | None = None,
) -> list[Figure]:
    """The amounts of a cell; `context` is the line before, `lead` a line before that
    says the terms follow (「…の上限は下記の通り」), with its number."""
    t = folded.text
    found = []
    for start, end, yen in ja.amount_spans(t):
        role = _amount_role(t, start, end, field, context)
        before = _clause(t, start)
        categories, category_line = applied_categories(before), line
        if role is None and lead is not None and _CAP.search(lead[1]):
            role, categories, category_line = "cap", applied_categories(lead[1]), lead[0]
        if role is None:
            continue
        figure = Figure(role, yen, line, cell, folded.quote(start, end), _label(before))
        per_year = _PER_YEAR.search(before)
        if role == "cap" and "うち" in before.rsplit(_SENTENCE_END, 1)[-1] and not categories:
            named = _label(before.rsplit("うち", 1)[-1])
            categories = (named,) if named else ()
            role = "category_cap"
        if role == "cap" and categories:
            role = "category_cap"
        if role == "category_cap":
            figure = replace(
                figure,
                role=role,
                per_year=bool(per_year),
                categories=categories,
                category_line=category_line,
            )
        elif role == "cap" and per_year:
            year = 2 if "次年度以降" in before[per_year.start() :] else 1
            figure = replace(figure, role="per_year_cap", label="", from_year=year)
        found.append(figure)
    return found


def _rate_role(t: str, start: int, end: int) -> tuple[str, str | None] | None:
    before = _clause(t, start)
    after = t[end:]
    if _EXAMPLE.search(before):
        return None
    if re.search(r"申請額の\s*$", before) and _SHARE_AFTER.match(after):
        return "share", None
    if re.match(r"\s*以上の?出資", after):
        return "partner_share", None
    if _BOUND_AFTER.match(after):
        return None
    if t[start:end].endswith("倍"):
        noted = t.lstrip().startswith("※") and before.rstrip().endswith("は")
        return ("multiplier", None) if noted else None
    if re.match(r"\s*自己負担", after):
        return "self_pay", None
    size = _SIZE.search(before)
    if size:
        return "rate", "small_business" if size[1].startswith("小規模") else "sme"
    spots = {"rate": _last(_RATE_WORD, before), "fee": _last(_FEE, before)}
    spots["cover"] = _last(_COVER, before)
    role, at = max(spots.items(), key=lambda item: item[1])
    if at >= 0:
        return role, None
    if _OF_COST.search(before) and _RATE_AFTER.match(after) and "申請額" not in before:
        return "rate", None
    return None


def rates(
    folded: Folded, line: int, cell: int, lead: tuple[int, str] | None = None
) -> list[Figure]:
    """The rates of a cell; a share of the grant (全体の交付申請額の25%以下) names the
    categories it limits before it, or in the `lead` line the terms follow from."""
    t = folded.text
    found = []
    for start, end, rate in ja.rate_spans(t):
        read = _rate_role(t, start, end)
        if read is None:
            continue
        role, size = read
        before = _clause(t, start)
        label = _label(before.rsplit("、", 1)[-1]) if role == "multiplier" else ""
        figure = Figure(role, rate, line, cell, folded.quote(start, end), label, size)
        if role == "share":
            categories, named_on = applied_categories(before), line
            if not categories and lead is not None:
                categories, named_on = applied_categories(lead[1]), lead[0]
            if not categories:
                continue
            figure = Figure(
                role,
                rate,
                line,
                cell,
                figure.quote,
                per_year=bool(_PER_YEAR.search(before)),
                categories=categories,
                category_line=named_on,
            )
        found.append(figure)
    return found


def periods(folded: Folded, line: int, cell: int, label_cell: str, year: int) -> list[Figure]:
    """Periods in a cell; `label_cell` is the text of the row's first cell, the label of
    a table's dates, and `year` the fiscal year yearless dates fall in."""
    compact = Folded(
        folded.raw,
        folded.text.replace(" ", ""),
        tuple(o for ch, o in zip(folded.text, folded.origin, strict=True) if ch != " "),
    )
    t = compact.text
    found = []
    for start, end, period in ja.period_spans(t, default_year=year):
        before = t[:start]
        written = t[start:end]
        label = _label(before) or _label(label_cell.replace(" ", ""))
        if _EXAMPLE.search(before):
            continue
        approximate = _APPROXIMATE.match(t, end)
        if not _RANGE.search(written) and not (_SCHEDULE_WORD.search(label) or approximate):
            continue
        stop = approximate.end() if approximate else end
        if period.start.month < 4 and not _HAS_YEAR.search(written):
            # A yearless January–March falls in the fiscal year's second calendar year.
            period = ja.parse_period(written, default_year=year + 1)
        found.append(Figure("period", period, line, cell, compact.quote(start, stop), label))
    return found
