"""The pages without a browser: what each route shows, and that forms never 500."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from hojokin.api.app import create_app
from hojokin.catalog.loader import Catalog
from hojokin.load import store_catalog
from hojokin.rules.company_row import company_row
from hojokin.rules.service import check_company, estimate
from hojokin.store.migrate import migrate
from hojokin.store.snapshot import LiveCatalog
from hojokin.views.requirements import requirement_text
from hojokin.web.check_groups import Match, Matches, max_amount, web_finding
from hojokin.web.results import shape
from hojokin.web.search_page import PAGE_SIZE, SearchParams, SearchResults, search_page_results
from tests.conftest import TEST_SETTINGS
from tests.databases import empty_database
from tests.rules.examples import TOKYO, TOKYO_ANSWERS, catalog, company, frame, plan, program

COMPANY_FORM = {
    "name": "株式会社サンプル",
    "legal_form": "corporation",
    "industry": "manufacturing",
    "capital": "1億円",
    "employees": "50",
    "founded_on": "2015-04-01",
    "head_office_prefecture": "東京都",
    "zero_emission_theme": "1",
    # Tokyo's 申請要件 that no profile field shows, answered as the form sends them.
    **{
        f"fact_{name}": {True: "yes", False: "no"}.get(value, value)
        for name, value in TOKYO_ANSWERS.items()
    },
}


def text(html: str) -> str:
    """The page's visible text, tags removed, to assert on what people read."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_search_lists_every_program_a_page_at_a_time(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f"すべての制度 {len(catalog())}件" in text(page.text)
    assert page.text.count('class="card"') == PAGE_SIZE
    last = -(-len(catalog()) // PAGE_SIZE)
    assert client.get(f"/?page={last}").text.count('class="card"') == len(catalog()) % PAGE_SIZE


def test_search_filters_and_cards(client: TestClient) -> None:
    found = text(client.get("/", params={"q": "ゼロエミッション", "prefecture": "東京都"}).text)
    assert "検索結果 1件" in found
    # The card: kind, rate, cap in 億円 and 円, window in 和暦 and 西暦.
    assert "補助金" in found and "2/3" in found
    assert "10億円（1,000,000,000円）" in found
    assert "令和6年6月13日～令和6年11月22日（2024年6月13日～2024年11月22日）" in found
    none = text(client.get("/", params={"q": "ゼロエミッション", "prefecture": "富山県"}).text)
    assert "検索結果 0件" in none and "見つかりませんでした" in none


def _results(engine: Engine, params: SearchParams) -> SearchResults:
    live = LiveCatalog(engine, catalog())
    return search_page_results(live, live.current(), params)


def test_search_ignores_values_outside_the_filters(seed_db: Engine) -> None:
    params = SearchParams.from_query(
        {"prefecture": "火星", "kind": "lottery", "fiscal_year": "1900", "page": "-1"}, catalog()
    )
    assert params == SearchParams()
    results = _results(seed_db, SearchParams(kind="grant", fiscal_year=2022))
    assert results.total > 0
    assert all(p.kind == "grant" and p.fiscal_year == 2022 for p in results.programs)
    # A page past the end shows the last one.
    last = _results(seed_db, SearchParams(kind="grant", page=999))
    assert last.page == last.pages and last.programs


def test_search_filters_window_cap_and_size(seed_db: Engine, client: TestClient) -> None:
    # Tokyo's 募集期間 is 令和6年6月13日～11月22日: open on 2024-07-01, not on 2024-12-01.
    def found(**filters: object) -> list[str]:
        params = SearchParams(query="ゼロエミッション", **filters)  # type: ignore[arg-type]
        return [p.id for p in _results(seed_db, params).programs]

    assert found(open_now=True, today=date(2024, 7, 1)) == [TOKYO]
    assert found(open_now=True, today=date(2024, 12, 1)) == []
    assert found(min_cap_yen=100_000_000) == [TOKYO]  # cap 10億円
    # Tokyo also takes non-profits of any size, so a large company's size can qualify.
    assert found(size="large") == [TOKYO]
    hanro = SearchParams(query="販路開拓", size="large")
    large = [p.id for p in _results(seed_db, hanro).programs]
    assert "toyama-challenge-fund-hanro-kaitaku" not in large  # 中小企業者 only
    assert "toyama-challenge-fund-hanro-kaitaku" in [
        p.id for p in _results(seed_db, SearchParams(query="販路開拓")).programs
    ]
    # The form reads the filters and keeps them in the page links.
    page = client.get("/", params={"min_cap_yen": "10000000", "size": "sme", "open": "1"})
    assert page.status_code == 200
    shown = text(page.text)
    assert "1,000万円以上" in shown and "募集中の制度のみ" in shown
    bad = client.get("/", params={"min_cap_yen": "-5", "size": "huge", "open": "x"})
    assert bad.status_code == 400  # values outside the form's choices are dropped, and said


def test_program_page_shows_terms_with_their_basis(client: TestClient) -> None:
    page = client.get(f"/programs/{TOKYO}")
    shown = text(page.text)
    assert page.status_code == 200
    # Each figure next to its quoted source line, document and line number.
    assert (
        "上限額 10億円（1,000,000,000円） 補助限度額：10億円 "
        "ゼロエミッション東京の実現等に向けたイノベーション促進事業 令和6年度 募集要項（東京都）"
        "58行目" in shown
    )
    assert "2年度目以降の上限 3億円（300,000,000円）" in shown
    assert "直接人件費の上限（年度あたり） 4,000万円（40,000,000円）" in shown
    assert '<th scope="row">申請前確認書(Word ファイル) 原本</th>' in page.text
    assert "技術審査 ii 新規性、優秀性" in shown  # review criteria
    assert (
        "申請書提出期間 令和6年11月13日～令和6年11月22日（2024年11月13日～2024年11月22日）" in shown
    )
    assert (
        'href="/documents/003_cf133d2ac19737cc.txt?from=58&amp;to=58'
        f'&amp;program={TOKYO}#L58"' in page.text
    )


def test_unknown_pages_are_404_in_japanese(client: TestClient) -> None:
    for url in ("/programs/no-such", "/documents/none.txt", "/programs/no-such/estimate"):
        page = client.get(url)
        assert page.status_code == 404
        assert "見つかりません" in page.text


def test_document_page_marks_the_cited_lines(client: TestClient) -> None:
    page = client.get("/documents/003_cf133d2ac19737cc.txt", params={"from": 58, "to": 59})
    assert page.text.count("<mark>") == 2
    assert 'id="L58"' in page.text


def test_document_links_back_only_to_a_program_that_cites_it(client: TestClient) -> None:
    # toyama-senmonka-haken cites Toyama's plan, not Tokyo's call (003).
    name = "003_cf133d2ac19737cc.txt"
    page = client.get(f"/documents/{name}", params={"from": 58, "program": "toyama-senmonka-haken"})
    assert page.status_code == 200 and "に戻る" not in page.text
    page = client.get(f"/documents/{name}", params={"from": 58, "program": TOKYO})
    assert "に戻る" in page.text


def test_check_ranks_eligible_programs_by_maximum_amount(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM)
    assert page.status_code == 200
    shown = text(page.text)
    eligible = shown.split("対象となる制度（")[1].split("要確認の制度（")[0]
    # Tokyo's zero-emission frame (cap 10億円, floor 3億円) is the one program a Tokyo
    # company is 対象 for: Toyama's and Hokkaido's serve their own areas (issue 10 saw
    # よろず支援拠点, 窓口相談 and プロフェッショナル人材センター here).
    assert "ゼロエミッション枠" in eligible
    assert "上限額 10億円 ／ 下限額 3億円" in eligible
    for elsewhere in ("よろず支援拠点", "窓口相談", "プロフェッショナル人材センター"):
        assert elsewhere not in eligible
    # The general frame misses by exactly one requirement: 区分B/C, since theme (1) is 区分A.
    near = shown.split("あと一歩の制度（")[1].split("対象外の制度")[0]
    assert "大学発ベンチャー・一般枠" in near
    assert "満たさない 区分B 大学発ベンチャー区分 （大学発ベンチャー区分: 該当なし）" in near
    # The web's words for undecided rules, not the CLI's.
    assert "--plan" not in shown and "facts に入力" not in shown


def test_check_form_errors_are_shown_at_their_fields(client: TestClient) -> None:
    bad = COMPANY_FORM | {"capital": "たくさん", "employees": "-3", "founded_on": "昨日"}
    del bad["legal_form"]
    page = client.post("/check", data=bad)
    assert page.status_code == 422
    assert "入力内容を確認してください（4件）" in page.text
    assert (
        '<a href="#legal_form-0">法人格・事業形態: 法人格・事業形態を選んでください</a>'
        in page.text
    )
    assert 'id="capital-error"' in page.text and 'aria-invalid="true"' in page.text
    assert "金額として読めません" in page.text
    # What was typed is kept.
    assert 'value="たくさん"' in page.text


def test_tokyo_theme_and_university_choices_come_from_their_declarations(
    client: TestClient,
) -> None:
    form = text(client.get("/check").text)
    declared = catalog().facts
    for number, label in declared["zero_emission_theme"].choices.items():
        assert f"({number}) {label}" in form
    for letter, label in declared["university_venture"].choices.items():
        assert f"{letter} {label}" in form
    page = client.post("/check", data=COMPANY_FORM | {"zero_emission_theme": "10"})
    assert page.status_code == 422
    assert "選択肢から選んでください" in page.text


def test_a_catalog_without_tokyo_asks_neither_tokyo_fact(
    seed_catalog: Catalog, tmp_path: Path
) -> None:
    programs = {k: v for k, v in seed_catalog.programs.items() if v.prefecture != "東京都"}
    facts = {
        k: v
        for k, v in seed_catalog.facts.items()
        if k not in ("university_venture", "zero_emission_theme")
    }
    without = replace(seed_catalog, programs=programs, facts=facts)
    with empty_database("sqlite", tmp_path) as engine:
        migrate(engine)
        store_catalog(engine, without, "without-tokyo")
        with TestClient(create_app(engine, without, settings=TEST_SETTINGS)) as client:
            form = client.get("/check")
            assert form.status_code == 200
            assert "大学発ベンチャー区分" not in form.text
            assert client.post("/check", data=COMPANY_FORM).status_code == 200


def test_every_field_garbage_is_a_422_never_a_500(client: TestClient) -> None:
    garbage = {
        name: "\u0000💥<script>" for name in [*COMPANY_FORM, "share_combined", "fact_household"]
    }
    assert client.post("/check", data=garbage).status_code == 422
    assert client.post(f"/programs/{TOKYO}/estimate", data=garbage).status_code == 422


def test_edit_returns_the_filled_form(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"edit": "1"})
    assert page.status_code == 200
    assert 'value="1億円"' in page.text and "対象となる制度を調べる" in page.text


