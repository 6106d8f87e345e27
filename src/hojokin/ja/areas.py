"""Areas below the prefecture: municipalities by 全国地方公共団体コード, and 北海道's 振興局.

The municipalities are real data (`data/municipalities.tsv`, its header says where it
comes from); each code's check digit is verified on load, so a mistyped row cannot
slip in. A municipality is named by its 6-digit code, its 5-digit code without the
check digit, or its name with or without the prefecture (富山市, 富山県富山市,
札幌市中央区); a name two prefectures share (府中市) needs the prefecture.

北海道's 14 (総合)振興局 are known with their members (`data/hokkaido_subprefectures.tsv`,
from 国土数値情報 行政区域, its header says how it was made and checked): each 北海道
municipality and ward of municipalities.tsv belongs to exactly one of them, which is
verified on load, so a rule on a 振興局's area (管内) is decided by the municipality of
the head office (hojokin.rules.eligibility: 要確認 only while that is not given).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hojokin.ja.errors import JaParseError
from hojokin.ja.prefectures import prefecture_code
from hojokin.ja.text import compact

_DATA = Path(__file__).with_name("data") / "municipalities.tsv"
_SUBPREFECTURE_DATA = _DATA.with_name("hokkaido_subprefectures.tsv")

# As the seed report names them (002_ad3ad815a1812ffa.txt, its 【事業：…振興局】 headings).
SUBPREFECTURES: tuple[str, ...] = (
    "石狩振興局", "渡島総合振興局", "檜山振興局", "後志総合振興局", "空知総合振興局",
    "上川総合振興局", "留萌振興局", "宗谷総合振興局", "オホーツク総合振興局",
    "胆振総合振興局", "日高振興局", "十勝総合振興局", "釧路総合振興局", "根室振興局",
)  # fmt: skip
SUBPREFECTURE_PREFECTURE = 1  # 北海道


@dataclass(frozen=True)
class Municipality:
    code: str  # 6 digits, with the check digit
    prefecture: str
    name: str  # 富山市, 札幌市中央区

    @property
    def prefecture_code(self) -> int:
        return int(self.code[:2])

    @property
    def number(self) -> int:
        """The 5-digit code as an integer: the row's column, compared as a number."""
        return int(self.code[:5])

    @property
    def label(self) -> str:
        return f"{self.prefecture}{self.name}"


def check_digit(five: str) -> int:
    """The 6th digit of a 全国地方公共団体コード (総務省's weights 6-5-4-3-2, modulus 11)."""
    total = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


@cache
def municipalities() -> tuple[Municipality, ...]:
    rows = []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("code\t"):
            continue
        code, prefecture, name, _kana = line.split("\t")
        if check_digit(code[:5]) != int(code[5]):
            raise ValueError(f"{_DATA.name}: {code} {name}: wrong check digit")
        rows.append(Municipality(code, prefecture, name))
    return tuple(rows)


@cache
def _index() -> tuple[dict[str, Municipality], dict[str, list[Municipality]]]:
    by_code: dict[str, Municipality] = {}
    by_name: dict[str, list[Municipality]] = {}
    for m in municipalities():
        by_code[m.code] = by_code[m.code[:5]] = m
        by_name.setdefault(m.name, []).append(m)
        by_name.setdefault(m.label, []).append(m)
    return by_code, by_name


def municipality(text: str | int, prefecture: str | None = None) -> Municipality:
    """The municipality a code or name means; `prefecture` settles a shared name.

    Raises JaParseError naming the text when nothing or more than one place fits."""
    by_code, by_name = _index()
    key = compact(str(text))
    if key.isdigit():
        found = by_code.get(key.zfill(5) if len(key) <= 5 else key)
        if found is None:
            raise JaParseError("not a 全国地方公共団体コード", str(text))
        return found
    candidates = by_name.get(key, [])
    if prefecture is not None:
        code = prefecture_code(prefecture)
        candidates = [m for m in candidates if m.prefecture_code == code]
    if not candidates:
        raise JaParseError("not a municipality (市区町村)", str(text))
    if len(candidates) > 1:
        raise JaParseError("a name several prefectures share: add the prefecture", str(text))
    return candidates[0]


def within(area: Municipality) -> tuple[int, ...]:
    """The 5-digit codes an area covers: a designated city (札幌市) covers its wards."""
    wards = (
        m.number
        for m in municipalities()
        if m.prefecture == area.prefecture
        and area.name.endswith("市")
        and m.name.startswith(area.name)
        and m.name.endswith("区")
        and m != area
    )
    return (area.number, *wards)


@cache
def _subprefecture_of() -> dict[str, str]:
    """Each 北海道 code (6 digits) to its 振興局, checked whole against municipalities.tsv.

    A row must name a 北海道 municipality by its code and its own name (a mistyped code
    cannot pass) and a known 振興局; every 北海道 municipality must have exactly one row."""
    by_code, _ = _index()
    found: dict[str, str] = {}
    for line in _SUBPREFECTURE_DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("code\t"):
            continue
        code, name, office = line.split("\t")
        where = f"{_SUBPREFECTURE_DATA.name}: {code} {name}"
        m = by_code.get(code)
        if m is None or m.code != code or m.name != name:
            raise ValueError(f"{where}: not this code and name in {_DATA.name}")
        if m.prefecture_code != SUBPREFECTURE_PREFECTURE:
            raise ValueError(f"{where}: not in 北海道")
        if office not in SUBPREFECTURES:
            raise ValueError(f"{where}: {office} is not a 振興局 of 北海道")
        if code in found:
            raise ValueError(f"{where}: listed twice")
        found[code] = office
    hokkaido = [m for m in municipalities() if m.prefecture_code == SUBPREFECTURE_PREFECTURE]
    missing = [m.label for m in hokkaido if m.code not in found]
    if missing:
        raise ValueError(f"{_SUBPREFECTURE_DATA.name}: no 振興局 for {'・'.join(missing)}")
    return found


def subprefecture_of(area: Municipality) -> str | None:
    """The 振興局 a 北海道 municipality or ward belongs to; None outside 北海道."""
    return _subprefecture_of().get(area.code)


def subprefecture_members(name: str) -> tuple[int, ...]:
    """The 5-digit codes of a 振興局's municipalities and wards (石狩: 札幌市 and its 区)."""
    office = subprefecture(name)
    return tuple(m.number for m in municipalities() if subprefecture_of(m) == office)


def subprefecture_short(name: str) -> str:
    """A 振興局 without 総合振興局 or 振興局, as its area is called (石狩振興局 → 石狩)."""
    return name.removesuffix("総合振興局").removesuffix("振興局")


def subprefecture(text: str) -> str:
    """A 振興局 as the report names it; 後志 and 後志総合振興局 both work."""
    key = compact(text).removesuffix("管内")
    for name in SUBPREFECTURES:
        if key in (name, subprefecture_short(name)):
            return name
    raise JaParseError("not a 振興局 of 北海道", text)
