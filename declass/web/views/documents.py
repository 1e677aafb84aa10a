"""Document page: metadata, clean text by paragraph with entity links and redactions, page images.

Page images are rendered from the document's own recorded source paths (sightings) only, and only
when the file's sha256 still equals the document id: the request names a document and a page
number, never a path, so it cannot reach any other file.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from declass.errors import NotFound
from declass.model import Document, Mention, Redaction, to_dict
from declass.pipeline.ocr import upright
from declass.store.base import Store
from declass.web.views import render, store_of

router = APIRouter()

DocRef = Annotated[str, Path(max_length=200, description="Document id, id prefix (6+), document number or file name")]
PageNo = Annotated[int, Path(ge=1, le=100_000)]
Cited = Annotated[str | None, Query(max_length=64, description="Mention id to highlight on the page image")]
Span = Annotated[str | None, Query(max_length=40, pattern=r"^\d+-\d+$", description="START-END offsets to highlight")]
RENDER_SCALE = 1.5
SCAN_WIDTH = 1275  # image files are shown 1275 px wide (150 dpi for a letter page)
_render_lock = threading.Lock()  # pdfium is not thread-safe


def to_clean(doc: Document, offset: int) -> int | None:
    """Map an original-text offset to the clean text, or None when it falls in removed text."""
    return doc.to_clean(offset) if doc.in_clean(offset) else None


def _mention_entities(store: Store, doc: Document) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for ent in store.list_entities(doc_id=doc.id, limit=5000):
        for mid in ent.mention_ids:
            out[mid] = {"id": ent.id, "name": ent.name, "type": ent.type}
    return out


def paragraph_segments(
    doc: Document,
    body_start: int,
    body: str,
    mentions: list[tuple[int, int, Mention]],
    redactions: list[tuple[int, int, Redaction]],
    entity_of: dict[str, dict[str, str]],
) -> list[dict[str, Any]]:
    """Split a paragraph's clean text into plain, mention and redaction runs (templates escape them)."""
    marks: list[tuple[int, int, dict[str, Any]]] = []
    for s, e, m in mentions:
        ent = entity_of.get(m.id)
        marks.append(
            (
                s,
                e,
                {
                    "kind": "mention",
                    "label": m.label,
                    "mention_id": m.id,
                    "entity_id": ent["id"] if ent else None,
                    "entity_name": ent["name"] if ent else None,
                },
            )
        )
    for s, e, r in redactions:
        marks.append(
            (
                s,
                max(e, s),
                {
                    "kind": "redaction",
                    "code": r.code,
                    "meaning": r.meaning,
                    "redaction_kind": r.kind,
                    "pages_withheld": r.pages_withheld,
                },
            )
        )
    marks.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[dict[str, Any]] = []
    pos = body_start
    end_all = body_start + len(body)
    for s, e, info in marks:
        if s < pos or s > end_all:
            continue  # overlapping marks: keep the first
        if s > pos:
            out.append({"kind": "text", "text": body[pos - body_start : s - body_start]})
        out.append({**info, "text": body[s - body_start : min(e, end_all) - body_start]})
        pos = min(e, end_all)
    if pos < end_all:
        out.append({"kind": "text", "text": body[pos - body_start :]})
    return out


def source_status(store: Store, doc: Document) -> dict[str, Any]:
    """Whether page images can be rendered: a PDF whose file still exists with the same sha256."""
    if not has_page_images(doc):
        return {"available": False, "reason": "the source is not a PDF"}
    paths = [doc.source_path] + [s["path"] for s in store.sightings(doc.id)]
    path = _verified_source(tuple(dict.fromkeys(paths)), doc.id)
    if path is None:
        missing = not any(os.path.isfile(p) for p in paths)
        reason = (
            "the source file no longer exists at its recorded path"
            if missing
            else "the file at the recorded path has changed (sha256 differs)"
        )
        return {"available": False, "reason": reason}
    return {"available": True, "reason": None}


@functools.lru_cache(maxsize=512)
def _verified_source(paths: tuple[str, ...], sha256: str) -> str | None:
    for path in paths:
        try:
            with open(path, "rb") as fh:
                if hashlib.sha256(fh.read()).hexdigest() == sha256:
                    return path
        except OSError:
            continue
    return None


def has_page_images(doc: Document) -> bool:
    """Whether the document's pages can be shown as images: a PDF or an image file (scan)."""
    return doc.media_type == "application/pdf" or doc.media_type.startswith("image/")


@functools.lru_cache(maxsize=64)
def _render_png(path: str, page: int, rotation: int = 0) -> bytes | None:
    """Render one page to a greyscale PNG: a PDF page with pypdfium2, a scan's frame with Pillow.

    ``rotation`` (degrees clockwise) turns the page the way its OCR read it, so that word boxes
    measured on the upright page fall on their words.
    """
    import io

    import pypdfium2 as pdfium
    from PIL import Image, ImageSequence

    if not path.lower().endswith(".pdf"):
        with Image.open(path) as img:
            frames = ImageSequence.Iterator(img)
            try:
                frame = frames[page - 1]
            except IndexError:
                return None
            image = frame.convert("L")
        image.thumbnail((SCAN_WIDTH, SCAN_WIDTH * 4))
        out = io.BytesIO()
        upright(image, rotation).save(out, format="PNG")
        return out.getvalue()
    with _render_lock:
        pdf = pdfium.PdfDocument(path)
        try:
            if page > len(pdf):
                return None
            pg = pdf[page - 1]
            image = pg.render(scale=RENDER_SCALE, grayscale=True).to_pil()
            pg.close()
        finally:
            pdf.close()
    out = io.BytesIO()
    upright(image, rotation).save(out, format="PNG", optimize=False)
    return out.getvalue()


