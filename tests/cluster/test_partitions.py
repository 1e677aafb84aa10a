"""Partitioned resolution (issue 13): judging as Dask tasks equals the single-process result."""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
from typer.testing import CliRunner

from benchmarks.resolve import make_corpus
from declass.cli import app
from declass.cluster import codec, partition_mapper
from declass.cluster.partitions import PartitionSizer
from declass.ingest import ingest_paths
from declass.model import Judgement
from declass.resolve import resolve, resolve_store
from declass.resolve.resolver import judge_documents
from declass.resolve.streaming import resolve_store_bounded
from declass.settings import Settings
from declass.store import open_store
from declass.store.base import Store
from tests.cluster.conftest import snapshot
from tests.conftest import EXAMPLES
from tests.resolve.conftest import LIAISON_FORMS, LIAISON_REPORT, NTS_FORMS, NTS_REPORT, find_mentions, relation
from tests.resolve.test_streaming import fill, state


def _judgements(js: list[Judgement]) -> list[tuple[Any, ...]]:
    """Judgements in a canonical order: blocking keys are sets of strings, whose iteration order
    (and so the order pairs are judged in) follows each process's hash seed."""
    return sorted((j.left, j.right, j.same, j.score, j.rule, repr(j.evidence)) for j in js)


@pytest.mark.parametrize("partition_size", [7, 5_000, None])  # None: sized to ~1 CPU second per task
def test_partitioned_resolution_equals_single_process(client: Any, partition_size: int | None) -> None:
    mentions, _ = make_corpus(3_000)  # ~250 documents of persons with OCR and transliteration variants
    single_js, single_es = resolve(mentions, context=False)
    js, es = resolve(mentions, context=False, mapper=partition_mapper(client, partition_size))
    assert _judgements(js) == _judgements(single_js)
    assert [(e.id, e.name, e.mention_ids) for e in es] == [(e.id, e.name, e.mention_ids) for e in single_es]
    assert len(single_es) > 100 and any(len(e.mention_ids) > 20 for e in es)


def test_compact_pickles_rebuild_what_resolution_ships() -> None:
    mentions, _ = make_corpus(600)
    docs = sorted({m.doc_id for m in mentions})[:20]
    items = [([m for m in mentions if m.doc_id == d], {}) for d in docs]
    results = [judge_documents([item]) for item in items]
    packed = codec.dumps(results)
    back = codec.loads(packed)
    assert back == results  # nodes (with their Counter of forms), profiles, parsed names, judgements
    profile = back[0][2][0]
    assert type(profile.best.texts) is Counter and profile.best.person is not None
    assert len(packed) < len(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))


@dataclass(frozen=True, slots=True)
class _Derived:
    """A dataclass whose ``__init__`` cannot rebuild it: one field is computed after init."""

    text: str
    length: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "length", len(self.text))


def test_compact_pickles_rebuild_dataclasses_init_cannot() -> None:
    back = codec.loads(codec.dumps([_Derived("Tretyakov"), Counter({"Tretiakov": 2})]))
    assert back == [_Derived("Tretyakov"), Counter({"Tretiakov": 2})] and back[0].length == 9


def test_partitions_are_sized_to_the_cpu_time_items_take() -> None:
    sizer = PartitionSizer(target=1.0, limit=10_000)
    first = sizer.size()
    sizer.record(0.02, 64)  # 64 documents in 20 ms: ~3,200 a second
    assert first == 64 and sizer.size() == 3_200
    sizer.record(10.0, 1)  # one very slow item brings the size down
    assert sizer.size() == 6  # 65 items in 10.02 s
    assert PartitionSizer(fixed=5).size() == 5
    quick = PartitionSizer(limit=10_000)
    quick.record(0.001, 1_000)
    assert quick.size() == 10_000  # never more than the limit, however cheap the items


@pytest.mark.slow
def test_declass_resolve_cluster_leaves_the_store_as_declass_resolve(tmp_path: Any, cluster: Any) -> None:
    urls = [f"sqlite:///{tmp_path / name}" for name in ("one.db", "cluster.db")]
    store = open_store(urls[0])
    try:
        ingest_paths(store, [EXAMPLES / "crest"], Settings(workers=1, db=urls[0]))
    finally:
        store.close()
    (tmp_path / "cluster.db").write_bytes((tmp_path / "one.db").read_bytes())
    runner = CliRunner()
    single = runner.invoke(app, ["resolve", "--db", urls[0]])
    partitioned = runner.invoke(app, ["resolve", "--db", urls[1], "--cluster", cluster.scheduler_address])
    assert single.exit_code == partitioned.exit_code == 0, partitioned.output
    assert partitioned.output == single.output and "entities" in single.output
    assert snapshot(urls[1]) == snapshot(urls[0])


def fill_reports(store: Store) -> None:
    """The NTS report (an acronym and an alias stated), the liaison report, JFK forms and synthetic mentions."""
    nts = find_mentions(NTS_REPORT, NTS_FORMS)
    relations = [
        relation(nts, "acronym", "MTS", "Natsionalno-Trudovio Soyuz"),
        relation(nts, "alias", "Kandourov", "Aleksei Privalov"),
    ]
    fill(store, nts, relations, find_mentions(LIAISON_REPORT, LIAISON_FORMS))


def test_bounded_resolution_on_the_cluster_equals_the_in_memory_resolution(tmp_path: Any, client: Any) -> None:
    """Documents stream from the store to the workers in partitions of 7; entities are built in
    buckets of 50 mentions on the client: the store ends as the in-memory single process leaves it."""
    store = open_store(f"sqlite:///{tmp_path / 'bounded.db'}")
    try:
        fill_reports(store)
        resolve_store(store, bounded=False)
        want = state(store)
        resolve_store_bounded(store, mapper=partition_mapper(client, 7), bucket_mentions=50)
        got = state(store)
    finally:
        store.close()
    # Judgements in a canonical order (each worker's hash seed orders the pairs of a block).
    assert sorted(got["judgements"]) == sorted(want["judgements"]) and len(want["judgements"]) > 500
    assert [e[:6] for e in got["entities"]] == [e[:6] for e in want["entities"]]
