"""The per-document pipeline over every example file, and its speed."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from declass.errors import InputError
from declass.pipeline import process
from tests.pipeline.conftest import ALL_GOOD, BROKEN, EXAMPLES


@pytest.mark.parametrize("path", ALL_GOOD, ids=lambda p: p.stem)
def test_process_succeeds(path: Path) -> None:
    doc = process(str(path), path.read_bytes())
    assert doc.pages and doc.clean_text and doc.paragraphs
    assert doc.metadata.classification == "SECRET" or doc.metadata.number
    pickle.loads(pickle.dumps(doc))  # stages run in worker processes


@pytest.mark.parametrize(("name", "reason"), sorted(BROKEN.items()))
def test_broken_pdfs_raise_input_error(name: str, reason: str) -> None:
    path = EXAMPLES / "jfk" / name
    with pytest.raises(InputError) as info:
        process(str(path), path.read_bytes())
    assert reason in info.value.reason and info.value.path == str(path)


def test_process_is_deterministic() -> None:
    path = ALL_GOOD[0]
    assert process(str(path), path.read_bytes()) == process(str(path), path.read_bytes())
