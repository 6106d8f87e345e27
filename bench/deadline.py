"""Deadline benchmark: a call's last minute and a booking race, against `hojokin serve`.

    .venv/bin/python bench/deadline.py [--db URL] [--applicants 500]
        [--booking-attempts 1000] [--capacity 100] [--workers 4] [--last-minute 60]

`--db` is a PostgreSQL URL (default: the local PostgreSQL); the benchmark makes a
database of its own there and drops it at the end. `--db sqlite` runs on a SQLite file
instead (the embedded default).

1. Set-up, in this process through the workflow service: the Tokyo call of the seed
   catalog (ゼロエミッション枠), one company per applicant with a user and an API token,
   each with a booked 受付・確認面談, its profile and plan saved and every required
   document but one uploaded. Bookings are made on a clock set two weeks back, when
   the slots were ahead.
2. `hojokin serve --workers N` starts on the database, and the call's deadline is moved
   to `--last-minute` seconds later: so every applicant submits in the call's last
   minute. Each one, at a moment of the first four fifths of that minute (more of them
   the nearer the deadline), uploads
   its last document over the API and submits with an `Idempotency-Key`; a request that
   fails (connection lost, 5xx) is sent again, with the same key for the submit, until
   a 受付番号 comes back or the call closes. In the second half of the minute, at a moment
   with requests in flight, the busiest worker is killed with SIGKILL; the server starts
   another.
3. A booking race: `--booking-attempts` companies ask at once for a place in one slot
   of `--capacity` places of another call.
4. What is stored is read back: `lost` counts applicants that were given a 受付番号 the
   database does not hold for their application (or that got none although the
   window was open), `duplicated` receipts beyond one per application or numbers given
   twice; `booked` the places taken in the raced slot, which must equal the capacity.
   `p50_ms`/`p95_ms` are of an applicant's submit: from the first try to the receipt.

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import secrets
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from argon2 import PasswordHasher
from rich.progress import track
from serving import HOST, ROOT, machine, percentile, served
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.engine import make_url

from hojokin.accounts.passwords import Passwords
from hojokin.accounts.permissions import Actor
from hojokin.accounts.service import Accounts, NewUser, actor_of
from hojokin.catalog.loader import load_catalog
from hojokin.files import FileStore
from hojokin.load import catalog_digest, store_catalog
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate
from hojokin.workflow.schedule import CallPlan
from hojokin.workflow.service import Workflow
from hojokin.workflow.tables import application, booking, call, receipt

sys.path.insert(0, str(ROOT))
from tests.files.samples import pdf as sample_pdf
from tests.workflow.profiles import COMPANY, PLAN  # the tests' sample applicant

CATALOG = ROOT / "catalog"
PROGRAM, FRAME = "tokyo-zeroemi-innovation", "zero-emission"
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/postgres"
CLI = Actor.command_line("bench-deadline")
# Applicants sign in with tokens: their passwords are hashed with the least work.
CHEAP = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
UPLOAD_MAX_MB = 10
# A plan document of a realistic size (the typical 事業計画書 PDF is a few hundred KB).
DOCUMENT_BYTES = 200 * 1024
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Applicant:
    number: int
    token: str
    actor: Actor
    application_id: int | None = None
    last_item: int | None = None


@dataclass
class Outcome:
    receipts: dict[int, str] = field(default_factory=dict)  # application → 受付番号
    refused: Counter[str] = field(default_factory=Counter)
    submit_ms: list[float] = field(default_factory=list)
    retries: int = 0
    in_flight: int = 0  # requests sent and not yet answered


def pdf(tag: str, size: int = DOCUMENT_BYTES) -> bytes:
    """A PDF of about `size` bytes, different for each `tag`."""
    return sample_pdf(tag.encode() + b" " + secrets.token_hex(size // 2).encode())


@contextmanager
def bench_database(url: str, folder: Path) -> Iterator[str]:
    """A new database for the run, dropped afterwards: a SQLite file for `sqlite`, else
    a PostgreSQL database made beside the one `url` names."""
    if url == "sqlite":
        yield f"sqlite:///{folder / 'deadline.sqlite3'}"
        return
    name = f"hojokin_deadline_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass(frozen=True)
class Scene:
    deadline_call: int
    race_slot: int
    applicants: list[Applicant]
    racers: list[Applicant]


def _plan(code: str, start: datetime, end: datetime, booking: tuple[datetime, datetime],
          capacity: int) -> CallPlan:  # fmt: skip
    return CallPlan(PROGRAM, FRAME, code, "", start, end, *booking, slot_capacity=capacity)


def set_up(url: str, files: Path, args: argparse.Namespace) -> Scene:
    engine = make_engine(url)
    migrate(engine)
    catalog = load_catalog(CATALOG)
    store_catalog(engine, catalog, catalog_digest(CATALOG))
    now = datetime.now(UTC).replace(microsecond=0)
    clock = Clock(now - timedelta(days=15))
    accounts = Accounts(engine, clock=clock, passwords=CHEAP)
    flow = Workflow(engine, lambda: catalog, FileStore(files, UPLOAD_MAX_MB * 2**20), clock=clock)
    office = accounts.create_issuer(CLI, "東京都中小企業振興公社", "東京都")

    # The deadline call: its window opened two weeks ago; the deadline is moved to the
    # last minute once the server is up (`move_deadline`).
    opened = flow.calls.create(
        CLI,
        _plan("DL2024", now - timedelta(days=14), now + timedelta(days=1),
              (now - timedelta(days=21), now - timedelta(days=1)), 50),
        office.id,
    )  # fmt: skip
    flow.calls.publish(CLI, opened.id)
    slots = flow.calls.slots(CLI, opened.id)
    # The race: one slot of `capacity` places of a call whose interviews start tomorrow.
    raced = flow.calls.create(
        CLI,
        _plan("RC2024", now + timedelta(days=1), now + timedelta(days=15),
              (now - timedelta(days=1), now + timedelta(days=1)), args.capacity),
        office.id,
    )  # fmt: skip
    flow.calls.publish(CLI, raced.id)
    race_slot = flow.calls.slots(CLI, raced.id)[0].id

    people = []
    for n in track(range(max(args.applicants, args.booking_attempts)), "会社と利用者"):
        made = accounts.create_company(CLI, f"株式会社ベンチ{n:04d}")
        email = f"applicant{n:04d}@bench.example.jp"
        password = secrets.token_urlsafe(16)
        new = NewUser(email, password, "applicant", f"申請者{n}", company_id=made.id)
        user = accounts.create_user(CLI, new)
        _, secret = accounts.create_token(CLI, user.id, "deadline bench")
        people.append(Applicant(n, secret, actor_of(user)))

    applicants = []
    for person in track(people[: args.applicants], "予約と下書き"):
        actor = person.actor
        flow.bookings.book(actor, slots[person.number % len(slots)].id)
        draft = flow.applications.start(actor, opened.id)
        company = COMPANY | {"name": f"株式会社ベンチ{person.number:04d}"}
        flow.applications.save(actor, draft.id, company=company, plan=PLAN)
        view = flow.applications.view(actor, draft.id)
        required = [e.item for e in view.assessment.checklist if e.status.status == "required"]
        for item in required[:-1]:
            data = pdf(f"{person.number}-{item}", 4096)
            flow.documents.upload(actor, draft.id, item, f"書類{item}.pdf", data)
        applicants.append(replace(person, application_id=draft.id, last_item=required[-1]))
    engine.dispose()
    return Scene(opened.id, race_slot, applicants, people[: args.booking_attempts])


def move_deadline(url: str, call_id: int, deadline: datetime) -> None:
    """The harness's one write behind the service's back: the service lets staff change
    a call's dates only before it is published, and the scene needs a deadline that
    falls one minute after the server is up."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(update(call).where(call.c.id == call_id).values(window_end=deadline))
    engine.dispose()


