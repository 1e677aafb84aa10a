"""Resolution's memory after a long document (issue 11): the whole run, not only until stored.

Resolution holds every mention of the store at once. Two things kept the run's peak growing with a
long document: the mentions were held as read (about 1.1 KB each, values and repeated strings
included), and the spaCy pipeline that had just parsed the document stayed resident under them.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import pytest

import declass.ingest as ingest_mod
import declass.pipeline.extract.windows as windowing
from declass.pipeline.extract.nlp import load_nlp
from declass.resolve import _loaded
from declass.resolve.corrections import Corrections
from declass.resolve.nodes import entity_type
from declass.settings import Settings
from declass.store import open_store
from tests.conftest import NTS_REPORT

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from webstore import build_store  # noqa: E402


def _held(make: object) -> tuple[int, list[object]]:
    """Bytes still allocated after ``make()`` returns its list (tracemalloc), and the list."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        items = make()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[0] - before, items
    finally:
        tracemalloc.stop()


def test_resolution_loads_its_mentions_compactly(tmp_path: Path) -> None:
    store = build_store(tmp_path)
    try:
        corrections = Corrections.load(store)
        plain_bytes, plain = _held(lambda: list(store.iter_mentions()))
        read = [0]
        loaded_bytes, loaded = _held(lambda: list(_loaded(store.iter_mentions(), corrections, read)))
    finally:
        store.close()
    resolvable = [m for m in plain if entity_type(m) is not None]  # type: ignore[arg-type]
    assert read[0] == len(plain) > len(loaded) == len(resolvable)  # values are counted, not held
    assert [m.id for m in loaded] == [m.id for m in resolvable]  # type: ignore[attr-defined]
    assert len({id(m.doc_id) for m in loaded}) == len({m.doc_id for m in loaded})  # type: ignore[attr-defined]
    assert loaded_bytes < 0.7 * plain_bytes, (loaded_bytes, plain_bytes)


def test_the_spacy_pipeline_is_released_before_resolution_after_a_long_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(windowing, "MAX_WINDOW_CHARS", 1500)  # the report becomes a long document
    loaded_at_resolution: list[int] = []
    resolve_new = ingest_mod.resolve_new

    def observed(store: object, doc_ids: list[str]) -> None:
        loaded_at_resolution.append(load_nlp.cache_info().currsize)
        resolve_new(store, doc_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_mod, "resolve_new", observed)
    store = open_store(f"sqlite:///{tmp_path / 'long.db'}")
    try:
        report = ingest_mod.ingest_paths(store, [NTS_REPORT], Settings(db=store.url, workers=1, extract=True))
        assert report.windowed == report.new_doc_ids and len(report.windowed) == 1
        assert not store.pending_documents("resolve") and store.summary()["entities"] > 0
    finally:
        store.close()
    assert loaded_at_resolution == [0]
