"""A synthetic catalog for benchmarks: seed programs as templates, with new ids, names,
descriptions, targets, regions, years, kinds and caps drawn from a fixed vocabulary."""

from __future__ import annotations

import random
from collections.abc import Iterator

from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import KINDS, Program
from hojokin.ja.prefectures import PREFECTURES

TOPICS = (
    "販路開拓", "水素", "ゼロエミッション", "IT導入", "DX推進", "人材育成", "事業承継",
    "創業", "海外展開", "省エネルギー", "研究開発", "観光振興", "農商工連携", "食品加工",
    "医療機器", "介護ロボット", "物流効率化", "デザイン経営", "スマート農業", "再生可能エネルギー",
    "地域商社", "インバウンド", "テレワーク", "サイバーセキュリティ", "カーボンニュートラル",
    "伝統工芸", "ものづくり", "ヘルスケア", "新製品開発", "生産性向上",
)  # fmt: skip
KINDS_OF_WORK = ("支援事業", "補助金", "助成事業", "促進事業", "推進事業", "応援事業", "資金")
TARGETS = (
    "県内中小企業者", "小規模事業者", "創業予定者", "商工会議所", "市町村", "NPO法人",
    "中小企業グループ", "大学発ベンチャー", "観光事業者", "農林漁業者",
)  # fmt: skip
VERBS = ("を支援する。", "に要する経費の一部を補助する。", "を促進するため助成する。",
         "に取り組む事業者を応援する。", "の取組を推進する。")  # fmt: skip


def _sentence(rng: random.Random) -> str:
    a, b = rng.sample(TOPICS, 2)
    return f"{rng.choice(TARGETS)}が行う{a}及び{b}{rng.choice(VERBS)}"


def synthetic_programs(seed: Catalog, n: int, rng_seed: int = 0) -> Iterator[tuple[Program, str]]:
    """`n` programs (with made-up paths) built on the seed catalog's programs."""
    rng = random.Random(rng_seed)
    templates = [p for p in seed if p.description is not None]
    for i in range(n):
        template = rng.choice(templates)
        name = f"{rng.choice(TOPICS)}{rng.choice(KINDS_OF_WORK)}"
        description = template.description
        assert description is not None
        frame = template.frames[0]
        targets = [t.model_copy(update={"text": rng.choice(TARGETS)}) for t in frame.targets[:1]]
        cap = frame.cap and frame.cap.model_copy(update={"yen": rng.randrange(1, 500) * 100_000})
        program = template.model_copy(
            update={
                "id": f"synthetic-{i:06d}",
                "name": name,
                "prefecture": rng.choice(PREFECTURES),
                "fiscal_year": rng.randrange(2018, 2026),
                "kind": rng.choice(KINDS),
                "description": description.model_copy(
                    update={"text": "".join(_sentence(rng) for _ in range(rng.randrange(1, 3)))}
                ),
                "activities": [],
                "frames": [frame.model_copy(update={"name": name, "targets": targets, "cap": cap})],
            }
        )
        yield program, f"programs/synthetic/{program.id}.yaml"
