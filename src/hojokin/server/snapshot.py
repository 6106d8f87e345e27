"""The catalog of one request: the worker's current snapshot, taken on the first read
and then the same for the whole request (routes, pages and template helpers), so that
a reload arriving meanwhile never mixes two catalogs in one answer; and the app's
account service, workflow service, drafts and publishing services and file store.

The only reader of the app's state (`create_app` sets it): routes and pages take what
they need as typed dependencies (`LiveDep`, `CatalogDep` …), other code calls these
functions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from hojokin.accounts.service import Accounts
from hojokin.accounts.signin import SignIn
from hojokin.catalog.loader import Catalog
from hojokin.drafts.publishing import Publishing
from hojokin.drafts.service import Drafts
from hojokin.files import FileStore
from hojokin.server.settings import Settings
from hojokin.store.snapshot import LiveCatalog, Snapshot
from hojokin.workflow.service import Workflow


def live(request: HTTPConnection) -> LiveCatalog:
    """The catalog the app serves and its database (`.engine`)."""
    found: LiveCatalog = request.app.state.live
    return found


def accounts(request: HTTPConnection) -> Accounts:
    """The account service on the app's database, with the settings' sign-in policy."""
    service: Accounts = request.app.state.accounts
    return service


def workflow(request: HTTPConnection) -> Workflow:
    """The workflow service on the app's database and the catalog it serves."""
    service: Workflow = request.app.state.workflow
    return service


def drafts(request: HTTPConnection) -> Drafts:
    """The drafts service on the app's database and file store."""
    service: Drafts = request.app.state.drafts
    return service


def publishing(request: HTTPConnection) -> Publishing:
    """Publishing drafts into the catalog the app serves, and withdrawing them."""
    service: Publishing = request.app.state.publishing
    return service


def signin(request: HTTPConnection) -> SignIn:
    """Web sign-in on the app's account service, with the settings' session policy."""
    service: SignIn = request.app.state.signin
    return service


def files(request: HTTPConnection) -> FileStore:
    """Uploaded files, in the settings' folder with their size limit."""
    store: FileStore = request.app.state.files
    return store


def settings(request: HTTPConnection) -> Settings:
    """The settings the app was made with (cookies, the links in mail)."""
    found: Settings = request.app.state.settings
    return found


def today(request: HTTPConnection) -> date:
    """The day statuses are judged on: today in Japan (tests set another)."""
    day: date = request.app.state.today()
    return day


def snapshot(request: HTTPConnection) -> Snapshot:
    taken: Snapshot | None = getattr(request.state, "snapshot", None)
    if taken is None:
        taken = request.state.snapshot = live(request).current()
    return taken


def catalog_of(request: HTTPConnection) -> Catalog:
    return snapshot(request).catalog


LiveDep = Annotated[LiveCatalog, Depends(live)]
SnapshotDep = Annotated[Snapshot, Depends(snapshot)]
CatalogDep = Annotated[Catalog, Depends(catalog_of)]
TodayDep = Annotated[date, Depends(today)]
AccountsDep = Annotated[Accounts, Depends(accounts)]
WorkflowDep = Annotated[Workflow, Depends(workflow)]
DraftsDep = Annotated[Drafts, Depends(drafts)]
PublishingDep = Annotated[Publishing, Depends(publishing)]
SignInDep = Annotated[SignIn, Depends(signin)]
SettingsDep = Annotated[Settings, Depends(settings)]


def go_on_with(request: HTTPConnection, newer: Snapshot) -> None:
    """Read `newer` for the rest of the request: search found its load stored."""
    request.state.snapshot = newer