def _estimate_form(**changes: Any) -> dict[str, Any]:
    return COMPANY_FORM | {
        "frame": "zero-emission",
        "y1_fy": "令和7年度",
        "y1_materials": "3億",
        "y1_rent": "4,000万円",
        "y1_p1_salary": "300,000",
        "y1_p1_hours": "2000",
        "y2_fy": "2026",
        "y2_materials": "2億",
        "partner_investment": "5億",
        **changes,
    }


def test_estimate_page_uses_the_same_service_as_the_cli(client: TestClient) -> None:
    page = client.post(f"/programs/{TOKYO}/estimate", data=_estimate_form())
    assert page.status_code == 200
    expected = estimate(
        program(TOKYO),
        frame(TOKYO, "zero-emission"),
        company(zero_emission_theme=1),
        plan(
            {
                "fiscal_year": 2025,
                "expenses": {"materials": 300_000_000, "rent": 40_000_000},
                "personnel_lines": [{"monthly_salary_yen": 300_000, "hours": 2000}],
            },
            {"fiscal_year": 2026, "expenses": {"materials": 200_000_000}},
            partner_investment_yen=500_000_000,
        ),
    )
    shown = text(page.text)
    grant = expected.amount.grant_yen
    assert f"交付見込額（上限） {grant // 10**8}億" in shown and f"（{grant:,}円）" in shown
    assert "不動産賃借料の交付申請額は2,000万円が上限" in shown
    # 2,000 hours are counted as the yearly maximum of 1,800 (補足1, line 267).
    assert "年間上限1,800時間まで計上" in shown
    assert "令和8年度（2026年度）" in shown


