"""The outbox and its worker: mail sent through a local SMTP server, a failure retried
later and later, `hojokin worker --once` and `hojokin admin outbox`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from hojokin.cli import app
from hojokin.mail import outbox, worker
from hojokin.mail.outbox import Mail
from hojokin.mail.smtp import SmtpConfig
from hojokin.mail.tables import mail_outbox
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate
from tests.databases import DIALECTS, empty_database
from tests.running import free_port
from tests.smtp import smtp_server

START = datetime(2026, 4, 1, tzinfo=UTC)
MAIL = Mail("taro@example.jp", "【hojokin】お知らせ", "本文です。\n日本語のメール。\n")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(params=DIALECTS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with empty_database(request.param, tmp_path) as db:
        migrate(db)
        yield db


def _enqueue(engine: Engine, mail: Mail = MAIL) -> int:
    with engine.begin() as conn:
        return outbox.enqueue(conn, mail, START)


def test_the_worker_sends_due_mail_once_and_marks_it_sent(engine: Engine) -> None:
    first, second = _enqueue(engine), _enqueue(engine, Mail("hanako@example.jp", "件名", "二通目"))
    clock = Clock()
    with smtp_server() as (config, inbox):
        assert worker.drain(engine, config, clock).sent == 2
        assert worker.drain(engine, config, clock).sent == 0  # nothing twice
    got = inbox.messages[0]
    assert got["Subject"] == MAIL.subject and got["To"] == MAIL.to
    assert got["From"] == "hojokin@example.jp"
    assert got.get_content().replace("\r\n", "\n") == MAIL.body  # CRLF on the wire
    assert inbox.messages[1]["To"] == "hanako@example.jp"
    sent = {e.id: e for e in outbox.entries(engine, unsent_only=False, limit=10)}
    assert sent[first].sent_at == START and sent[first].attempts == 1
    assert sent[second].sent_at == START
    assert outbox.entries(engine, unsent_only=True, limit=10) == []


def test_a_failure_is_retried_later_and_later(engine: Engine) -> None:
    mail_id = _enqueue(engine)
    clock = Clock()
    nobody = SmtpConfig("127.0.0.1", free_port(), "hojokin@example.jp", "none")
    assert worker.drain(engine, nobody, clock).failed == 1
    [entry] = outbox.entries(engine, unsent_only=True, limit=10)
    assert entry.attempts == 1 and entry.last_error and "Connection" in entry.last_error
    assert entry.next_attempt_at == START + timedelta(minutes=1)
    clock.now += timedelta(seconds=59)
    assert worker.drain(engine, nobody, clock).failed == 0  # not due yet
    clock.now += timedelta(seconds=1)
    assert worker.drain(engine, nobody, clock).failed == 1
    [entry] = outbox.entries(engine, unsent_only=True, limit=10)
    assert entry.next_attempt_at == clock.now + timedelta(minutes=2)  # doubled
    clock.now = entry.next_attempt_at
    with smtp_server() as (config, inbox):
        assert worker.drain(engine, config, clock).sent == 1
    assert len(inbox.messages) == 1
    [entry] = outbox.entries(engine, unsent_only=False, limit=10)
    assert (entry.id, entry.attempts, entry.last_error) == (mail_id, 3, None)


def test_backoff_doubles_up_to_six_hours() -> None:
    waits = [worker.retry_after(n) for n in (1, 2, 3, 10, 100)]
    assert waits == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(hours=6),
        timedelta(hours=6),
    ]


def test_a_claimed_mail_is_skipped_until_its_lease_ends(engine: Engine) -> None:
    _enqueue(engine)
    claimed = outbox.claim(engine, START, worker.LEASE)
    assert claimed is not None
    # Another worker meanwhile: nothing due; after the lease (a worker died), due again.
    assert outbox.claim(engine, START + timedelta(minutes=4), worker.LEASE) is None
    again = outbox.claim(engine, START + worker.LEASE, worker.LEASE)
    assert again is not None and again.id == claimed.id


def test_worker_once_and_admin_outbox_on_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hojokin.sqlite3'}"
    runner = CliRunner()
    env = {"HOJOKIN_DATABASE_URL": url}
    engine = make_engine(url)
    migrate(engine)
    _enqueue(engine)
    # Without an SMTP server the mail stays, and the administrator reads it.
    result = runner.invoke(app, ["worker", "--once"], env=env)
    assert result.exit_code == 0, result.output
    assert "HOJOKIN_SMTP_HOST" in result.output
    listed = runner.invoke(app, ["admin", "outbox"], env=env)
    assert listed.exit_code == 0, listed.output
    assert "taro@example.jp" in listed.output and "日本語のメール。" in listed.output
    assert "送信待ち" in listed.output
    with smtp_server() as (config, inbox):
        smtp = env | {
            "HOJOKIN_SMTP_HOST": config.host,
            "HOJOKIN_SMTP_PORT": str(config.port),
            "HOJOKIN_SMTP_SECURITY": "none",
            "HOJOKIN_MAIL_FROM": "office@example.jp",
        }
        sent = runner.invoke(app, ["worker", "--once"], env=smtp)
    assert sent.exit_code == 0, sent.output
    assert "送信 1件" in sent.output
    assert [m["From"] for m in inbox.messages] == ["office@example.jp"]
    assert "メール 0件" in runner.invoke(app, ["admin", "outbox"], env=env).output
    shown = runner.invoke(app, ["admin", "outbox", "--all", "--json"], env=env)
    assert '"sent_at": "20' in shown.output
    engine.dispose()


def test_the_worker_goes_on_until_interrupted_and_once_fails_on_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'hojokin.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    _enqueue(engine)
    runner = CliRunner()
    env = {"HOJOKIN_DATABASE_URL": url, "HOJOKIN_SMTP_SECURITY": "none"}
    down = runner.invoke(
        app, ["worker", "--once"], env=env | {"HOJOKIN_SMTP_HOST": "127.0.0.1",
                                              "HOJOKIN_SMTP_PORT": str(free_port())}
    )  # fmt: skip
    assert down.exit_code == 1 and "失敗 1件" in down.output

    naps: list[float] = []

    def nap(seconds: float) -> None:  # the first wait ends the worker, as Ctrl-C would
        naps.append(seconds)
        raise KeyboardInterrupt

    monkeypatch.setattr(worker.time, "sleep", nap)
    with smtp_server() as (config, inbox):
        smtp = env | {
            "HOJOKIN_SMTP_HOST": config.host,
            "HOJOKIN_SMTP_PORT": str(config.port),
            "HOJOKIN_WORKER_POLL_S": "3",
        }
        # The failed mail is due again a minute later: the worker's clock is real, so
        # the test moves the mail instead.
        with engine.begin() as conn:
            conn.execute(mail_outbox.update().values(next_attempt_at=START))
        result = runner.invoke(app, ["worker"], env=smtp)
    assert result.exit_code == 0, result.output
    assert naps == [3.0] and len(inbox.messages) == 1
    engine.dispose()


# A subject stored before names were checked for line breaks (or by any other path):
# the mail library refuses to build it, on every try.
BROKEN = Mail("jiro@example.jp", "件名\r\nBcc: victim@example.com", "本文")


def test_a_mail_that_cannot_be_built_is_given_up_and_the_others_go(engine: Engine) -> None:
    broken, good = _enqueue(engine, BROKEN), _enqueue(engine)
    clock = Clock()
    with smtp_server() as (config, inbox):
        tally = worker.drain(engine, config, clock)
        assert (tally.sent, tally.failed) == (1, 1)
        clock.now += timedelta(days=1)
        assert worker.drain(engine, config, clock).failed == 0  # never tried again
    assert [m["To"] for m in inbox.messages] == [MAIL.to]
    assert "victim" not in str(inbox.messages[0])
    entries = {e.id: e for e in outbox.entries(engine, unsent_only=False, limit=10)}
    assert entries[good].sent_at == START and entries[good].failed_at is None
    given_up = entries[broken]
    assert given_up.sent_at is None and given_up.failed_at == START
    assert given_up.attempts == 1
    assert given_up.last_error and given_up.last_error.startswith("ValueError: ")
    # Still listed with what is unsent, so that the administrator sees it.
    assert [e.id for e in outbox.entries(engine, unsent_only=True, limit=10)] == [broken]


def test_worker_once_survives_a_broken_mail_and_admin_outbox_says_why(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hojokin.sqlite3'}"
    runner = CliRunner()
    env = {"HOJOKIN_DATABASE_URL": url}
    engine = make_engine(url)
    migrate(engine)
    _enqueue(engine, BROKEN)
    _enqueue(engine)
    with smtp_server() as (config, inbox):
        smtp = env | {
            "HOJOKIN_SMTP_HOST": config.host,
            "HOJOKIN_SMTP_PORT": str(config.port),
            "HOJOKIN_SMTP_SECURITY": "none",
        }
        first = runner.invoke(app, ["worker", "--once"], env=smtp)
        again = runner.invoke(app, ["worker", "--once"], env=smtp)
    # The failure is reported (exit 1), not raised; the next run has nothing left to try.
    assert first.exit_code == 1 and isinstance(first.exception, SystemExit), first.output
    assert "送信 1件、失敗 1件" in first.output
    assert again.exit_code == 0 and "送信 0件、失敗 0件" in again.output
    assert [m["To"] for m in inbox.messages] == [MAIL.to]
    listed = runner.invoke(app, ["admin", "outbox"], env=env)
    assert "送信できません（再送しません）" in listed.output
    assert "ValueError" in listed.output and "jiro@example.jp" in listed.output
    shown = runner.invoke(app, ["admin", "outbox", "--json"], env=env)
    assert '"failed_at": "20' in shown.output
    engine.dispose()
