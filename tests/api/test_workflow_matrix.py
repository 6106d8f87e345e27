"""Every workflow route for every caller at the HTTP level: applicants of company 1
(two users) and of company 2, staff of office A (the call's) and of office B, a
reviewer, the administrator, no token and a revoked one. Another tenant's object is a
404 with the very body of a missing id, a refused role a 403 with its Japanese message
and no data, and a refused or impossible action changes nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from hojokin.accounts.tables import audit_event
from hojokin.catalog.loader import Catalog
from hojokin.workflow.tables import application, booking, call, call_slot
from tests.databases import DIALECTS, empty_database
from tests.workflow.world import FRAME, PROGRAM

from .workflow_app import CALLERS, Scene, Served, scene, serve

READERS_OF_COMPANY_1 = {"applicant_1": 200, "applicant_1b": 200, "staff_a": 200, "admin": 200}
HIDDEN = {"applicant_2": 404, "staff_b": 404}
# An action the caller may take and that would change what is stored: test_workflow_api
# takes each of them; here they are skipped, so that the rows stay as they were.
DOES = 0
OWN_BOOKING = {"applicant_1": DOES, "applicant_1b": DOES, "admin": DOES}
# (method, path, body) → the status each caller gets; a caller left out gets 403, and
# no token or a revoked one 401. Allowed changes are left out (test_workflow_api does
# them): only answers that change nothing are listed, so that order does not matter.
MATRIX: list[tuple[str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("GET", "/api/v1/calls", None, {c: 200 for c in CALLERS if c != "reviewer_a"}),
    ("GET", "/api/v1/calls/{call}", None, {**READERS_OF_COMPANY_1, "applicant_2": 200,
                                          "staff_b": 404}),
    ("POST", "/api/v1/calls/{call}/publish", None, {"staff_a": 409, "admin": 409,
                                                    "staff_b": 404}),
    ("POST", "/api/v1/calls", {"program_id": PROGRAM, "frame_id": FRAME, "code": "MX2024"}, {
        "staff_a": 409, "staff_b": 409, "admin": 422}),
    # A plan that is wrong: the role is refused before the plan is read.
    ("POST", "/api/v1/calls", {"program_id": PROGRAM, "frame_id": FRAME, "code": "!"}, {
        "staff_a": 422, "staff_b": 422, "admin": 422}),
    ("POST", "/api/v1/slots/{slot}/bookings", None, {"applicant_1": 409, "applicant_1b": 409,
                                                     "admin": 422, "applicant_2": DOES}),
    ("GET", "/api/v1/bookings/{booking}", None, {**READERS_OF_COMPANY_1, **HIDDEN}),
    ("POST", "/api/v1/bookings/{booking}/cancel", None, {**OWN_BOOKING, "applicant_2": 404}),
    ("POST", "/api/v1/bookings/{booking}/attend", None, {"staff_a": 409, "admin": 409,
                                                         "staff_b": 404}),
    ("POST", "/api/v1/bookings/{booking}/absent", None, {"staff_a": 409, "admin": 409,
                                                         "staff_b": 404}),
    ("GET", "/api/v1/applications", None, {**READERS_OF_COMPANY_1, "applicant_2": 200,
                                           "staff_b": 200}),
    ("GET", "/api/v1/applications/export.csv", None, {"staff_a": 200, "admin": 200,
                                                      "staff_b": 200}),
    ("GET", "/api/v1/applications/{application}", None, {**READERS_OF_COMPANY_1, **HIDDEN}),
    ("PATCH", "/api/v1/applications/{application}", {"company": {}}, {
        "applicant_1": 422, "applicant_1b": 422, "admin": 422, "applicant_2": 404}),
    ("POST", "/api/v1/applications/{application}/submit", None, {
        "applicant_1": 409, "applicant_1b": 409, "admin": 409, "applicant_2": 404}),
    ("GET", "/api/v1/applications/{application}/receipt", None, {
        **{reader: 404 for reader in READERS_OF_COMPANY_1}, **HIDDEN}),
    ("POST", "/api/v1/applications/{application}/withdraw", None, {**OWN_BOOKING,
                                                                   "applicant_2": 404}),
    ("POST", "/api/v1/applications/{application}/accept", None, {"staff_a": 409, "admin": 409,
                                                                 "staff_b": 404}),
    ("POST", "/api/v1/applications/{application}/document-requests", {"message": "追加を"}, {
        "staff_a": 409, "admin": 409, "staff_b": 404}),
    ("GET", "/api/v1/applications/{application}/history", None, {"staff_a": 200, "admin": 200,
                                                                  "staff_b": 404}),
    ("POST", "/api/v1/calls/{call}/applications", None, {"applicant_1": 200,
                                                         "applicant_1b": 200, "admin": 422,
                                                         "applicant_2": DOES,
                                                         "staff_b": 404}),
]  # fmt: skip


KEY = {"Idempotency-Key": "matrix-1"}


@pytest.fixture(scope="module", params=DIALECTS)
def served(
    request: pytest.FixtureRequest, seed_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("matrix")
    with empty_database(request.param, folder) as engine:
        yield from serve(engine, seed_catalog, folder / "files")


@pytest.fixture(scope="module")
def place(served: Served) -> Scene:
    return scene(served, "MX2024")


def _stored(served: Served) -> list[Any]:
    """What the routes could change: every call, slot, booking and application, and
    the count of changes done."""
    engine = served.flow.office.guard.engine
    with engine.connect() as conn:
        rows = [list(conn.execute(select(t).order_by(t.c.id))) for t in (call, call_slot,
                booking, application)]  # fmt: skip
        done = select(func.count()).select_from(audit_event).where(audit_event.c.outcome == "done")
        return [*rows, conn.execute(done).scalar_one()]


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX)
def test_each_route_for_each_caller(
    served: Served,
    place: Scene,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    expected: dict[str, int],
) -> None:
    url = path.format(
        call=place.call_id,
        slot=place.slot_id,
        booking=place.booking_id,
        application=place.application_id,
    )
    before = _stored(served)
    for caller in CALLERS:
        if expected.get(caller) == DOES:
            continue
        sent = {} if body is None and method == "POST" else body
        response = served.call(caller, method, url, json=sent, headers=KEY)
        want = 401 if caller in ("anonymous", "revoked") else expected.get(caller, 403)
        assert response.status_code == want, (caller, method, url, response.text)
        if want == 401:
            assert response.headers["www-authenticate"] == "Bearer"
        if want in (401, 403, 404):
            error = response.json()["error"]
            assert set(response.json()) == {"error"} and error["message"].isascii() is False
    stored = _stored(served)
    assert stored[:4] == before[:4]


def test_another_tenants_object_reads_as_a_missing_one(served: Served, place: Scene) -> None:
    for path in ("applications/{}", "bookings/{}"):
        object_id = place.application_id if path.startswith("app") else place.booking_id
        hidden = served.call("applicant_2", "GET", "/api/v1/" + path.format(object_id))
        missing = served.call("applicant_1", "GET", "/api/v1/" + path.format(10**6))
        assert hidden.status_code == missing.status_code == 404
        assert hidden.json() == missing.json()
        assert served.call("staff_b", "GET", "/api/v1/" + path.format(object_id)).json() == (
            missing.json()
        )


def test_a_refused_action_says_why_in_japanese(served: Served, place: Scene) -> None:
    url = f"/api/v1/applications/{place.application_id}/accept"
    refused = served.call("applicant_1", "POST", url, json={})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert "受付完了の記録" in refused.json()["error"]["message"]
    assert "company" not in refused.text


def test_the_list_shows_an_applicant_only_their_companys_applications(
    served: Served, place: Scene
) -> None:
    def listed(caller: str) -> list[int]:
        response = served.call(caller, "GET", "/api/v1/applications")
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert place.application_id in listed("applicant_1")
    assert place.application_id in listed("applicant_1b")
    assert place.application_id not in listed("applicant_2")
    assert place.application_id in listed("staff_a")
    assert place.application_id not in listed("staff_b")
