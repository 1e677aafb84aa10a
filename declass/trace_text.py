"""Text matches for the trace: the passages of records printing a name that no entity carries.

Extraction misses names ("Hiss (Helen POINDEXTERJof Staff C", "SCHEAFFER EMPLOYMENT THyS BEGAN 1
JAN" in a cable, "Nosenko" in a memo of a telephone call), and resolution will never reach them
either: a researcher tracing such a printed name used to get "no entity matches". The trace by
name now falls back to the store's full-text index (:meth:`declass.store.Store.search`, with its
OCR-variant expansion: "poindexter" also finds "poindexterjof") and shows the matching passages,
cited by document, page and paragraph, and clearly labelled as *text matches*, not an entity:
the dossier's entity is a placeholder of type :data:`TEXT_TYPE` named by the query, with no
mentions, claims or roles, and nothing is stored.

Cost, so that the fallback stays fast at a million documents: one search call for at most
:data:`TEXT_DOCUMENTS` documents, without facets; then the paragraph offsets of those documents and
one slice of text per document (the best paragraph the search found), each read once.
"""

from __future__ import annotations

import re

from declass.errors import DeclassError
from declass.model import Entity
from declass.records import Dossier, DossierCitation, DossierDocument
from declass.store import Store
from declass.store.results import SearchResults
from declass.trace_passages import CAPITALS_CONTEXT, capitals_context

# At most this many documents are cited for a name that no entity carries.
TEXT_DOCUMENTS = 10
# The quote around the first matching word: up to this many characters, starting at most
# TEXT_BEFORE characters before it (at a sentence start when there is one in that stretch).
TEXT_CHARS = 600
TEXT_BEFORE = 200
# A quote that would stop short of a later printing of the name runs on to this many characters.
TEXT_LONG_CHARS = 800
TEXT_TYPE = "TEXT"
# The search language's operators and field filters are not part of a name.
_OPERATORS = {"AND", "OR", "NOT"}
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


def search_words(name: str) -> list[str]:
    """The words of a traced name as plain search terms: letters and digits only, without the
    query language's operators ("OR" in capitals is an operator) or field filters ("date:1950")."""
    words = [w for w in _WORD.findall(name.replace(":", " : ")) if w.upper() not in _OPERATORS or not w.isupper()]
    return [w.lower() for w in words]


def text_placeholder(name: str) -> Entity:
    """The dossier's stand-in for a name without an entity: type :data:`TEXT_TYPE`, no id."""
    return Entity(id="", type=TEXT_TYPE, name=" ".join(name.split()), attrs={"text_match": True})


def is_text_match(entity: Entity) -> bool:
    """Whether a dossier's entity is the placeholder of a text-match trace."""
    return bool(entity.attrs.get("text_match"))


def search_name(store: Store, name: str, limit: int = TEXT_DOCUMENTS) -> SearchResults | None:
    """The one full-text search of the fallback: every word of the name (OCR variants expanded),
    best documents first; None when the name has no searchable word or the search refuses it."""
    words = search_words(name)
    if not words:
        return None
    try:
        return store.search(" ".join(words), fuzzy=True, facets=False, limit=limit)
    except DeclassError:
        return None  # a name the search cannot take (too many words): no text matches


def text_matches(
    store: Store, name: str, limit: int = TEXT_DOCUMENTS, found: SearchResults | None = None
) -> tuple[list[DossierCitation], list[DossierDocument]]:
    """Cited passages (one per document, from the paragraph the search ranked best) and the
    documents of up to ``limit`` records printing ``name``, best first (of the search ``found``
    when given, else of :func:`search_name`)."""
    found = found if found is not None else search_name(store, name, limit)
    hits = [h for h in found.results if h.idx is not None] if found else []
    if not hits:
        return [], []
    spans = store.paragraph_spans(h.id for h in hits)
    # The best paragraph and what follows it, up to a quote's length: what a record says of a
    # name often ends in the next paragraph ("... also known as the Chinaman. / He was arrested").
    reads: dict[str, tuple[int, int, int, int | None, str | None]] = {}  # doc -> start, end, page, index, number
    for h in hits:
        paras = spans.get(h.id, [])
        k = next((k for k, p in enumerate(paras) if p.index == h.idx), None)
        if k is None:
            continue
        p = paras[k]
        end = paras[k + 1].end if k + 1 < len(paras) and paras[k + 1].page == p.page else p.end  # cited by one page
        reads[h.id] = (p.start, min(end, p.end + TEXT_CHARS), p.page, p.index, p.number)
    texts = store.text_slices((d, r[0], r[1]) for d, r in reads.items())
    words = _forms(name, found.expansions if found else {})
    passages: list[DossierCitation] = []
    documents: list[DossierDocument] = []
    for hit in hits:
        number = hit.number or hit.file
        documents.append(DossierDocument(hit.id, number, hit.title, hit.doc_date, hit.classification, 0))
        read = reads.get(hit.id)
        text = texts.get((hit.id, read[0], read[1]), "") if read else ""
        if not read or not text.strip():
            continue
        base, _, page, index, printed = read
        start, end = quote_window(text, words)
        passages.append(
            DossierCitation(
                doc_id=hit.id,
                page=page,
                paragraph=index,
                paragraph_number=printed,
                start=base + start,
                end=base + end,
                quote=" ".join(text[start:end].split()),
                document=number,
            )
        )
    return passages, documents


