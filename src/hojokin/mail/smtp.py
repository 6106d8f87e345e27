"""Sending one mail over SMTP, as the settings say: plain, STARTTLS or TLS from the
start, with a login when a user is given."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal

from hojokin.mail.outbox import Mail

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "ssl", "none")
TIMEOUT_S = 30.0


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    sender: str  # the From address
    security: Security = "starttls"
    user: str = ""
    password: str = ""


def message(mail: Mail, sender: str) -> EmailMessage:
    """`mail` as a MIME message: UTF-8 text, the subject encoded for Japanese."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(mail.body, charset="utf-8")
    return msg


def send(config: SmtpConfig, mail: Mail) -> None:
    """Deliver `mail` to the SMTP server; raises OSError (smtplib's errors are OSErrors)
    when it could not."""
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if config.security == "ssl":
        client = smtplib.SMTP_SSL(config.host, config.port, timeout=TIMEOUT_S, context=context)
    else:
        client = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_S)
    with client:
        if config.security == "starttls":
            client.starttls(context=context)
        if config.user:
            client.login(config.user, config.password)
        client.send_message(message(mail, config.sender))
