"""``--cluster-files send`` (issue 13): files travel to the workers as bytes, spills come back as bytes.

These run the task functions in this process, as a worker would; the cluster run of the same mode
is in test_cluster_ingest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from declass.cluster import shipping
from declass.errors import ConfigError, InputError
from declass.ingest import process_files
from declass.inputs import SentFile
from declass.model import Document
from declass.pipeline.extract import windows
from declass.pipeline.extract.long import Spill
from declass.settings import load_settings
from declass.store import open_store
from declass.writer import write_result

TEXT = "MEMORANDUM FOR THE RECORD\n\n1. Mr. John Smith met Ivan Petrov in Moscow on 3 March 1952.\n"


def test_a_sent_file_is_processed_from_its_bytes_not_its_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "elsewhere" / "memo.txt")  # no such file here: only the bytes exist
    (doc,) = process_files([SentFile(missing, TEXT.encode())], False, "en_core_web_sm")
    assert isinstance(doc, Document)
    assert doc.source_path == missing and "John Smith" in doc.text


def test_a_file_the_client_cannot_read_fails_with_its_reason(tmp_path: Path) -> None:
    sent = next(shipping.with_bytes([[str(tmp_path / "gone.txt")]]))
    (result,) = process_files(sent, False, "en_core_web_sm")
    assert isinstance(result, InputError)
    assert result.path.endswith("gone.txt") and result.reason.startswith("cannot read: ")


def test_chunks_are_read_only_when_asked_for(tmp_path: Path) -> None:
    paths = [tmp_path / f"{i}.txt" for i in range(3)]
    for p in paths:
        p.write_text(TEXT)
    chunks = shipping.with_bytes([[str(paths[0])], [str(paths[1]), str(paths[2])]])
    first = next(chunks)
    paths[1].write_text("changed before its chunk was submitted")
    second = next(chunks)
    assert [f.data for f in first] == [TEXT.encode()]
    assert second[0].data == b"changed before its chunk was submitted"  # read late: the client holds few bytes


def test_a_long_documents_spill_travels_back_and_stores_what_a_local_spill_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(windows, "MAX_WINDOW_CHARS", 400)  # the memo becomes a long document of windows
    text = TEXT + "".join(
        f"{i + 2}. Ivan Petrov reportedly met Colonel Boris Orlov in Vienna in {1950 + i}.\n" for i in range(12)
    )
    source = tmp_path / "long.txt"
    source.write_text(text)
    worker_tmp, client_spills = tmp_path / "worker", tmp_path / "client-spills"
    worker_tmp.mkdir()

    local = process_files([str(source)], True, "en_core_web_sm", spill_dir=str(tmp_path / "local-spills"))
    sent = shipping.run_sent(
        next(shipping.with_bytes([[str(source)]])), process_files, True, "en_core_web_sm", frozenset(), None, str(worker_tmp)
    )
    assert isinstance(local[0], Spill) and isinstance(sent[0], shipping.SentSpill)
    assert not os.listdir(worker_tmp)  # the worker's file is gone: its bytes are in the result
    (landed,) = shipping.landed(sent, str(client_spills))
    assert isinstance(landed, Spill) and Path(landed.path).parent == client_spills and landed.windows > 1

    stores = []
    for name, result in (("local", local[0]), ("sent", landed)):
        store = open_store(f"sqlite:///{tmp_path / name}.db")
        write_result(store, result, pending=())
        stores.append(sorted((m.id, m.label, m.text, m.start) for m in store.iter_mentions()))
        store.close()
    assert stores[0] == stores[1] and len(stores[0]) > 20
    assert not os.listdir(client_spills)  # read to the end by the writer, then deleted


def test_the_setting_takes_shared_or_send() -> None:
    assert load_settings({}).cluster_files == "shared"
    assert load_settings({"DECLASS_CLUSTER_FILES": "send"}).cluster_files == "send"
    with pytest.raises(ConfigError, match="DECLASS_CLUSTER_FILES='copy' is not one of shared, send"):
        load_settings({"DECLASS_CLUSTER_FILES": "copy"})
