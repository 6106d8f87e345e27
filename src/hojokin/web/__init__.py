"""The web UI in Japanese: server-rendered pages for search, programs, eligibility and
estimates, and the account pages, with light progressive enhancement (docs: README,
'Web UI')."""

from fastapi import APIRouter

from hojokin.web import (
    account_pages,
    applicant_pages,
    call_pages,
    draft_pages,
    office_pages,
    pages,
)
from hojokin.web.account_pages import install
from hojokin.web.mount import mount_static
from hojokin.web.pages import not_found, unavailable

router = APIRouter()
router.include_router(pages.router)
router.include_router(account_pages.router)
router.include_router(applicant_pages.router)
router.include_router(office_pages.router)
router.include_router(call_pages.router)
router.include_router(draft_pages.router)

__all__ = ["install", "mount_static", "not_found", "router", "unavailable"]