def highlight_boxes(doc: Document, start: int, end: int) -> dict[int, list[list[int]]]:
    """Per page, the word boxes ([x0, y0, x1, y1] in 1/10000 of the page) of the words in [start, end)."""
    out: dict[int, list[list[int]]] = {}
    for page in doc.pages:
        if page.end < start or page.start > end:
            continue
        for s, e, *box in page.boxes:
            if s < end and e > start:
                out.setdefault(page.number, []).append(box)
    return out


def cited_span(doc: Document, mention: str | None, span: str | None) -> tuple[int, int] | None:
    """The span a citation link asks to highlight: a mention id, or ``START-END`` offsets (a claim's quote)."""
    if mention:
        m = next((m for m in doc.mentions if m.id == mention), None)
        return (m.start, m.end) if m else None
    if span:
        start, _, end = span.partition("-")
        if start.isdigit() and end.isdigit() and int(start) < int(end):
            return int(start), int(end)
    return None


def document_data(store: Store, ref: str, mention: str | None = None, span: str | None = None) -> dict[str, Any]:
    """Everything the document page shows, as JSON-ready data; a cited mention or span is highlighted on the scan."""
    doc = store.get_document(ref)
    cited = cited_span(doc, mention, span)
    highlight = highlight_boxes(doc, *cited) if cited else {}
    entity_of = _mention_entities(store, doc)
    mentions = []
    for m in doc.mentions:
        s, e = to_clean(doc, m.start), to_clean(doc, m.end)
        if s is not None and e is not None and e > s:
            mentions.append((s, e, m))
    redactions = []
    for r in doc.redactions:
        s, e = to_clean(doc, r.start), to_clean(doc, r.end)
        if s is not None and e is not None:
            redactions.append((s, e, r))
    paragraphs = []
    for p in doc.paragraphs:
        body = doc.clean_text[p.clean_start : p.clean_end]
        pm = [t for t in mentions if p.clean_start <= t[0] < p.clean_end]
        pr = [t for t in redactions if p.clean_start <= t[0] < p.clean_end]
        paragraphs.append(
            {
                "idx": p.index,
                "number": p.number,
                "page": p.page,
                "kind": p.kind,
                "segments": paragraph_segments(doc, p.clean_start, body, pm, pr, entity_of),
            }
        )
    meta = to_dict(doc.metadata)
    status = source_status(store, doc)
    entities: dict[str, dict[str, Any]] = {}
    for mid, ent in entity_of.items():
        entities.setdefault(ent["id"], {**ent, "mentions": 0})["mentions"] += 1 if mid else 0
    return {
        "id": doc.id,
        "title": doc.title,
        "number": doc.metadata.number,
        "source_path": doc.source_path,
        "file": doc.source_path.rsplit("/", 1)[-1],
        "media_type": doc.media_type,
        "size": doc.size,
        "metadata": meta,
        "warnings": doc.warnings,
        "pages": [
            {
                "number": pg.number,
                "label": pg.label,
                "has_text": pg.has_text,
                "image": f"/documents/{doc.id}/pages/{pg.number}.png" if status["available"] else None,
                "source": pg.source,
                "quality": pg.quality,
                "confidence": pg.confidence,
                "scan": pg.scan,
                "boxes": pg.boxes.tolist(),
                "highlight": highlight.get(pg.number, []),
            }
            for pg in doc.pages
        ],
        "page_images": status,
        "paragraphs": paragraphs,
        "redactions": [to_dict(r) for r in doc.redactions],
        "entities": sorted(entities.values(), key=lambda e: (-e["mentions"], e["name"])),
        "sightings": [{"path": s["path"], "seen_at": str(s["seen_at"])} for s in store.sightings(doc.id)],
        "claims": len(doc.claims),
    }


@router.get("/api/documents/{ref}", tags=["documents"], summary="A document: metadata, paragraphs, entities, redactions")
def api_document(request: Request, ref: DocRef, mention: Cited = None, span: Span = None) -> dict[str, Any]:
    return document_data(store_of(request), ref, mention, span)


@router.get("/documents/{ref}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, ref: DocRef, mention: Cited = None, span: Span = None) -> HTMLResponse:
    return render(request, "document.html", document_data(store_of(request), ref, mention, span))


@router.get(
    "/documents/{ref}/pages/{page}.png",
    tags=["documents"],
    summary="A PDF page or a scan's page rendered as PNG (turned upright when OCR turned it)",
    responses={200: {"content": {"image/png": {}}}},
)
def page_image(request: Request, ref: DocRef, page: PageNo) -> Response:
    store = store_of(request)
    doc = store.get_document(ref)
    if not has_page_images(doc):
        raise NotFound(f"document {doc.id[:12]} is not a PDF or a scan; it has no page images")
    paths = tuple(dict.fromkeys([doc.source_path] + [s["path"] for s in store.sightings(doc.id)]))
    path = _verified_source(paths, doc.id)
    if path is None:
        raise NotFound(f"the source PDF of {doc.id[:12]} is missing or changed (sha256 differs); cannot render pages")
    pg = next((p for p in doc.pages if p.number == page), None)
    rotation = int(pg.scan.get("rotation") or 0) if pg is not None and pg.source == "ocr" else 0
    png = _render_png(path, page, rotation)
    if png is None:
        raise NotFound(f"document {doc.id[:12]} has no page {page}")
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