def _retryable(response: httpx.Response | None) -> bool:
    return response is None or response.status_code >= 500


async def submit(
    client: httpx.AsyncClient, who: Applicant, start: float, closes: float, outcome: Outcome
) -> None:
    """One applicant's last minute: wait for its moment, upload, submit until answered."""
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    headers = {"Authorization": f"Bearer {who.token}"}
    base = f"/api/v1/applications/{who.application_id}"
    document = pdf(f"{who.number}-last")
    uploaded = False
    began: float | None = None
    while time.monotonic() < closes + 5:
        response: httpx.Response | None = None
        outcome.in_flight += 1
        try:
            if not uploaded:
                files = {"file": (f"書類{who.last_item}.pdf", document, "application/pdf")}
                response = await client.post(
                    f"{base}/documents", headers=headers, data={"item": str(who.last_item)},
                    files=files,
                )  # fmt: skip
                if response.status_code == 201:
                    uploaded = True
                    continue
            else:
                began = began or time.perf_counter()
                keyed = headers | {"Idempotency-Key": f"deadline-{who.number}"}
                response = await client.post(f"{base}/submit", headers=keyed, json={})
                if response.status_code in (200, 201):
                    outcome.receipts[who.application_id or 0] = response.json()["number"]
                    outcome.submit_ms.append((time.perf_counter() - began) * 1000)
                    return
        except httpx.TransportError:
            response = None
        finally:
            outcome.in_flight -= 1
        if not _retryable(response):
            assert response is not None
            outcome.refused[f"{response.status_code} {response.text[:120]}"] += 1
            return
        outcome.retries += 1
        await asyncio.sleep(0.2)
    outcome.refused["no answer before the call closed"] += 1


