from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webstore import build_store

from declass.settings import Settings
from declass.web.app import create_app


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    store = build_store(tmp_path_factory.mktemp("webstore"))
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(web_store: object) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), web_store)) as c:  # type: ignore[arg-type]
        yield c


@pytest.fixture(scope="session")
def artifacts() -> Path:
    out = Path(__file__).resolve().parents[2] / "test-artifacts"
    out.mkdir(exist_ok=True)
    return out
