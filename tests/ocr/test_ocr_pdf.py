"""OCR of PDF pages: image-only pages, --ocr always on a real JFK page, text-layer boxes, blackouts."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

from benchmarks.typewriter import error_rates
from declass.model import Document
from declass.pipeline import process
from declass.pipeline.ocr import OcrOptions
from declass.pipeline.ocr.blackout import find_blackouts
from declass.pipeline.read import read
from tests.conftest import JFK
from tests.ocr.conftest import needs_tesseract

DEDKOV = JFK / "104-10006-10247.pdf"


def image_pdf(image: Image.Image) -> bytes:
    """An image-only PDF of one page at 300 dpi, like the National Archives' scans."""
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=300)
    return out.getvalue()


def one_page(path: object, index: int) -> bytes:
    src = pdfium.PdfDocument(path)
    dst = pdfium.PdfDocument.new()
    dst.import_pages(src, [index])
    out = io.BytesIO()
    dst.save(out)
    return out.getvalue()


@needs_tesseract
def test_an_image_only_pdf_page_is_ocrd_at_its_scan_resolution(typed: tuple[list[str], Image.Image]) -> None:
    lines, image = typed
    doc = read("scan.pdf", image_pdf(image))
    page = doc.pages[0]
    assert page.source == "ocr" and page.scan["dpi"] == 300
    assert error_rates("\n".join(lines), doc.text)[0] < 0.05
    assert page.alt_text is None  # there was no layer to keep


def test_a_text_layer_page_keeps_its_layer_and_gets_its_word_boxes() -> None:
    doc = read(DEDKOV.name, DEDKOV.read_bytes())
    assert [p.source for p in doc.pages] == ["layer", "layer", "layer"]
    assert all(p.quality is not None and p.quality > 0.8 for p in doc.pages)
    page = doc.pages[0]
    words = {doc.text[s:e]: box for s, e, *box in page.boxes}
    assert {"RELEASE", "KENNEDY", "SURNAME"} <= set(words)
    release, surname = words["RELEASE"], words["SURNAME"]
    assert release[1] < surname[1]  # the banner is above the body
    assert all(doc.text[s:e] == doc.text[s:e].strip() and page.start <= s < e <= page.end for s, e, *_ in page.boxes)


@needs_tesseract
def test_always_ocrs_a_real_jfk_page_and_keeps_the_shipped_layer_beside_it() -> None:
    doc = read("dedkov-p2.pdf", one_page(DEDKOV, 1), OcrOptions(mode="always"))
    page = doc.pages[0]
    assert page.scan["engine"] == "tesseract" and page.scan["dpi"] == 300
    assert page.alt_source in ("layer", "ocr") and page.alt_text and "DEDKOV" in page.alt_text
    assert "DEDKOV" in doc.text and page.source in ("layer", "ocr")
    # the reading text is the better of the two by score
    assert (page.quality or 0) >= (page.alt_quality or 0)


def test_solid_black_rectangles_are_found_and_rules_and_type_are_not(redacted: tuple[list[str], Image.Image]) -> None:
    _, image = redacted
    found = sorted(find_blackouts(image, 300))
    want = [(300, 460, 900, 510), (700, 300, 1400, 350)]
    assert len(found) == 2  # the typed words and the speckle are not taken for blackouts
    assert all(abs(a - b) <= 6 for box, exp in zip(found, want, strict=True) for a, b in zip(box, exp, strict=True))


@needs_tesseract
def test_blackouts_on_a_scan_become_redactions_with_page_and_box(redacted: tuple[list[str], Image.Image]) -> None:
    _, image = redacted
    doc = process("redacted.pdf", image_pdf(image))
    scans = [r for r in doc.redactions if r.kind == "scan"]
    assert len(scans) == 2 and all(r.page == 1 and r.box for r in scans)
    top = min(scans, key=lambda r: r.box[1] if r.box else 0)
    assert top.box is not None and abs(top.box[0] - 700 * 10_000 // image.width) < 30


@pytest.mark.parametrize("name", ["104-10006-10247.pdf", "104-10227-10153.pdf"])
def test_no_blackout_is_invented_on_jfk_pages_without_one(name: str) -> None:
    pdf = pdfium.PdfDocument(JFK / name)
    page = pdf[0]
    image = page.render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    assert find_blackouts(image, 150) == []


@pytest.fixture(scope="module")
def redacted_doc(redacted: tuple[list[str], Image.Image]) -> Document:
    return process("redacted.pdf", image_pdf(redacted[1]))


@needs_tesseract
def test_scan_facts_boxes_and_blackouts_survive_the_store(redacted_doc: Document, store_url: str) -> None:
    from declass.store import open_store

    doc = redacted_doc
    store = open_store(store_url)
    try:
        store.add_document(doc)
        back = store.get_document(doc.id)
    finally:
        store.close()
    page, want = back.pages[0], doc.pages[0]
    assert (page.source, page.quality, page.scan, page.boxes) == ("ocr", want.quality, want.scan, want.boxes)
    assert sorted(r.box or [] for r in back.redactions if r.kind == "scan") == sorted(
        r.box or [] for r in doc.redactions if r.kind == "scan"
    )
