"""API token secrets: random, shown once; only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets

# Lets secret scanners and people recognise a leaked token.
PREFIX = "hjk_"


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
