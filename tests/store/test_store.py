"""The database: migrations, the catalog stored and read back, reloading on change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select

from hojokin import load as load_module
from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.load import catalog_digest, sync_catalog
from hojokin.search import facets
from hojokin.search.engine import search
from hojokin.search.query import ProgramQuery
from hojokin.store import tables
from hojokin.store.migrate import current_version, migrate, schema_version
from hojokin.store.migrations import MIGRATIONS
from hojokin.store.read import EmptyStoreError
from hojokin.store.snapshot import read_snapshot
from hojokin.store.state import stored_state

from ..databases import DIALECTS, empty_database


@pytest.fixture(params=DIALECTS)
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    with empty_database(request.param, tmp_path) as engine:
        yield engine  # type: ignore[misc]


def test_migrations_apply_once_in_order(empty: Engine) -> None:
    assert current_version(empty) == 0
    assert migrate(empty) == [m.VERSION for m in MIGRATIONS]
    assert migrate(empty) == []
    with empty.connect() as conn:
        rows = conn.execute(select(schema_version.c.version, schema_version.c.name)).all()
    assert [(v, n) for v, n in rows] == [(m.VERSION, m.NAME) for m in MIGRATIONS]


def test_an_empty_store_has_no_catalog(empty: Engine) -> None:
    migrate(empty)
    with pytest.raises(EmptyStoreError):
        read_snapshot(empty)


def test_catalog_reads_back_as_loaded(seed_db: Engine, seed_catalog: Catalog) -> None:
    stored = read_snapshot(seed_db).catalog
    assert list(stored.programs) == list(seed_catalog.programs)
    for program_id, program in seed_catalog.programs.items():
        assert stored.programs[program_id] == program  # every term and citation
    assert stored.facts == seed_catalog.facts
    assert stored.documents == seed_catalog.documents
    assert stored.paths == seed_catalog.paths
    assert stored.root == seed_catalog.root


def test_a_new_index_format_stores_the_catalog_again(
    empty: Engine, catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new analyser of readings (or new search texts) changes what is stored for the
    # same files: the next start must store them again, not search the old rows.
    migrate(empty)
    assert sync_catalog(empty, catalog_copy) is True
    assert sync_catalog(empty, catalog_copy) is False
    monkeypatch.setattr(facets, "INDEX_FORMAT", facets.INDEX_FORMAT + "; another dictionary")
    assert sync_catalog(empty, catalog_copy) is True
    assert sync_catalog(empty, catalog_copy) is False


def test_a_file_saved_while_the_folder_is_read_is_loaded(
    empty: Engine, catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A writer saves a program file after its digest was read and before (or while) the
    # catalog is: the load must not be stored under the earlier digest, or the folder
    # would match it from then on and the change never be served.
    migrate(empty)
    assert sync_catalog(empty, catalog_copy) is True
    path = catalog_copy / "programs/tokyo/2024/tokyo-zeroemi-innovation.yaml"
    name = "name: ゼロエミッション東京の実現等に向けたイノベーション促進事業"
    saves = [name + "（一）", name + "（二）"]
    real_load = load_module.load_catalog

    def load_while_saving(root: Path) -> Catalog:
        loaded = real_load(root)
        if saves:  # the save lands after this read
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(f"{name}.*", saves.pop(0), text, count=1), encoding="utf-8")
        return loaded

    monkeypatch.setattr(load_module, "load_catalog", load_while_saving)
    path.write_text(path.read_text(encoding="utf-8").replace(name, name + "（〇）"), "utf-8")
    assert sync_catalog(empty, catalog_copy) is True
    stored = read_snapshot(empty).catalog.programs["tokyo-zeroemi-innovation"]
    assert stored.name.endswith("（二）")  # the folder as it is now
    assert stored_state(empty)["digest"] == catalog_digest(catalog_copy)
    assert sync_catalog(empty, catalog_copy) is False


def test_sync_loads_when_empty_or_changed(empty: Engine, catalog_copy: Path) -> None:
    migrate(empty)
    assert sync_catalog(empty, catalog_copy) is True
    assert sync_catalog(empty, catalog_copy) is False
    path = catalog_copy / "programs/tokyo/2024/tokyo-zeroemi-innovation.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: ゼロエミッション東京の実現等に向けたイノベーション促進事業",
            "name: ゼロエミッション東京の実現等に向けたイノベーション促進事業（改）",
        ),
        encoding="utf-8",
    )
    assert sync_catalog(empty, catalog_copy) is True
    catalog = read_snapshot(empty).catalog
    assert catalog.programs["tokyo-zeroemi-innovation"].name.endswith("（改）")
    with empty.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.program)).scalar_one() == len(
            catalog
        )


def _database_at_version(empty: Engine, catalog_copy: Path, version: int) -> None:
    """A database migrated to `version` only, that recorded the catalog as loaded."""
    current_version(empty)  # creates schema_version
    for migration in MIGRATIONS[:version]:
        with empty.begin() as conn:
            migration.upgrade(conn)
            conn.execute(
                insert(schema_version).values(
                    version=migration.VERSION, name=migration.NAME, applied_at="2026-11-01"
                )
            )
    state = {"digest": catalog_digest(catalog_copy), "root": str(catalog_copy)}
    with empty.begin() as conn:
        conn.execute(
            insert(tables.catalog_state), [{"key": k, "value": v} for k, v in state.items()]
        )


def test_a_version_4_database_gains_label_and_tag_texts_and_reloads(
    empty: Engine, catalog_copy: Path
) -> None:
    # Version 4's search rows lack the label and tag texts and the readings: the upgrade
    # empties them, and the next start loads the catalog again and finds 道内 and kana.
    _database_at_version(empty, catalog_copy, 4)
    assert migrate(empty) == [m.VERSION for m in MIGRATIONS[4:]]
    assert stored_state(empty) == {}
    assert sync_catalog(empty, catalog_copy) is True
    with empty.connect() as conn:
        hokkaido = search(conn, ProgramQuery(text="道内", limit=1))
        reading = search(conn, ProgramQuery(text="はんろかいたく", limit=1))
    assert hokkaido.ids[0].startswith("hokkaido-")
    assert reading.ids and "販路開拓" in read_snapshot(empty).catalog.programs[reading.ids[0]].name


def test_a_version_2_database_upgrades_and_reloads(empty: Engine, catalog_copy: Path) -> None:
    _database_at_version(empty, catalog_copy, 2)
    assert migrate(empty) == [m.VERSION for m in MIGRATIONS[2:]]
    # Version 2 stored its postings otherwise: the upgrade forgets the catalog's digest,
    # so the catalog is loaded again, into the posting lists.
    assert sync_catalog(empty, catalog_copy) is True
    with empty.connect() as conn:
        found = search(conn, ProgramQuery(text="ゼロエミッション"))
    assert found.ids[0] == "tokyo-zeroemi-innovation"


def test_a_version_3_database_gains_status_columns_and_reloads(
    empty: Engine, catalog_copy: Path
) -> None:
    # A version 3 database holding the catalog: its search rows lack `reported` and
    # `use_purpose`, so the upgrade empties them and the next start loads them again.
    _database_at_version(empty, catalog_copy, 3)
    assert migrate(empty) == [m.VERSION for m in MIGRATIONS[3:]]
    assert stored_state(empty) == {}
    assert sync_catalog(empty, catalog_copy) is True
    with empty.connect() as conn:
        reported = search(conn, ProgramQuery(status="reported", limit=100))
        purpose = search(conn, ProgramQuery(use_purpose="事業を引き継ぎたい", limit=100))
    assert reported.total == 87  # every entry of Hokkaido's results report
    assert all(i.startswith("hokkaido-") for i in reported.ids)
    catalog = load_catalog(catalog_copy)
    assert purpose.ids == sorted(p.id for p in catalog if "事業を引き継ぎたい" in p.use_purpose)
    assert len(purpose.ids) == 4
