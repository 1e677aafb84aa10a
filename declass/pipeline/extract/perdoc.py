"""Views of a parsed document that several domain components read, computed once per document.

Invariant: the domain components change ``doc.ents`` and ``doc.user_data`` only, never the
tokens (no retokenizer runs after the tokenizer), so anything computed from the tokens alone stays
valid for the whole pipeline run over one ``Doc``. Each view is built on first use and kept in
``doc.user_data[CACHE]``; whoever replaces the tokens (a new ``Doc``) starts with an empty cache.

Why: ``Doc.text`` joins every token on each access, a ``Token`` object is created anew on each
``doc[i]`` or iteration, and the set of words printed in lower case was built by five components
of one document (propagate, filters, retype, repair and twice in placenames).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc

T = TypeVar("T")

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


def memo(doc: Doc, key: str, build: Callable[[], T]) -> T:
    """``build()`` once per document under ``key`` (a component's own view of the tokens)."""
    cache = _cache(doc)
    if key not in cache:
        cache[key] = build()
    value: T = cache[key]
    return value


def _tokens(doc: Doc) -> tuple[list[int], list[str], list[bool]]:
    """Character offset, text and whitespace flag of every token, read from the token arrays
    (creating a ``Token`` object per token costs more than the rest of a pass)."""
    text_ = text(doc)
    rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
    return [r[0] for r in rows], [text_[r[0] : r[0] + r[1]] for r in rows], [bool(r[2]) for r in rows]


def token_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, computed once per document (do not mutate)."""
    return memo(doc, "tokens", lambda: _tokens(doc))[1]


def token_starts(doc: Doc) -> list[int]:
    """``[t.idx for t in doc]``, computed once per document (do not mutate)."""
    return memo(doc, "tokens", lambda: _tokens(doc))[0]


def lower_words(doc: Doc) -> frozenset[str]:
    """The texts of the tokens printed in lower case here ("china", "subject"): evidence that the
    same word in capitals may be the plain word."""
    return memo(doc, "lower", lambda: frozenset(t for t in token_texts(doc) if t.islower()))


def words(doc: Doc) -> tuple[list[int], list[str]]:
    """The indices and texts of the doc's word tokens, whitespace tokens left out (do not mutate)."""

    def build() -> tuple[list[int], list[str]]:
        _, texts, space = memo(doc, "tokens", lambda: _tokens(doc))
        kept = [i for i, s in enumerate(space) if not s]
        return kept, [texts[i] for i in kept]

    return memo(doc, "words", build)
