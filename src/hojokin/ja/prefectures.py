"""The 47 prefectures in JIS X 0401 order (code 1 = 北海道 … 47 = 沖縄県)."""

from __future__ import annotations

from hojokin.ja.errors import JaParseError
from hojokin.ja.text import compact

PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
    "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
    "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip

# In the same order: the names of the catalog's region folders (catalog/programs/toyama/…).
PREFECTURE_SLUGS: tuple[str, ...] = (
    "hokkaido", "aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima",
    "ibaraki", "tochigi", "gunma", "saitama", "chiba", "tokyo", "kanagawa",
    "niigata", "toyama", "ishikawa", "fukui", "yamanashi", "nagano", "gifu",
    "shizuoka", "aichi", "mie", "shiga", "kyoto", "osaka", "hyogo",
    "nara", "wakayama", "tottori", "shimane", "okayama", "hiroshima", "yamaguchi",
    "tokushima", "kagawa", "ehime", "kochi", "fukuoka", "saga", "nagasaki",
    "kumamoto", "oita", "miyazaki", "kagoshima", "okinawa",
)  # fmt: skip

_CODES = {name: i for i, name in enumerate(PREFECTURES, start=1)}


def short_name(prefecture: str) -> str:
    """A prefecture without its suffix, as people say it (東京都 → 東京; 北海道 as is)."""
    return prefecture.removesuffix("都").removesuffix("府").removesuffix("県")


_SHORT = {short_name(name): name for name in PREFECTURES}


def prefecture_code(text: str) -> int:
    """The JIS code of a prefecture written in full (東京都) or without its suffix (東京)."""
    code = _CODES.get(text)  # a validated name, as every company row holds: no normalising
    if code is not None:
        return code
    name = compact(text)
    code = _CODES.get(name) or _CODES.get(_SHORT.get(name, ""))
    if code is None:
        raise JaParseError("都道府県名として読めません（例 東京都、北海道）", text)
    return code


def prefecture_name(text: str) -> str:
    """The full name of a prefecture (東京 → 東京都); unknown names raise JaParseError."""
    return PREFECTURES[prefecture_code(text) - 1]


def prefecture_slug(text: str) -> str:
    """The romanised name of a prefecture, as catalog region folders are named (東京都 → tokyo)."""
    return PREFECTURE_SLUGS[prefecture_code(text) - 1]


# A program of the whole country: its `prefecture`, and its catalog region folder.
NATIONWIDE = "全国"
NATIONAL_REGION = "national"


def region_of(prefecture: str) -> str:
    """The catalog region folder of a program's prefecture (全国 → national)."""
    return NATIONAL_REGION if prefecture == NATIONWIDE else prefecture_slug(prefecture)
