"""A long document is written window by window (issue 11, remainder): memory stays flat with its length.

The writer stores the document first, then each window's mentions, relations and claims in their
own transaction, and marks the extraction done with the last one. These tests lower the window
size so a real report (about 9,000 characters of clean text) is cut into several windows, and check
that the stored facts are those of one whole-document transaction, and that a run stopped between
windows is finished by the next with nothing duplicated.
"""

from __future__ import annotations

import glob
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import declass.pipeline.extract.windows as windowing
from declass.ingest import extract_stored, ingest_paths
from declass.pipeline import process
from declass.pipeline.extract import extract, extract_to_spill
from declass.pipeline.extract.long import Spill, read_spill
from declass.settings import Settings
from declass.store import Store, open_store
from declass.store.sql import SqlStore
from declass.writer import write_result, write_windows
from tests.conftest import NTS_REPORT

WINDOW = 1500  # characters: the report becomes 6+ windows


def facts(store: Store, doc_id: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    """A document's stored mentions, relations and claims as comparable tuples."""
    mentions = sorted((m.id, m.label, m.text, m.start, m.end, m.page, m.sentence) for m in store.iter_mentions(doc_id=doc_id))
    relations = sorted(
        (r.kind, r.source, r.target or "", r.value or "", r.start, r.end) for r in store.iter_relations(doc_id=doc_id)
    )
    claims = sorted((c.id, c.predicate, c.subject, c.object or "", c.place or "") for c in store.iter_claims(doc_id=doc_id))
    return mentions, relations, claims


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windowing, "MAX_WINDOW_CHARS", WINDOW)


@pytest.fixture
def one_transaction(tmp_path: Path, small_windows: None) -> tuple[Store, str]:
    """The report extracted in memory (every window's facts held, labels harmonised at once) and
    stored in one transaction: the reference the window-by-window writer must equal."""
    doc = extract([process(str(NTS_REPORT), NTS_REPORT.read_bytes())])[0]
    store = open_store(f"sqlite:///{tmp_path / 'whole.db'}")
    store.add_document(doc, pending=("resolve",))
    return store, doc.id


def _settings(url: str) -> Settings:
    return Settings(db=url, workers=1, extract=True)


def test_the_report_is_a_multi_window_document_whose_labels_need_harmonising(small_windows: None) -> None:
    doc = process(str(NTS_REPORT), NTS_REPORT.read_bytes())
    assert len(list(windowing.windows(doc, WINDOW))) >= 6
    spill = extract_to_spill(doc, "en_core_web_sm")
    assert spill.windows >= 6 and not doc.mentions  # the facts went to the spill file, not the document
    raw = [m for w in read_spill_raw(spill.path, spill.windows) for m in w.mentions]
    _, renamed = windowing.harmonise_labels(doc.id, raw)
    spill.discard()
    assert renamed  # some printed name changes label across windows: the two-pass relabelling is exercised


def read_spill_raw(path: str, count: int) -> list[object]:
    """The spilled windows as pass 1 wrote them (labels not yet harmonised)."""
    with open(path, "rb") as fh:
        return [pickle.load(fh) for _ in range(count)]


def _count_windows(patch: pytest.MonkeyPatch, stop_after: int | None = None) -> list[int]:
    """Record the mentions of every window the writer stores; raise KeyboardInterrupt (Ctrl-C) on
    the window after ``stop_after``. The store itself is the real SQLite store."""
    stored: list[int] = []
    add_facts = SqlStore.add_facts

    def counted(self: SqlStore, doc: str, mentions: list, relations: list, claims: list, **kw: object) -> None:
        if stop_after is not None and len(stored) == stop_after:
            raise KeyboardInterrupt
        stored.append(len(mentions))
        add_facts(self, doc, mentions, relations, claims, **kw)  # type: ignore[arg-type]

    patch.setattr(SqlStore, "add_facts", counted)
    return stored


