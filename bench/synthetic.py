"""A synthetic catalog for benchmarks, with the word statistics of a real one.

Its vocabulary is the seed catalog's own: the names, targets, purposes, descriptions and
activities of the seed programs split into runs of kanji, katakana or Latin letters and
digits of 2–8 characters (`販路開拓`, `アドベンチャートラベル`, `DX`), plus the
prefectures and the municipalities the seed texts name. Terms are ranked by how often the
seed uses them and drawn with Zipf–Mandelbrot frequencies (the r-th term in proportion
to 1/(r + 50): Zipf's law with the head flattened, since 167 seed programs cannot tell the
commonest terms' order apart), so that, as in a real catalog, a typical term occurs in
tens to a few thousand of 100,000 programs (half of 40 words drawn as queries by the
same frequencies are in fewer than 2,400) while the commonest few (`事業`, `支援`, which
the sentence frames add too) occur in most. Names, targets and descriptions are built
from drawn terms; regions, years, kinds and caps vary; the rest (frames, criteria,
citations) comes from a seed program used as a template. Deterministic for a given seed.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator

from hojokin.catalog.kinds import KINDS
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program
from hojokin.ja.prefectures import PREFECTURES

# One run of a script: words in Japanese are not separated, but a change of script (kanji
# to kana, katakana to kanji) is where a term most often ends.
_TERM = re.compile(r"[\u4e00-\u9fff々]+|[\u30a1-\u30faー]+|[A-Za-zＡ-Ｚａ-ｚ0-9０-９]+")
_MUNICIPALITY = re.compile(r"[\u4e00-\u9fff々]{1,4}[市町村]")
MIN_TERM, MAX_TERM = 2, 8

# What programs are called and what they do; every one says 事業 or 支援 somewhere, as
# real programs do.
KINDS_OF_WORK = ("支援事業", "補助金", "助成事業", "促進事業", "推進事業", "事業", "支援資金")
TARGET_NOUNS = (
    "中小企業者",
    "小規模事業者",
    "創業予定者",
    "事業者",
    "団体",
    "市町村",
    "個人事業主",
)
VERBS = (
    "を支援する。",
    "に要する経費の一部を補助する。",
    "を促進するため助成する。",
    "に取り組む事業者を応援する。",
    "の取組を推進する。",
)


def _seed_texts(program: Program) -> list[str]:
    texts = [program.name, *program.use_purpose]
    texts += [t.text for t in (program.description, program.pillar, program.measure) if t]
    texts += [t.text for t in program.activities]
    texts += [t.text for frame in program.frames for t in frame.targets]
    return texts


def vocabulary(seed: Catalog) -> list[str]:
    """The seed catalog's terms, commonest first (ties in code-point order)."""
    counts: Counter[str] = Counter()
    for program in seed:
        for text in _seed_texts(program):
            counts.update(t for t in _TERM.findall(text) if MIN_TERM <= len(t) <= MAX_TERM)
            counts.update(_MUNICIPALITY.findall(text))
    counts.update(PREFECTURES)
    return sorted(counts, key=lambda term: (-counts[term], term))


HEAD_FLATTENING = 50


class Zipf:
    """Draws terms with probability proportional to 1/(rank + HEAD_FLATTENING)."""

    def __init__(self, terms: list[str], rng: random.Random) -> None:
        self.terms = terms
        self.rng = rng
        self.cumulative = list(
            itertools.accumulate(1 / (rank + HEAD_FLATTENING) for rank in range(1, len(terms) + 1))
        )

    def draw(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        return self.terms[bisect.bisect_right(self.cumulative, point)]


def _sentence(zipf: Zipf, rng: random.Random, region: str) -> str:
    return (
        f"{region}の{rng.choice(TARGET_NOUNS)}が行う{zipf.draw()}及び{zipf.draw()}"
        f"{rng.choice(VERBS)}"
    )


def query_terms(seed: Catalog, n: int, rng_seed: int = 1) -> list[str]:
    """`n` query words drawn by the catalog's own frequencies (repeats kept, so the
    mix asks common words as often as users would)."""
    zipf = Zipf(vocabulary(seed), random.Random(rng_seed))
    return [zipf.draw() for _ in range(n)]


def synthetic_programs(seed: Catalog, n: int, rng_seed: int = 0) -> Iterator[tuple[Program, str]]:
    """`n` programs (with made-up paths) built on the seed catalog's programs."""
    rng = random.Random(rng_seed)
    zipf = Zipf(vocabulary(seed), rng)
    templates = [p for p in seed if p.description is not None]
    for i in range(n):
        template = rng.choice(templates)
        prefecture = rng.choice(PREFECTURES)
        fiscal_year = rng.randrange(2018, 2026)
        words = "".join(zipf.draw() for _ in range(rng.randrange(1, 3)))
        name = f"{words}{rng.choice(KINDS_OF_WORK)}"
        if fiscal_year >= 2019 and rng.random() < 0.2:  # 令和元年度 = 2019
            name = f"令和{fiscal_year - 2018}年度{name}"
        description = template.description
        assert description is not None
        frame = template.frames[0]
        targets = [
            t.model_copy(update={"text": f"{zipf.draw()}に取り組む{rng.choice(TARGET_NOUNS)}"})
            for t in frame.targets[:1]
        ]
        cap = frame.cap and frame.cap.model_copy(update={"yen": rng.randrange(1, 500) * 100_000})
        sentences = "".join(_sentence(zipf, rng, prefecture) for _ in range(rng.randrange(1, 4)))
        program = template.model_copy(
            update={
                "id": f"synthetic-{i:06d}",
                "name": name,
                "prefecture": prefecture,
                "fiscal_year": fiscal_year,
                "kind": rng.choice(KINDS),
                "description": description.model_copy(update={"text": sentences}),
                "activities": [],
                "frames": [frame.model_copy(update={"name": name, "targets": targets, "cap": cap})],
            }
        )
        yield program, f"programs/synthetic/{program.id}.yaml"
