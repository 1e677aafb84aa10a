"""Stage 1, read: file bytes -> Document with the original text and its pages.

Pure function of the bytes, the path and the OCR options (no store access). PDF pages are read
from their text layer with pypdfium2, or OCR'd with Tesseract where the layer is missing or poor
(:mod:`declass.pipeline.ocr`, one page rendered at a time), and joined with form feeds; image
files (TIFF, PNG, JPEG) are OCR'd frame by frame; text and Markdown are decoded as UTF-8 (or
UTF-16 when the file starts with its byte-order mark), with a reported fallback for other
encodings. Every page records its source, quality score and word boxes.

Soft hyphens: pdfium reports a hyphen that the PDF producer inserted to break a word as the
control character ``\x02`` ("Os\x02wald"), and some text layers and text files carry U+00AD for
the same thing. Neither is a character of the document: :func:`normalise_soft_hyphens` removes
them inside a word and turns one before a line break into "-", which the structure stage then
joins like any line-end hyphen. This happens before any offset exists, so every stored offset is
an offset into the stored ``Document.text``; the evidence is the file itself (its sha256 is the
document id).
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from declass.errors import InputError
from declass.model import Document, Page, Redaction, sha256_bytes
from declass.pipeline.ocr import OcrOptions, PageRead, engine, image_pages, layer_page, needs_ocr, ocr_page, render_pdf_page
from declass.pipeline.ocr.images import PageImageError
from declass.pipeline.ocr.layer import layer_boxes
from declass.pipeline.ocr.progress import page_read

TEXT_SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}
PDF_SUFFIXES = {".pdf": "application/pdf"}
IMAGE_SUFFIXES = {".tif": "image/tiff", ".tiff": "image/tiff", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
SUPPORTED_SUFFIXES = {**TEXT_SUFFIXES, **PDF_SUFFIXES, **IMAGE_SUFFIXES}
PAGE_BREAK = "\f"
# Share of control characters above which "text" is taken for binary junk.
_MAX_CONTROL_SHARE = 0.05
# pdfium's marker for a producer-inserted hyphen, and the Unicode soft hyphen.
SOFT_HYPHENS = "\x02\u00ad"
_SOFT_AT_LINE_END = re.compile(f"[{SOFT_HYPHENS}]+(?=\n)")
_SOFT = re.compile(f"[{SOFT_HYPHENS}]+")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def media_type_for(path: str) -> str | None:
    """The media type declass reads a file as, or None when it skips the file."""
    return SUPPORTED_SUFFIXES.get(PurePath(path).suffix.lower())


def read(path: str, data: bytes, ocr: OcrOptions | None = None) -> Document:
    """Turn a file's bytes into a Document with ``text`` and ``pages``; raises InputError."""
    ocr = ocr or OcrOptions()
    media_type = media_type_for(path)
    if media_type is None:
        raise InputError(path, f"unsupported file type {PurePath(path).suffix or '(none)'!r}")
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    doc_id = sha256_bytes(data)
    encoding = None
    if media_type == "application/pdf":
        pages = _pdf_pages(path, data, ocr)
    elif media_type.startswith("image/"):
        pages = _image_pages(path, data, ocr)
    else:
        text, encoding = _decode(path, data)
        pages = [PageRead(text, fields={"source": "text"})]
    doc = Document(id=doc_id, source_path=path, media_type=media_type, text="", size=len(data), encoding=encoding)
    _join_pages(doc, pages)
    if media_type in PDF_SUFFIXES.values() or media_type in IMAGE_SUFFIXES.values():
        if not any(p.has_text for p in doc.pages):
            raise InputError(path, _no_text_reason(doc, ocr))
    elif encoding not in ("utf-8", "ascii"):
        doc.warnings.append(f"decoded as {encoding}, not UTF-8")
    return doc


def _no_text_reason(doc: Document, ocr: OcrOptions) -> str:
    """Why a scanned document has no text at all, in one line."""
    n = len(doc.pages)
    what = "PDF has no text layer" if doc.media_type == "application/pdf" else "image has no text"
    if all(p.scan.get("blank") for p in doc.pages):
        return f"{what}, and no text on any of its {n} page(s) (blank scan)"
    errors = sorted({str(p.scan["error"]) for p in doc.pages if p.scan.get("error")})
    if ocr.mode == "never":
        return f"{what} on any of its {n} page(s) (needs OCR; --ocr never was given)"
    if engine.version() is None:
        return f"{what} on any of its {n} page(s) (needs OCR: {engine.INSTALL_HINT})"
    return f"{what} on any of its {n} page(s); OCR found none" + (f" ({'; '.join(errors)})" if errors else "")