def test_window_by_window_store_equals_the_one_transaction_store(
    tmp_path: Path, one_transaction: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, doc_id = one_transaction
    url = f"sqlite:///{tmp_path / 'windows.db'}"
    store = open_store(url)
    private = tmp_path / "tmp"  # this run's temporary folder: a spill left by another run is no concern here
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    batches = _count_windows(monkeypatch)
    report = ingest_paths(store, [NTS_REPORT], _settings(url))
    assert report.exit_code == 0 and report.new_doc_ids == [doc_id]
    assert len(batches) >= 6 and sum(batches) == len(facts(whole, doc_id)[0])  # one transaction per window
    got, want = facts(store, doc_id), facts(whole, doc_id)
    assert got[0] == want[0]  # same mentions: ids, labels (harmonised across windows), offsets, sentences
    assert got[1] == want[1] and got[2] == want[2]  # same relations and claims, pointing at the same ids
    assert store.pending_counts() == {"extract": 0, "claims": 0, "resolve": 0}
    assert store.get_document(doc_id).paragraphs == whole.get_document(doc_id).paragraphs
    spilled = glob.glob(str(private / "**" / f"declass-{doc_id[:12]}-*.spill"), recursive=True)
    assert (private / "declass-spill").is_dir() and not spilled  # spilled in the run's folder, then removed


def test_a_long_document_stopped_between_windows_is_finished_without_duplicates(
    tmp_path: Path, one_transaction: tuple[Store, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, doc_id = one_transaction
    url = f"sqlite:///{tmp_path / 'stopped.db'}"
    store = open_store(url)
    with monkeypatch.context() as patch:
        stored = _count_windows(patch, stop_after=3)  # Ctrl-C while the fourth window is being written
        first = ingest_paths(store, [NTS_REPORT], _settings(url))
    assert first.interrupted and first.exit_code == 130
    partial = facts(store, doc_id)[0]
    assert len(partial) == sum(stored) and 0 < len(partial) < len(facts(whole, doc_id)[0])
    assert set(partial) <= set(facts(whole, doc_id)[0])
    assert store.pending_documents("extract") == [doc_id]  # the stage stays pending until its last window

    second = ingest_paths(store, [NTS_REPORT], _settings(url))
    assert second.exit_code == 0 and second.count("unchanged") == 1 and second.extracted == [doc_id]
    got, want = facts(store, doc_id), facts(whole, doc_id)
    assert got == want  # partial facts replaced, not duplicated
    assert len({m[0] for m in got[0]}) == len(got[0]) == len(list(store.iter_mentions(doc_id=doc_id)))
    assert store.pending_counts() == {"extract": 0, "claims": 0, "resolve": 0}


def test_a_spill_read_back_gives_the_in_memory_facts(small_windows: None) -> None:
    whole = extract([process(str(NTS_REPORT), NTS_REPORT.read_bytes())])[0]
    spill = extract_to_spill(process(str(NTS_REPORT), NTS_REPORT.read_bytes()), "en_core_web_sm")
    windows = list(read_spill(spill))
    assert [w.index for w in windows] == list(range(spill.windows))
    assert [m for w in windows for m in w.mentions] == whole.mentions
    assert [c for w in windows for c in w.claims] == whole.claims
    assert not Path(spill.path).exists()


def _small_windows_in_worker() -> None:
    windowing.MAX_WINDOW_CHARS = WINDOW


def test_a_spill_made_in_a_worker_process_is_written_by_the_main_process(
    tmp_path: Path, one_transaction: tuple[Store, str]
) -> None:
    whole, doc_id = one_transaction
    doc = process(str(NTS_REPORT), NTS_REPORT.read_bytes())
    with ProcessPoolExecutor(1, initializer=_small_windows_in_worker) as pool:  # a real worker, as the ingest pool
        [result] = pool.submit(extract_stored, [doc], "en_core_web_sm").result()
    assert isinstance(result, Spill) and result.windows >= 6 and Path(result.path).exists()
    store = open_store(f"sqlite:///{tmp_path / 'pool.db'}")
    write_result(store, result, pending=("resolve",))
    assert facts(store, doc_id) == facts(whole, doc_id)
    assert store.pending_documents("extract") == [] and store.pending_documents("resolve") == [doc_id]
    assert not Path(result.path).exists()


def test_the_window_writer_replaces_partial_facts_on_both_backends(store_url: str, one_transaction: tuple[Store, str]) -> None:
    whole, doc_id = one_transaction
    store = open_store(store_url)
    doc = process(str(NTS_REPORT), NTS_REPORT.read_bytes())
    [spill] = extract_stored([doc], "en_core_web_sm")
    assert isinstance(spill, Spill)
    windows = list(read_spill(spill))
    write_windows(store, doc, windows[:2], pending=("extract", "claims", "resolve"))  # a run stopped after 2 windows
    assert 0 < len(facts(store, doc_id)[0]) < len(facts(whole, doc_id)[0])
    write_windows(store, doc, windows, pending=("resolve",), stored=True)  # the next run: cleared, written again
    assert facts(store, doc_id) == facts(whole, doc_id)
    assert store.pending_counts() == {"extract": 0, "claims": 0, "resolve": 1}
    store.close()
