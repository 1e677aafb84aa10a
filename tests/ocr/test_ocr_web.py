"""The document page highlights a cited span at its word boxes on the page image."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from PIL import Image

from declass.model import Mention
from declass.pipeline import process
from declass.pipeline.read import read
from declass.settings import Settings
from declass.store import open_store
from declass.web.app import create_app
from declass.web.views.documents import highlight_boxes
from tests.conftest import JFK
from tests.ocr.conftest import needs_tesseract


def test_a_cited_span_is_highlighted_at_the_boxes_of_its_words() -> None:
    path = JFK / "104-10006-10247.pdf"
    doc = read(path.name, path.read_bytes())
    start = doc.text.index("NAME CHECK AND CONSOLIDATION REQUEST")
    boxes = highlight_boxes(doc, start, start + len("NAME CHECK"))
    assert list(boxes) == [1] and len(boxes[1]) == 2
    (x0, y0, x1, _), (x2, y2, _, _) = boxes[1]
    assert x0 < x1 < x2 and abs(y0 - y2) < 50  # two words side by side on one line
    assert highlight_boxes(doc, len(doc.text) + 10, len(doc.text) + 20) == {}


@needs_tesseract
def test_a_scan_page_shows_its_image_with_the_cited_mention_highlighted(
    typed: tuple[list[str], Image.Image], tmp_path: Path, sqlite_url: str
) -> None:
    _, image = typed
    path = tmp_path / "memo.tiff"
    image.save(path, dpi=(300, 300))
    doc = process(str(path), path.read_bytes())
    start = doc.text.index("Tretyakov")
    # a hand-placed mention on the real OCR text (extraction itself is tested elsewhere)
    mention = Mention(id="m-tretyakov", doc_id=doc.id, label="PERSON", text="Tretyakov", start=start, end=start + 9, page=1)
    doc.mentions.append(mention)
    store = open_store(sqlite_url)
    try:
        store.add_document(doc)
        with TestClient(create_app(Settings(), store)) as client:
            data = client.get(f"/api/documents/{doc.id}", params={"mention": mention.id}).json()
            page = data["pages"][0]
            assert page["source"] == "ocr" and page["scan"]["dpi"] == 300 and page["boxes"]
            assert data["page_images"]["available"] is True
            [box] = page["highlight"]
            word_box = next(b[2:] for b in page["boxes"] if doc.text[b[0] : b[1]] == "Tretyakov")
            assert box == word_box
            html = client.get(f"/documents/{doc.id}", params={"mention": mention.id}).text
            assert html.count('class="cited-box"') == 1 and '<svg class="cited"' in html
            png = client.get(page["image"])
            assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
            assert client.get(f"/documents/{doc.id}/pages/2.png").status_code == 404
            quote = client.get(f"/api/documents/{doc.id}", params={"span": f"{start}-{start + 30}"}).json()
            assert len(quote["pages"][0]["highlight"]) >= 3  # the words of the quoted span
    finally:
        store.close()
