"""`catalog validate`: the seed catalog passes, and each kind of mistake is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from hojokin.catalog.validate import validate

from ..conftest import CATALOG

EXAMPLE = "programs/toyama/2022/toyama-gijutsu-kaihatsu-josei.yaml"


def _edit(root: Path, old: str, new: str, path: str = EXAMPLE) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _messages(root: Path) -> list[str]:
    _, problems = validate(root)
    return [str(p) for p in problems]


def test_seed_catalog_is_valid() -> None:
    catalog, problems = validate(CATALOG)
    assert [str(p) for p in problems] == []
    assert len(catalog) > 100


def test_quote_not_in_source_is_reported(catalog_copy: Path) -> None:
    _edit(catalog_copy, 'quote: "助成額 10,000千円を限度"', 'quote: "助成額 20,000千円を限度"')
    messages = _messages(catalog_copy)
    assert any(
        "toyama-gijutsu-kaihatsu-josei.yaml" in m
        and "frames[0].cap.cite" in m
        and "「助成額 20,000千円を限度」 not found in 000_593c9935b45937b4.txt lines 97-97" in m
        for m in messages
    ), messages


def test_value_that_its_quote_does_not_state_is_reported(catalog_copy: Path) -> None:
    _edit(catalog_copy, "yen: 10000000", "yen: 1000000")
    messages = _messages(catalog_copy)
    assert any(
        "frames[0].cap" in m and "1,000,000円 is not among the amounts" in m for m in messages
    )


def test_rate_that_its_quote_does_not_state_is_reported(catalog_copy: Path) -> None:
    _edit(catalog_copy, "value: 1/2", "value: 2/3")
    messages = _messages(catalog_copy)
    assert any("frames[0].rate" in m and "2/3 is not among the rates" in m for m in messages)


def test_line_range_beyond_the_document_is_reported(catalog_copy: Path) -> None:
    _edit(catalog_copy, "lines: 97, quote: 助成率1/2", "lines: 9700, quote: 助成率1/2")
    assert any("beyond the end of 000_593c9935b45937b4.txt" in m for m in _messages(catalog_copy))


def test_repeated_key_is_reported_not_silently_overwritten(catalog_copy: Path) -> None:
    _edit(catalog_copy, "lines: 97, quote: 助成率1/2", "lines: 97, quote: 助成率1/2, doc: x.txt")
    messages = _messages(catalog_copy)
    assert any("invalid YAML" in m and "repeated key 'doc'" in m for m in messages), messages


def test_citation_to_a_missing_document(catalog_copy: Path) -> None:
    _edit(
        catalog_copy,
        "{doc: 000_593c9935b45937b4.txt, lines: 97, quote: 助成率1/2}",
        "{doc: missing.txt, lines: 97, quote: 助成率1/2}",
    )
    assert any("unknown document 'missing.txt'" in m for m in _messages(catalog_copy))


def test_invalid_yaml_names_file_and_line(catalog_copy: Path) -> None:
    (catalog_copy / EXAMPLE).write_text("id: [unclosed\n", encoding="utf-8")
    messages = _messages(catalog_copy)
    assert any(
        "toyama-gijutsu-kaihatsu-josei.yaml" in m and "invalid YAML: line" in m for m in messages
    )


def test_float_rate_is_a_schema_error(catalog_copy: Path) -> None:
    _edit(catalog_copy, "value: 1/2", "value: 0.5")
    messages = _messages(catalog_copy)
    assert any("frames[0].rate.value" in m and "never floats" in m for m in messages)


def test_id_must_match_file_name(catalog_copy: Path) -> None:
    _edit(catalog_copy, "id: toyama-gijutsu-kaihatsu-josei", "id: toyama-other")
    assert any("differs from the file name" in m for m in _messages(catalog_copy))


def test_source_quote_must_name_the_program(catalog_copy: Path) -> None:
    _edit(catalog_copy, "name: 技術開発助成事業", "name: 技術開発補助事業")
    assert any("does not contain the program name" in m for m in _messages(catalog_copy))


def test_unknown_parent_is_reported(catalog_copy: Path) -> None:
    _edit(catalog_copy, "parent: toyama-gijutsu-kaihatsu", "parent: toyama-nowhere")
    assert any("unknown program 'toyama-nowhere'" in m for m in _messages(catalog_copy))


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b""])
def test_unreadable_file_is_reported_not_raised(catalog_copy: Path, content: bytes) -> None:
    (catalog_copy / EXAMPLE).write_bytes(content)
    assert any("toyama-gijutsu-kaihatsu-josei.yaml" in m for m in _messages(catalog_copy))
