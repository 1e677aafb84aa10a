from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from webstore import build_store  # noqa: E402


@pytest.fixture(scope="module")
def export_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The example archive ingested through the real pipeline (tests/web/webstore.py)."""
    store = build_store(tmp_path_factory.mktemp("exportstore"))
    yield store
    store.close()
