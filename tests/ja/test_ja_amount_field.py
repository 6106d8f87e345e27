"""read_amount_field: a form's whole field is one amount, or a Japanese refusal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hojokin.ja import JaParseError, format_amount, parse_amount, read_amount_field
from hojokin.ja.amounts import FIELD_READ, FIELD_SPACED, FIELD_TOO_BIG


@pytest.mark.parametrize(
    ("typed", "yen"),
    [
        ("10000000", 10_000_000),
        ("10,000,000", 10_000_000),
        ("１０，０００，０００", 10_000_000),
        ("10000000円", 10_000_000),
        ("1,000万円", 10_000_000),
        ("1億", 100_000_000),
        ("4億5000万円", 450_000_000),
        ("4億 5000万円", 450_000_000),
        ("５０００万円", 50_000_000),
        ("0", 0),
        ("10兆円", 10 * 10**12),
    ],
)
def test_whole_amounts_are_read(typed: str, yen: int) -> None:
    assert read_amount_field(typed) == yen


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        # parse_amount found 0, 9, 10, 0, 2, 52, 100, 200万 and 5,000万 in these.
        ("3 000 000 000", FIELD_SPACED),
        ("300 000", FIELD_SPACED),
        ("1e9", FIELD_READ),
        ("1e10", FIELD_READ),
        ("1/2", FIELD_READ),
        ("5²", FIELD_READ),
        ("abc100", FIELD_READ),
        ("100～200万円", FIELD_READ),
        ("①", FIELD_READ),
        ("٣٠٠", FIELD_READ),
        ("1億円円", FIELD_READ),
        ("円", FIELD_READ),
        ("1万2億", FIELD_READ),
        ("9" * 25, FIELD_TOO_BIG),
        ("10兆1円", FIELD_TOO_BIG),
        ("9" * 31, FIELD_TOO_BIG),
        ("9" * 5000, FIELD_TOO_BIG),
    ],
)
def test_anything_else_is_refused_never_read_in_part(typed: str, reason: str) -> None:
    with pytest.raises(JaParseError) as caught:
        read_amount_field(typed)
    assert caught.value.reason == reason


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１２３,，千万億兆円 　e/.²①٣-", max_size=35))
def test_any_text_reads_to_what_it_spells_or_is_refused(typed: str) -> None:
    try:
        yen = read_amount_field(typed)
    except JaParseError as exc:
        assert exc.reason in (FIELD_READ, FIELD_SPACED, FIELD_TOO_BIG)
        return
    # Accepted text is one amount and nothing else, so the sentence reader (which
    # finds amounts in text) reads the same value from it.
    assert 0 <= yen <= 10 * 10**12
    # Spaces after a unit ("4億 5000万") are allowed; the sentence reader takes none there.
    plain = typed.strip().removesuffix("円").replace(" ", "").replace("　", "")
    assert parse_amount(f"{plain}円") == yen


@given(st.integers(min_value=0, max_value=10 * 10**12), st.sampled_from(["yen", "oku"]))
def test_amounts_as_written_read_back(yen: int, style: str) -> None:
    assert read_amount_field(format_amount(yen, style)) == yen
    assert read_amount_field(str(yen)) == yen