def normalise_soft_hyphens(text: str) -> str:
    """Remove soft hyphens inside words ("Os\x02wald" -> "Oswald"); one before a line break becomes "-"."""
    if "\x02" not in text and "\u00ad" not in text:
        return text
    return _SOFT.sub("", _SOFT_AT_LINE_END.sub("-", text))


def _join_pages(doc: Document, pages: list[PageRead]) -> None:
    """Join the pages' texts with form feeds; shift word boxes to document offsets."""
    parts: list[str] = []
    offset = 0
    for number, read_page in enumerate(pages, start=1):
        if number > 1:
            parts.append(PAGE_BREAK)
            offset += 1
        text = read_page.text
        page = Page(number=number, start=offset, end=offset + len(text), has_text=bool(text.strip()), **read_page.fields)
        page.boxes = read_page.boxes.shifted(offset)
        doc.pages.append(page)
        for box in read_page.blackouts:
            at = _offset_below(page, box[1])
            doc.redactions.append(Redaction(kind="scan", page=number, start=at, end=at, box=box))
        if read_page.warning:
            doc.warnings.append(read_page.warning)
        parts.append(text)
        offset += len(text)
    doc.text = "".join(parts)


def _offset_below(page: Page, top: int) -> int:
    """The text offset where a scan redaction sits: at the first word starting below its top edge."""
    for start, _end, _x0, y0, _x1, _y1 in page.boxes:
        if y0 >= top:
            return start
    return page.end


def _decode(path: str, data: bytes) -> tuple[str, str]:
    if data.startswith(_UTF16_BOMS):
        try:
            return _checked(path, data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"starts with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary content (NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    return _checked(path, text), encoding


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f]")  # control characters other than \t \n \f (\r is normalised first)


def _checked(path: str, text: str) -> str:
    """Decoded text with BOM and line ends normalised; raises InputError when it looks binary."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))  # one regex pass: a loop over the characters took 1.5 s a MB
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise InputError(path, f"undecodable: {controls} control characters in {len(text)}, likely binary")
    return normalise_soft_hyphens(text)


def _pdf_pages(path: str, data: bytes, ocr: OcrOptions) -> list[PageRead]:
    """Every page of a PDF, one at a time: its text layer, or its OCR where ``ocr`` asks for it."""
    import pypdfium2 as pdfium  # local import keeps text-only runs light

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"corrupt or unreadable PDF ({exc})") from exc
    pages: list[PageRead] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(_pdf_page(page, index + 1, ocr))
            finally:
                page.close()
            page_read(len(pages))
    finally:
        pdf.close()
    if not pages:
        raise InputError(path, "PDF has no pages")
    return pages


def _pdf_page(page: object, number: int, ocr: OcrOptions) -> PageRead:
    import pypdfium2 as pdfium

    text, boxes = "", []
    try:
        textpage = page.get_textpage()  # type: ignore[attr-defined]
        try:
            raw = textpage.get_text_bounded()
            text = normalise_soft_hyphens(raw.replace("\r\n", "\n").replace("\r", "\n").replace(PAGE_BREAK, "\n"))
            boxes = layer_boxes(textpage, text, *page.get_size())  # type: ignore[attr-defined]
        finally:
            textpage.close()
    except pdfium.PdfiumError:
        text, boxes = "", []
    run_ocr, layer_quality = needs_ocr(text, ocr)
    layer = layer_page(text, boxes, layer_quality)
    if not run_ocr:
        return layer
    try:
        image = render_pdf_page(page)
    except (pdfium.PdfiumError, MemoryError, ValueError) as exc:
        layer.warning = f"page {number}: cannot render for OCR ({exc})"
        return layer
    return ocr_page(number, image, ocr, layer)


def _image_pages(path: str, data: bytes, ocr: OcrOptions) -> list[PageRead]:
    """Every frame of a TIFF (or the one image of a PNG or JPEG), OCR'd one at a time."""
    pages: list[PageRead] = []
    try:
        for number, item in enumerate(image_pages(data), start=1):
            if isinstance(item, PageImageError):
                scan = {"error": item.reason}
                pages.append(PageRead("", fields={"source": "none", "scan": scan}, warning=f"page {number}: {item.reason}"))
            elif ocr.mode == "never":
                pages.append(PageRead("", fields={"source": "none", "scan": {"dpi": item.dpi}}))
            else:
                pages.append(ocr_page(number, item, ocr))
            page_read(len(pages))
    except PageImageError as exc:
        raise InputError(path, exc.reason) from exc
    return pages