def test_estimate_page_asks_for_answers_in_its_own_words(client: TestClient) -> None:
    unanswered = {k: v for k, v in _estimate_form().items() if not k.startswith("fact_")}
    page = client.post(f"/programs/{TOKYO}/estimate", data=unanswered)
    assert page.status_code == 200
    shown = text(page.text)
    assert "（確認事項に答えると判定します）" in shown
    assert "--plan" not in shown and "facts に入力" not in shown


def test_web_words_what_a_finding_needs_as_its_forms_ask_it() -> None:
    (check, *_) = check_company([program(TOKYO)], company(facts={}))
    plan_rule = next(w for w in check.warnings if w.needs == "plan")
    fact_rule = next(w for w in check.warnings if w.needs == "fact")
    assert plan_rule.requirement is not None
    assert web_finding(plan_rule) == (
        f"計画が必要: {requirement_text(plan_rule.requirement)}"
        "（金額の試算で計画を入力すると判定します）"
    )
    assert web_finding(fact_rule).endswith("（確認事項に答えると判定します）")


def test_estimate_errors_and_years_out_of_order(client: TestClient) -> None:
    page = client.post(
        f"/programs/{TOKYO}/estimate", data=_estimate_form(y2_fy="2024", y1_materials="abc")
    )
    assert page.status_code == 422
    assert "前の年度より後の年度にしてください" in page.text
    assert "金額として読めません" in page.text
    empty = {k: v for k, v in _estimate_form().items() if not k.startswith("y")}
    page = client.post(f"/programs/{TOKYO}/estimate", data=empty)
    assert "少なくとも1年度分の経費を入力してください" in page.text


