"""Hostile values in every form field and query parameter of the web UI.

The fields are found in the rendered pages (every <input>, <select>, <textarea> and
named <button> of each form, plus the documented query parameters of the search and
document pages), so a field added later is fuzzed too. Each request changes one field
of an otherwise valid form: no page answers with a server error, and a number field
given something that is not a number says so by the field's name.

Fields that differ only in a number (y1_p1_m4_pay, y2_p1_m5_pay …) or only in their
last word (y1_materials, y1_rent …), and choices of one prefix (fact_…), are one family
read alike; the family's fields share out the hostile values, so that every value
reaches the family without sending each to 400 fields of the estimate form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.rules.examples import TOKYO, catalog
from tests.web.test_pages import COMPANY_FORM

# (value, whether a number field may accept it)
HOSTILE: list[tuple[str, bool]] = [
    ("１２３", True),  # full-width digits are digits
    ("①", False),
    ("²", False),
    ("፩", False),
    ("٣", False),
    ("9" * 5000, False),
    ("1e10", False),
    ("1e-5000", False),
    ("0x10", False),
    ("1/2", False),
    ("-1", False),
    ("abc12", False),
    ("1 2", False),
    ("\x00", False),
    ("\x01\x1b[2J\x7f", False),
    ("あ" * 10_000, False),
    ("\u202e\U0010ffff\ufdfa㍻", False),  # bidi override, a noncharacter, NFKC expansions
    ("1868-01-01", False),
]
DATES = ["明治元年", "1868-01-01", "1900-02-29", "0001-01-01", "2024-02-30", "令和99年13月1日"]
# Choices and check boxes need only the values that once broke a reader; text fields
# (names, dates, municipalities) the dates too.
FEW = [("①", False), ("9" * 5000, False), ("\x00", False), ("あ" * 10_000, False)]
TEXT = FEW + [(d, False) for d in DATES]
# A percent-encoded UTF-16 surrogate: not UTF-8 at all.
RAW_SURROGATE = "%ED%A0%80"
NUMBER_MODES = ("numeric", "decimal")


@dataclass
class Form:
    method: str
    action: str
    # name → "number" (inputmode numeric or decimal), "text" (other text inputs and
    # text areas) or "choice"; a radio or checkbox group appears once
    fields: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append(Form((a.get("method") or "get").lower(), a.get("action") or ""))
        elif tag in ("input", "select", "textarea", "button") and self.forms and a.get("name"):
            if a.get("inputmode") in ("numeric", "decimal"):
                kind = "number"
            elif tag == "textarea" or (tag == "input" and a.get("type", "text") == "text"):
                kind = "text"
            else:
                kind = "choice"
            self.forms[-1].fields.setdefault(a["name"] or "", kind)


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def families(fields: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Fields grouped by kind and by name with numbers and last word dropped."""
    found: dict[tuple[str, str], list[str]] = {}
    for name, kind in fields.items():
        stem = re.sub(r"[0-9]+", "#", name).rpartition("_")[0] or name
        if kind == "choice":  # fact_… and decl_…: each family is read by one reader
            stem = stem.partition("_")[0]
        found.setdefault((kind, stem), []).append(name)
    return [(kind, names) for (kind, _), names in found.items()]


def summary_names(html: str, name: str) -> bool:
    """Whether the error summary links to the field with its Japanese label and message."""
    link = re.search(rf'<a href="#{re.escape(name)}(?:-0)?">([^<]*)</a>', html)
    if link is None:
        return False
    label, _, message = link[1].partition(": ")
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    return bool(japanese.search(label) and japanese.search(message))


