"""Fixtures for the review tests: a fresh copy of the web tests' real store for every test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from webstore import build_store  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    """The example archive (two CREST reports, one JFK PDF, a memo) ingested for real, corrected at will."""
    s = build_store(tmp_path)
    yield s
    s.close()


def named(store: Any, name: str) -> Any:
    """The entity whose canonical name is ``name``."""
    found = [e for e in store.list_entities(name=name, limit=50) if e.name == name]
    assert found, f"no entity {name!r}"
    return found[0]


def owner(store: Any, mention_id: str) -> Any:
    """The entity a mention belongs to now (None when it belongs to none)."""
    eid = store.entities_of_mentions([mention_id]).get(mention_id)
    return store.get_entity(eid) if eid else None
