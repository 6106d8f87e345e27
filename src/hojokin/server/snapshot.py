"""The catalog of one request: the worker's current snapshot, taken on the first read
and then the same for the whole request (routes, pages and template helpers), so that
a reload arriving meanwhile never mixes two catalogs in one answer."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from hojokin.catalog.loader import Catalog
from hojokin.store.snapshot import LiveCatalog, Snapshot


def live(request: HTTPConnection) -> LiveCatalog:
    found: LiveCatalog = request.app.state.live
    return found


def snapshot(request: HTTPConnection) -> Snapshot:
    taken: Snapshot | None = getattr(request.state, "snapshot", None)
    if taken is None:
        taken = request.state.snapshot = live(request).current()
    return taken


def catalog_of(request: HTTPConnection) -> Catalog:
    return snapshot(request).catalog


def go_on_with(request: HTTPConnection, newer: Snapshot) -> None:
    """Read `newer` for the rest of the request: search found its load stored."""
    request.state.snapshot = newer
