from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webstore import build_store, entity_id

from declass.settings import Settings
from declass.web.app import create_app

# Canonical names the resolver gives the people and organisations the tests look at.
NAMES = {
    "kandaurov": "Aleksei Alekseyevich Kandaurov",
    "tretyakov": "Vladimir Aleksandrovich Tretyakov",
    "belik": "Zoran Afanasyevich Belik",
    "batyan": "Aleksei V. Batyan",
    "nts": "NTS",
    "caracas": "Caracas",
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The example archive ingested through the real pipeline (see webstore.py), once per session."""
    store = build_store(tmp_path_factory.mktemp("webstore"))
    yield store
    store.close()


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[object]:
    """A copy of the web store of its own, for a test that writes corrections."""
    store = build_store(tmp_path)
    yield store
    store.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def ids(web_store: object) -> dict[str, str]:
    """Short name -> entity id in the web store (ids are content hashes)."""
    return {key: entity_id(web_store, name) for key, name in NAMES.items()}


@pytest.fixture(scope="session")
def client(web_store: object) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), web_store)) as c:  # type: ignore[arg-type]
        yield c


@pytest.fixture(scope="session")
def artifacts() -> Path:
    out = Path(__file__).resolve().parents[2] / "test-artifacts"
    out.mkdir(exist_ok=True)
    return out