def test_add_row_without_javascript_asks_the_server(client: TestClient) -> None:
    page = client.post(f"/programs/{TOKYO}/estimate", data=_estimate_form(add_person="1"))
    assert page.status_code == 200
    assert 'id="y1_p3_salary"' in page.text and 'id="y2_p3_salary"' not in page.text
    assert 'name="y1_persons" value="3"' in page.text
    assert 'value="300,000"' in page.text  # what was typed stays
    assert "試算結果" not in page.text


@pytest.mark.parametrize("row", ["²", "①", "9" * 5000, "-1", "x"])
def test_add_row_with_a_row_that_is_not_a_number_adds_nothing(client: TestClient, row: str) -> None:
    # "²".isdigit() is true but int("²") raises: the row number is read as a bounded ASCII
    # number, and anything else adds no row (never a 500).
    page = client.post(f"/programs/{TOKYO}/estimate", data=_estimate_form(add_person=row))
    assert page.status_code in (200, 422)
    assert 'id="y1_p3_salary"' not in page.text


def test_prefill_from_the_results_fills_the_company(client: TestClient) -> None:
    page = client.post(f"/programs/{TOKYO}/estimate", data=COMPANY_FORM | {"prefill": "1"})
    assert page.status_code == 200
    assert "会社の情報（入力済み）" in page.text and "入力内容を確認" not in page.text


def test_estimate_for_a_program_without_categories(client: TestClient) -> None:
    form = COMPANY_FORM | {"y1_total": "3,000万円", "head_office_prefecture": "富山県"}
    page = client.post("/programs/toyama-gijutsu-kaihatsu-josei/estimate", data=form)
    assert page.status_code == 200
    # 3,000万円 × 1/2 = 1,500万円, cut to the cap of 1,000万円 (seed 000, line 97).
    assert "交付見込額（上限） 1,000万円（10,000,000円）" in text(page.text)


# --- the results a person reads and keeps ---------------------------------------------


def _section(shown: str, start: str, end: str) -> str:
    return shown.split(start)[1].split(end)[0]


def test_check_results_lead_with_a_summary_of_counts_and_best_frames(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM)
    shown = text(page.text)
    summary = _section(shown, "結果のまとめ", "対象となる制度（")
    counts = re.findall(r"(対象|要確認|あと一歩|対象外) (\d+)件", summary)
    assert [name for name, _ in counts] == ["対象", "要確認", "あと一歩", "対象外"]
    assert sum(int(n) for _, n in counts) == 179  # every frame of the seed catalog, once
    # The best frame with its cap and its floor (the 3億円 floor decides many plans),
    # its status today and its deadline.
    assert (
        "ゼロエミッション東京の実現等に向けたイノベーション促進事業／ゼロエミッション枠 "
        "対象 10億円 3億円 募集終了 令和6年11月22日 （終了）"
    ) in summary


def test_check_results_tell_each_requirement_in_its_own_line(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM)
    shown = text(page.text)
    # No line mixes met and failed marks: the CLI's "○ …／× …" are not on the page at all.
    assert not re.search(r"[○×？] ", shown)
    items = re.findall(
        r'<li class="(pass|fail|open)"><span class="state">([^<]+)</span>', page.text
    )
    assert items and all(
        word == {"pass": "満たす", "fail": "満たさない", "open": "要確認"}[state]
        for state, word in items
    )
    # Tokyo's 申請要件 (2) holds by ア; its イ fails, on a line of its own under it.
    near = _section(page.text, "あと一歩の制度（", "対象外の制度")
    card = near[: near.index("</li>\n</ol>")] if "</li>\n</ol>" in near else near
    assert '<li class="fail"><span class="state">満たさない</span> イ 都内で創業し' in card
    # Failing requirements come before the ones met, which fold away.
    general = card[card.index("大学発ベンチャー・一般枠") :]
    assert general.index("満たさない") < general.index("満たしている要件（17件）")


