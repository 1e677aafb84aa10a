"""Which documents a dossier shows first and which passages it quotes from them.

A question put to the trace is usually about a record where the name is central: named there many
times, from its first page (the subject line, the opening paragraph). The documents shown are
therefore ranked by the entity's mentions in each, then by the page of the first one
(:func:`rank_documents`), and the passage budget (:data:`MAX_PASSAGES`) is spent in that order:
before, documents came in the order of their ids (sha256 hashes), so the budget of a large entity
went to arbitrary records and a memo about the person could get no passage at all.

Passages: the sentences naming the entity, at most so many per document and in all; a sentence
shorter than :data:`PASSAGE_MIN_CHARS` is quoted with its neighbours (OCR cuts sentences at "Mr."
and stray stops, and what is said of a name is often in the next sentence), up to
:data:`PASSAGE_CHARS`. The budget is spread over the documents shown: an entity named in few
documents gets more of each (a memo that names Angleton 28 times says what he is in the 25th
sentence), never fewer than :data:`PASSAGES_PER_DOCUMENT`. A document that names the entity at
most :data:`FEW_MENTIONS` times is quoted further on (:data:`SOLE_PASSAGE_CHARS`): what it says
of the name follows it, by pronoun ("He replaced ...").
"""

from __future__ import annotations

from collections import Counter

from declass.model import Citation, Mention

PASSAGES_PER_DOCUMENT = 8
MAX_PASSAGES = 150
PASSAGE_CHARS = 400
PASSAGE_MIN_CHARS = 250
SOLE_PASSAGE_CHARS = 800
SOLE_PASSAGE_MIN_CHARS = 600
# A document naming the entity at most this many times is quoted further (:func:`quoted_further`):
# as many passages of SOLE_PASSAGE_CHARS as fit in a document's share of the usual budget
# (PASSAGES_PER_DOCUMENT of PASSAGE_CHARS: 8 x 400 = 4 x 800 characters).
FEW_MENTIONS = PASSAGES_PER_DOCUMENT * PASSAGE_CHARS // SOLE_PASSAGE_CHARS


def rank_documents(doc_ids: list[str], own: list[Mention]) -> list[str]:
    """``doc_ids`` with the documents where the entity is central first: most of its mentions
    (``own``), then the earliest page naming it, then the id (a stable order)."""
    counts = Counter(m.doc_id for m in own)
    first: dict[str, int] = {}
    for m in own:
        first[m.doc_id] = min(first.get(m.doc_id, m.page), m.page)
    return sorted(doc_ids, key=lambda d: (-counts.get(d, 0), first.get(d, 1 << 30), d))


def quoted_further(mentions: list[Mention], own: Counter[str]) -> set[str]:
    """Ids of the passage mentions quoted further (:data:`SOLE_PASSAGE_CHARS`): those of a
    document that names the entity at most :data:`FEW_MENTIONS` times (``own``: its mentions per
    document, printed forms not counted). What a record says of a name it gives a few times
    follows the name ("Mr. Alpern ... recommends two companies", the companies in the next
    paragraph; "AELADLE ... TRIED TO RECALL THE NAME", the name guessed in the next sentence),
    and such a document's share of the budget pays for longer passages."""
    return {m.id for m in mentions if own.get(m.doc_id, 0) <= FEW_MENTIONS}


def passage_mentions(
    mentions: list[Mention], about: set[str], per_document: int = PASSAGES_PER_DOCUMENT, order: list[str] | None = None
) -> list[Mention]:
    """The entity's mentions to quote: the first in each sentence (or paragraph), documents in
    ``order`` (:func:`rank_documents`; else by id); twice ``per_document`` per document, since
    widened passages overlap and :func:`distinct_passages` keeps one of those."""
    rank = {d: k for k, d in enumerate(order or [])}
    seen: set[tuple[str, int | None, int | None]] = set()
    per_doc: Counter[str] = Counter()
    out: list[Mention] = []
    for m in sorted((m for m in mentions if m.id in about), key=lambda m: (rank.get(m.doc_id, len(rank)), m.doc_id, m.start)):
        # Without sentence numbers (OCR text), every mention is a candidate: overlaps go later.
        where = (m.doc_id, m.paragraph, m.sentence if m.sentence is not None else -m.start)
        if where in seen or per_doc[m.doc_id] >= 2 * per_document:
            continue
        seen.add(where)
        per_doc[m.doc_id] += 1
        out.append(m)
        if len(out) >= 2 * MAX_PASSAGES:
            break
    return out


def distinct_passages(quotes: list[Citation], per_document: int = PASSAGES_PER_DOCUMENT) -> list[Citation]:
    """The passages to show: one of any that overlap (a later one is dropped), at most
    ``per_document`` per document and :data:`MAX_PASSAGES` in all."""
    kept: list[Citation] = []
    per_doc: Counter[str] = Counter()
    for c in quotes:
        if per_doc[c.doc_id] >= per_document:
            continue
        if any(k.doc_id == c.doc_id and k.start < c.end and c.start < k.end for k in kept[-per_document:]):
            continue
        kept.append(c)
        per_doc[c.doc_id] += 1
        if len(kept) >= MAX_PASSAGES:
            break
    return kept


# In text typed in capitals (cables, telegrams), OCR reads commas and colons as stops ("PRESIDENT
# JORO. GOULART", "MEXICAN OFFICIAL IN MEXICO. CITY FRONT FOR AMBANG-1"): a passage there keeps at
# least this many characters before the mention, whatever stop lies between.
CAPITALS_CONTEXT = 120
CAPITALS_SHARE = 0.7  # the share of upper-case letters that makes a text one in capitals


def in_capitals(text: str) -> bool:
    """Whether a text is typed in capitals (:data:`CAPITALS_SHARE` of its letters or more)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) >= CAPITALS_SHARE * len(letters)


def capitals_context(text: str, s: int, e: int, ms: int, me: int, max_chars: int, floor: int) -> tuple[int, int]:
    """The passage ``text[s:e]`` of a mention at ``ms:me``, started earlier in capitals text when
    it has less than :data:`CAPITALS_CONTEXT` characters before the mention: at a sentence start
    in reach, else at a word; its end is then cut to stay within ``max_chars``."""
    if ms - s >= CAPITALS_CONTEXT or s <= floor or not in_capitals(text[s:e]):
        return s, e
    want = max(ms - CAPITALS_CONTEXT, floor)
    stop = text.rfind(". ", floor, want + 1)  # the sentence the context begins in
    if stop >= 0 and ms - (stop + 2) <= max_chars // 2:
        start = stop + 2
    else:
        space = text.rfind(" ", floor, want + 1)  # at the word the context begins in
        start = space + 1 if space >= 0 else floor
    if start >= s:
        return s, e
    if e - start > max_chars:
        cut = text.rfind(" ", me, start + max_chars)
        e = max(cut if cut > me else start + max_chars, me)
    return start, e
