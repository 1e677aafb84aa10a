"""Long documents (issue 11, item 1): any length is extracted in bounded windows.

One document over 1,000,000 characters used to abort the whole ingest with spaCy's E088.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import declass.pipeline.extract.windows as windowing
from declass.ingest import ingest_paths
from declass.model import Mention, make_id
from declass.pipeline import process
from declass.pipeline.extract import extract, load_nlp
from declass.pipeline.extract.windows import cut_points, harmonise_labels, window, windows
from declass.settings import Settings
from declass.store import open_store
from tests.conftest import NTS_REPORT

ISSUE_TEXT = "Mr. John Smith met Ivan in Moscow. " * 32000  # the reproduction in the issue: 1,120,000 characters


def _one_line_doc(text: str):
    return process("long.txt", text.encode())


def test_windows_are_bounded_and_end_at_sentence_ends() -> None:
    doc = _one_line_doc(ISSUE_TEXT)  # one line, one paragraph: only sentence ends to cut at
    assert len(doc.clean_text) > 1_000_000
    cuts = cut_points(doc)
    start = 0
    for end in cuts:
        assert 0 < end - start <= windowing.MAX_WINDOW_CHARS
        if end < len(doc.clean_text):
            assert doc.clean_text[:end].endswith("Moscow. "), doc.clean_text[end - 20 : end]
        start = end
    assert cuts[-1] == len(doc.clean_text) and len(cuts) == 12


def test_windows_prefer_paragraph_and_page_ends(tmp_path: Path) -> None:
    paragraph = "The station reported that Kandaurov met Belik in Caracas. " * 20
    text = "\n\n".join(f"{i}. {paragraph}" for i in range(1, 400))
    doc = _one_line_doc(text)
    ends = {p.clean_end for p in doc.paragraphs}
    cuts = cut_points(doc, limit=20_000)
    assert len(cuts) > 10 and all(c in ends for c in cuts)


def test_a_sentence_longer_than_a_window_is_cut_at_a_space() -> None:
    doc = _one_line_doc("word " * 60_000)  # 300,000 characters without a sentence end
    cuts = cut_points(doc)
    assert all(doc.clean_text[c - 1] == " " for c in cuts[:-1])
    assert max(b - a for a, b in zip([0, *cuts], cuts, strict=False)) <= windowing.MAX_WINDOW_CHARS


def test_a_window_maps_offsets_into_the_whole_document() -> None:
    doc = process(str(NTS_REPORT), NTS_REPORT.read_bytes())
    cs, ce = doc.paragraphs[3].clean_start, doc.paragraphs[8].clean_end
    part = window(doc, cs, ce)
    assert part.clean_text == doc.clean_text[cs:ce] and part.text is doc.text
    for x in range(0, ce - cs, 7):
        assert part.to_original(x) == doc.to_original(cs + x)
    assert [p.index for p in part.paragraphs] == list(range(3, 9))
    assert part.paragraphs[0].clean_start == 0 and part.paragraphs[-1].clean_end == ce - cs


def test_a_short_document_is_its_own_single_window() -> None:
    doc = process(str(NTS_REPORT), NTS_REPORT.read_bytes())
    assert list(windows(doc)) == [doc]


def test_windowed_extraction_finds_what_a_whole_parse_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = extract([process(str(NTS_REPORT), NTS_REPORT.read_bytes())])[0]
    monkeypatch.setattr(windowing, "MAX_WINDOW_CHARS", 1500)  # the report is ~9,000 characters: 6+ windows
    split_doc = process(str(NTS_REPORT), NTS_REPORT.read_bytes())
    assert len(list(windows(split_doc, 1500))) >= 6
    split = extract([split_doc])[0]
    for m in split.mentions:
        assert split.text[m.start : m.end] == m.text  # offsets are into the whole text
    a, b = {m.id for m in whole.mentions}, {m.id for m in split.mentions}
    assert len(a & b) >= 0.9 * len(a), (len(a), len(b), len(a & b))  # spaCy sees less context at a cut
    names = {m.text for m in split.mentions if m.label == "PERSON"}
    assert {"Zoran Afanasyevich Belik", "Kandaurov"} & names
    sentences = [m.sentence for m in split.mentions]
    assert sentences == sorted(sentences)  # numbered across windows, not restarted
    assert {c.id for c in whole.claims} & {c.id for c in split.claims}


@pytest.mark.slow
def test_the_issue_reproduction_ingests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's ``b.txt`` at a fortieth of the scale, spaCy's limit and the window lowered with it:
    spaCy refuses the whole 28,000-character text as it refused 1,120,000 characters at its default
    limit of 1,000,000, so the same failure is reproduced with 6 windows instead of 12 of 100,000."""
    monkeypatch.setattr(load_nlp("en_core_web_sm"), "max_length", 20_000)  # the cached pipeline the ingest uses
    monkeypatch.setattr(windowing, "MAX_WINDOW_CHARS", 5_000)
    repeats = 32000 // 40
    path = tmp_path / "b.txt"
    path.write_text("Mr. John Smith met Ivan in Moscow. " * repeats + "\n")
    with pytest.raises(ValueError, match="E088"):  # what the ingest used to hit: one parse of the whole text
        load_nlp("en_core_web_sm")(path.read_text())
    url = f"sqlite:///{tmp_path / 'b.db'}"
    store = open_store(url)
    report = ingest_paths(store, [path], Settings(db=url, workers=1, extract=True))
    assert report.count("ingested") == 1 and report.exit_code == 0, [(o.path, o.reason) for o in report.outcomes]
    doc_id = report.new_doc_ids[0]
    mentions = list(store.iter_mentions(doc_id=doc_id))
    smith = [m for m in mentions if m.label == "PERSON" and m.text == "John Smith"]
    assert len(smith) > 0.9 * repeats  # every window was extracted (at full scale: > 30,000 of 32,000)
    assert max(m.start for m in smith) > len(path.read_text()) - 100  # the last one too
    assert re.fullmatch(r"(Mr\. John Smith met Ivan in Moscow\. )+\n?", store.get_document(doc_id).text)
    assert store.pending_counts()["resolve"] == 0
    store.close()


def test_a_surname_alone_in_a_window_keeps_the_label_of_its_full_name() -> None:
    full = Mention(id="a", doc_id="d", label="PERSON", text="Vladimir Aleksandrovich Tretyakov", start=0, end=33, page=1)
    alone = Mention(id="b", doc_id="d", label="LOC", text="Tretyakov", start=500, end=509, page=2)  # the model, without context
    place = Mention(id="c", doc_id="d", label="LOC", text="Moscow", start=600, end=606, page=2)
    mentions, renamed = harmonise_labels("d", [full, alone, place])
    assert [m.label for m in mentions] == ["PERSON", "PERSON", "LOC"]
    assert renamed == {"b": make_id("d", 500, 509, "PERSON")} and mentions[1].id == renamed["b"]
