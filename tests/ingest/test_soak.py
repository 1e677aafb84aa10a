"""Soak on a small set (the full corpus runs with ``scripts/soak.py``; see docs/reliability.md):
killed with kill -9 at random points and resumed, the store ends equal to a clean run's."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.conftest import CREST, JFK, ROOT


def _soak_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("soak", ROOT / "scripts" / "soak.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_killed_and_resumed_ingest_ends_with_the_clean_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in [
        *sorted(CREST.glob("*.txt")),
        JFK / "104-10006-10247.pdf",
        JFK / "104-10065-10028.pdf",
        JFK / "104-10110-10242.pdf",
    ]:
        shutil.copy(p, corpus / p.name)
    report = _soak_module().soak([str(corpus)], tmp_path / "work", kills=3, workers=2, seed=7)
    runs = report["killed_runs"]
    assert report["clean"]["exit"] == 0
    assert any(r["killed_after"] for r in runs), runs  # at least one run really was killed
    assert runs[-1]["exit"] == 0 and runs[-1]["killed_after"] is None
    assert not [r for r in runs if r["orphans"]], runs
    compared = report["compare"]
    assert compared["equal"], compared
    assert compared["mentions"]["clean"] > 100 and compared["entities"]["clean"] > 20 and compared["claims"]["clean"] > 10
