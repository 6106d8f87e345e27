"""Display names: whatever is typed, a name is refused or comes back clean."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hojokin.files import FileRejected, clean_name
from hojokin.files.names import MAX_NAME_CHARS, extension


@given(st.text(max_size=300))
def test_any_text_is_refused_or_cleaned_into_a_plain_name(name: str) -> None:
    try:
        cleaned = clean_name(name)
    except FileRejected as refused:
        assert refused.code.startswith("name_") and refused.message
        return
    assert cleaned == cleaned.strip() and 0 < len(cleaned) <= MAX_NAME_CHARS
    assert "/" not in cleaned and "\\" not in cleaned and cleaned.strip(".")
    assert not any(unicodedata.category(c).startswith("C") for c in cleaned)
    assert clean_name(cleaned) == cleaned  # already clean: kept as it is


# NFKC lengthens a letter 18 times at most (U+FDFA), still within the limit.
@given(st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10))
def test_names_of_letters_and_digits_are_kept_as_nfkc_gives_them(stem: str) -> None:
    assert clean_name(f"{stem}.pdf") == unicodedata.normalize("NFKC", f"{stem}.pdf").strip()


@pytest.mark.parametrize(
    ("name", "found"),
    [("申請書.PDF", "pdf"), ("a.b.xlsx", "xlsx"), ("申請書", ""), (".pdf", ""), ("末尾.", "")],
)
def test_the_extension_is_after_the_last_dot_of_a_named_file(name: str, found: str) -> None:
    assert extension(name) == found
