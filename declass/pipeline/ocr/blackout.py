"""Redactions on the scan: solid blacked-out rectangles found on a page image.

A censor's marker or tape leaves a filled dark rectangle much larger than any letter; type, even
bold capitals, never fills a block of that size. The page is reduced to about 50 dpi (a block
mean), cells darker than :data:`DARK` are marked, and marked cells are grown row by row into
rectangles (runs of marked cells in a row that overlap a run in the row above extend it). A
rectangle is kept when it is at least :data:`MIN_WIDTH_IN` by :data:`MIN_HEIGHT_IN` inches and
almost all of it is dark, so a photograph, a dark table rule or a letterhead band is not taken
for a redaction.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

DARK = 70  # mean grey of a cell (0 black, 255 white) under which it counts as blacked out
CELL_DPI = 50
MIN_WIDTH_IN = 0.3
MIN_HEIGHT_IN = 0.1
MIN_FILL = 0.85
MAX_PAGE_SHARE = 0.5  # a "redaction" over half the page is a dark scan or a photograph


def find_blackouts(image: Image.Image, dpi: int) -> list[tuple[int, int, int, int]]:
    """Solid dark rectangles on a grey page image, as (x0, y0, x1, y1) in the image's pixels."""
    factor = max(1, round(dpi / CELL_DPI))
    cells = np.asarray(image.reduce(factor) if factor > 1 else image, dtype=np.uint8)
    dark = cells < DARK
    rects = _grow(dark)
    min_w, min_h = MIN_WIDTH_IN * CELL_DPI, MIN_HEIGHT_IN * CELL_DPI
    out: list[tuple[int, int, int, int]] = []
    page_cells = dark.shape[0] * dark.shape[1]
    for x0, y0, x1, y1 in rects:
        w, h = x1 - x0, y1 - y0
        if w < min_w or h < min_h or w * h > MAX_PAGE_SHARE * page_cells:
            continue
        if dark[y0:y1, x0:x1].mean() < MIN_FILL:
            continue
        out.append((x0 * factor, y0 * factor, min(x1 * factor, image.width), min(y1 * factor, image.height)))
    return out


def _grow(dark: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Rectangles (x0, y0, x1, y1) in cells, grown from the dark runs of consecutive rows."""
    open_rects: list[list[int]] = []  # [x0, y0, x1, y1] still growing
    done: list[tuple[int, int, int, int]] = []
    for y, row in enumerate(dark):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.view(np.int8), [0]))))
        runs = list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
        still: list[list[int]] = []
        used = [False] * len(runs)
        for rect in open_rects:
            hit = [i for i, (a, b) in enumerate(runs) if a < rect[2] and b > rect[0]]
            if not hit:
                done.append((rect[0], rect[1], rect[2], rect[3]))
                continue
            for i in hit:
                used[i] = True
            rect[0] = min(rect[0], min(runs[i][0] for i in hit))
            rect[2] = max(rect[2], max(runs[i][1] for i in hit))
            rect[3] = y + 1
            still.append(rect)
        for i, (a, b) in enumerate(runs):
            if not used[i]:
                still.append([a, y, b, y + 1])
        open_rects = _merge(still)
    done.extend((r[0], r[1], r[2], r[3]) for r in open_rects)
    return done


def _merge(rects: list[list[int]]) -> list[list[int]]:
    """Join growing rectangles that now overlap horizontally (two runs met under one bar)."""
    rects.sort(key=lambda r: r[0])
    merged: list[list[int]] = []
    for rect in rects:
        if merged and rect[0] < merged[-1][2] and rect[3] == merged[-1][3]:
            last = merged[-1]
            last[1], last[2] = min(last[1], rect[1]), max(last[2], rect[2])
        else:
            merged.append(rect)
    return merged