def _post(client: TestClient, action: str, data: dict[str, str], name: str, value: str) -> str:
    pairs = [(k, v) for k, v in data.items() if k != name]
    body = urlencode([*pairs, (name, value)]) if value != RAW_SURROGATE else urlencode(pairs)
    if value == RAW_SURROGATE:
        body += f"&{quote(name)}={RAW_SURROGATE}"
    response = client.post(
        urlsplit(action).path,
        content=body.encode("ascii"),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code < 500, (action, name, value[:30], response.status_code)
    return response.text if response.status_code == 422 else ""


def fuzz_form(client: TestClient, form: Form, base: dict[str, str], skip: set[str]) -> int:
    """Each family of `form`'s fields (but `skip`) with every hostile value; returns the
    requests sent."""
    sent = 0
    for kind, names in families({n: k for n, k in form.fields.items() if n not in skip}):
        values = {"number": HOSTILE, "text": TEXT, "choice": FEW}[kind] + [(RAW_SURROGATE, False)]
        # One member of a family per value, in turn, so that each member gets some.
        for i, (value, is_number) in enumerate(values):
            name = names[i % len(names)]
            page = _post(client, form.action, base, name, value)
            sent += 1
            if kind == "number" and not is_number:
                assert summary_names(page, name), (form.action, name, value[:30])
    return sent


ESTIMATE_FORM = COMPANY_FORM | {
    "frame": "zero-emission",
    "y1_fy": "令和7年度",
    "y1_materials": "3億",
}


def _only_form(
    client: TestClient, path: str, method: str, data: dict[str, str] | None = None
) -> Form:
    page = client.post(path, data=data) if data is not None else client.get(path)
    assert page.status_code == 200
    found = [f for f in forms(page.text) if f.method == method and urlsplit(f.action).path == path]
    assert found, path
    return found[0]


def test_check_form(sqlite_client: TestClient) -> None:
    form = _only_form(sqlite_client, "/check", "post")
    assert {"capital", "employees", "founded_on", "share_single_max"} <= set(form.fields)
    assert fuzz_form(sqlite_client, form, COMPANY_FORM, skip=set()) > 100


def test_estimate_form(sqlite_client: TestClient) -> None:
    """The plan's fields; the company's are read as on /check (read_company)."""
    path = f"/programs/{TOKYO}/estimate"
    form = _only_form(sqlite_client, path, "post")
    assert {"y1_p1_m4_pay", "y1_p1_months", "partner_investment"} <= set(form.fields)
    company = set(_only_form(sqlite_client, "/check", "post").fields)
    assert fuzz_form(sqlite_client, form, ESTIMATE_FORM, skip=company) > 50


def test_export_form(sqlite_client: TestClient) -> None:
    results = sqlite_client.post("/check", data=COMPANY_FORM)
    (form,) = [f for f in forms(results.text) if urlsplit(f.action).path == "/check/export"]
    assert {"capital", "format"} <= set(form.fields)
    fuzz_form(sqlite_client, form, {**COMPANY_FORM, "format": "csv"}, skip=set())


def _get(sqlite_client: TestClient, path: str, params: str) -> None:
    response = sqlite_client.get(f"{path}?{params}")
    assert response.status_code < 500, (path, params[:60], response.status_code)


def test_search_and_document_query_parameters(client: TestClient) -> None:
    search = _only_form(client, "/", "get")
    # The page number is a link, not a form field.
    names = {*search.fields, "page"}
    assert {"q", "fiscal_year", "min_cap_yen", "prefecture"} <= names
    document = next(iter(catalog().documents))
    # A URL is at most 64 KiB: the long value is ASCII here.
    values = [v for v, _ in HOSTILE if len(v) < 1000] + [*DATES, "x" * 10_000, ""]
    for path, params in (("/", names), (f"/documents/{document}", {"from", "to", "program"})):
        for name in params:
            for value in values:
                _get(client, path, urlencode({name: value}))
            _get(client, path, f"{quote(name)}={RAW_SURROGATE}")


@pytest.mark.parametrize("template", ["/programs/{}", "/programs/{}/estimate", "/documents/{}"])
def test_hostile_path_segments(client: TestClient, template: str) -> None:
    for value, _ in HOSTILE:
        response = client.get(template.format(quote(value[:1000], safe="")))
        assert response.status_code < 500, (template, value[:30], response.status_code)
