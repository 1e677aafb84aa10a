"""The OCR stage: which text a page is read as, and the page's scan facts.

For every PDF page ``read`` hands over the text layer; :func:`pdf_page` decides, by the mode:

* ``never``: the layer as it is (an image-only page stays without text);
* ``auto``: the layer, unless it is missing or scores below ``min_quality`` (share of dictionary
  words, :mod:`.quality`), in which case the page is rendered and OCR'd;
* ``always``: every page is OCR'd.

When a page is OCR'd, the reading text is the better of the layer and the OCR by score, and the
other is kept beside it (``Page.alt_text``): the original layer is evidence. Engine, version,
language, dpi, rotation and seconds go to ``Page.scan``. Image files (:func:`image_page`) are
always OCR'd unless the mode is ``never``.

Bad pages never abort the document: a page that cannot be rendered, decoded or OCR'd in its time
limit gets an empty text, ``Page.scan["error"]`` and a document warning naming the page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from declass.errors import ConfigError
from declass.model import WordBoxes
from declass.pipeline.ocr import engine, quality
from declass.pipeline.ocr.blackout import find_blackouts
from declass.pipeline.ocr.images import PageImage, is_blank
from declass.pipeline.ocr.layer import SCALE
from declass.settings import OCR_MODES, Settings

MODES = OCR_MODES
DEFAULT_MIN_QUALITY = 0.5
DEFAULT_PAGE_SECONDS = 120.0
# Below this mean word confidence (or with fewer words) a page may be sideways: ask OSD.
OSD_BELOW_CONFIDENCE = 60.0
OSD_MIN_WORDS = 10
OSD_MIN_CONFIDENCE = 1.5


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How pages are OCR'd: mode, Tesseract language, the per-page time limit, the auto threshold."""

    mode: str = "auto"
    lang: str = engine.LANG
    page_seconds: float = DEFAULT_PAGE_SECONDS
    min_quality: float = DEFAULT_MIN_QUALITY

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"ocr mode {self.mode!r} is not one of {', '.join(MODES)}")

    @classmethod
    def from_settings(cls, settings: Settings) -> OcrOptions:
        """The OCR options of a run's settings (``ocr``, ``ocr_lang``, ``ocr_page_seconds``, ``ocr_min_quality``)."""
        return cls(settings.ocr, settings.ocr_lang, settings.ocr_page_seconds, settings.ocr_min_quality)


@dataclass(slots=True)
class PageRead:
    """One page as read: its text, word boxes (page-relative offsets) and the Page fields to set."""

    text: str
    # held flat from the start: a PDF's pages are all read before they are joined
    boxes: WordBoxes = field(default_factory=WordBoxes)
    fields: dict[str, Any] = field(default_factory=dict)
    blackouts: list[list[int]] = field(default_factory=list)  # [x0, y0, x1, y1] in 1/10000 of the page
    warning: str | None = None


def needs_ocr(layer_text: str, opts: OcrOptions) -> tuple[bool, float | None]:
    """Whether a PDF page with this text layer is OCR'd, and the layer's score."""
    layer_quality = quality.score(layer_text) if layer_text.strip() else None
    if opts.mode == "never":
        return False, layer_quality
    if opts.mode == "always" or not layer_text.strip():
        return True, layer_quality
    return (layer_quality is not None and layer_quality < opts.min_quality), layer_quality


def layer_page(text: str, boxes: list[list[int]], layer_quality: float | None, warning: str | None = None) -> PageRead:
    """A page read from its PDF text layer alone."""
    source = "layer" if text.strip() else "none"
    return PageRead(text, WordBoxes(boxes), {"source": source, "quality": layer_quality}, warning=warning)