def test_check_results_order_open_programs_first(seed_catalog: Catalog) -> None:
    sample = company(zero_emission_theme=1)
    checks = {(c.program.id, c.frame.id): c for c in check_company(seed_catalog, sample)}
    reported = checks[("hokkaido-shotengai-ikinai-shohi-kanki", "main")]  # a results report
    toyama = checks[("toyama-challenge-fund-chiiki-shigen-katsuyo", "main")]  # FY2022 plan
    tokyo = checks[(TOKYO, "university-general")]  # applications 2024-11-13 to 11-22
    group = [Match(c, max_amount(c, company_row(sample))) for c in (reported, toyama, tokyo)]

    def order(today: date) -> list[tuple[str, str]]:
        shaped = shape(Matches(near_misses=group), seed_catalog, sample, today)
        return [(r.program.id, r.status_label) for r in shaped.near_misses]

    assert order(date(2024, 11, 15)) == [
        (TOKYO, "募集中"),
        ("toyama-challenge-fund-chiiki-shigen-katsuyo", "募集終了"),
        ("hokkaido-shotengai-ikinai-shohi-kanki", "実施済み（実績報告）"),
    ]
    assert order(date(2022, 6, 1)) == [
        (TOKYO, "募集予定"),
        # FY2022 under way, no window
        ("toyama-challenge-fund-chiiki-shigen-katsuyo", "募集時期未定"),
        ("hokkaido-shotengai-ikinai-shohi-kanki", "実施済み（実績報告）"),
    ]
    # Closed: the last deadline it had; upcoming: the coming one.
    closed = shape(Matches(near_misses=group[2:]), seed_catalog, sample, date(2026, 12, 1))
    assert closed.near_misses[0].deadline == date(2024, 11, 22)


def _export(client: TestClient, kind: str) -> Any:
    return client.post("/check/export", data=COMPANY_FORM | {"format": kind})


def test_check_results_export_as_csv_with_a_bom_and_yen_as_numbers(client: TestClient) -> None:
    response = _export(client, "csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:10] == [
        "事業名",
        "枠",
        "実施機関",
        "年度",
        "種類",
        "判定",
        "上限額（円）",
        "下限額（円）",
        "状況",
        "締切",
    ]
    assert len(table) == 1 + 179
    first = dict(zip(table[0], table[1], strict=True))
    assert first["事業名"] == "ゼロエミッション東京の実現等に向けたイノベーション促進事業"
    assert first["枠"] == "ゼロエミッション枠"
    assert (first["判定"], first["上限額（円）"], first["下限額（円）"]) == (
        "対象",
        "1000000000",
        "300000000",
    )
    assert (first["状況"], first["締切"]) == ("募集終了", "2024-11-22")
    # Without a plan the plan rules are not judged yet: the reason says so, not "all met".
    assert first["理由"] == "会社の要件はすべて満たしています（計画の要件は金額の試算で判定）"
    assert first["制度のページ"] == f"http://testserver/programs/{TOKYO}"
    general = next(r for r in table if r[1] == "大学発ベンチャー・一般枠")
    assert general[5] == "あと一歩"
    assert general[10].startswith("満たさない要件: 区分B（大学発ベンチャー区分ア〜エのいずれか）")


