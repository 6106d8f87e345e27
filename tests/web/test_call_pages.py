"""The office's call pages without a browser: staff open the Tokyo call from the
catalog's cited schedule or from dates to the second, edit it while 準備中, publish
it, close a slot and the call; another issuer's staff find nothing, applicants and
reviewers are refused every page and form, a wrong CSRF token changes nothing, and a
date that does not exist is said in Japanese by its field with nothing stored."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine, func, select

from hojokin.workflow.records import Call
from hojokin.workflow.tables import call, call_slot
from tests.accounts.web import token_of
from tests.web.test_pages import text
from tests.workflow.world import FRAME, PROGRAM, Office, jst

TOKYO = f"{PROGRAM}/{FRAME}"
DATES = {
    "window_start": "2024-11-13T09:00:30",
    "window_end": "2024-11-15T17:00:00",
    "booking_start": "2024-10-01T09:00",
    "booking_end": "2024-11-12T17:00:00",
}


def _post(client: TestClient, page: str, action: str, data: dict[str, str]) -> Response:
    token = token_of(client.get(page))
    return client.post(action, data={"csrf_token": token, **data}, follow_redirects=False)


def _calls(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        calls = conn.execute(select(func.count()).select_from(call)).scalar_one()
        slots = conn.execute(select(func.count()).select_from(call_slot)).scalar_one()
    return int(calls), int(slots)


def _created(answer: Response) -> int:
    assert answer.status_code == 303, text(answer.text)
    found = re.fullmatch(r"/office/calls/(\d+)\?done=call_created", answer.headers["location"])
    assert found is not None, answer.headers["location"]
    return int(found.group(1))


def _field_error(page: str, name: str) -> str:
    """The message shown by one field of the form."""
    found = re.search(rf'<p class="field-error" id="{name}-error">(.*?)</p>', page, re.S)
    assert found is not None, name
    return text(found.group(1)).strip()


def test_staff_open_the_tokyo_call_from_the_catalog(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    staff = browsers["staff_a"]
    assert "公募回の管理" in staff.get("/account").text
    form = text(staff.get("/office/calls/new").text)
    # The cited schedule lines and their source, before anything is made.
    assert "申請書提出期間 令和6年11月13日（水）～11月22日（金）の平日" in form
    assert "申請受付予約期間 令和6年6月13日（木）～11月12日（火）の平日" in form
    assert "11行" in form or "11 行" in form
    made = _post(staff, "/office/calls/new", "/office/calls/new",
                 {"frame": TOKYO, "code": "ze2024", "mode": "catalog"})  # fmt: skip
    call_id = _created(made)
    shown = staff.get(f"/office/calls/{call_id}?done=call_created")
    page = text(shown.text)
    assert "公募回を作成しました" in page and "準備中" in page and "ZE2024" in page
    assert "2024年11月13日（水）09:00:00～2024年11月22日（金）17:00:00" in page
    assert "2024年6月13日（木）09:00:00～2024年11月12日（火）17:00:00" in page
    assert "申請書提出期間 令和6年11月13日（水）" in page  # its citation
    # The slot calendar: two weeks of weekday columns, hour rows, booked/capacity.
    assert page.count("予約 0／1") == 64
    assert "11月11日（月）～11月15日（金）" in page and "11月18日（月）～11月22日（金）" in page
    assert "09:00～10:00" in page and "11月16日" not in page
    # 準備中: 編集 and 公開, not 受付終了; the slots can be closed.
    assert "編集する" in page and "公開する" in page and "受付を終了する" not in page
    assert page.count("締切 （") == 64
    listed = text(staff.get("/office/calls").text)
    assert "ZE2024" in listed and "準備中" in listed and "0件" in listed
    assert "ZE2024" not in text(browsers["staff_b"].get("/office/calls").text)
    stored = office.flow.calls.get(office.actor("staff_a"), call_id)
    assert stored.window_end == jst(2024, 11, 22, 17) and len(stored.sources) == 3


def _by_dates(office: Office, client: TestClient, **changes: str) -> Response:
    data = {"frame": TOKYO, "code": "ZE-DATES", "name": "日時指定の回", "mode": "dates",
            "slot_minutes": "120", "slot_capacity": "2"} | DATES | changes  # fmt: skip
    return _post(client, "/office/calls/new", "/office/calls/new", data)


def test_staff_open_by_dates_edit_publish_and_close(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    staff = browsers["staff_a"]
    office.at(jst(2024, 10, 1, 10))
    call_id = _created(_by_dates(office, staff))
    made = office.flow.calls.get(office.actor("staff_a"), call_id)
    # To the second, in Japan: the 9:00 slot starts before 9:00:30, so 11:00 is first.
    assert made.window_start == jst(2024, 11, 13, 9, 0, 30) and made.sources == ()
    slots = office.flow.calls.slots(office.actor("staff_a"), call_id)
    assert slots[0].starts_at == jst(2024, 11, 13, 11) and len(slots) == 3 + 4 + 4
    page = text(staff.get(f"/office/calls/{call_id}").text)
    assert "日程は事務局が指定しました" in page and "予約 0／2" in page
    # 編集: the form shows the stored values; saving makes the slots again.
    edit = staff.get(f"/office/calls/{call_id}/edit").text
    assert 'value="2024-11-13T09:00:30"' in edit and 'step="1"' in edit
    fields = {"code": "ZE-DATES", "name": "日時指定の回（改）", "slot_minutes": "60",
              "slot_capacity": "3"} | DATES  # fmt: skip
    saved = _post(staff, f"/office/calls/{call_id}/edit", f"/office/calls/{call_id}/edit", fields)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/office/calls/{call_id}?done=call_updated"
    edited = office.flow.calls.get(office.actor("staff_a"), call_id)
    assert edited.name == "日時指定の回（改）" and edited.slot_capacity == 3
    slots = office.flow.calls.slots(office.actor("staff_a"), call_id)
    assert {s.capacity for s in slots} == {3} and len(slots) == 7 + 8 + 8
    # 公開: no more editing, 受付終了 offered; applicants see it.
    published = _post(staff, f"/office/calls/{call_id}", f"/office/calls/{call_id}/publish", {})
    assert published.status_code == 303
    page = text(staff.get(f"/office/calls/{call_id}?done=call_published").text)
    assert "公開しました" in page and "編集する" not in page and "公開する" not in page
    assert "受付を終了する" in page
    assert staff.get(f"/office/calls/{call_id}/edit").status_code == 409
    late = _post(staff, f"/office/calls/{call_id}", f"/office/calls/{call_id}/edit", fields)
    assert late.status_code == 409 and "準備中の公募回だけ" in text(late.text)
    assert "日時指定の回（改）" in text(browsers["applicant_1"].get("/calls").text)
    # An application is counted on the list; a closed slot takes no booking.
    office.flow.applications.start(office.actor("applicant_1"), call_id)
    listed = text(staff.get("/office/calls").text)
    assert "公開" in listed and "1件 （うち提出 0件）" in listed
    first = slots[0]
    closed = _post(staff, f"/office/calls/{call_id}", f"/office/slots/{first.id}/close", {})
    assert closed.headers["location"] == f"/office/calls/{call_id}?done=slot_closed"
    assert "締切済" in text(staff.get(f"/office/calls/{call_id}").text)
    assert office.flow.calls.slots(office.actor("staff_a"), call_id)[0].closed_at is not None
    # The applicant reads the office's closing as such, not as a full slot.
    shown = browsers["applicant_1"].get(f"/calls/{call_id}").text
    assert "<strong>締切</strong>" in shown and "満席" not in shown
    # 受付終了.
    ended = _post(staff, f"/office/calls/{call_id}", f"/office/calls/{call_id}/close", {})
    assert ended.status_code == 303
    page = text(staff.get(f"/office/calls/{call_id}").text)
    assert "終了" in page and "受付を終了する" not in page and "締切 （" not in page
    assert office.flow.calls.get(office.actor("staff_a"), call_id).status == "closed"


def _paths(made: Call, slot_id: int) -> tuple[list[str], list[str]]:
    """The staff pages and forms of one call."""
    one = f"/office/calls/{made.id}"
    pages = ["/office/calls", "/office/calls/new", one, f"{one}/edit"]
    forms = ["/office/calls/new", f"{one}/edit", f"{one}/publish", f"{one}/close",
             f"/office/slots/{slot_id}/close"]  # fmt: skip
    return pages, forms


def _draft(office: Office) -> tuple[Call, int]:
    """The Tokyo call, 準備中, and its first slot."""
    made = office.tokyo_call(publish=False)
    return made, office.flow.calls.slots(office.actor("staff_a"), made.id)[0].id


def test_another_issuers_staff_find_nothing(
    office: Office, browsers: dict[str, TestClient], engine: Engine
) -> None:
    made, slot_id = _draft(office)
    before = (office.flow.calls.get(office.actor("staff_a"), made.id), _calls(engine))
    other = browsers["staff_b"]
    pages, forms = _paths(made, slot_id)
    for path in pages[2:]:
        answer = other.get(path)
        assert answer.status_code == 404, path
        assert "公募回は見つかりませんでした" in text(answer.text)
    for path in forms[1:]:
        assert _post(other, "/office/calls", path, DATES).status_code == 404, path
    # An id past the column's range is no call either (PostgreSQL would refuse it).
    for path in ("/office/calls/2147483648", "/calls/99999999999"):
        assert browsers["staff_a"].get(path).status_code == 404, path
    far = _post(browsers["staff_a"], "/office/calls", "/office/slots/99999999999/close", {})
    assert far.status_code == 404
    after = (office.flow.calls.get(office.actor("staff_a"), made.id), _calls(engine))
    assert after == before
    assert office.flow.calls.slots(office.actor("staff_a"), made.id)[0].closed_at is None


def test_applicants_and_reviewers_are_refused(
    office: Office, browsers: dict[str, TestClient], engine: Engine
) -> None:
    made, slot_id = _draft(office)
    office.flow.calls.publish(office.actor("staff_a"), made.id)  # applicants may read it
    before = (office.flow.calls.get(office.actor("staff_a"), made.id), _calls(engine))
    pages, forms = _paths(made, slot_id)
    for who in ("applicant_1", "reviewer_a"):
        client = browsers[who]
        assert "公募回の管理" not in client.get("/account").text
        for path in pages:
            answer = client.get(path)
            assert answer.status_code == 403, (who, path)
            assert "権限がありません" in text(answer.text)
        data = {"frame": TOKYO, "code": "ZE-X", "mode": "catalog"} | DATES
        for path in forms:
            assert _post(client, "/account", path, data).status_code == 403, (who, path)
    after = (office.flow.calls.get(office.actor("staff_a"), made.id), _calls(engine))
    assert after == before


def test_every_form_needs_its_csrf_token(
    office: Office, browsers: dict[str, TestClient], engine: Engine
) -> None:
    made, slot_id = _draft(office)
    before = (office.flow.calls.get(office.actor("staff_a"), made.id), _calls(engine))
    forms = _paths(made, slot_id)[1]
    data = {"frame": TOKYO, "code": "ZE-X", "mode": "catalog", "csrf_token": "wrong"} | DATES
    for path in forms:
        answer = browsers["staff_a"].post(path, data=data)
        assert answer.status_code == 403, path
        assert "何も変更していません" in text(answer.text)
    after = (office.flow.calls.get(office.actor("staff_a"), made.id), _calls(engine))
    assert after == before
    assert office.flow.calls.slots(office.actor("staff_a"), made.id)[0].closed_at is None


def test_bad_dates_are_said_by_their_field_and_nothing_is_stored(
    office: Office, browsers: dict[str, TestClient], engine: Engine
) -> None:
    staff = browsers["staff_a"]
    before = _calls(engine)
    cases = [
        ({"window_start": "2025-02-30T09:00:00"}, "window_start",
         "2025年2月30日という日はありません（2月は28日まで）"),
        ({"booking_end": "2024-13-01T09:00"}, "booking_end", "13月という月はありません"),
        ({"window_end": "2024-11-15T25:00"}, "window_end", "時刻は 00:00:00～23:59:59"),
        ({"booking_start": "来週"}, "booking_start", "2024-11-13T09:00:00"),
        ({"window_end": ""}, "window_end", "日時を入力してください"),
        ({"window_end": "2024-11-13T09:00:00"}, "window_end",
         "申請書提出期間の終わりが始まりより前です"),
        ({"booking_end": "2024-11-30T17:00:00"}, "booking_end",
         "予約の締切は申請書提出期間の終わりまでにしてください"),
        ({"slot_minutes": "5"}, "slot_minutes", "10～480 分"),
        ({"slot_capacity": "たくさん"}, "slot_capacity", ""),
        ({"code": "ぜろ"}, "code", "英数字とハイフン"),
        ({"frame": "nowhere/none"}, "frame", "制度と枠を選んでください"),
    ]  # fmt: skip
    for changes, field, said in cases:
        answer = _by_dates(office, staff, **changes)
        assert answer.status_code == 422, (changes, answer.status_code)
        assert said in _field_error(answer.text, field), (changes, answer.text)
        assert "入力内容を確認してください" in text(answer.text)
        for name, typed in changes.items():
            if name != "frame":
                assert f'value="{typed}"' in answer.text, name  # kept as typed
    # Two at once are both said.
    both = _by_dates(office, staff, window_start="2024-02-30T09:00", booking_end="x")
    assert "2月は29日まで" in _field_error(both.text, "window_start")
    assert _field_error(both.text, "booking_end")
    # A program whose schedule gives no call dates cannot be made from the catalog.
    toyama = re.findall(r'value="(toyama-[^"]+)"', staff.get("/office/calls/new").text)[0]
    no_dates = _post(staff, "/office/calls/new", "/office/calls/new",
                     {"frame": toyama, "code": "TY", "mode": "catalog"})  # fmt: skip
    assert no_dates.status_code == 422
    assert "日時を指定して作成してください" in _field_error(no_dates.text, "frame")
    # Made from the catalog, the dates are its own: typed ones are not silently dropped.
    typed = _by_dates(office, staff, mode="catalog")
    assert "日時の欄を空にしてください" in _field_error(typed.text, "mode")
    unchosen = _by_dates(office, staff, mode="")
    assert "日時を指定して作成」を選んでください" in _field_error(unchosen.text, "mode")
    assert _calls(engine) == before
    # A code in use is said by the code's field.
    _created(_by_dates(office, staff))
    again = _by_dates(office, staff)
    assert again.status_code == 422
    assert "すでに使われています" in _field_error(again.text, "code")
    assert _calls(engine)[0] == before[0] + 1


def test_the_applicants_calendar_is_a_table_a_week(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    client = browsers["applicant_1"]
    shown = client.get(f"/calls/{made.id}").text
    # Two weeks of 11月13日～22日, not one table a day; every slot still has its form,
    # its time in JST said to screen readers, and its places.
    assert shown.count('<table class="week"') == 2
    assert shown.count('/book"') == 64 and shown.count("残り 1 枠") == 64
    assert "11月11日（月）～11月15日（金）" in shown
    assert '<th scope="row">16:00～17:00</th>' in shown
    first = office.flow.calls.slots(office.actor("applicant_1"), made.id)[0]
    booked = _post(browsers["applicant_2"], f"/calls/{made.id}", f"/calls/{made.id}/book",
                   {"slot_id": str(first.id)})  # fmt: skip
    assert booked.status_code == 303
    after = client.get(f"/calls/{made.id}").text
    assert text(after).count("満席") == 1 and after.count('/book"') == 63
    assert "11月13日（水）09:00～10:00" in text(after)  # the full slot, still said
