"""``declass ingest --cluster`` (issue 13): the same store as the process pool, on a real LocalCluster.

The pool run is the reference; the cluster runs ingest the same examples into SQLite and into the
real PostgreSQL, and once more with a worker process killed (SIGKILL) while it holds a chunk.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from declass.ingest import Outcome, ingest_paths
from declass.settings import Settings
from declass.store import open_store
from tests.cluster.conftest import snapshot
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow  # each run extracts the 13 example documents with spaCy


def _ingest(url: str, settings: Settings, on_outcome: Any = None) -> dict[str, Any]:
    store = open_store(url)
    try:
        report = ingest_paths(store, [EXAMPLES], settings.with_(db=url), on_outcome=on_outcome)
    finally:
        store.close()
    return {
        "exit_code": report.exit_code,
        "counts": {s: report.count(s) for s in ("ingested", "unchanged", "skipped", "failed")},
        "failed": sorted((Path(o.path).name, o.reason) for o in report.failed),
    }


@pytest.fixture(scope="module")
def pool_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """The reference: the examples through the process pool (2 workers), and the store it leaves."""
    url = f"sqlite:///{tmp_path_factory.mktemp('pool') / 'pool.db'}"
    return _ingest(url, Settings(workers=2)), snapshot(url)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_cluster_ingest_stores_what_the_pool_stores(
    backend: str, request: pytest.FixtureRequest, cluster: Any, pool_run: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    url = str(request.getfixturevalue("sqlite_url" if backend == "sqlite" else "pg_url"))
    run = _ingest(url, Settings(workers=2, cluster=cluster.scheduler_address))
    pool_report, pool_store = pool_run
    assert run == pool_report  # same outcomes, the same two failure lines, the same exit code (1)
    assert run["exit_code"] == 1 and run["counts"]["ingested"] == 13
    got = snapshot(url)
    assert got == pool_store
    assert len(got["mentions"]) > 1000 and got["entities"] and got["claims"]


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(
    sqlite_url: str, client: Any, cluster: Any, pool_run: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[tuple[str, int, int]] = []

    def kill_a_busy_worker(outcome: Outcome) -> None:
        if killed or outcome.status != "ingested":
            return
        busy = {addr: keys for addr, keys in client.processing().items() if keys}
        if busy:
            addr = sorted(busy)[0]
            os.kill(pids[addr], signal.SIGKILL)  # as the kernel's OOM killer would
            killed.append((addr, pids[addr], len(busy[addr])))

    run = _ingest(sqlite_url, Settings(workers=2, cluster=cluster.scheduler_address), kill_a_busy_worker)
    assert killed, "no worker was busy after the first document was written: nothing was killed"
    assert killed[0][2] >= 1  # the killed worker held at least one chunk, which the scheduler ran again
    assert run == pool_run[0]  # no file failed because of the kill
    assert snapshot(sqlite_url) == pool_run[1]  # every document once: one sighting each, same mentions
    assert killed[0][1] not in client.run(os.getpid).values()  # the run did outlive that worker


def test_workers_without_the_files_get_their_bytes_with_cluster_files_send(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    client: Any,
    cluster: Any,
    pool_run: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """Workers that cannot see the client's files: the paths are relative to the client's folder
    and every worker runs in an empty one, as on a machine without the mount."""
    elsewhere = tmp_path / "worker-cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(EXAMPLES.parent)
    before = client.run(os.getcwd)
    client.run(os.chdir, str(elsewhere))
    try:
        shared = open_store(f"sqlite:///{tmp_path / 'shared.db'}")
        try:
            report = ingest_paths(shared, [EXAMPLES.name], Settings(workers=2, cluster=cluster.scheduler_address))
        finally:
            shared.close()
        assert report.count("ingested") == 0 and report.count("failed") == 15  # by path they cannot read a file
        reasons = sorted((o.reason or "").split(":")[0] for o in report.failed)
        assert reasons == ["cannot read"] * 14 + ["empty file (0 bytes)"]

        store = open_store(sqlite_url)
        try:
            settings = Settings(workers=2, cluster=cluster.scheduler_address, cluster_files="send", db=sqlite_url)
            report = ingest_paths(store, [EXAMPLES.name], settings)
        finally:
            store.close()
    finally:
        for addr, cwd in before.items():
            client.run(os.chdir, cwd, workers=[addr])
    assert report.count("ingested") == 13 and report.exit_code == 1
    got, want = snapshot(sqlite_url), pool_run[1]
    assert {k: v for k, v in got.items() if k != "sightings"} == {k: v for k, v in want.items() if k != "sightings"}
    assert [(d, [str(EXAMPLES.parent / p) for p in ps]) for d, ps in got["sightings"]] == want["sightings"]
