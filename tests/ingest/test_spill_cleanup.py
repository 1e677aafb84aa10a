"""Spill files of a run killed with ``kill -9`` are found and deleted by the next run (issue 11).

A long document's windows are spilled to a file while it is extracted
(:mod:`declass.pipeline.extract.long`). A ``kill -9`` cannot clean up, so the files live in the
run's own spill folder (``<tmp>/declass-spill/<host>-<pid>``) and every run deletes the folders of
processes that are gone. The test kills a real ingest subprocess while its spill file exists.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from declass.ingest import ingest_paths
from declass.pipeline.extract.long import run_spill_dir, spill_root
from declass.settings import Settings
from declass.store import open_store
from tests.conftest import NTS_REPORT

ROOT = Path(__file__).resolve().parents[2]
# An ingest of a long text with 1,500-character windows: 30 windows, so its spill file lives a while.
SCRIPT = """
import sys
import declass.pipeline.extract.windows as windowing
windowing.MAX_WINDOW_CHARS = 1500
from declass.ingest import ingest_paths
from declass.settings import Settings
from declass.store import open_store
url, path = sys.argv[1], sys.argv[2]
ingest_paths(open_store(url), [path], Settings(db=url, workers=1, extract=True))
"""


def _spills(tmp: Path) -> list[Path]:
    return sorted((tmp / "declass-spill").glob("*/*.spill"))


def test_the_spill_files_of_a_killed_run_are_removed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    text = tmp_path / "long-report.txt"
    text.write_text(NTS_REPORT.read_text(encoding="utf-8") * 5, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, url, str(text)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 300
        while not _spills(tmp) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _spills(tmp), "the ingest never spilled its long document"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    left = _spills(tmp)
    assert left and left[0].parent.name.endswith(f"-{proc.pid}")  # named by the killed run's pid

    monkeypatch.setattr(tempfile, "tempdir", str(tmp))  # this process's runs use the same folder
    assert spill_root() == str(tmp / "declass-spill")
    live = Path(run_spill_dir(os.getppid()))  # a live process's folder (another run going on) is kept
    live.mkdir(parents=True)
    (live / "declass-other.spill").write_bytes(b"in use")
    store = open_store(f"sqlite:///{tmp_path / 'next.db'}")
    try:
        ingest_paths(store, [], Settings(db=store.url, workers=1, extract=False))
    finally:
        store.close()
    assert not left[0].exists() and not left[0].parent.exists()
    assert _spills(tmp) == [live / "declass-other.spill"]
    assert not Path(run_spill_dir()).exists()  # the run removed its own folder when it ended
