"""Reading what a person typed: email addresses and names."""

from __future__ import annotations

import re
import unicodedata

from hojokin.accounts.errors import Invalid

MAX_EMAIL = 254  # RFC 5321's limit on a path
MAX_NAME = 200
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def email_key(text: str) -> str:
    """An email address as stored and compared: full-width characters made ASCII
    (ｔａｒｏ＠… typed with a Japanese input method), lower-cased; Invalid when it is
    not an address."""
    email = unicodedata.normalize("NFKC", text).strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email) or ".." in email:
        raise Invalid(f"メールアドレスの形式が正しくありません（{text!r}）", "email")
    return email


def clean_name(text: str, field: str) -> str:
    """A name with its outer spaces removed; Invalid when empty or too long."""
    name = text.strip()
    if not name:
        raise Invalid("名前を入力してください", field)
    if len(name) > MAX_NAME or any(unicodedata.category(c) == "Cc" for c in name):
        raise Invalid(
            f"{field}: {MAX_NAME} 文字以内の、制御文字を含まない名前にしてください", field
        )
    return name
