from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A private copy of the seed catalog that a test may break."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG, target)
    return target
