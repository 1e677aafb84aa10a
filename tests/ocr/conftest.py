"""Shared fixtures of the OCR tests: generated typewriter pages, OCR'd once per module."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from benchmarks.typewriter import page_lines, render_page
from declass.pipeline.ocr import engine

needs_tesseract = pytest.mark.skipif(engine.version() is None, reason="Tesseract is not installed")


def png_bytes(image: Image.Image, fmt: str = "PNG", **kw: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, dpi=(300, 300), **kw)
    return out.getvalue()


@pytest.fixture(scope="session")
def typed() -> tuple[list[str], Image.Image]:
    """Six lines of a memorandum typed on a noisy page, and the page image."""
    lines = page_lines(0, 6)
    return lines, render_page(lines, seed=0)


@pytest.fixture(scope="session")
def redacted() -> tuple[list[str], Image.Image]:
    """A typed page with two names blacked out by solid rectangles (like a censor's marker)."""
    lines = page_lines(2, 5)
    image = render_page(lines, seed=2)
    draw = ImageDraw.Draw(image)
    draw.rectangle((700, 300, 1400, 350), fill=0)
    draw.rectangle((300, 460, 900, 510), fill=8)
    return lines, image
