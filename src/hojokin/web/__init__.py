"""The web UI in Japanese: server-rendered pages for search, programs, eligibility and
estimates, with light progressive enhancement (docs: README, 'Web UI')."""

from hojokin.web.mount import mount_static, web_app
from hojokin.web.pages import router

__all__ = ["mount_static", "router", "web_app"]
