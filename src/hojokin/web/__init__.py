"""The web UI in Japanese: server-rendered pages for search, programs, eligibility and
estimates, with light progressive enhancement (docs: README, 'Web UI')."""

from hojokin.web.mount import mount_static
from hojokin.web.pages import not_found, router, unavailable

__all__ = ["mount_static", "not_found", "router", "unavailable"]
