"""Readers of one value a person types into a form field or a file: counts, shares,
dates, fiscal years and page numbers (amounts: `read_amount_field`). The web form,
company and plan files, the API and the CLI's tables all read a kind of value through
the same reader.

Every reader matches the whole text against a pattern of bounded length before int(),
Fraction() or date() sees it: int() refuses more than 4,300 digits, Fraction("1e-9999999")
computes 10**9999999 before answering, and NFKC turns ① and ² into digits. A reader
raises JaParseError whose `reason` is a Japanese message to show by the field.
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

from .amounts import MAX_FIELD_CHARS
from .dates import READ as DATE_UNREADABLE
from .dates import TypedDate, format_wareki, format_western, read_typed_date
from .eras import FIRST_DAY
from .errors import JaParseError
from .fiscal import fiscal_year_named
from .text import normalize

MAX_COUNT = 10_000_000  # employees and other counts: more is a typo
LAST_DAY = date(2100, 12, 31)

# Digits as people type them, half or full width, with thousands separators and a
# counter word. Matched before NFKC, which would also turn ① and ² into digits.
_COUNT = re.compile(r"([0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+) *(?:人|名|社|件)?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789", ",，")


def count_too_big(maximum: int) -> str:
    return f"数が大きすぎます（{maximum:,}まで）"


def count_too_small(minimum: int) -> str:
    return f"{minimum:,}以上の数で入力してください"


def read_count(text: str, maximum: int = MAX_COUNT, minimum: int = 0) -> int:
    """50, ５０, 1,200, 15人, １５名, 15社 → int within [minimum, maximum]; ①, ², ፩, 1e3,
    -1 and 5,000-digit numbers are refused."""
    t = text.strip()
    if not t:
        raise JaParseError("数を入力してください", text)
    m = _COUNT.fullmatch(t) if len(t) <= MAX_FIELD_CHARS else None
    if m is None and len(t) > MAX_FIELD_CHARS and _COUNT.fullmatch(t[:MAX_FIELD_CHARS]):
        raise JaParseError(count_too_big(maximum), text, "too many digits")
    if m is None:
        shown = t if len(t) <= 20 else t[:19] + "…"
        reason = f"「{shown}」は数として読めません。0以上の整数で入力してください（例 15、15人）"
        raise JaParseError(reason, text)
    n = int(m[1].translate(_FULL_WIDTH_DIGITS))
    if n > maximum:
        raise JaParseError(count_too_big(maximum), text)
    if n < minimum:
        raise JaParseError(count_too_small(minimum), text)
    return n


def small_number(text: str, digits: int = 9) -> int | None:
    """An ASCII whole number of at most `digits` digits, else None: a page, an offset or
    a line number in a query, where anything else is ignored rather than refused.

    str.isdigit() alone lets "²" and 5,000-digit strings through to int(), which raises.
    """
    if 0 < len(text) <= digits and text.isascii() and text.isdigit():
        return int(text)
    return None


FISCAL_YEARS = (1989, 2100)  # from 平成元年度: no plan or program is older
FISCAL_YEAR_READ = "年度を西暦か和暦で入力してください（例 2025、令和7年度）"
FISCAL_YEAR_RANGE = f"年度は{FISCAL_YEARS[0]}年度から{FISCAL_YEARS[1]}年度までで入力してください"


def read_fiscal_year(text: str) -> int:
    """2025, ２０２５, 2025年度, 令和7年度, R7 → the western year the 年度 starts,
    1989–2100. Only one 年度 and nothing else: "2025-2026", "-2025", "+2025", "FY2025"
    are refused, not read as the one year in them."""
    t = text.strip()
    # Digits other than half and full width (①, ², ٣) would become digits in NFKC.
    if len(t) > MAX_FIELD_CHARS or any(ch.isdigit() and not _plain_digit(ch) for ch in t):
        raise JaParseError(FISCAL_YEAR_READ, text)
    t = normalize(t)
    year = small_number(t, 4)
    if year is None:
        try:
            year = fiscal_year_named(t if t.endswith("年度") else f"{t}年度")
        except JaParseError:
            raise JaParseError(FISCAL_YEAR_READ, text) from None
    first, last = FISCAL_YEARS
    if not first <= year <= last:
        raise JaParseError(FISCAL_YEAR_RANGE, text)
    return year


SHARE_READ = "割合は 0 から 1 までの数で入力してください（例 1/3、0.5、50%）"
PERCENT_READ = "0から100までの数で入力してください（例 50、33.3%）"
# Half/full-width digits, one point, one slash and a percent sign, checked before NFKC.
_SHARE_CHARS = re.compile(r"[0-9０-９.．/／%％]+")
_SHARE = re.compile(
    r"(?P<num>[0-9]{1,6})/(?P<den>[0-9]{1,6})|(?P<dec>[0-9]{1,3}(?:\.[0-9]{1,6})?)(?P<pct>%)?"
)


def read_share(text: str, *, percent: bool = False) -> Fraction:
    """A share 0–1 as an exact Fraction: "1/3", "0.5", "50%", "３３．３％".

    With `percent`, the field is in percent: "50" is 1/2, and "1/2" is refused rather
    than read as 1/200. Exponents ("1e-5"), signs and more than 6 decimals are refused."""
    reason = PERCENT_READ if percent else SHARE_READ
    raw = text.strip()
    if len(raw) > MAX_FIELD_CHARS or not _SHARE_CHARS.fullmatch(raw):
        raise JaParseError(reason, text)
    m = _SHARE.fullmatch(raw if raw.isascii() else normalize(raw))
    if m is None or (percent and m["num"] is not None):
        raise JaParseError(reason, text)
    if m["num"] is not None:
        if int(m["den"]) == 0:
            raise JaParseError(reason, text, "denominator is zero")
        share = Fraction(int(m["num"]), int(m["den"]))
    else:
        share = Fraction(m["dec"]) / (100 if percent or m["pct"] else 1)
    if not 0 <= share <= 1:
        raise JaParseError(reason, text, "outside 0–1")
    return share


DATE_EXAMPLE = "日付として読めません（例 2015-04-01、令和2年4月1日）"


DATE_RANGE = (
    f"{format_wareki(FIRST_DAY)}（{format_western(FIRST_DAY)}）から"
    f"{format_western(LAST_DAY)}までの日付を入力してください"
)


def check_date(day: date, text: str) -> date:
    """`day` when it lies between 明治's first day and the end of 2100."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise JaParseError(DATE_RANGE, text, f"{day} is out of range")
    return day


def read_date(text: str) -> TypedDate:
    """2015-04-01 (the date input) or a date as written in Japanese: 令和2年4月1日.

    A date read otherwise than typed (平成31年5月1日) carries a note to show with it."""
    t = text.strip()
    if not t:
        raise JaParseError("日付を入力してください", text)
    # Digits other than half and full width (①, ², ٣) would become digits in NFKC.
    if len(t) > MAX_FIELD_CHARS or any(ch.isdigit() and not _plain_digit(ch) for ch in t):
        raise JaParseError(DATE_EXAMPLE, text)
    t = t if t.isascii() else normalize(t)
    if _ISO_DATE.fullmatch(t):
        try:
            typed = TypedDate(date.fromisoformat(t))
        except ValueError:
            raise JaParseError(f"{t}という日はありません", text) from None
    else:
        try:
            typed = read_typed_date(t)
        except JaParseError as exc:
            if exc.reason != DATE_UNREADABLE:  # the reader knows what is wrong: say it
                raise JaParseError(exc.reason, text, exc.detail) from None
            raise JaParseError(DATE_EXAMPLE, text, exc.detail) from None
    check_date(typed.value, text)
    return typed


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _plain_digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"
