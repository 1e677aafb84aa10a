"""Shared fixtures: the example documents, processed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from declass.model import Document
from declass.pipeline import process

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NTS = EXAMPLES / "crest" / "CIA-RDP82-00457R006100750010-5.txt"
LIAISON = EXAMPLES / "crest" / "CIA-soviet-liaison-foreign-communist-parties.txt"
BROKEN = {"104-10215-10129.pdf": "empty file (0 bytes)", "104-10180-10179.pdf": "no text layer"}
JFK_GOOD = sorted(p for p in (EXAMPLES / "jfk").glob("*.pdf") if p.name not in BROKEN)
ALL_GOOD = [NTS, LIAISON, *JFK_GOOD]


def load(path: Path) -> Document:
    return process(str(path), path.read_bytes())


_cache: dict[Path, Document] = {}


@pytest.fixture(scope="session")
def docs() -> dict[Path, Document]:
    if not _cache:
        for path in ALL_GOOD:
            _cache[path] = load(path)
    return _cache
