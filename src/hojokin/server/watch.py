"""`hojokin serve` keeps the database's catalog in step with the catalog folder: its
parent process looks at the folder every few seconds and loads a changed one (workers
follow the stored load, `hojokin.store.follow`). A broken folder leaves the last good
catalog serving and is said in one log line per distinct problem."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from hojokin.catalog.loader import CatalogError
from hojokin.load import sync_catalog
from hojokin.store.state import stored_state

log = logging.getLogger("hojokin.catalog")

Listing = tuple[tuple[str, int, int], ...]


def listing(root: Path) -> Listing | None:
    """Each file's name, modification time and size; None when the folder cannot be
    listed. A few ms for the seed catalog, a third of reading its digest (every file's
    bytes), so the digest is only read when this changes."""
    try:
        files = sorted(p for p in root.rglob("*") if p.is_file())
        stats = [(str(p.relative_to(root)), p.stat()) for p in files]
    except OSError:
        return None
    return tuple((name, s.st_mtime_ns, s.st_size) for name, s in stats)


def _one_line(exc: CatalogError) -> str:
    return "; ".join(" ".join(str(p).split()) for p in exc.problems)


class FolderSync:
    """Loads `root` into the database of `engine` when the folder changed."""

    def __init__(self, engine: Engine, root: Path) -> None:
        self.engine, self.root = engine, root
        self._seen: Listing | None = None  # the listing last loaded or found broken
        self._said = ""  # the problem last logged

    def start(self) -> None:
        """The first load, at `serve` start: a broken folder raises CatalogError unless
        the database holds a catalog of this folder already, which then keeps serving."""
        try:
            self.sync(raising=True)
        except CatalogError as exc:
            if stored_state(self.engine).get("root") != str(self.root):
                raise
            self._broken(exc)

    def sync(self, *, raising: bool = False) -> bool:
        """Load the folder if it changed since last looked at; whether it loaded."""
        seen = listing(self.root)
        if seen is not None and seen == self._seen:
            return False
        self._seen = seen
        try:
            loaded = sync_catalog(self.engine, self.root)
        except CatalogError as exc:
            if raising:
                raise
            self._broken(exc)
            return False
        if loaded:
            log.info("catalog folder %s loaded", self.root)
        elif self._said:  # put back as it was stored: nothing to load, but say it is fixed
            log.info("catalog folder %s valid again, as stored", self.root)
        self._said = ""
        return loaded

    def _broken(self, exc: CatalogError) -> None:
        problem = _one_line(exc)
        if problem != self._said:
            log.error(
                "catalog folder %s not loaded, still serving the last good catalog: %s",
                self.root,
                problem,
            )
        self._said = problem

    def watch(self, every_s: float, stop: threading.Event) -> None:
        """Sync every `every_s` seconds until `stop`; a database error is logged and the
        folder looked at again next time."""
        failing = ""
        while not stop.wait(every_s):
            try:
                self.sync()
            except (SQLAlchemyError, OSError) as exc:
                self._seen = None
                problem = f"{exc.__class__.__name__}: {' '.join(str(exc).split())}"
                if problem != failing:
                    log.error("catalog folder %s not loaded: %s", self.root, problem)
                failing = problem
                continue
            failing = ""
