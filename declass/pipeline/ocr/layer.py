"""Word boxes of a PDF text layer, from pdfium's text rectangles, aligned to the page's read text.

pdfium numbers the characters of a text page; ``get_text_range`` returns them one string
character per index. Words (runs of non-space) are taken from that raw text, their rectangles
asked of pdfium once per word (``count_rects``/``get_rect``, far cheaper than one call per
character), and each word is then found, in order, in the page text as ``read`` normalised it
(line ends, soft hyphens), which gives its offsets. A word not found (the text layer and its
characters disagree) is left without a box rather than given a wrong one.
"""

from __future__ import annotations

import re
from typing import Any

_RUN = re.compile(r"\S+")
_SOFT = re.compile("[\x02\u00ad]")
SCALE = 10_000  # boxes are stored in 1/10000 of the page's width and height


def layer_boxes(textpage: Any, page_text: str, width_pt: float, height_pt: float) -> list[list[int]]:
    """[start, end, x0, y0, x1, y1] per word: offsets into ``page_text``, box in 1/10000 of the page.

    Coordinates are turned from PDF space (origin bottom left) to image space (origin top left).
    """
    count = textpage.count_chars()
    if count <= 0 or width_pt <= 0 or height_pt <= 0:
        return []
    raw = textpage.get_text_range(0, count)
    if len(raw) != count:  # characters and indices disagree: no reliable boxes
        return []
    boxes: list[list[int]] = []
    cursor = 0
    for match in _RUN.finditer(raw):
        word = _SOFT.sub("", match.group())
        if not word:
            continue
        at = page_text.find(word, cursor)
        if at < 0 or at - cursor > 200:
            continue
        cursor = at + len(word)
        rect = _union(textpage, match.start(), match.end() - match.start())
        if rect is None:
            continue
        left, bottom, right, top = rect
        boxes.append(
            [
                at,
                at + len(word),
                _scaled(left, width_pt),
                _scaled(height_pt - top, height_pt),
                _scaled(right, width_pt),
                _scaled(height_pt - bottom, height_pt),
            ]
        )
    return boxes


def _union(textpage: Any, index: int, count: int) -> tuple[float, float, float, float] | None:
    n = textpage.count_rects(index, count)
    if n <= 0:
        return None
    rects = [textpage.get_rect(i) for i in range(n)]
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def _scaled(value: float, size: float) -> int:
    return max(0, min(SCALE, round(value / size * SCALE)))
