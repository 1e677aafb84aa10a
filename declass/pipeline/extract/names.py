"""Person names as printed -> the span to keep and the clean form (``Mention.norm``).

OCR of typed records puts debris into names: a mark or a number between given name and surname
("Fidel ». Castro", "Guy 003620 Vitale"), a stray letter ("Lee i. Harvey Oswald"), dates or numbers
after a name in a list ("Joseph Piccolo 10/65 - 12/67"). The mention keeps its offsets into the
original text (evidence is never rewritten); the edges are cut and ``norm`` holds the name without
the debris, whitespace normalised, a word split by a line-end hyphen joined. Pure.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\S+")
_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_STRAY = re.compile(r"^[a-z]\.?$")  # one lower-case letter: an initial only after another initial
_INITIAL = re.compile(r"^[A-Z]\.?$")


def _debris(tok: str) -> bool:
    return not _LETTER.search(tok)


def edges(text: str) -> tuple[int, int] | None:
    """The range of ``text`` without leading and trailing tokens that have no letters or are one
    stray lower-case letter ("Havana y." -> "Havana"); None when nothing is left."""
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    i, j = 0, len(toks)
    while i < j and (_debris(text[slice(*toks[i])]) or _STRAY.match(text[slice(*toks[i])])):
        i += 1
    while j > i and (_debris(text[slice(*toks[j - 1])]) or _STRAY.match(text[slice(*toks[j - 1])])):
        j -= 1
    if i >= j:
        return None
    return toks[i][0], toks[j - 1][1]


def clean_name(text: str) -> str:
    """The name in ``text`` without debris tokens, whitespace normalised ("Guy 003620 Vitale" ->
    "Guy Vitale"; "W. c. HERRON" -> "W. C. HERRON": a lower-case letter after an initial is one)."""
    words = text.split()
    out: list[str] = []
    for i, w in enumerate(words):
        if _debris(w):
            continue
        if _STRAY.match(w) and 0 < i < len(words) - 1:
            if out and _INITIAL.match(out[-1]):
                out.append(w.upper())
            continue
        if out and out[-1].endswith("-") and w[:1].islower():
            out[-1] = out[-1][:-1] + w  # "Rodri-" / "guez": a word split at the line end
            continue
        out.append(w)
    return " ".join(out)
