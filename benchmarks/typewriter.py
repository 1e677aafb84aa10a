"""Generate noisy typewriter-like page images from known text, for OCR tests and measurements.

A page is typed in a monospaced face at 300 dpi with per-character ink and baseline jitter, then
damaged the way old carbon copies and their scans are: blur, skew, speckle, grey noise. The text
that was typed is the ground truth of the page, so character and word error rates (CER, WER) of
any OCR can be measured against it (:func:`error_rates`). Deterministic for a given seed.

    python benchmarks/typewriter.py OUT_DIR [--pages 10]   # writes page-NN.png and page-NN.txt
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "/usr/share/fonts/truetype/freefont/FreeMono.ttf")
DPI = 300

LINES = [
    "MEMORANDUM FOR THE RECORD",
    "SUBJECT: Meeting with Vladimir Tretyakov in Caracas",
    "1. On 14 March 1963 the Station officer met the source at",
    "the usual place. The source reported that Ivan Makayev of",
    "the Soviet Embassy had asked him about the travel of three",
    "Cuban officials to Mexico City in the first week of April.",
    "2. The source is believed to be reliable. He was paid 300",
    "dollars for his expenses and will be contacted again soon.",
    "3. Headquarters is requested to trace the names listed in",
    "paragraph one and to advise the Station of any record.",
    "THIS IS UNEVALUATED INFORMATION. SECRET. NO FOREIGN DISSEM.",
    "The National Labor Union (NTS) in Frankfurt received funds",
    "from an unknown donor through a bank in Zurich in 1951.",
]


@dataclass(frozen=True, slots=True)
class Noise:
    """How badly a page is damaged: blur radius (px), skew (degrees), speckles per page, grey noise."""

    blur: float = 0.8
    skew: float = 0.6
    speckle: int = 800
    grain: float = 18.0
    ink: float = 0.35  # per-character ink variation (0 even, 1 some characters almost missing)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A monospaced face of ``size`` pixels: DejaVu Sans Mono where installed, else Pillow's own."""
    for path in FONT_PATHS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def render_page(
    lines: list[str], *, seed: int = 0, noise: Noise = Noise(), width_in: float = 8.5, height_in: float | None = None
) -> Image.Image:
    """A grey page image (300 dpi) with ``lines`` typed on it and damaged by ``noise``."""
    rng = random.Random(seed)
    size = 40  # ~10-pitch pica at 300 dpi
    line_height = 75
    width = int(width_in * DPI)
    height = int(height_in * DPI) if height_in else 2 * 240 + len(lines) * line_height
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    face = font(size)
    advance = int(face.getlength("M")) if hasattr(face, "getlength") else size * 3 // 5
    for row, line in enumerate(lines):
        y = 240 + row * line_height
        for col, ch in enumerate(line):
            if ch == " ":
                continue
            ink = int(255 * noise.ink * rng.random() ** 2)
            draw.text((240 + col * advance, y + rng.randint(-2, 2)), ch, fill=ink, font=face)
    if noise.skew:
        page = page.rotate(rng.uniform(-noise.skew, noise.skew), resample=Image.Resampling.BICUBIC, fillcolor=255)
    if noise.blur:
        page = page.filter(ImageFilter.GaussianBlur(noise.blur))
    pixels = np.asarray(page, dtype=np.float32)
    nprng = np.random.default_rng(seed)
    if noise.grain:
        pixels = pixels + nprng.normal(0, noise.grain, pixels.shape)
    if noise.speckle:
        ys = nprng.integers(0, pixels.shape[0], noise.speckle)
        xs = nprng.integers(0, pixels.shape[1], noise.speckle)
        pixels[ys, xs] = 0
        pixels[np.clip(ys + 1, 0, pixels.shape[0] - 1), xs] = 0
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def page_lines(seed: int, count: int = 8) -> list[str]:
    """``count`` lines of the sample memorandum, starting at a line chosen by ``seed``."""
    start = seed % len(LINES)
    return [LINES[(start + i) % len(LINES)] for i in range(count)]


def error_rates(truth: str, ocr: str) -> tuple[float, float]:
    """(CER, WER): edit distance over characters and over words, divided by the truth's length.

    Whitespace is normalised first (line breaks and runs of spaces are one space): the generator
    types lines, OCR joins them its own way, and that is not an error of reading.
    """
    t, o = " ".join(truth.split()), " ".join(ocr.split())
    cer = Levenshtein.distance(t, o) / max(len(t), 1)
    tw, ow = t.split(), o.split()
    wer = Levenshtein.distance(tw, ow) / max(len(tw), 1)
    return round(cer, 4), round(wer, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.pages):
        lines = page_lines(i, 10)
        render_page(lines, seed=i).save(args.out / f"page-{i:02d}.png", dpi=(DPI, DPI))
        (args.out / f"page-{i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.pages} pages in {args.out}")


if __name__ == "__main__":
    main()
