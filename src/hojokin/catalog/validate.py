"""Check a loaded catalog against its sources.

Beyond the schema, every citation must point at real lines of a known document, its
quote must occur in those lines (after `hojokin.ja.compact`: NFKC, one range mark, no
white space, lines joined), and each cited figure must be readable back from its quote
with the same parser the rest of hojokin uses. Every declared fact must be used by
some program (or say what else uses it); uses of undeclared facts are refused on loading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

from pydantic import BaseModel

from hojokin import ja
from hojokin.catalog.criteria import FACT_TESTS, Criterion, FactTest
from hojokin.catalog.loader import Catalog, Problem, load
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import (
    CategoryCap,
    Condition,
    Count,
    Money,
    Period,
    Program,
    Rate,
    RevenuePayback,
    ShareLimit,
    Text,
    WageBand,
    YearCap,
)

REGIONS = {"toyama": "富山県", "hokkaido": "北海道", "tokyo": "東京都"}


def walk(node: object, path: str) -> Iterator[tuple[str, object]]:
    """Every model and citation inside `node`, with its field path."""
    yield path, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            yield from walk(value, f"{path}.{name}" if path else name)
    elif isinstance(node, list | tuple) and not isinstance(node, str):
        for i, item in enumerate(node):
            if isinstance(item, BaseModel):
                yield from walk(item, f"{path}[{i}]")


def citations(program: Program) -> list[tuple[str, Citation]]:
    """Every citation in a program, with its field path."""
    return [(where, node) for where, node in walk(program, "") if isinstance(node, Citation)]


def fact_uses(catalog: Catalog) -> dict[str, list[str]]:
    """The ids of the programs whose criteria, variant conditions or documents use each fact."""
    uses: dict[str, list[str]] = {}
    for program in catalog:
        names: set[str] = set()
        for _, node in walk(program, ""):
            if isinstance(node, FactTest):
                names.add(node.name)
            elif isinstance(node, Condition):
                names.update(node.facts)
            elif isinstance(node, Criterion) and node.test in FACT_TESTS:
                names.add(node.test)
        for name in sorted(names):
            uses.setdefault(name, []).append(program.id)
    return uses


def check_citation(cite: Citation, catalog: Catalog) -> str | None:
    """Why the citation does not hold, or None when it does."""
    doc = catalog.documents.get(cite.doc)
    if doc is None:
        return f"unknown document {cite.doc!r}"
    span = f"lines {cite.line_start}-{cite.line_end}"
    if cite.line_end > len(doc.lines):
        return f"{span} beyond the end of {cite.doc} ({len(doc.lines)} lines)"
    text = "".join(doc.lines[cite.line_start - 1 : cite.line_end])
    if ja.compact(cite.quote) not in ja.compact(text):
        return f"quote 「{cite.quote}」 not found in {cite.doc} {span}"
    return None


_DATE_START = re.compile(r"令和|平成|R\d|\d{4}[年(.\-]|\d{1,2}月")
_DATE_END = re.compile(r"[日月頃]")


def _read_period(quote: str, default_year: int) -> ja.DateRange | None:
    """The period written in a quote that may carry a label before and words after it.
    A date without a year ("4月27日～7月31日") takes `default_year`."""
    text = ja.normalize(quote)
    for start in _DATE_START.finditer(text):
        tail = text[start.start() :]
        ends = [m.end() for m in _DATE_END.finditer(tail)]
        for end in reversed(ends):
            try:
                return ja.parse_period(tail[:end], default_year=default_year)
            except ja.JaParseError:
                continue
    return None


def _numbers(quote: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", ja.normalize(quote))]


def _check_period(period: Period, fiscal_year: int) -> str | None:
    # A yearless date in a fiscal-year document falls in the 年度: April–December in
    # its first calendar year, January–March in the next.
    default_year = fiscal_year if period.start.month >= 4 else fiscal_year + 1
    read = _read_period(period.cite.quote, default_year)
    if read is None:
        return f"no period can be read from 「{period.cite.quote}」"
    if (read.start, read.end) != (period.start, period.end):
        return (
            f"period {period.start}..{period.end} differs from {read.start}..{read.end} "
            f"read from 「{period.cite.quote}」"
        )
    return None


def check_value(node: object, fiscal_year: int) -> str | None:
    """Why a cited value cannot be read back from its own quote, or None."""
    if isinstance(node, Money | CategoryCap | YearCap):
        found = ja.find_amounts(node.cite.quote)
        if node.yen not in found:
            return f"{node.yen:,}円 is not among the amounts of 「{node.cite.quote}」 ({found})"
    elif isinstance(node, Rate | ShareLimit):
        value = node.value if isinstance(node, Rate) else node.max_share
        rates = ja.find_rates(node.cite.quote)
        if value not in rates:
            shown = [str(r) for r in rates]
            return f"{value} is not among the rates of 「{node.cite.quote}」 ({shown})"
    elif isinstance(node, Count):
        if node.value not in _numbers(node.cite.quote):
            return f"{node.value} does not appear in 「{node.cite.quote}」"
    elif isinstance(node, WageBand):
        numbers = [n for n in (node.from_yen, node.below_yen, node.hourly_yen) if n is not None]
        if _numbers(node.cite.quote) != numbers:
            return f"band {numbers} differs from the figures of 「{node.cite.quote}」"
    elif isinstance(node, RevenuePayback):
        decimals = re.findall(r"\d+(?:\.\d+)?", ja.normalize(node.cite.quote))
        if node.deduction_share not in [Fraction(d) for d in decimals]:
            return f"{node.deduction_share} is not among the figures of 「{node.cite.quote}」"
    elif isinstance(node, Text):
        if ja.compact(node.text) not in ja.compact(node.cite.quote):
            return f"text 「{node.text}」 is not in its quote 「{node.cite.quote}」"
    elif isinstance(node, Period):
        return _check_period(node, fiscal_year)
    return None


def _check_program(program: Program, path: Path, catalog: Catalog) -> Iterator[tuple[str, str]]:
    region = path.relative_to(catalog.root / "programs").parts[0]
    if not program.id.startswith(f"{region}-"):
        yield "id", f"id {program.id!r} must start with the region folder name {region!r}-"
    if REGIONS.get(region) not in (None, program.prefecture):
        yield "prefecture", f"{program.prefecture!r} but the file is under {region}/"
    if path.parent.name != str(program.fiscal_year):
        yield "fiscal_year", f"{program.fiscal_year} but the file is under {path.parent.name}/"
    yield from check_program(program, catalog)


def check_program(program: Program, catalog: Catalog) -> Iterator[tuple[str, str]]:
    """What is wrong with `program`'s values (by path) against `catalog`'s documents
    and programs, wherever its file is: every citation must hold, every figure read
    from its quote, its parent be known and its limits name its categories."""
    if ja.compact(program.name) not in ja.compact(program.source.quote):
        yield "source.quote", f"does not contain the program name 「{program.name}」"
    if program.parent is not None and program.parent not in catalog.programs:
        yield "parent", f"unknown program {program.parent!r}"
    for where, node in walk(program, ""):
        if isinstance(node, Citation):
            problem = check_citation(node, catalog)
            if problem:
                yield where, problem
        else:
            problem = check_value(node, program.fiscal_year)
            if problem:
                yield where, problem
    for i, frame in enumerate(program.frames):
        known = {c.id for c in frame.categories}
        named = [c.categories for c in frame.category_caps]
        named += [s.categories for s in frame.share_limits]
        named += [c.categories for v in frame.variants for c in v.category_caps]
        for categories in named:
            unknown = set(categories) - known
            if known and unknown:
                yield f"frames[{i}]", f"limit names unknown categories {sorted(unknown)}"


def validate(root: Path) -> tuple[Catalog, list[Problem]]:
    """Load and check the whole catalog; an empty problem list means it is valid."""
    catalog, problems = load(root)
    # A program that did not load would make the facts it uses look unused.
    every_program_loaded = not problems
    for program_id, program in catalog.programs.items():
        path = catalog.paths[program_id]
        name = str(path.relative_to(catalog.root.parent))
        problems.extend(
            Problem(name, where, msg) for where, msg in _check_program(program, path, catalog)
        )
    if every_program_loaded:
        problems.extend(_unused_facts(catalog))
    return catalog, problems


def _unused_facts(catalog: Catalog) -> Iterator[Problem]:
    used = fact_uses(catalog)
    vocabulary = str((catalog.root / "facts.yaml").relative_to(catalog.root.parent))
    for fact in catalog.facts.values():
        if fact.name not in used:
            message = "declared but used by no program's criteria, variants or documents"
            yield Problem(vocabulary, fact.name, message)
