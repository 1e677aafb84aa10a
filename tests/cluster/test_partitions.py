"""Partitioned resolution (issue 13): judging as Dask tasks equals the single-process result."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from benchmarks.resolve import make_corpus
from declass.cli import app
from declass.cluster import partition_mapper
from declass.ingest import ingest_paths
from declass.model import Judgement
from declass.resolve import resolve
from declass.settings import Settings
from declass.store import open_store
from tests.cluster.conftest import snapshot
from tests.conftest import EXAMPLES


def _judgements(js: list[Judgement]) -> list[tuple[Any, ...]]:
    """Judgements in a canonical order: blocking keys are sets of strings, whose iteration order
    (and so the order pairs are judged in) follows each process's hash seed."""
    return sorted((j.left, j.right, j.same, j.score, j.rule, repr(j.evidence)) for j in js)


@pytest.mark.parametrize("partition_size", [7, 5_000])
def test_partitioned_resolution_equals_single_process(client: Any, partition_size: int) -> None:
    mentions, _ = make_corpus(3_000)  # ~250 documents of persons with OCR and transliteration variants
    single_js, single_es = resolve(mentions, context=False)
    js, es = resolve(mentions, context=False, mapper=partition_mapper(client, partition_size))
    assert _judgements(js) == _judgements(single_js)
    assert [(e.id, e.name, e.mention_ids) for e in es] == [(e.id, e.name, e.mention_ids) for e in single_es]
    assert len(single_es) > 100 and any(len(e.mention_ids) > 20 for e in es)


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