def _starts(word: str, words: set[str]) -> bool:
    return any(word.lower().startswith(w) for w in words)


def _printed_in(text: str, words: set[str], lo: int, hi: int) -> bool:
    """Whether one of ``words`` begins a word of ``text`` between offsets ``lo`` and ``hi``."""
    return any(lo <= m.start() < hi and _starts(m.group(), words) for m in _WORD.finditer(text, lo, min(hi + 40, len(text))))


def _forms(name: str, expansions: dict[str, list[str]]) -> set[str]:
    """The lower-case word forms the search matched: the name's words and their variants."""
    forms = set(search_words(name))
    for word, variants in expansions.items():
        forms.add(word.lower())
        forms.update(v.lower() for v in variants)
    return forms


def quote_window(text: str, words: set[str]) -> tuple[int, int]:
    """Offsets in ``text`` of the quote around the first word that is one of ``words`` (a word
    beginning with one: OCR glues words, "POINDEXTERJof"): from the start of its sentence, or
    :data:`TEXT_BEFORE` characters before it (a line break is no sentence end), up to
    :data:`TEXT_CHARS` characters, cut at a space; up to :data:`TEXT_LONG_CHARS` when the name is
    printed again just after that, since a record often prints a name first in a heading ("BUU
    HOI'S MOTHER, DIEU HUE" in a subject line) and says what it says of it where it prints it next;
    in capitals, started earlier (:func:`declass.trace_passages.capitals_context`)."""
    first = next((m.start() for m in _WORD.finditer(text) if _starts(m.group(), words)), 0)
    lo = max(0, first - TEXT_BEFORE)
    stop = max(text.rfind(f"{mark} ", lo, first) for mark in ".?!")
    start = stop + 2 if stop >= 0 else lo
    if start > 0 and stop < 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    while start < first and text[start].isspace():
        start += 1
    end = min(len(text), start + TEXT_CHARS)
    if _printed_in(text, words, end, start + TEXT_LONG_CHARS - 40):
        end = min(len(text), start + TEXT_LONG_CHARS)
    if end < len(text):
        cut = text.rfind(" ", first, end)
        end = cut if cut > first else end
    # In capitals, context before the name on top of the quote's length (OCR stops, see there).
    word = _WORD.match(text, first)
    return capitals_context(text, start, end, first, word.end() if word else first, end - start + CAPITALS_CONTEXT, 0)


def add_text_matches(store: Store, dossier: Dossier, name: str, limit: int = TEXT_DOCUMENTS) -> None:
    """Add to an entity's dossier the records printing ``name`` when none of them is among its
    documents: the entity the lookup chose is then not what those records print (extraction
    missed the name there, or resolution kept it apart), and a researcher should still get them,
    labelled as text matches. One search of ``limit`` documents; nothing is added when the entity
    already has a record printing the name (its own passages answer for the name)."""
    found = search_name(store, name, limit)
    printing = {h.id for h in found.results if h.idx is not None} if found else set()
    if not printing or printing & {d.id for d in dossier.documents}:
        return
    passages, documents = text_matches(store, name, limit, found)
    dossier.documents.extend(documents)
    dossier.passages.extend(passages)
    shown = ", ".join(d.number for d in documents)
    note = f"{name!r} is printed in {len(documents)} more document(s) without a mention of it: {shown}"
    dossier.notes.append(note + " (text matches)")


def text_dossier(store: Store, name: str, limit: int = TEXT_DOCUMENTS) -> Dossier | None:
    """The trace of a name no entity carries: its text matches as passages and documents, with a
    note saying what they are; None when no record prints it either."""
    passages, documents = text_matches(store, name, limit)
    if not documents:
        return None
    entity = text_placeholder(name)
    dossier = Dossier(entity=entity, query=name, score=0.0, passages=passages, documents=documents)
    dossier.notes.append(
        f"no entity carries {entity.name!r}: these are text matches of the search index in {len(documents)} "
        "document(s), not an entity (`declass search` lists more)"
    )
    return dossier
