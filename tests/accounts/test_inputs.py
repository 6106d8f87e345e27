"""What people type: email addresses, names, passwords."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from hojokin.accounts.errors import Duplicate, Invalid
from hojokin.accounts.inputs import MAX_NAME, clean_name, email_key
from hojokin.accounts.passwords import MAX_LENGTH, Passwords, password_problem
from hojokin.accounts.tables import issuer

from .world import CHEAP, World


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Taro.Yamada@Example.CO.JP", "taro.yamada@example.co.jp"),
        ("  taro+hojo@example.jp ", "taro+hojo@example.jp"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),  # typed with a Japanese IME
    ],
)
def test_an_email_is_stored_in_one_form(typed: str, stored: str) -> None:
    assert email_key(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "taro",
        "taro@",
        "@example.jp",
        "taro@example",
        "ta ro@example.jp",
        "a..b@example.jp",
        "太郎@example.jp",
        "taro@exam\nple.jp",
        "x" * 250 + "@example.jp",
    ],
)
def test_a_malformed_email_is_refused(typed: str) -> None:
    with pytest.raises(Invalid, match="メールアドレスの形式"):
        email_key(typed)


def test_names_are_trimmed_and_bounded() -> None:
    assert clean_name("  株式会社テスト　", "name") == "株式会社テスト"
    for bad in ("", "   ", "x" * (MAX_NAME + 1), "改行\nあり"):
        with pytest.raises(Invalid):
            clean_name(bad, "name")


def test_the_password_policy() -> None:
    assert password_problem("x" * 12) is None
    assert password_problem("長いパスワードは日本語でもよい") is None
    assert password_problem("x" * 11) == "パスワードは 12 文字以上にしてください（11 文字でした）"
    assert password_problem(" " * 12) == "パスワードが空白だけです"
    assert password_problem("x" * (MAX_LENGTH + 1)) is not None


def test_a_hash_verifies_only_its_password() -> None:
    passwords = Passwords(CHEAP)
    stored = passwords.hash("correct horse battery")
    assert passwords.verify(stored, "correct horse battery")
    assert not passwords.verify(stored, "correct horse batterY")
    assert not passwords.verify("not a hash", "correct horse battery")
    assert not passwords.verify(None, "no user has this password")


def test_a_race_to_the_same_name_is_a_duplicate_not_a_crash(world: World) -> None:
    # Two requests both passed the check: the unique constraint decides, worded.
    with pytest.raises(Duplicate, match="すでに登録"), world.accounts.guard.unit() as conn:
        row = {
            "name": "東京都中小企業振興公社",
            "prefecture": "東京都",
            "created_at": world.clock.now,
        }
        conn.execute(insert(issuer).values(row))
