"""Kinds on the web: the search page's 種類 filter offers every kind by its label and
description, filtering by a kind finds exactly its programs, and cards, program pages
and the export show the label."""

from __future__ import annotations

import csv
import html
import io
import re

from fastapi.testclient import TestClient

from hojokin.catalog.kinds import KIND_DESCRIPTIONS, KIND_LABELS, KINDS
from hojokin.catalog.loader import Catalog
from tests.web.test_pages import COMPANY_FORM, text


def _of_kind(catalog: Catalog, kind: str) -> set[str]:
    return {p.id for p in catalog.programs.values() if p.kind == kind}


def test_the_kind_filter_lists_every_kind_by_label_with_its_description(
    client: TestClient,
) -> None:
    page = client.get("/").text
    select = page.split('<select id="kind" name="kind">')[1].split("</select>")[0]
    options = re.findall(
        r'<option value="([^"]*)"(?: title="([^"]*)")?[^>]*>([^<]*)</option>', select
    )
    assert options[0] == ("", "", "すべて")
    assert [(code, html.unescape(title), label) for code, title, label in options[1:]] == [
        (k, KIND_DESCRIPTIONS[k], KIND_LABELS[k]) for k in KINDS
    ]


def test_the_search_page_explains_every_kind(client: TestClient) -> None:
    page = client.get("/").text
    help_ = page.split('<details class="more kinds-help">')[1].split("</details>")[0]
    assert "<summary>種類の説明</summary>" in help_
    pairs = re.findall(r"<div><dt>([^<]*)</dt><dd>([^<]*)</dd></div>", help_)
    assert pairs == [(KIND_LABELS[k], KIND_DESCRIPTIONS[k]) for k in KINDS]


def test_filtering_by_a_new_kind_finds_exactly_its_programs(
    client: TestClient, seed_catalog: Catalog
) -> None:
    expected = _of_kind(seed_catalog, "information")
    assert 0 < len(expected) < 20  # one page of cards
    page = client.get("/", params={"kind": "information"})
    assert page.status_code == 200
    assert f"検索結果 {len(expected)}件" in text(page.text)
    assert '<option value="information" title=' in page.text
    assert 'value="information" title="' + KIND_DESCRIPTIONS["information"] + '" selected>' in (
        page.text
    )
    cards = page.text.split('<li class="card">')[1:]
    found = re.findall(r'<h3><a href="/programs/([^"]+)">', "".join(cards))
    assert sorted(found) == sorted(expected)
    assert all('<span class="badge kind-information" title="' in c for c in cards)
    assert all(">情報提供</span>" in c for c in cards)


def test_an_unknown_kind_is_said_and_not_taken(client: TestClient) -> None:
    page = client.get("/", params={"kind": "lottery"})
    assert page.status_code == 400
    assert "次の絞り込みの値は選択肢にないため、使わずに検索しました: 種類" in text(page.text)


def test_the_program_page_shows_the_kind_label_and_description(client: TestClient) -> None:
    page = client.get("/programs/toyama-juhatchu-torihiki-joho").text
    badge = (
        f'<span class="badge kind-matching" title="{KIND_DESCRIPTIONS["matching"]}">'
        "マッチング・商談会</span>"
    )
    assert badge in page


def test_the_export_shows_each_programs_kind_label(
    client: TestClient, seed_catalog: Catalog
) -> None:
    response = client.post("/check/export", data=COMPANY_FORM | {"format": "csv"})
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    shown = {}
    for row in table:
        program_id = row["制度のページ"].rsplit("/", 1)[1]
        shown[program_id] = row["種類"]
    assert shown == {
        pid: KIND_LABELS[p.kind] for pid, p in seed_catalog.programs.items() if pid in shown
    }
    # The rows cover programs of the added kinds, so their labels were rendered.
    assert {"情報提供", "マッチング・商談会", "行政・支援機関の事業"} <= set(shown.values())
