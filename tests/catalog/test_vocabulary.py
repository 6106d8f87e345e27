"""Each code set and its Japanese labels are defined once, in `catalog.vocabulary`."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import pytest

import hojokin
from hojokin.catalog import vocabulary as v
from hojokin.rules.company import Declarations

SOURCE = Path(hojokin.__file__).parent
VOCABULARY = SOURCE / "catalog" / "vocabulary.py"
HOME = "catalog/vocabulary.py:"

LABELS = {
    "legal forms": (v.LEGAL_FORMS, v.LEGAL_FORM_LABELS),
    "industries": (v.INDUSTRIES, v.INDUSTRY_LABELS),
    "declarations": (v.DECLARATIONS, v.DECLARATION_LABELS),
    "company sizes": (v.COMPANY_SIZES, v.SIZE_LABELS),
    "statuses": ((*v.STATUSES, None), v.STATUS_LABELS),
    "document needs": (get_args(v.DocumentNeed), v.DOCUMENT_NEED_LABELS),
    "verdicts": (get_args(v.Verdict), v.VERDICT_LABELS),
}
# The code sets spelled as a `Literal` (or a tuple of strings) somewhere in src.
CODE_SETS = {
    "legal forms": v.LEGAL_FORMS,
    "industries": v.INDUSTRIES,
    "declarations": v.DECLARATIONS,
    "university venture": v.UNIVERSITY_VENTURE,
    "company sizes": v.COMPANY_SIZES,
    "size requirements": get_args(v.SizeRequirement),
    "statuses": v.STATUSES,
    "document needs": get_args(v.DocumentNeed),
    "verdicts": get_args(v.Verdict),
}
# Verdict words are also the web's headings of its result groups (web.results), so only
# the labels of the other sets are searched for as whole strings.
UNIQUE_LABELS = [name for name in LABELS if name != "verdicts"]
# The census's industry headings (JSIC 大分類: 製造業, 卸売業 …) are the statistics' own
# classification, mapped onto the codes there, not labels of them.
OTHER_VOCABULARIES = (VOCABULARY, SOURCE / "synth" / "stats.py")


def _string_sets(tree: ast.AST) -> list[tuple[int, frozenset[str]]]:
    """Each tuple, list or set of two or more string constants (a `Literal[...]`'s too),
    with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) > 1:
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(strings) == len(node.elts) and all(isinstance(s, str) for s in strings):
                found.append((node.lineno, frozenset(strings)))
    return found


def _modules() -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCE.rglob("*.py")}


@pytest.mark.parametrize("name", LABELS)
def test_every_code_has_a_label_and_every_label_a_code(name: str) -> None:
    codes, labels = LABELS[name]
    assert set(labels) == set(codes)


def test_each_code_set_is_spelled_out_in_the_vocabulary_alone() -> None:
    # (statuses twice there: the Literal, and the tuple in display order)
    where: dict[str, list[str]] = {name: [] for name in CODE_SETS}
    for path, tree in _modules().items():
        for line, strings in _string_sets(tree):
            for name, codes in CODE_SETS.items():
                if strings == frozenset(codes):
                    where[name].append(f"{path.relative_to(SOURCE)}:{line}")
    others = [f"{name}: {p}" for name, places in where.items() for p in places if HOME not in p]
    assert others == []
    assert [name for name, places in where.items() if not places] == []


@pytest.mark.parametrize("name", UNIQUE_LABELS)
def test_each_label_is_written_once(name: str) -> None:
    labels = set(LABELS[name][1].values())
    found = [
        f"{path.relative_to(SOURCE)}:{node.lineno} {node.value}"
        for path, tree in _modules().items()
        if path not in OTHER_VOCABULARIES
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in labels
    ]
    assert found == []


def test_the_checker_finds_a_literal_and_a_tuple_of_codes() -> None:
    tree = ast.parse('A = Literal["sme", "small_business"]\nB = ("a", "b")\nC = ("a",)\n')
    assert sorted(_string_sets(tree)) == [
        (1, frozenset({"sme", "small_business"})),
        (2, frozenset({"a", "b"})),
    ]


def test_the_company_files_declarations_are_the_vocabularys() -> None:
    # A pydantic model spells its fields out; it must name the same declarations.
    assert tuple(Declarations.model_fields) == v.DECLARATIONS
