"""Workers die with their parent (issue 11, item 3): a kill -9 of ``declass ingest`` leaves no orphans."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from declass.pool import die_with_parent, run_chunks
from tests.conftest import NTS_REPORT, ROOT

WAIT_SECONDS = 60  # an upper bound for a loaded CI machine, not a timing assertion


def _square(chunk: list[int]) -> list[int]:
    return [x * x for x in chunk]


def test_run_chunks_gives_every_result_with_and_without_a_pool() -> None:
    chunks = [[1, 2], [3], [4, 5, 6]]
    assert run_chunks(_square, chunks, 1).__next__() == 1
    assert sorted(run_chunks(_square, chunks, 1)) == [1, 4, 9, 16, 25, 36]
    assert sorted(run_chunks(_square, iter(chunks), 2)) == [1, 4, 9, 16, 25, 36]


def test_a_worker_whose_parent_is_already_gone_exits_at_once() -> None:
    code = "import os; from declass.pool import die_with_parent; die_with_parent(os.getppid() + 1_000_000); print('still alive')"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True
    )
    assert done.returncode == 1 and b"still alive" not in done.stdout
    die_with_parent(os.getppid())  # in a live parent it returns and only starts the watch thread


def _wait(predicate, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(what)


@pytest.mark.slow
def test_kill_9_of_the_ingest_leaves_no_worker_behind(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    base = NTS_REPORT.read_text()
    for i in range(300):
        (folder / f"doc{i:04d}.txt").write_text(f"Copy {i}.\n\n{base}")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    cmd = [sys.executable, "-m", "declass", "ingest", str(folder), "--db", url, "--workers", "2", "--no-extract"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    workers: list[psutil.Process] = []

    def pool_started() -> bool:
        workers[:] = [c for c in parent.children(recursive=True) if c.is_running()]
        return len(workers) >= 2 or proc.poll() is not None

    _wait(pool_started, "the ingest never started its two workers")
    assert proc.poll() is None, "ingest finished before it could be killed"
    pids = [w.pid for w in workers]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=WAIT_SECONDS)

    def all_gone() -> bool:
        return not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in pids)

    _wait(all_gone, f"worker processes {pids} outlived their killed parent")


def _die_on_three(chunk: list[int]) -> list[int]:
    if 3 in chunk:
        os._exit(9)  # a worker killed mid-chunk (out of memory, a segfault in a parser)
    return chunk


def test_a_dying_worker_fails_its_chunks_instead_of_the_run() -> None:
    chunks = [[1], [2], [3], [4], [5], [6], [7], [8]]
    out = list(run_chunks(_die_on_three, chunks, 2, on_error=lambda chunk, exc: [-x for x in chunk]))
    assert sorted(abs(x) for x in out) == list(range(1, 9))  # every item has exactly one result
    assert -3 in out  # the chunk that killed its worker is reported failed
    with pytest.raises(Exception, match="terminated abruptly"):
        list(run_chunks(_die_on_three, chunks, 2))
