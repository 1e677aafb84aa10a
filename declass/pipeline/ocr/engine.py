"""Tesseract 5 through pytesseract: one page image -> its words, boxes, confidences and text.

The binding was chosen by measurement (docs/ocr.md): pytesseract runs Debian's ``tesseract``
binary once per page, so the engine is exactly the packaged Tesseract 5.3, a page that hangs is
ended by killing its process (the per-page time limit), and a crash in Tesseract or Leptonica
costs that page, not the worker. Its overhead against the bare command is writing the page to a
temporary PGM file and parsing the TSV output.

``OMP_THREAD_LIMIT=1`` is set for every call: one Tesseract thread per worker, so that the
workers do not fight over the cores.

Invariant: :class:`Recognised` ``text`` is built here from the TSV words (words joined by a space,
lines by a newline, paragraphs by a blank line) and every word box carries the offsets of its word
in that text.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from declass.pipeline.ocr.images import PageImageError

LANG = "eng"
INSTALL_HINT = "install Tesseract 5: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd"


class OcrFailed(PageImageError):
    """Tesseract could not read one page (timed out, crashed, or is missing); ``reason`` says which."""


@dataclass(slots=True)
class Recognised:
    """What Tesseract read on one page image."""

    text: str
    # [start, end, x0, y0, x1, y1]: offsets into ``text``, box in pixels of the image given
    boxes: list[list[int]] = field(default_factory=list)
    confidence: float | None = None  # mean word confidence, 0-100
    words: int = 0


@functools.cache
def version() -> str | None:
    """The installed Tesseract version ("5.3.0"), or None when the binary is missing."""
    if shutil.which("tesseract") is None:
        return None
    import pytesseract

    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError):
        return None


def recognise(image: Image.Image, *, lang: str = LANG, dpi: int = 300, timeout: float = 0) -> Recognised:
    """OCR one page image (page segmentation 3: automatic, no OSD). Raises :class:`OcrFailed`."""
    data = _run(image, "data", lang=lang, config=f"--psm 3 --dpi {dpi}", timeout=timeout)
    return _from_tsv(data)


def orientation(image: Image.Image, *, timeout: float = 0) -> tuple[int, float]:
    """Tesseract's OSD for a page: (degrees to rotate clockwise to make it upright, confidence).

    Run on a half-size copy: orientation needs no fine detail, and OSD costs about as much as
    a full recognition at full size.
    """
    small = image.reduce(2) if min(image.size) > 1200 else image
    try:
        out = _run(small, "osd", lang="osd", config="--psm 0", timeout=timeout)
    except OcrFailed:  # too little text to decide: leave the page as it is
        return 0, 0.0
    values = dict(line.split(":", 1) for line in str(out).splitlines() if ":" in line)
    try:
        return int(values.get("Rotate", "0").strip()), float(values.get("Orientation confidence", "0").strip())
    except ValueError:
        return 0, 0.0


def _run(image: Image.Image, what: str, *, lang: str, config: str, timeout: float) -> Any:
    import pytesseract

    if version() is None:
        raise OcrFailed(f"Tesseract is not installed ({INSTALL_HINT})")
    os.environ["OMP_THREAD_LIMIT"] = "1"  # pytesseract passes os.environ to the subprocess
    with tempfile.TemporaryDirectory(prefix="declass-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        image.convert("L").save(path)  # uncompressed: no PNG encoding cost per page
        try:
            if what == "osd":
                return pytesseract.image_to_osd(path, lang=lang, config=config, timeout=timeout)
            return pytesseract.image_to_data(path, lang=lang, config=config, timeout=timeout, output_type=pytesseract.Output.DICT)
        except RuntimeError as exc:  # TesseractError subclasses it; a timeout raises it bare
            if "timeout" in str(exc).lower():
                raise OcrFailed(f"OCR timed out after {timeout:g} s") from exc
            raise OcrFailed(f"Tesseract failed: {str(exc).strip()[:200]}") from exc


def _from_tsv(data: dict[str, list[Any]]) -> Recognised:
    parts: list[str] = []
    boxes: list[list[int]] = []
    confidences: list[float] = []
    offset = 0
    last_line: tuple[int, int, int] | None = None
    for i, word in enumerate(data["text"]):
        word = str(word).strip()
        if not word:
            continue
        line = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if last_line is not None:
            sep = " " if line == last_line else ("\n" if line[:2] == last_line[:2] else "\n\n")
            parts.append(sep)
            offset += len(sep)
        last_line = line
        left, top = int(data["left"][i]), int(data["top"][i])
        boxes.append([offset, offset + len(word), left, top, left + int(data["width"][i]), top + int(data["height"][i])])
        conf = float(data["conf"][i])
        if conf >= 0:
            confidences.append(conf)
        parts.append(word)
        offset += len(word)
    confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    return Recognised(text="".join(parts), boxes=boxes, confidence=confidence, words=len(boxes))
