"""Offsets between the original and the clean text: ``Document.to_clean`` against ``to_original``."""

from __future__ import annotations

from pathlib import Path

import pytest

from declass.model import Document, Segment
from declass.pipeline.read import read
from declass.pipeline.structure import structure
from tests.conftest import JFK, LIAISON_REPORT, NTS_REPORT

EXAMPLES = [NTS_REPORT, LIAISON_REPORT, JFK / "104-10006-10247.pdf"]


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def doc(request: pytest.FixtureRequest) -> Document:
    path: Path = request.param
    return structure(read(str(path), path.read_bytes()))


def test_to_clean_inverts_to_original_inside_copied_runs(doc: Document) -> None:
    assert doc.clean_map, "the example has boilerplate, so the clean text is a map of runs"
    for seg in doc.clean_map:
        for k in (0, seg.length // 2, seg.length):
            assert doc.in_clean(seg.orig + k)
            assert doc.to_clean(seg.orig + k) == seg.clean + k
            if k < seg.length:  # a run's end is where the next run starts in the clean text
                assert doc.to_original(seg.clean + k) == seg.orig + k


def test_paragraph_starts_map_both_ways(doc: Document) -> None:
    for p in doc.paragraphs:
        assert doc.to_clean(p.start) == p.clean_start
        assert doc.clean_text[doc.to_clean(p.start) :].startswith(doc.text[p.start : p.start + 1])


def test_removed_text_is_not_in_clean_and_clamps(doc: Document) -> None:
    removed = [b for b in doc.boilerplate if not any(s.orig <= b.start < s.orig + s.length for s in doc.clean_map)]
    assert removed, "some boilerplate line is left out of the clean text"
    for b in removed:
        mid = (b.start + b.end) // 2
        before = [s for s in doc.clean_map if s.orig <= mid]
        if before and mid - before[-1].orig > before[-1].length:
            assert not doc.in_clean(mid)
            assert doc.to_clean(mid) == before[-1].clean + before[-1].length  # the end of the run before


def test_hand_built_map_edges() -> None:
    # clean "abcXYZ" copies text[5:8] and text[20:23]; the rest of the text was removed
    doc = Document(id="x", source_path="x.txt", media_type="text/plain", text="-" * 30, clean_text="abcXYZ")
    doc.clean_map = [Segment(0, 5, 3), Segment(3, 20, 3)]
    assert [doc.in_clean(o) for o in (4, 5, 8, 9, 20, 23, 24)] == [False, True, True, False, True, True, False]
    assert [doc.to_clean(o) for o in (0, 4, 5, 7, 8, 12, 20, 22, 29)] == [0, 0, 0, 2, 3, 3, 3, 5, 6]
    plain = Document(id="y", source_path="y.txt", media_type="text/plain", text="abc", clean_text="abc")
    assert plain.to_clean(2) == 2 and plain.in_clean(2)
