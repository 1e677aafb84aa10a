"""Long documents: extraction over bounded windows of the clean text.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters), and its memory grows with the
text it parses. A document whose clean text is longer than :data:`MAX_WINDOW_CHARS` is parsed as
consecutive windows, cut at the last page or paragraph end that fits, else at the last sentence
end, else (one "sentence" longer than a window: a table, a run-on OCR line) at the last space, so
no sentence that ends within a window's length is ever split. Each window is a :class:`Document`
that shares the original ``text`` and carries the window's slice of ``clean_text`` with a shifted
``clean_map``, so every offset the extractors compute through ``to_original`` is an offset into the
whole document, and mention and claim ids are the ones an unsplit parse would give.

Documents up to the limit are parsed whole, exactly as before.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace

from declass.model import Claim, Document, Mention, Paragraph, Relation, Segment, make_id
from declass.types import wordlists
from declass.types.dates import MONTHS

MAX_WINDOW_CHARS = 100_000
# Search the last part of a window for a cut, so a window is never much shorter than the limit.
_MIN_FILL = 0.5
_SENTENCE_END = re.compile(r"(\w*)[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
# A period after these (or after one capital letter, an initial) does not end a sentence.
ABBREVIATIONS = (
    frozenset(t for t in wordlists.titles(lower=True, names=False, places=True) if len(t) <= 4)  # mr, gen, lt, st
    | frozenset(m for m, n in MONTHS.items() if len(m) < len(calendar.month_name[n]))  # jan, sept, febr
    | frozenset("no nr jr sr vs etc inc corp co ltd dept art sec para ref fig vol op cf".split())
)
_SPACE = re.compile(r"\s+")


def cut_points(doc: Document, limit: int = MAX_WINDOW_CHARS) -> list[int]:
    """Clean-text offsets where windows end (the last is ``len(clean_text)``)."""
    text = doc.clean_text
    ends = sorted({p.clean_end for p in doc.paragraphs} | {m.end() for m in re.finditer("\f", text)})
    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        hard = start + limit
        floor = start + int(limit * _MIN_FILL)
        cut = _last(ends, floor, hard)
        if cut is None:
            cut = _last_sentence_end(text, floor, hard)
        if cut is None:
            cut = _last_match(_SPACE, text, floor, hard)
        cut = cut or hard
        cuts.append(cut)
        start = cut
    cuts.append(len(text))
    return cuts


def _last(sorted_offsets: list[int], low: int, high: int) -> int | None:
    """The largest offset in ``(low, high]``, by bisection."""
    i = bisect.bisect_right(sorted_offsets, high) - 1
    return sorted_offsets[i] if i >= 0 and sorted_offsets[i] > low else None


def _last_sentence_end(text: str, low: int, high: int) -> int | None:
    """The offset after the last sentence end in ``text[low:high]`` (abbreviations and initials skipped)."""
    last = None
    for m in _SENTENCE_END.finditer(text, low, high):
        word = m.group(1)
        if text[m.end(1)] == "." and (word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            continue
        last = m.end()
    return last if last is not None and last > low else None


def _last_match(pattern: re.Pattern[str], text: str, low: int, high: int) -> int | None:
    last = None
    for m in pattern.finditer(text, low, high):
        last = m.end()
    return last if last is not None and last > low else None


def windows(doc: Document, limit: int = MAX_WINDOW_CHARS) -> Iterator[Document]:
    """The document itself when short enough, else its windows in order (made one at a time)."""
    if len(doc.clean_text) <= limit:
        yield doc
        return
    start = 0
    for end in cut_points(doc, limit):
        yield window(doc, start, end)
        start = end


def window(doc: Document, cs: int, ce: int) -> Document:
    """The part of ``doc`` whose clean text is ``clean_text[cs:ce]``, offsets into the whole text kept."""
    segments = doc.clean_map or [Segment(0, 0, len(doc.clean_text))]
    shifted = []
    for seg in segments:
        lo, hi = max(seg.clean, cs), min(seg.clean + seg.length, ce)
        if lo < hi:
            shifted.append(Segment(lo - cs, seg.orig + (lo - seg.clean), hi - lo))
    if not shifted:
        shifted = [Segment(0, doc.to_original(cs), 0)]
    # Shares text, pages, boilerplate and metadata with the document; the rest is the window's own.
    part = replace(
        doc,
        clean_text=doc.clean_text[cs:ce],
        clean_map=shifted,
        paragraphs=[],
        redactions=[],
        mentions=[],
        relations=[],
        claims=[],
    )
    part.warnings = []
    o0, o1 = doc.to_original(cs), doc.to_original(ce)
    part.redactions = [r for r in doc.redactions if o0 <= r.start < o1]
    for p in doc.paragraphs:
        if p.clean_end > cs and p.clean_start < ce:
            part.paragraphs.append(_shift_paragraph(p, cs, ce))
    return part


def _shift_paragraph(p: Paragraph, cs: int, ce: int) -> Paragraph:
    return replace(p, clean_start=max(p.clean_start, cs) - cs, clean_end=min(p.clean_end, ce) - cs)


NAME_LABELS = ("PERSON", "ORG", "LOC")


Votes = dict[str, Counter[str]]


def harmonise_labels(doc_id: str, mentions: list[Mention]) -> tuple[list[Mention], dict[str, str]]:
    """One label per printed name across the windows of a document.

    Within one parse the model sees a surname next to the full name it belongs to; a window cut
    between them leaves "Tretyakov" alone, and the model may call it a place. Across the whole
    document, a name's label is the one most of its mentions have, where a single word that ends
    a multi-word PERSON mention ("Vladimir ... Tretyakov") votes PERSON. Ids follow the label:
    returns the mentions and the map of changed ids (old -> new) for relations and claims.

    The same in two passes with bounded memory: :func:`count_votes` over every window's mentions
    (the votes are per distinct name, not per mention), then :func:`relabel` window by window."""
    votes: Votes = defaultdict(Counter)
    count_votes(votes, mentions)
    return relabel(doc_id, mentions, votes)


def count_votes(votes: Votes, mentions: list[Mention]) -> None:
    """Add the label votes of some mentions (one window's) to ``votes``: printed name -> label counts."""
    for m in mentions:
        if m.label in NAME_LABELS:
            votes[m.text][m.label] += 1
            words = m.text.split()
            if m.label == "PERSON" and len(words) > 1:
                votes[words[-1]]["PERSON"] += 2


def relabel(doc_id: str, mentions: list[Mention], votes: Votes) -> tuple[list[Mention], dict[str, str]]:
    """The mentions with each name's majority label from the whole document's ``votes``, and the changed ids."""
    out = []
    renamed: dict[str, str] = {}
    for m in mentions:
        counts = votes.get(m.text)
        if m.label in NAME_LABELS and counts:
            label = counts.most_common(1)[0][0]
            if label != m.label:
                new = replace(m, label=label, id=make_id(doc_id, m.start, m.end, label))
                renamed[m.id] = new.id
                m = new
        out.append(m)
    return out, renamed


def follow_renames(renamed: dict[str, str], relations: list[Relation], claims: list[Claim]) -> tuple[list[Relation], list[Claim]]:
    """Relations and claims pointing at the new ids of relabelled mentions (they refer to mentions by id)."""
    if not renamed:
        return relations, claims
    relations = [
        replace(r, source=renamed.get(r.source, r.source), target=renamed.get(r.target or "", r.target)) for r in relations
    ]
    claims = [
        replace(
            c,
            subject=renamed.get(c.subject, c.subject),
            object=renamed.get(c.object or "", c.object),
            place=renamed.get(c.place or "", c.place),
        )
        for c in claims
    ]
    return relations, claims
