"""A worker follows the stored catalog: a thread looks at the stored load's token every
few seconds (one small SELECT) and swaps in the new snapshot when it changed, so every
worker serves a reload within seconds of its commit."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError

from hojokin.store.snapshot import LiveCatalog

log = logging.getLogger("hojokin.catalog")


@contextmanager
def following(
    live: LiveCatalog, every_s: float, on_swap: Callable[[], object] = lambda: None
) -> Iterator[None]:
    """Follow the stored load while inside; `on_swap` runs after each new snapshot."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_follow, args=(live, every_s, on_swap, stop), name="catalog-follow", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _follow(
    live: LiveCatalog, every_s: float, on_swap: Callable[[], object], stop: threading.Event
) -> None:
    seen = live.loaded()
    failing = ""  # the database error last logged: said once, not every few seconds
    while not stop.wait(every_s):
        try:
            live.refresh()
        except SQLAlchemyError as exc:
            problem = f"{exc.__class__.__name__}: {' '.join(str(exc).split())}"
            if problem != failing:
                log.warning("stored catalog unreadable, still serving the last one: %s", problem)
            failing = problem
            continue
        failing = ""
        # A search may have swapped too (LiveCatalog.of_load): compare with what was seen.
        if live.loaded() is not seen:
            seen = live.loaded()
            on_swap()
