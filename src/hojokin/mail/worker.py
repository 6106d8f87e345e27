"""`hojokin worker`: send the outbox's due mail, retrying a failure of the network later
and later, and setting aside for good a mail that cannot be sent as it stands.

Without SMTP settings there is nothing to send with: the mail stays in the outbox, where
`hojokin admin outbox` shows it to the administrator."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from hojokin.mail import outbox
from hojokin.mail.outbox import Mail
from hojokin.mail.smtp import SmtpConfig, send

log = logging.getLogger("hojokin.worker")
# A claimed mail is another worker's again after this, should its worker die sending.
LEASE = timedelta(minutes=5)
# Waits after the 1st, 2nd … failure: doubling from a minute, at most six hours.
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=6)

Sender = Callable[[SmtpConfig, Mail], None]
Clock = Callable[[], datetime]


def retry_after(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try."""
    wait: timedelta = FIRST_RETRY * 2 ** min(max(attempts - 1, 0), 20)
    return min(wait, LAST_RETRY)


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0


def drain(engine: Engine, config: SmtpConfig, clock: Clock, sender: Sender = send) -> Tally:
    """Send every mail due now, once each; how many went and how many failed."""
    tally = Tally()
    # A failure moves the mail's next try at least FIRST_RETRY on: the loop ends.
    while (entry := outbox.claim(engine, clock(), LEASE)) is not None:
        try:
            sender(config, entry.mail)
        except OSError as exc:
            wait = retry_after(entry.attempts + 1)
            outbox.mark_failed(engine, entry.id, f"{type(exc).__name__}: {exc}", clock() + wait)
            tally.failed += 1
            log.warning(
                "mail %d to %s failed (attempt %d), next try in %s: %s",
                entry.id,
                entry.mail.to,
                entry.attempts + 1,
                wait,
                exc,
            )
            continue
        except Exception as exc:
            # Not the network's fault: a mail the library cannot build or send (a line
            # break in a header, text no charset carries) fails the same way every time.
            # It is set aside with its reason, and the worker goes on with the others.
            outbox.mark_given_up(engine, entry.id, f"{type(exc).__name__}: {exc}", clock())
            tally.failed += 1
            log.error("mail %d to %s cannot be sent, given up: %r", entry.id, entry.mail.to, exc)
            continue
        outbox.mark_sent(engine, entry.id, clock())
        tally.sent += 1
        log.info("mail %d sent to %s: %s", entry.id, entry.mail.to, entry.mail.subject)
    return tally


def run(engine: Engine, config: SmtpConfig, clock: Clock, poll_s: float) -> None:
    """Drain the outbox every `poll_s` seconds until interrupted."""
    while True:
        tally = drain(engine, config, clock)
        if tally.sent or tally.failed:
            log.info("outbox: %d sent, %d failed", tally.sent, tally.failed)
        time.sleep(poll_s)
