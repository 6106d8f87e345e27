"""The kind vocabulary: every kind has its words, and the seed catalog says what its
programs are rather than filing them under `other`."""

from __future__ import annotations

import re
from pathlib import Path

from hojokin.catalog.kinds import KIND_DESCRIPTIONS, KIND_LABELS, KINDS
from hojokin.catalog.loader import Catalog
from hojokin.catalog.validate import validate

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# The kinds of docs/contract.md that scripts rely on; they must stay.
CONTRACT_KINDS = {
    "subsidy",
    "grant",
    "loan",
    "investment",
    "guarantee",
    "expert_dispatch",
    "consultation",
    "seminar",
    "event",
    "other",
}

# Kinds added for what the seed documents describe; each must be needed by a seed.
ADDED_KINDS = {"matching", "information", "facility", "research", "comprehensive", "public_project"}


def test_every_kind_has_a_japanese_label_and_description() -> None:
    assert list(KIND_LABELS) == list(KINDS)
    assert list(KIND_DESCRIPTIONS) == list(KINDS)
    for kind in KINDS:
        assert JAPANESE.search(KIND_LABELS[kind]), kind
        assert JAPANESE.search(KIND_DESCRIPTIONS[kind]), kind
    # A filter whose options read alike could not be used.
    assert len(set(KIND_LABELS.values())) == len(KINDS)
    assert len(set(KIND_DESCRIPTIONS.values())) == len(KINDS)


def test_the_contract_kinds_keep_their_codes_and_other_comes_last() -> None:
    assert set(KINDS) == CONTRACT_KINDS | ADDED_KINDS
    assert KINDS[-1] == "other"


def test_event_and_matching_say_where_they_part() -> None:
    assert KIND_LABELS["matching"] in KIND_DESCRIPTIONS["event"]
    assert "商談会" in KIND_DESCRIPTIONS["matching"]


def test_at_most_a_tenth_of_the_seed_catalog_is_other(seed_catalog: Catalog) -> None:
    programs = list(seed_catalog.programs.values())
    others = [p.id for p in programs if p.kind == "other"]
    assert len(others) * 10 <= len(programs), others


def test_each_added_kind_is_needed_by_the_seeds(seed_catalog: Catalog) -> None:
    used = {p.kind for p in seed_catalog.programs.values()}
    assert used >= ADDED_KINDS, ADDED_KINDS - used


def test_a_program_of_an_unknown_kind_is_refused_by_name(catalog_copy: Path) -> None:
    file = catalog_copy / "programs/toyama/2022/toyama-chosa-bunseki.yaml"
    text = file.read_text(encoding="utf-8")
    assert "\nkind: information\n" in text
    file.write_text(text.replace("\nkind: information\n", "\nkind: lottery\n"), encoding="utf-8")
    _, problems = validate(catalog_copy)
    messages = [str(p) for p in problems]
    assert any("toyama-chosa-bunseki.yaml" in m and "kind" in m for m in messages), messages
