"""Ingestion quality: `hojokin ingest` on the seed documents against the reviewed catalog.

    .venv/bin/python bench/ingest.py

Each seed document of catalog/documents is ingested as the text file it is, and its
drafts are compared with the hand-reviewed program files citing that document (the
gold). Figures and matching:

- A value is a pair (figure, first cited line), one of three kinds: amounts (the yen of
  every Money, CategoryCap and YearCap: caps, floors, fixed amounts, fund sizes, in frames
  and variants), rates (every Rate and ShareLimit share: rates, self-paid shares, fees,
  multipliers) and dates (every Period: schedule, application window, support period).
  Within one program a value counts once, whatever field holds it: the figures and where
  the text states them are measured; placing them in frames and variants is the review's.
- A draft program is matched to the gold program of the same name (compared after
  hojokin.ja.compact); a draft whose name no gold program has is matched to the gold
  program whose source lines contain the draft's heading line, the narrowest one. Several
  drafts may match one gold program (a sub-heading drafted apart): their values are
  pooled. A gold program no draft matches has all its values missed; a draft matched to
  none has all its values wrong.
- Per gold program: right = values in both; wrong = draft values not in the gold; missed
  = gold values not in the drafts. precision = right / (right + wrong), recall = right /
  (right + missed), summed over programs, per kind and over the three kinds.
- invented = draft values that are neither in the gold nor readable from their own cited
  quote in the cited lines (`catalog validate`'s checks).
- names: a draft's name is right when a gold program of the document has it; recall is
  over the gold programs. areas: for each matched pair, the prefectures of the programs'
  area criteria are equal.

The development set of issue 14 (20 documents with gold files) does not exist yet, so
its figures are printed as `dev_documents: 0` and null, never estimated. The last line is
one JSON object: seed_precision, seed_recall, seed_invented, dev_documents,
dev_precision, dev_recall, dev_invented.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from hojokin import ja
from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.catalog.schema import CategoryCap, Money, Period, Program, Rate, ShareLimit, YearCap
from hojokin.catalog.validate import check_citation, check_value, walk
from hojokin.ingest.service import ingest

ROOT = Path(__file__).resolve().parents[1] / "catalog"
KINDS = ("amounts", "rates", "dates")
Value = tuple[str, object, int]


def values(program: Program) -> dict[Value, object]:
    """Each value of a program with the node that holds it (the first, when repeated)."""
    found: dict[Value, object] = {}
    for _, node in walk(program, ""):
        key: Value | None = None
        if isinstance(node, Money | CategoryCap | YearCap):
            key = ("amounts", node.yen, node.cite.lines[0])
        elif isinstance(node, Rate):
            key = ("rates", node.value, node.cite.lines[0])
        elif isinstance(node, ShareLimit):
            key = ("rates", node.max_share, node.cite.lines[0])
        elif isinstance(node, Period):
            key = ("dates", (node.start, node.end), node.cite.lines[0])
        if key is not None:
            found.setdefault(key, node)
    return found


def match(drafts: Iterable[Program], gold: list[Program]) -> dict[str, list[Program]]:
    """Gold id → the drafts matched to it; drafts matched to none under ''."""
    by_name = {ja.compact(g.name): g for g in gold}
    matched: dict[str, list[Program]] = {}
    for draft in drafts:
        target = by_name.get(ja.compact(draft.name))
        if target is None:
            line = draft.source.lines[0]
            holding = [g for g in gold if g.source.lines[0] <= line <= g.source.lines[1]]
            holding.sort(key=lambda g: g.source.lines[1] - g.source.lines[0])
            target = holding[0] if holding else None
        matched.setdefault(target.id if target else "", []).append(draft)
    return matched


def areas(program: Program) -> frozenset[str]:
    return frozenset(
        p for c in program.eligibility if c.area is not None for p in c.area.prefectures or []
    )


def compare(catalog: Catalog, document: str) -> tuple[Counter[str], list[str]]:
    gold = [p for p in catalog if p.source.doc == document]
    ingested = ingest(ROOT / "documents" / document)
    own = Catalog(root=ROOT)
    own.documents[document] = ingested.document
    counts: Counter[str] = Counter()
    wrongs: list[str] = []
    matched = match(ingested.programs, gold)
    for g in [*gold, None]:
        drafts = matched.get(g.id if g else "", [])
        truth = values(g) if g else {}
        drawn: dict[Value, object] = {}
        for d in drafts:
            for key, node in values(d).items():
                drawn.setdefault(key, node)
        for key, node in drawn.items():
            kind = key[0]
            if key in truth:
                counts[f"{kind}_right"] += 1
                continue
            counts[f"{kind}_wrong"] += 1
            wrongs.append(f"{document} {g.id if g else '(no match)'}: {key}")
            cite = getattr(node, "cite", None)
            readable = check_value(node, ingested.metadata.fiscal_year) is None
            if not readable or cite is None or check_citation(cite, own) is not None:
                counts["invented"] += 1
        for key in truth:
            if key not in drawn:
                counts[f"{key[0]}_missed"] += 1
                wrongs.append(f"{document} {g.id if g else ''}: missed {key}")
        if g is not None and drafts:
            counts[
                "areas_right" if all(areas(d) == areas(g) for d in drafts) else "areas_wrong"
            ] += 1
    names = {ja.compact(g.name) for g in gold}
    drafted = {ja.compact(d.name) for d in ingested.programs}
    counts["names_right"] = len(names & drafted)
    counts["names_wrong"] = len(drafted - names)
    counts["names_missed"] = len(names - drafted)
    counts["areas_missed"] = sum(1 for g in gold if g.id not in matched)
    return counts, wrongs


def ratio(a: int, b: int) -> float | None:
    return round(a / (a + b), 4) if a + b else None


def main() -> None:
    catalog = load_catalog(ROOT)
    total: Counter[str] = Counter()
    print(
        "{:28} {:8} {:>5} {:>5} {:>6} {:>9} {:>7}".format(
            "document", "kind", "right", "wrong", "missed", "precision", "recall"
        )
    )
    every_wrong: list[str] = []
    for document in sorted(catalog.documents):
        counts, wrongs = compare(catalog, document)
        every_wrong += wrongs
        total += counts
        for kind in (*KINDS, "names", "areas"):
            r, w, m = (counts[f"{kind}_{x}"] for x in ("right", "wrong", "missed"))
            print(
                f"{document:28} {kind:8} {r:5} {w:5} {m:6} "
                f"{ratio(r, w) or 0:9.3f} {ratio(r, m) or 0:7.3f}"
            )
    for line in every_wrong:
        print("  ", line)
    right = sum(total[f"{k}_right"] for k in KINDS)
    wrong = sum(total[f"{k}_wrong"] for k in KINDS)
    missed = sum(total[f"{k}_missed"] for k in KINDS)
    result = {
        "seed_precision": ratio(right, wrong),
        "seed_recall": ratio(right, missed),
        "seed_invented": total["invented"],
        "dev_documents": 0,
        "dev_precision": None,
        "dev_recall": None,
        "dev_invented": None,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
