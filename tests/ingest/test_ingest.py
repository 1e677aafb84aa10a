"""Ingest end to end: bad input, re-ingest, interruption and resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from declass.ingest import ingest_paths
from declass.settings import Settings
from declass.store import open_store
from tests.conftest import CREST, JFK, ROOT


def _settings(url: str, **kw: object) -> Settings:
    return Settings(db=url, workers=1, extract=False).with_(**kw)


def test_every_jfk_file_is_handled(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    report = ingest_paths(store, [JFK], _settings(sqlite_url))
    outcomes = {Path(o.path).name: o for o in report.outcomes}
    assert len(outcomes) == 13
    assert outcomes["104-10215-10129.pdf"].status == "failed"
    assert outcomes["104-10215-10129.pdf"].reason == "empty file (0 bytes)"
    assert outcomes["104-10180-10179.pdf"].status == "failed"
    assert "no text layer" in (outcomes["104-10180-10179.pdf"].reason or "")
    assert report.count("ingested") == 11
    assert report.exit_code == 1
    assert store.count_documents() == 11
    logged = {Path(r["path"]).name: r["status"] for r in store.ingest_log(report.run_id)}
    assert logged["104-10215-10129.pdf"] == "failed"
    store.close()


def test_bad_inputs_get_one_clear_reason_each_and_the_run_goes_on(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf")
    (tmp_path / "huge.txt").write_bytes(b"word " * 300_000)
    (tmp_path / "latin1.txt").write_bytes("Ren\xe9 L\xe9vesque reportedly met Kandaurov.".encode("latin-1"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG....")
    (tmp_path / "drawing.bmp").write_bytes(b"BM....")
    (tmp_path / "good.md").write_text("# Note\n\nKandaurov met Belik in Caracas.\n")
    store = open_store(sqlite_url)
    report = ingest_paths(store, [tmp_path], _settings(sqlite_url, max_file_mb=1.0))
    by_name = {Path(o.path).name: o for o in report.outcomes}
    assert by_name["empty.txt"].reason == "empty file (0 bytes)"
    assert "binary" in (by_name["junk.txt"].reason or "")
    assert "corrupt or unreadable PDF" in (by_name["corrupt.pdf"].reason or "")
    assert "over the 1 MB limit" in (by_name["huge.txt"].reason or "")
    assert by_name["drawing.bmp"].status == "skipped"
    # PNG is read (OCR) since issue 12: a corrupt one fails with its reason, the run goes on
    assert by_name["image.png"].status == "failed"
    assert "corrupt or unreadable image" in (by_name["image.png"].reason or "")
    assert by_name["latin1.txt"].status == "ingested"
    assert by_name["good.md"].status == "ingested"
    latin = store.get_document("latin1.txt")
    assert "René Lévesque" in latin.text
    assert any("cp1252" in w for w in latin.warnings)
    assert report.exit_code == 1
    store.close()


def test_re_ingest_is_a_no_op_that_records_sightings(tmp_path: Path, sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    first = ingest_paths(store, [CREST], _settings(sqlite_url))
    assert first.count("ingested") == 2
    copy = tmp_path / "copy.txt"
    copy.write_bytes((CREST / "CIA-RDP82-00457R006100750010-5.txt").read_bytes())
    second = ingest_paths(store, [CREST, copy], _settings(sqlite_url))
    assert second.count("unchanged") == 3 and second.count("ingested") == 0
    assert store.count_documents() == 2
    doc = store.get_document("CIA-RDP82-00457R006100750010-5.txt")
    assert {Path(s["path"]).name for s in store.sightings(doc.id)} == {"CIA-RDP82-00457R006100750010-5.txt", "copy.txt"}
    store.close()


def test_workers_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    urls = [f"sqlite:///{tmp_path / name}" for name in ("one.db", "two.db")]
    for url, workers in zip(urls, (1, 2), strict=True):
        store = open_store(url)
        ingest_paths(store, [CREST, JFK], _settings(url, workers=workers))
        store.close()
    one, two = (open_store(u) for u in urls)
    assert one.summary() == two.summary()
    ids = sorted(r["id"] for r in one.list_documents())
    assert ids == sorted(r["id"] for r in two.list_documents())
    assert one.get_document(ids[0]).clean_text == two.get_document(ids[0]).clean_text


def _corpus(folder: Path, n: int) -> None:
    base = (CREST / "CIA-RDP82-00457R006100750010-5.txt").read_text()
    for i in range(n):
        (folder / f"doc{i:04d}.txt").write_text(f"Copy {i}.\n\n{base}")


def _count(url: str) -> int:
    store = open_store(url)
    try:
        return store.count_documents()
    finally:
        store.close()


def _cmd(folder: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "declass", "ingest", str(folder), "--db", url, "--workers", "1", "--no-extract"]


def _start(folder: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(_cmd(folder, url), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_some(url: str, proc: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if _count(url) >= at_least:
                return
        except Exception:  # noqa: BLE001 - the store may not exist yet
            pass
        time.sleep(0.05)
    pytest.fail("ingest finished or stalled before it could be interrupted")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_ingest_resumes_without_duplicates(tmp_path: Path, sig: signal.Signals) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _corpus(folder, 400)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    proc = _start(folder, url)
    _wait_for_some(url, proc, 5)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
    stored = _count(url)
    assert 5 <= stored < 400
    store = open_store(url)
    for row in store.list_documents(limit=1000):
        doc = store.get_document(row["id"])
        assert doc.paragraphs and doc.pages  # every stored document is complete
    store.close()
    resumed = subprocess.run(_cmd(folder, url), cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert _count(url) == 400
    store = open_store(url)
    runs = {}
    for row in store.ingest_log():
        runs.setdefault(row["run_id"], []).append(row["status"])
    last = list(runs.values())[-1]
    assert last.count("unchanged") == stored and last.count("ingested") == 400 - stored
    store.close()
