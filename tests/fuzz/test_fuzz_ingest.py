"""Fuzz: ingesting a folder of generated files never aborts; each file gets exactly one outcome."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from declass.ingest import ingest_paths
from declass.settings import Settings
from declass.store import open_store
from tests.conftest import JFK
from tests.fuzz.strategies import document_text

PDF_HEAD = (JFK / "104-10006-10247.pdf").read_bytes()[:2000]  # a real PDF cut short: corrupt
contents = st.one_of(
    document_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    st.just(b""),
    st.just(PDF_HEAD),
    document_text.map(lambda t: t.encode("utf-16")),
)
files = st.lists(st.tuples(st.sampled_from([".txt", ".md", ".pdf", ".png", ""]), contents), min_size=1, max_size=6)


@settings(max_examples=8)  # each example opens a store and ingests a folder
@given(files)
def test_any_folder_of_files_ingests_with_one_outcome_per_file(generated: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, (suffix, data) in enumerate(generated):
            (folder / f"f{i}{suffix}").write_bytes(data)
        url = f"sqlite:///{Path(tmp) / 'x.db'}"
        store = open_store(url)
        report = ingest_paths(store, [folder], Settings(db=url, workers=1, extract=False))
        assert sorted(Path(o.path).name for o in report.outcomes) == sorted(f"f{i}{s}" for i, (s, _) in enumerate(generated))
        assert all(o.status in ("ingested", "unchanged", "skipped", "failed") for o in report.outcomes)
        assert all(o.reason for o in report.outcomes if o.status in ("failed", "skipped"))
        assert store.count_documents() == report.count("ingested")
        for o in report.outcomes:
            if o.status == "ingested":
                doc = store.get_document(o.doc_id or "")
                assert doc.pages and "\x02" not in doc.text
        store.close()
