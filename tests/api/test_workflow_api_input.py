"""Hostile values through /api/v1, on each database: every one a 422 in Japanese
naming its field (never a 500, never the English of pydantic), nothing stored. The
service refuses them (tests/workflow/test_typed_input.py); this is what a client reads."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from tests.workflow.profiles import COMPANY
from tests.workflow.world import FRAME, PROGRAM, jst

from .workflow_app import Served, served

__all__ = ["served"]  # the fixture: a fresh world of each dialect

CALL = {
    "program_id": PROGRAM,
    "frame_id": FRAME,
    "code": "HX1",
    "window_start": "2027-02-01T09:00:00+09:00",
    "window_end": "2027-02-05T17:00:00+09:00",
    "booking_start": "2027-01-20T09:00:00+09:00",
    "booking_end": "2027-02-04T17:00:00+09:00",
}
DATETIME = "日時は 2024-11-13T09:00:00+09:00 の形で、実在する日時を指定してください"


def _refused(response: Any, field: str) -> str:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == field, error
    message: str = error["message"]
    # Japanese, without pydantic's English words.
    assert not re.search(r"Input should|Value error|[a-z]{4,} [a-z]{4,}", message), message
    return message


def _calls(served: Served) -> list[Any]:
    listed = served.call("admin", "GET", "/api/v1/calls")
    assert listed.status_code == 200, listed.text
    items: list[Any] = listed.json()["items"]
    return items


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        # 2月30日: pydantic's "day value is outside expected range" said in Japanese.
        ({"window_start": "2027-02-30T09:00:00+09:00"}, "window_start",
         f"window_start: {DATETIME}"),
        ({"window_start": "2027-02-01T25:00:00+09:00"}, "window_start", DATETIME),
        ({"booking_end": "令和9年2月4日"}, "booking_end", DATETIME),
        # Year 1 was a 500 (OverflowError), year 9999 hung the server making slots.
        ({"window_start": "0001-01-01T00:00:00+09:00"}, "window_start", "2000～2099 年"),
        ({"window_end": "9999-12-31T23:59:59+09:00", "booking_end": "9999-12-30T17:00:00+09:00"},
         "window_end", "2000～2099 年"),
        ({"window_end": "2099-12-31T17:00:00+09:00"}, "window_end", "366 日以内"),
        ({"name": "件名\r\nBcc: victim@example.com"}, "name", "公募回の名前に改行"),
        ({"name": "a\x00b\u202e"}, "name", "（U+0000）"),
    ],
)  # fmt: skip
def test_a_hostile_call_is_a_japanese_422(
    served: Served, changes: dict[str, str], field: str, words: str
) -> None:
    served.office.at(jst(2026, 12, 1, 10))
    began = time.monotonic()
    response = served.call("staff_a", "POST", "/api/v1/calls", json=CALL | changes)
    assert time.monotonic() - began < 10
    assert words in _refused(response, field)
    assert _calls(served) == []


def test_a_hostile_company_name_is_refused_and_quoted_short(served: Served) -> None:
    served.office.at(jst(2024, 6, 1, 10))
    opened = {"program_id": PROGRAM, "frame_id": FRAME, "code": "ZE2024"}
    made = served.call("staff_a", "POST", "/api/v1/calls", json=opened)
    assert made.status_code == 201, made.text
    call_id = made.json()["id"]
    published = served.call("staff_a", "POST", f"/api/v1/calls/{call_id}/publish", json={})
    assert published.status_code == 200, published.text
    started = served.call("applicant_1", "POST", f"/api/v1/calls/{call_id}/applications", json={})
    url = f"/api/v1/applications/{started.json()['id']}"
    for name, words in (
        ("x" * 100_000, "会社名・屋号は 200 文字以内"),
        ("a\x00b", "会社名・屋号に改行・制御文字・見えない文字（U+0000）"),
        ("株式会社\u202e一", "（U+202E）"),
        ("件名\r\nBcc: victim@example.com", "（U+000D）"),
    ):
        response = served.call(
            "applicant_1", "PATCH", url, json={"company": COMPANY | {"name": name}}
        )
        message = _refused(response, "company")
        assert words in message and len(message) < 300
    assert served.call("applicant_1", "GET", url).json()["company"] is None
