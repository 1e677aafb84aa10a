"""Page images: image files (TIFF with many frames, PNG, JPEG) and PDF pages rendered one at a time.

Memory stays bounded by one page: a TIFF's frames are decoded one by one and a PDF page is
rendered only when it is OCR'd, at the resolution of the scan it carries (the JFK files are 300
dpi), then dropped.

Pillow's decompression-bomb limit is set here deliberately (:data:`MAX_PIXELS`, 150 megapixels:
an A0 sheet at 300 dpi is 140) rather than left at its default of 89 megapixels, and a page over
it is refused with its size instead of being decoded; Pillow itself refuses twice that, even
before decoding.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageSequence, UnidentifiedImageError

MAX_PIXELS = 150_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
DEFAULT_DPI = 300
MAX_DPI = 600
# A page is blank when almost no pixel is dark: < 0.05 % below mid-grey (dust and scanner edges).
BLANK_DARK_SHARE = 0.0005


class PageImageError(Exception):
    """One page image cannot be read; ``reason`` is a one-line explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class PageImage:
    """A decoded grey page image and the resolution it was scanned or rendered at."""

    image: Image.Image
    dpi: int


def image_pages(data: bytes) -> Iterator[PageImage | PageImageError]:
    """Every frame of an image file, in order; a frame that cannot be decoded yields its error.

    Raises :class:`PageImageError` when the file itself cannot be opened or has no frame.
    """
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise PageImageError(f"image too large to decode safely ({exc})") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise PageImageError(f"corrupt or unreadable image ({exc})") from exc
    frames = 0
    try:
        for frame in ImageSequence.Iterator(image):
            frames += 1
            yield _frame(frame)
    except (OSError, ValueError, EOFError) as exc:  # a truncated frame ends the sequence
        if frames == 0:
            raise PageImageError(f"corrupt or unreadable image ({exc})") from exc
        yield PageImageError(f"frame {frames + 1} unreadable ({exc})")
    if frames == 0:
        raise PageImageError("image file has no pages (zero frames)")


def _frame(frame: Image.Image) -> PageImage | PageImageError:
    width, height = frame.size
    if width * height > MAX_PIXELS:
        return PageImageError(f"page of {width}x{height} pixels is over the {MAX_PIXELS // 1_000_000} megapixel limit")
    if width == 0 or height == 0:
        return PageImageError("page of zero size")
    dpi = frame.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0]
    try:
        grey = frame.convert("L")
    except (OSError, ValueError) as exc:
        return PageImageError(f"page unreadable ({exc})")
    return PageImage(grey, int(round(float(dpi))) if dpi and 50 <= float(dpi) <= MAX_DPI else DEFAULT_DPI)


def scan_dpi(page: object) -> int:
    """The resolution of the largest image on a PDF page (its scan), else :data:`DEFAULT_DPI`."""
    import pypdfium2 as pdfium

    width_pt = page.get_width()  # type: ignore[attr-defined]
    best = 0
    try:
        for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):  # type: ignore[attr-defined]
            px_width = obj.get_px_size()[0]
            best = max(best, px_width)
    except pdfium.PdfiumError:
        return DEFAULT_DPI
    if not best or not width_pt:
        return DEFAULT_DPI
    dpi = round(best / (width_pt / 72) / 25) * 25  # 299.97 -> 300
    return int(min(max(dpi, 100), MAX_DPI))


def render_pdf_page(page: object) -> PageImage:
    """Render one PDF page in grey at its scan's dpi, lowered if the page would pass MAX_PIXELS."""
    dpi = scan_dpi(page)
    width_pt, height_pt = page.get_size()  # type: ignore[attr-defined]
    while dpi > 72 and (width_pt * dpi / 72) * (height_pt * dpi / 72) > MAX_PIXELS:
        dpi -= 50
    bitmap = page.render(scale=dpi / 72, grayscale=True)  # type: ignore[attr-defined]
    image = bitmap.to_pil().convert("L")
    bitmap.close()
    return PageImage(image, dpi)


def is_blank(image: Image.Image) -> bool:
    """Whether a page image carries no marks: almost no pixel darker than mid-grey."""
    histogram = image.histogram()  # full resolution: averaging would wash out thin strokes
    return sum(histogram[:128]) <= BLANK_DARK_SHARE * image.width * image.height