def workers_of(server_pid: int) -> list[int]:
    """The worker processes `hojokin serve` runs (its children that are not spawn's
    helper)."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    found = []
    for pid in map(int, children):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except FileNotFoundError:
            continue
        if b"resource_tracker" not in command:
            found.append(pid)
    return found


def cpu_ticks(pid: int) -> int:
    """The processor time `pid` has used, in clock ticks (utime + stime); 0 when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0
    return int(fields[11]) + int(fields[12])


async def kill_one_worker(
    server_pid: int,
    window: tuple[float, float],
    busy: int,
    outcome: Outcome,
    killed: list[tuple[int, int]],
) -> None:
    """Within `window`, as soon as `busy` requests are in flight (at its end, failing
    that), SIGKILL the worker that used the most processor time in the last 0.2 s: so
    that it dies with work in hand, as a crash in the rush would."""
    start, end = window
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    workers = workers_of(server_pid)
    samples = deque([{pid: cpu_ticks(pid) for pid in workers}], maxlen=10)
    while outcome.in_flight < busy and time.monotonic() < end:
        await asyncio.sleep(0.02)
        samples.append({pid: cpu_ticks(pid) for pid in workers})
    used = {pid: samples[-1][pid] - samples[0][pid] for pid in workers}
    victim = max(workers, key=lambda pid: (used[pid], random.random()))
    os.kill(victim, signal.SIGKILL)
    killed.append((victim, outcome.in_flight))


async def last_minute(
    port: int, scene: Scene, seconds: float, server_pid: int, kill: bool
) -> tuple[Outcome, list[tuple[int, int]]]:
    outcome, killed = Outcome(), []
    now = time.monotonic()
    closes = now + seconds
    limits = httpx.Limits(max_connections=len(scene.applicants))
    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}", limits=limits, timeout=TIMEOUT
    ) as client:
        # More come the nearer the deadline: arrival density rises linearly to its
        # height at four fifths of the minute.
        tasks = [
            submit(client, who, now + seconds * 0.8 * math.sqrt(random.random()), closes, outcome)
            for who in scene.applicants
        ]
        if kill:
            busy = min(2, len(scene.applicants))
            window = (now + seconds / 2, now + seconds * 0.8)
            tasks.append(kill_one_worker(server_pid, window, busy, outcome, killed))
        await asyncio.gather(*tasks)
    return outcome, killed


async def race(port: int, scene: Scene) -> Counter[int]:
    """Every racer asks for a place in the raced slot at once; a busy answer (503) is
    asked again, as a person would press the button again."""
    answers: Counter[int] = Counter()
    limits = httpx.Limits(max_connections=len(scene.racers))
    go = asyncio.Event()

    async def attempt(client: httpx.AsyncClient, who: Applicant) -> None:
        await go.wait()
        for _ in range(50):
            try:
                response = await client.post(
                    f"/api/v1/slots/{scene.race_slot}/bookings",
                    headers={"Authorization": f"Bearer {who.token}"},
                    json={},
                )
            except httpx.TransportError:
                await asyncio.sleep(0.1)
                continue
            if response.status_code != 503:
                answers[response.status_code] += 1
                return
            await asyncio.sleep(0.1)
        answers[0] += 1

    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}", limits=limits, timeout=TIMEOUT
    ) as client:
        tasks = [asyncio.create_task(attempt(client, who)) for who in scene.racers]
        await asyncio.sleep(0.5)
        go.set()
        await asyncio.gather(*tasks)
    return answers


