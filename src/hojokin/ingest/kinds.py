"""A draft's kind, from the words of its name first and then of its description.

The first rule that matches decides, in this order; a program with money terms and no
telling word is a subsidy when its name or description says 補助 and a grant otherwise."""

from __future__ import annotations

import re

from hojokin.catalog.kinds import Kind
from hojokin.catalog.schema import Frame

_MONEY: tuple[tuple[str, Kind], ...] = (
    (r"保証", "guarantee"),
    (r"融資|貸付|資金$", "loan"),
    (r"投資|出資|ファンド", "investment"),
    (r"補助金|補助", "subsidy"),
    (r"助成|給付|支援金|奨励金", "grant"),
)
_RULES: tuple[tuple[str, Kind], ...] = (
    *_MONEY,
    (r"派遣", "expert_dispatch"),
    (r"相談|コーディネーター|マネージャー|デスク|アドバイザー", "consultation"),
    (r"セミナー|講座|研修|塾|人材育成|訓練", "seminar"),
    (r"商談|マッチング|受発注", "matching"),
    (r"展示会|博覧会|ミッション|見本市|フェア|訪問団", "event"),
    (r"情報|ジャーナル|発行|ホームページ|調査", "information"),
    (r"センター|施設|インキュベーション", "facility"),
    (r"研究|産学官", "research"),
)


def guess_kind(name: str, description: str, frames: list[Frame]) -> Kind:
    """Money words first where the frames hold money terms, so that a subsidy named for
    a mission (ゼロエミッション) is not an event."""
    money = any(f.rate or f.cap or f.fixed for f in frames)
    for text in (name, description) if money else ():
        for pattern, kind in _MONEY:
            if re.search(pattern, text):
                return kind
    for text in (name, description):
        for pattern, kind in _RULES:
            if re.search(pattern, text):
                return kind
    if money:
        return "subsidy" if "補助" in name + description else "grant"
    return "other"
