"""根拠 as people read it: headings over the cited lines in each seed, quotes as text."""

from __future__ import annotations

import pytest

from hojokin.catalog.loader import Catalog
from hojokin.catalog.primitives import Citation
from hojokin.web.sources import document_label, headings_above, plain_text
from hojokin.web.xlsx import column_name

TOYAMA, HOKKAIDO, TOKYO = (
    "000_593c9935b45937b4.txt",
    "002_ad3ad815a1812ffa.txt",
    "003_cf133d2ac19737cc.txt",
)


@pytest.mark.parametrize(
    ("doc", "line", "headings"),
    [
        # Toyama's plan: I → 1 → (1) → ①.
        (
            TOYAMA,
            342,
            [
                "II 中小企業の経営支援",
                "7 とやま中小企業チャレンジファンド事業",
                "(4) 販路開拓挑戦応援事業",
            ],
        ),
        # "⑤ 5 ヘルスケア…" is section 5, not item ⑤.
        (TOYAMA, 83, ["I イノベーションの推進", "⑤ 5 ヘルスケア産業育成創出事業"]),
        # Hokkaido's report: each measure under its 【事業：部（課）】 line.
        (HOKKAIDO, 121, ["【経営持続化臨時特別支援金：経済部（中小企業課)】"]),
        # ... but where a page's tags follow its bullets, a tag closes the bullets above
        # it, paired by the words they share (胆振, 新幹線, くしろ), not by the tag above.
        (HOKKAIDO, 363, ["【いぶり・６次観光推進事業：胆振総合振興局】"]),
        (HOKKAIDO, 367, ["【いぶり・６次観光推進事業：胆振総合振興局】"]),
        (HOKKAIDO, 340, ["【北海道新幹線利用促進費：総合政策部】"]),
        (HOKKAIDO, 315, ["【教育旅行支援事業：経済部（観光振興課）】"]),
        (HOKKAIDO, 401, ["【オールくしろ魅力発信事業：釧路総合振興局】"]),
        (HOKKAIDO, 409, ["【自然と食の魅力あふれるオール根室ブランド強化推進事業：根室振興局】"]),
        # ◆…（続き） between a page's bullets and their tags does not separate them.
        (HOKKAIDO, 257, ["【ひだか「食」のブランド力強化事業：日高振興局】"]),
        # Tokyo's call: 2 → (1); a numbered requirement that runs on is not a heading.
        (TOKYO, 58, ["2 補助内容", "(1) 補助内容の概要"]),
        (TOKYO, 269, ["6 補助対象経費", "【大学発ベンチャー・一般枠】"]),
    ],
)
def test_headings_over_cited_lines(
    seed_catalog: Catalog, doc: str, line: int, headings: list[str]
) -> None:
    lines = seed_catalog.documents[doc].lines
    assert [h.text for h in headings_above(lines, line)] == headings


def test_quotes_read_without_markdown() -> None:
    assert plain_text("上限は、**全体の交付申請額の25%以下**とします。") == (
        "上限は、全体の交付申請額の25%以下とします。"
    )
    assert plain_text("| ・ 特許出願 | 上限額 1,500 千円 | 対象経費の 1/2 以内 |") == (
        "・ 特許出願 上限額 1,500 千円 対象経費の 1/2 以内"
    )
    assert plain_text("|------------------|--------------|") == ""
    assert plain_text("## 4 申請要件") == "4 申請要件"


def test_document_label_is_title_issuer_and_lines(seed_catalog: Catalog) -> None:
    cite = Citation(doc=TOYAMA, lines=(342, 342), quote="販路開拓挑戦応援事業")
    assert document_label(seed_catalog.documents[TOYAMA], cite) == (
        "令和4年度 事業計画（公益財団法人富山県新世紀産業機構）342行目"
    )


def test_excel_column_names() -> None:
    assert [column_name(i) for i in (0, 11, 25, 26, 27, 701, 702)] == [
        "A",
        "L",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
