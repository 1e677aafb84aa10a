"""The document page highlights a cited span at its word boxes on the page image."""

from __future__ import annotations

from declass.pipeline.read import read
from declass.web.views.documents import highlight_boxes
from tests.conftest import JFK


def test_a_cited_span_is_highlighted_at_the_boxes_of_its_words() -> None:
    path = JFK / "104-10006-10247.pdf"
    doc = read(path.name, path.read_bytes())
    start = doc.text.index("NAME CHECK AND CONSOLIDATION REQUEST")
    boxes = highlight_boxes(doc, start, start + len("NAME CHECK"))
    assert list(boxes) == [1] and len(boxes[1]) == 2
    (x0, y0, x1, _), (x2, y2, _, _) = boxes[1]
    assert x0 < x1 < x2 and abs(y0 - y2) < 50  # two words side by side on one line
    assert highlight_boxes(doc, len(doc.text) + 10, len(doc.text) + 20) == {}