def ocr_page(number: int, page: PageImage, opts: OcrOptions, layer: PageRead | None = None) -> PageRead:
    """OCR one page image and choose its reading text (the better of OCR and ``layer`` by score)."""
    version = engine.version()
    layer = layer or PageRead("", fields={"source": "none", "quality": None})
    scan: dict[str, Any] = {"engine": "tesseract", "version": version, "lang": opts.lang, "dpi": page.dpi}
    blackouts = _scaled_boxes(find_blackouts(page.image, page.dpi), page.image.size)
    if is_blank(page.image):  # no engine needed to see that nothing is printed
        layer.fields.update(scan={"dpi": page.dpi, "blank": True})
        return layer
    if version is None:
        layer.warning = f"page {number}: OCR skipped ({engine.INSTALL_HINT})"
        layer.fields.update(scan={"dpi": page.dpi, "error": "Tesseract is not installed"})
        return layer
    started = time.monotonic()
    try:
        rec, rotation = _recognise(page, opts, started)
    except engine.OcrFailed as exc:  # a timeout is reported against the page's whole limit
        reason = f"OCR timed out after {opts.page_seconds:g} s" if "timed out" in exc.reason else exc.reason
        scan["error"] = reason
        layer.fields.update(scan=scan)
        layer.warning = f"page {number}: {reason}"
        return layer
    scan.update(rotation=rotation, seconds=round(time.monotonic() - started, 2), words=rec.words)
    ocr_quality = quality.score(rec.text)
    width, height = page.image.size if rotation in (0, 180) else page.image.size[::-1]
    ocr_boxes = WordBoxes([s, e, *_scale(box, (width, height))] for s, e, *box in rec.boxes)
    layer_quality = layer.fields.get("quality")
    if layer.text.strip() and (layer_quality or 0) >= (ocr_quality or 0):
        layer.fields.update(scan=scan, alt_text=rec.text, alt_source="ocr", alt_quality=ocr_quality, confidence=rec.confidence)
        layer.blackouts = blackouts
        return layer
    fields: dict[str, Any] = {"source": "ocr", "quality": ocr_quality, "confidence": rec.confidence, "scan": scan}
    if layer.text.strip():
        fields.update(alt_text=layer.text, alt_source="layer", alt_quality=layer_quality)
    return PageRead(rec.text, ocr_boxes, fields, blackouts)


def _recognise(page: PageImage, opts: OcrOptions, started: float) -> tuple[engine.Recognised, int]:
    """Recognise a page; when it reads poorly, ask OSD and read it again turned upright."""

    def left() -> float:
        remaining = opts.page_seconds - (time.monotonic() - started)
        if remaining <= 0:
            raise engine.OcrFailed(f"OCR timed out after {opts.page_seconds:g} s")
        return remaining

    rec = engine.recognise(page.image, lang=opts.lang, dpi=page.dpi, timeout=left())
    if rec.words >= OSD_MIN_WORDS and (rec.confidence or 0) >= OSD_BELOW_CONFIDENCE:
        return rec, 0
    rotate, confidence = engine.orientation(page.image, timeout=left())
    if rotate == 0 or confidence < OSD_MIN_CONFIDENCE:
        return rec, 0
    upright = page.image.rotate(-rotate, expand=True, fillcolor=255)  # PIL turns counter-clockwise
    turned = engine.recognise(upright, lang=opts.lang, dpi=page.dpi, timeout=left())
    if (turned.confidence or 0) * turned.words > (rec.confidence or 0) * rec.words:
        return turned, rotate
    return rec, 0


def _scale(box: list[int], size: tuple[int, int]) -> list[int]:
    width, height = size
    x0, y0, x1, y1 = box
    return [x0 * SCALE // width, y0 * SCALE // height, x1 * SCALE // width, y1 * SCALE // height]


def _scaled_boxes(boxes: list[tuple[int, int, int, int]], size: tuple[int, int]) -> list[list[int]]:
    return [_scale(list(b), size) for b in boxes]


def upright(image: Image.Image, rotation: int) -> Image.Image:
    """The page image turned the way its OCR read it (``Page.scan["rotation"]`` degrees clockwise)."""
    return image.rotate(-rotation, expand=True, fillcolor=255) if rotation else image