def test_check_results_export_as_excel_read_back(client: TestClient) -> None:
    response = _export(client, "xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        assert "[Content_Types].xml" in book.namelist()
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = sheet.findall("m:sheetData/m:row", ns)
    assert len(rows) == 1 + 179

    def cells(row: ElementTree.Element) -> dict[str, ElementTree.Element]:
        return {re.sub(r"\d", "", c.attrib["r"]): c for c in row.findall("m:c", ns)}

    header = cells(rows[0])
    assert header["A"].findtext("m:is/m:t", namespaces=ns) == "事業名"
    assert header["G"].findtext("m:is/m:t", namespaces=ns) == "上限額（円）"
    first = cells(rows[1])
    # Yen are numbers (no t="inlineStr"), styled with thousands separators; dates are dates.
    assert "t" not in first["G"].attrib and first["G"].findtext("m:v", namespaces=ns) == (
        "1000000000"
    )
    assert first["H"].findtext("m:v", namespaces=ns) == "300000000"
    excel_day = (date(2024, 11, 22) - date(1899, 12, 30)).days
    assert first["J"].findtext("m:v", namespaces=ns) == str(excel_day)
    assert first["F"].findtext("m:is/m:t", namespaces=ns) == "対象"


def test_export_with_bad_input_shows_the_form_again(client: TestClient) -> None:
    response = client.post("/check/export", data=COMPANY_FORM | {"employees": "①", "format": "csv"})
    assert response.status_code == 422
    assert "「①」は数として読めません" in response.text
    assert client.post("/check/export", data=COMPANY_FORM | {"format": "pdf"}).status_code == 422


def test_results_name_documents_by_title_without_file_names(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM)
    # Each 根拠 is a short link whose name (read out, and shown as its tooltip) is the
    # document's title, issuer and lines; it leads to the lines and back to the program.
    title = (
        "ゼロエミッション東京の実現等に向けたイノベーション促進事業 令和6年度 募集要項（東京都）"
        "58行目"
    )
    assert (
        f'&amp;program={TOKYO}#L58" title="{title}">根拠<span class="visually-hidden">: {title}'
        in page.text
    )
    assert "令和4年度 事業計画（公益財団法人富山県新世紀産業機構）" in page.text
    assert ".txt" not in text(page.text)


def test_source_view_shows_title_headings_and_a_way_back(client: TestClient) -> None:
    page = client.get(
        "/documents/000_593c9935b45937b4.txt",
        params={"from": 109, "to": 110, "program": "toyama-wakuwaku-challenge-sogyo-shien"},
    )
    shown = text(page.text)
    assert "<h1>令和4年度 事業計画</h1>" in page.text
    assert (
        "見出し: II 中小企業の経営支援 ＞ 1 ベンチャー企業等支援事業 ＞ "
        "(1) ワクワクチャレンジ創業支援事業 ＞ ① 対象者"
    ) in shown
    assert "ワクワクチャレンジ創業支援事業に戻る" in shown
    # Markdown of the extraction is not shown: Tokyo's line 302 reads without its **.
    tokyo = text(client.get("/documents/003_cf133d2ac19737cc.txt", params={"from": 302}).text)
    assert "全体の交付申請額の25%以下とします" in tokyo and "**" not in tokyo


def test_dates_and_counts_as_people_type_them(client: TestClient) -> None:
    typed = COMPANY_FORM | {"founded_on": "平成31年5月1日", "employees": "１５名"}
    page = client.post("/check", data=typed)
    assert page.status_code == 200
    shown = text(page.text)
    assert "設立日・開業日: 平成31年5月1日は令和元年5月1日として読みました" in shown
    assert "従業員15人・設立 令和元年5月1日" in shown
    wrong = client.post("/check", data=COMPANY_FORM | {"founded_on": "昭和64年1月8日"})
    assert wrong.status_code == 422
    assert "平成元年1月8日ではありませんか" in wrong.text


def test_form_hints_name_no_ids(client: TestClient, seed_catalog: Catalog) -> None:
    shown = text(client.get("/check").text)
    for fact in seed_catalog.facts.values():
        assert fact.name not in shown, fact.name
    for program_id in seed_catalog.programs:
        assert program_id not in shown, program_id


def test_check_results_stay_short(client: TestClient) -> None:
    # A Toyama manufacturer: 87 frames to confirm (63 of them not fully in the data yet).
    page = client.post("/check", data=COMPANY_FORM | {"head_office_prefecture": "富山県"}).text
    # At most ten cards a group in view; the rest, and frames whose requirements are not
    # in the data yet, fold away (and stay folded on paper).
    group = page.split("要確認の制度（")[1].split("</section>")[0]
    in_view = group.split('<details class="more-matches">')[0]
    assert in_view.count('<li class="match"') == 10
    assert "<summary>ほか14件を表示</summary>" in group
    assert "<summary>要件がまだデータ化されていない制度（63件）</summary>" in group


def test_program_page_shows_source_text_without_markdown(client: TestClient) -> None:
    page = client.get(f"/programs/{TOKYO}")
    shown = text(page.text)
    assert "**" not in shown
    assert "(2) 基準日（令和6年6月1日）時点で、次のア、イのいずれかに該当すること" in shown
    assert "全体の交付申請額の25%以下とします" in shown  # a quote that had ** around it


def test_date_note_is_shown_by_its_field_when_the_form_comes_back(client: TestClient) -> None:
    typed = COMPANY_FORM | {"founded_on": "平成31年5月1日", "capital": "たくさん"}
    page = client.post("/check", data=typed)
    assert page.status_code == 422
    assert (
        '<p class="field-note" id="founded_on-note">'
        "平成31年5月1日は令和元年5月1日として読みました</p>" in page.text
    )
    assert 'aria-describedby="founded_on-hint founded_on-note"' in page.text


def card_of(html: str, name: str) -> str:
    """The visible text of the search card whose title is `name`."""
    for card in html.split('<li class="card">')[1:]:
        if f">{name}</a></h3>" in card:
            return text(card.split("</li>")[0])
    raise AssertionError(f"no card for {name}")


TOKYO_NAME = "ゼロエミッション東京の実現等に向けたイノベーション促進事業"
REPORTED = "実績報告に載った実施済みの取組です。募集中の制度ではありません。"


def test_search_card_status_window_deadline_and_floors(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    on_day(date(2024, 7, 1))
    card = card_of(client.get("/", params={"q": "ゼロエミッション"}).text, TOKYO_NAME)
    # Open, with the reservation window's end as the deadline (003 lines 7 and 10).
    assert "募集中 締切 令和6年11月12日（2024年11月12日）" in card
    assert "募集期間 令和6年6月13日～令和6年11月22日（2024年6月13日～2024年11月22日）" in card
    # Both frames' caps and floors (003 line 58): the floor decides many cases.
    assert "上限額（ゼロエミッション枠） 10億円（1,000,000,000円）" in card
    assert "下限額（ゼロエミッション枠） 3億円（300,000,000円）" in card
    assert "上限額（大学発ベンチャー・一般枠） 3億円（300,000,000円）" in card
    assert "下限額（大学発ベンチャー・一般枠） 1億円（100,000,000円）" in card
    assert TOKYO not in card and "**" not in card  # no ids, no markdown
    on_day(date(2024, 6, 1))
    card = card_of(client.get("/", params={"q": "ゼロエミッション"}).text, TOKYO_NAME)
    assert "募集予定 締切 令和6年11月12日（2024年11月12日）" in card
    on_day(date(2026, 11, 30))
    card = card_of(client.get("/", params={"q": "ゼロエミッション"}).text, TOKYO_NAME)
    assert "募集終了" in card and "締切" not in card


def test_search_cards_of_a_report_and_of_a_plan_without_window(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    on_day(date(2022, 6, 1))
    page = client.get("/", params={"q": "水素"}).text
    card = card_of(page, "水素産業化促進事業")
    assert (
        "実施済み（実績報告） 実績報告に載った実施済みの取組です。募集中の制度ではありません。"
        in card
    )
    page = client.get("/", params={"q": "技術開発助成"}).text
    # Toyama's 令和4年度 plan, in its year, names no window: never shown as 募集中.
    card = card_of(page, "技術開発助成事業")
    assert "募集時期未定" in card and "募集中" not in card


def test_status_filter_and_its_empty_message(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    on_day(date(2026, 11, 30))
    page = client.get("/", params={"status": "open"})
    shown = text(page.text)
    assert "検索結果 0件" in shown
    assert "令和8年11月30日（2026年11月30日）時点で募集中の制度はありません。" in shown
    assert "キーワード" not in shown.split("検索結果 0件")[-1]  # none was typed
    assert ">募集予定の制度を見る</a>" in page.text and ">すべての制度を見る</a>" in page.text
    assert "status=upcoming" in page.text
    # The older 「募集中のみ」 link means the same.
    assert "時点で募集中の制度はありません" in text(client.get("/", params={"open": "1"}).text)
    on_day(date(2024, 7, 1))
    found = text(client.get("/", params={"status": "open"}).text)
    assert "検索結果 1件" in found and TOKYO_NAME in found
    page = client.get("/", params={"status": "reported", "prefecture": "富山県"})
    reported = text(page.text)
    assert "時点でこの絞り込みに合う実施済み（実績報告）の制度はありません。" in reported
    assert ">ほかの絞り込みを外して実施済み（実績報告）の制度を見る</a>" in page.text


def test_a_keyword_that_matches_but_is_not_open_says_so(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    # 販路開拓 finds Toyama's programs, but none is open on 2026-11-30: the keyword is fine.
    on_day(date(2026, 11, 30))
    live = client.app.state.live  # type: ignore[attr-defined]
    total = search_page_results(live, live.current(), SearchParams(query="販路開拓")).total
    page = client.get("/", params={"q": "販路開拓", "status": "open"})
    shown = text(page.text)
    assert (
        f"「販路開拓」に合う制度は{total}件ありますが、"
        "令和8年11月30日（2026年11月30日）時点で募集中のものは見つかりませんでした。"
    ) in shown
    assert "キーワードを短く" not in shown
    assert f">絞り込みを外して「販路開拓」の{total}件を見る</a>" in page.text
    assert ">募集予定の制度を見る</a>" in page.text


def test_keyword_empty_message_offers_to_drop_filters(client: TestClient) -> None:
    page = client.get("/", params={"q": "存在しない言葉"})
    shown = text(page.text)
    assert "「存在しない言葉」に合う制度は見つかりませんでした。キーワードを短くするか" in shown
    assert "絞り込みを外して" not in shown
    page = client.get("/", params={"q": "ゼロエミッション", "prefecture": "富山県"})
    shown = text(page.text)
    assert "「ゼロエミッション」に合う制度は1件ありますが、この絞り込みに合うもの" in shown
    assert ">絞り込みを外して「ゼロエミッション」の1件を見る</a>" in page.text
    # A keyword that finds nothing even alone: only the keyword can change.
    page = client.get("/", params={"q": "存在しない言葉", "kind": "loan"})
    assert "絞り込みを外して" not in text(page.text)


def test_sort_and_use_purpose_in_the_form_and_page_links(client: TestClient) -> None:
    page = client.get("/", params={"sort": "cap"})
    assert '<option value="cap" selected>上限額が大きい順</option>' in page.text
    cards = page.text.split('<li class="card">')
    assert f">{TOKYO_NAME}</a></h3>" in cards[1]  # 10億円, the largest cap
    assert "sort=cap" in page.text.split('class="pagination"')[1]
    purpose = "事業を引き継ぎたい"
    page = client.get("/", params={"use_purpose": purpose})
    assert f'<option value="{purpose}" selected>{purpose}</option>' in page.text
    assert "検索結果 4件" in text(page.text)
    # Purposes are those the catalog gives; others are dropped.
    assert '<option value="研究開発・実証事業を行いたい">' in page.text
    assert "すべての制度" in text(client.get("/", params={"use_purpose": "宝くじ"}).text)


def test_program_page_status_badge(client: TestClient, on_day: Callable[[date], None]) -> None:
    on_day(date(2024, 7, 1))
    shown = text(client.get(f"/programs/{TOKYO}").text)
    assert (
        "募集中 募集期間 令和6年6月13日～令和6年11月22日（2024年6月13日～2024年11月22日） "
        "締切 令和6年11月12日（2024年11月12日）" in shown
    )
    shown = text(client.get("/programs/hokkaido-suiso-sangyoka-sokushin").text)
    assert (
        "実施済み（実績報告） 実績報告に載った実施済みの取組です。募集中の制度ではありません。"
        in shown
    )


def test_fixed_amount_frame_estimates_without_expenses(client: TestClient) -> None:
    # The UIJ program mixes an expense-based frame with 移住支援金, a fixed amount: with
    # that frame selected, the year alone is the plan (no 「少なくとも1年度分の経費」).
    form = COMPANY_FORM | {
        "head_office_prefecture": "富山県",
        "frame": "iju-shienkin",
        "y1_fy": "2022",
    }
    page = client.post("/programs/toyama-uij-turn-kigyo-shien/estimate", data=form)
    assert "少なくとも1年度分の経費を入力してください" not in page.text
    assert page.status_code == 200
    assert "交付見込額" in text(page.text)


NINES = "9" * 5000  # beyond Python's 4,300-digit int() limit


def test_numbers_longer_than_int_can_read_are_field_errors_not_500(client: TestClient) -> None:
    for field in ("employees", "zero_emission_theme", "capital"):
        page = client.post("/check", data=COMPANY_FORM | {field: NINES})
        assert page.status_code == 422, field
    page = client.post("/check", data=COMPANY_FORM | {"employees": NINES})
    assert "数が大きすぎます（10,000,000まで）" in page.text
    for field in ("y1_fy", "y1_p1_hours", "y1_persons", "y1_materials"):
        page = client.post(f"/programs/{TOKYO}/estimate", data=_estimate_form(**{field: NINES}))
        assert page.status_code in (200, 422), field
    for query in ("fiscal_year", "min_cap_yen", "page"):
        assert client.get(f"/?{query}={NINES}").status_code == 400, (
            query
        )  # searched without it, and said
    document = next(iter(catalog().documents))
    assert client.get(f"/documents/{document}?from={NINES}").status_code == 200


def test_capital_in_spaced_digits_is_refused_not_read_as_zero(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"capital": "3 000 000 000"})
    assert page.status_code == 422
    assert "数字の間に空白があります。空白を除いて入力してください（例 3000000000）" in page.text


def test_search_says_which_filter_values_it_ignored(client: TestClient) -> None:
    page = client.get("/?status=bogus&sort=bogus&use_purpose=bogus")
    assert page.status_code == 400  # not all of the request was taken
    assert (
        "次の絞り込みの値は選択肢にないため、使わずに検索しました: 募集状況、利用目的、並び順"
        in page.text
    )
    assert "次の絞り込みの値は" not in client.get("/?status=open&kind=grant").text


def test_days_beyond_the_months_length_are_an_error_at_the_field(client: TestClient) -> None:
    # 令和7年度: April has 30 days, February 2026 has 28.
    for month, days, most in ((4, "31", 30), (2, "29", 28), (4, "32", 30)):
        form = _estimate_form(
            y1_p1_salary="",
            y1_p1_hours="",
            **{f"y1_p1_m{month}_pay": "300000", f"y1_p1_m{month}_days": days},
        )
        page = client.post(f"/programs/{TOKYO}/estimate", data=form)
        assert page.status_code == 422, (month, days)
        assert f"数が大きすぎます（{most}まで）" in page.text
        assert "Input should be" not in page.text