def stored(url: str, scene: Scene) -> tuple[dict[int, list[str]], int]:
    """The receipts of the deadline call by application, and the places taken in the
    raced slot (its bookings held)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(receipt.c.application_id, receipt.c.number)
            .join(application, application.c.id == receipt.c.application_id)
            .where(application.c.call_id == scene.deadline_call)
        )
        by_application: dict[int, list[str]] = {}
        for application_id, number in rows:
            by_application.setdefault(application_id, []).append(number)
        booked = conn.execute(
            select(func.count())
            .select_from(booking)
            .where(booking.c.slot_id == scene.race_slot, booking.c.status == "booked")
        ).scalar_one()
    engine.dispose()
    return by_application, booked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=DEFAULT_DB, help="PostgreSQL URL, or `sqlite`")
    parser.add_argument("--applicants", type=int, default=500)
    parser.add_argument("--booking-attempts", type=int, default=1000)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--last-minute", type=float, default=60.0, help="seconds")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--no-kill", action="store_true", help="kill no worker")
    args = parser.parse_args()
    if args.applicants < 1 or args.booking_attempts < 1 or not 1 <= args.capacity <= 1000:
        parser.error("--applicants and --booking-attempts ≥ 1, --capacity 1–1000")

    with tempfile.TemporaryDirectory() as tmp, bench_database(args.db, Path(tmp)) as url:
        files = Path(tmp) / "files"
        began = time.perf_counter()
        scene = set_up(url, files, args)
        print(f"set-up: {time.perf_counter() - began:.0f} s", file=sys.stderr)
        environ = {
            "HOJOKIN_DATABASE_URL": url,
            "HOJOKIN_FILES_DIR": str(files),
            "HOJOKIN_UPLOAD_MAX_MB": str(UPLOAD_MAX_MB),
        }
        with served(args.port, args.workers, environ) as server:
            deadline = datetime.now(UTC) + timedelta(seconds=args.last_minute)
            move_deadline(url, scene.deadline_call, deadline)
            outcome, killed = asyncio.run(
                last_minute(args.port, scene, args.last_minute, server.pid, not args.no_kill)
            )
            answers = asyncio.run(race(args.port, scene))
            restarted = len(workers_of(server.pid))
        by_application, booked = stored(url, scene)

    numbers = [n for found in by_application.values() for n in found]
    lost = sum(1 for a, n in outcome.receipts.items() if n not in by_application.get(a, []))
    lost += sum(1 for who in scene.applicants if who.application_id not in outcome.receipts)
    duplicated = sum(len(found) - 1 for found in by_application.values())
    duplicated += len(numbers) - len(set(numbers))
    print(machine())
    print(
        f"{args.db.split('://')[0]}; {args.workers} workers; {len(scene.applicants)} applicants "
        f"in the last {args.last_minute:.0f} s; "
        + "".join(f"worker {pid} killed with {n} requests in flight; " for pid, n in killed)
        + f"{restarted} workers running afterwards; {outcome.retries} requests sent again"
    )
    for reason, count in outcome.refused.most_common():
        print(f"  not submitted ×{count}: {reason}")
    print(
        f"submit p50 {percentile(outcome.submit_ms, 0.5):.0f} ms, "
        f"p95 {percentile(outcome.submit_ms, 0.95):.0f} ms; "
        f"booking race answers: {dict(sorted(answers.items()))}"
    )
    figures: dict[str, Any] = {
        "applicants": len(scene.applicants),
        "submitted": len(outcome.receipts),
        "receipts": len(numbers),
        "lost": lost,
        "duplicated": duplicated,
        "booking_attempts": len(scene.racers),
        "capacity": args.capacity,
        "booked": booked,
        "p50_ms": _ms(percentile(outcome.submit_ms, 0.5)),
        "p95_ms": _ms(percentile(outcome.submit_ms, 0.95)),
    }
    print(json.dumps(figures))


def _ms(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 1)


if __name__ == "__main__":
    main()
