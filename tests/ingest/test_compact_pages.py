"""A long document's per-page data is compact and its look-ups do not scan it (issue 11, remainder).

Word boxes are held flat (``WordBoxes``: six 32-bit ints a word) yet read, compare, serialise and
store as the ``[start, end, x0, y0, x1, y1]`` lists they were; page and paragraph look-ups bisect,
and give what the scan gave.
"""

from __future__ import annotations

import json
import pickle
import tracemalloc
from pathlib import Path

import pytest

from declass.model import Document, Page, WordBoxes, to_dict
from declass.pipeline import process
from declass.store import open_store
from tests.conftest import CREST, JFK

PDFS = sorted(JFK.glob("*.pdf"))


@pytest.fixture(scope="module")
def pdf_docs() -> list[Document]:
    return [process(str(p), p.read_bytes()) for p in PDFS[:4]]


def test_pdf_word_boxes_are_held_flat_and_read_as_lists(pdf_docs: list[Document]) -> None:
    doc = pdf_docs[0]
    page = next(p for p in doc.pages if len(p.boxes) > 50)
    assert isinstance(page.boxes, WordBoxes)
    as_lists = [list(b) for b in page.boxes]
    assert all(len(b) == 6 and all(isinstance(v, int) for v in b) for b in as_lists)
    assert page.boxes == as_lists and as_lists == page.boxes.tolist()
    assert page.boxes[0] == as_lists[0] and page.boxes[-1] == as_lists[-1] and page.boxes[1:3] == as_lists[1:3]
    word = next(b for b in page.boxes if doc.text[b[0] : b[1]].isalpha())
    assert page.start <= word[0] < word[1] <= page.end and 0 <= word[2] < word[4] <= 10_000
    data = to_dict(page)
    assert json.loads(json.dumps(data))["boxes"] == as_lists  # JSON-ready, as the docs command prints it
    assert pickle.loads(pickle.dumps(page)).boxes == page.boxes  # crosses to and from pool workers


def test_flat_boxes_take_a_small_part_of_the_lists(pdf_docs: list[Document]) -> None:
    lists = [b for doc in pdf_docs for page in doc.pages for b in page.boxes]
    assert len(lists) > 1_000
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        as_lists = [list(b) for b in lists]
        list_bytes = tracemalloc.get_traced_memory()[0] - base
        flat = WordBoxes(as_lists)
        flat_bytes = tracemalloc.get_traced_memory()[0] - base - list_bytes
    finally:
        tracemalloc.stop()
    assert flat == as_lists
    # The copied lists share their int objects with the originals, so this counts only the lists
    # themselves (about 104 bytes a word, where a document's own lists also hold their ints).
    assert flat_bytes * 4 < list_bytes, (flat_bytes, list_bytes)


def test_boxes_survive_the_store_and_old_rows_read_back(pdf_docs: list[Document], sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    for doc in pdf_docs:
        store.add_document(doc, pending=())
    for doc in pdf_docs:
        back = store.get_document(doc.id)
        assert [p.boxes for p in back.pages] == [p.boxes for p in doc.pages]
        assert all(isinstance(p.boxes, WordBoxes) for p in back.pages)
    # A page made from stored JSON (lists) holds them flat as well.
    old = Page(number=1, start=0, end=9, boxes=[[0, 4, 10, 20, 30, 40], [5, 9, 40, 20, 60, 40]])  # type: ignore[arg-type]
    assert isinstance(old.boxes, WordBoxes) and old.boxes == [[0, 4, 10, 20, 30, 40], [5, 9, 40, 20, 60, 40]]
    with pytest.raises(ValueError, match="6 numbers"):
        WordBoxes([[0, 4, 10]])


def test_shifted_boxes_move_only_the_text_offsets() -> None:
    boxes = WordBoxes([[0, 4, 10, 20, 30, 40], [5, 9, 40, 20, 60, 40]])
    assert boxes.shifted(100) == [[100, 104, 10, 20, 30, 40], [105, 109, 40, 20, 60, 40]]
    assert boxes == [[0, 4, 10, 20, 30, 40], [5, 9, 40, 20, 60, 40]]  # the original is unchanged


def _page_by_scan(doc: Document, offset: int) -> int:
    for page in doc.pages:
        if page.start <= offset < page.end:
            return page.number
    return doc.pages[-1].number if doc.pages else 1


def _paragraph_by_scan(doc: Document, offset: int) -> object:
    return next((p for p in doc.paragraphs if p.clean_start <= offset < p.clean_end), None)


@pytest.mark.parametrize("path", [*PDFS[:4], *sorted(CREST.glob("*.txt"))], ids=lambda p: p.name[:30])
def test_page_and_paragraph_look_ups_agree_with_a_scan(path: Path) -> None:
    doc = process(str(path), path.read_bytes())
    for offset in range(-1, len(doc.text) + 2, 7):
        assert doc.page_at(offset) == _page_by_scan(doc, offset)
    for offset in range(-1, len(doc.clean_text) + 2, 7):
        assert doc.paragraph_at(offset) is _paragraph_by_scan(doc, offset)
