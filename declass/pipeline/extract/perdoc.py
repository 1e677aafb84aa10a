"""Views of a parsed document that several domain components read, computed once per document.

Invariant: the domain components change ``doc.ents`` and ``doc.user_data`` only, never the
tokens (no retokenizer runs after the tokenizer), so anything computed from the tokens alone stays
valid for the whole pipeline run over one ``Doc``. Each view is built on first use and kept in
``doc.user_data[CACHE]``; whoever replaces the tokens (a new ``Doc``) starts with an empty cache.

Why: ``Doc.text`` joins every token on each access, and the set of words printed in lower case
was built by five components of one document (propagate, filters, retype, repair and twice in
placenames); on a 40-record sample those rebuilds cost several percent of extraction time.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

CACHE = "declass.perdoc"


def _cache(doc: Doc) -> dict[str, Any]:
    data: dict[str, Any] = doc.user_data.setdefault(CACHE, {})
    return data


def text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per document."""
    cache = _cache(doc)
    if "text" not in cache:
        cache["text"] = doc.text
    value: str = cache["text"]
    return value


def lower_words(doc: Doc) -> frozenset[str]:
    """The texts of the tokens printed in lower case here ("china", "subject"): evidence that the
    same word in capitals may be the plain word."""
    cache = _cache(doc)
    if "lower" not in cache:
        cache["lower"] = frozenset(t.text for t in doc if t.text.islower())
    value: frozenset[str] = cache["lower"]
    return value


def word_spans(doc: Doc) -> list[Span]:
    """The doc's word tokens as one-token spans, whitespace tokens left out (do not mutate)."""
    cache = _cache(doc)
    if "words" not in cache:
        cache["words"] = [doc[i : i + 1] for i, t in enumerate(doc) if not t.is_space]
    value: list[Span] = cache["words"]
    return value
