"""Mentions that are not entities: form words, markings, cable words, page furniture, OCR debris.

The classes and their words or shapes live in ``declass/data/non_entities.tsv`` (one row per form,
with a class column), so that a new marking is a data change with a test row, not code. Two
questions are answered here, both on a mention's text and label:

* :func:`non_entity_class` - the class of a whole mention ("Subject" -> ``form``, "l. Oe &. Oi" ->
  ``debris``), or None for a possible entity;
* :func:`trim` - the part of a longer mention left after cutting edge words of ``edge``-scope
  classes ("SECRET RYBAT MORGAN" -> "MORGAN"), or None when nothing name-like is left.

Known bodies and countries (gazetteer) are never non-entities: "Secret Service" stays. A mention
whose attrs carry ``refers`` (domain coreference: "Subject" as the memo's subject) is never
passed here by the caller.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from declass.pipeline.extract import gazetteer
from declass.types import wordlists

ALL = frozenset({"PERSON", "ORG", "LOC", "ACRONYM", "CRYPTONYM"})
FUZZY_MIN = 6  # a word this long also matches its one-letter OCR substitutions ("Subjcct")
_EDGE_PUNCT = "\"'’“”.,;:!?|*_~-–—()[]{}<>«»"
_THE = re.compile(r"^the\s+", re.I)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the data file: a word, a whole-mention pattern or a line pattern."""

    cls: str
    edge: bool
    labels: frozenset[str]
    kind: str  # "word", "re" or "line"
    form: str
    pattern: re.Pattern[str] | None = None


def normal(text: str) -> str:
    """The comparison key of a mention or word: case-folded, spaces collapsed, edge punctuation
    and a leading "the" removed."""
    t = " ".join(text.split()).strip(_EDGE_PUNCT + " ")
    return _THE.sub("", t).casefold()


@functools.cache
def rules() -> tuple[Rule, ...]:
    """The rows of ``non_entities.tsv`` (loaded once per process)."""
    out = []
    for line in wordlists.lines("non_entities.tsv"):
        cls, scope, labels, form = line.split("\t")
        labs = ALL if labels.strip() == "*" else frozenset(labels.split())
        if form.startswith(("re:", "line:")):
            kind, _, body = form.partition(":")
            out.append(Rule(cls, scope == "edge", labs, kind, body, re.compile(body)))
        else:
            out.append(Rule(cls, scope == "edge", labs, "word", normal(form)))
    return tuple(out)


@functools.cache
def _words() -> dict[str, tuple[Rule, ...]]:
    table: dict[str, list[Rule]] = {}
    for r in rules():
        if r.kind == "word":
            table.setdefault(r.form, []).append(r)
    return {k: tuple(v) for k, v in table.items()}


@functools.cache
def _by_length() -> dict[int, tuple[str, ...]]:
    table: dict[int, list[str]] = {}
    for w in _words():
        if len(w) >= FUZZY_MIN:
            table.setdefault(len(w), []).append(w)
    return {k: tuple(v) for k, v in table.items()}


@functools.cache
def _protected() -> frozenset[str]:
    """Gazetteer bodies and places: never non-entities, whatever words they contain. Short forms
    are compared as printed ("US" is a country, "Us" is not)."""
    forms = (*gazetteer.orgs(), *gazetteer.places(), *gazetteer.country_forms())
    return frozenset(normal(t) if len(t) > 4 else " ".join(t.split()) for t in forms)


def _is_protected(text: str) -> bool:
    printed = " ".join(text.split()).strip(_EDGE_PUNCT + " ")
    if len(printed) <= 5 and printed[:1].isupper() and printed.upper() in gazetteer.acronyms():
        return True  # a known acronym in another case ("Cia")
    return normal(text) in _protected() or printed in _protected()


@functools.cache
def _indicators() -> dict[str, tuple[Rule, ...]]:
    """Cable indicators of ``cryptonyms.tsv`` (RYBAT, TYPIC), class ``cable``, cut at the edges."""
    crypts = gazetteer.cryptonyms()
    return {normal(c): (Rule("cable", True, ALL, "word", normal(c)),) for c, v in crypts.items() if v["kind"] == "indicator"}


def _word_rules(key: str) -> tuple[Rule, ...]:
    """Rules of the word ``key`` exactly, or of one listed word it is a one-letter OCR change of."""
    if key in _indicators():
        return _indicators()[key]
    if key in _words():
        return _words()[key]
    for w in _by_length().get(len(key), ()):
        if sum(a != b for a, b in zip(key, w, strict=True)) == 1:
            return _words()[w]
    return ()


def non_entity_class(text: str, label: str, line: str = "") -> str | None:
    """The class of a mention that is not an entity ("Subject" -> "form"), else None.

    ``line`` is the text line the mention starts in, for page-furniture patterns.
    """
    key = normal(text)
    if _is_protected(text):
        return None
    for r in _word_rules(key):
        if label in r.labels:
            return r.cls
    words = [w.rstrip(".") for w in text.split()]
    if label == "PERSON" and words and all(w in gazetteer.titles() for w in words):
        return "form"  # a title alone ("Mrs", "Lt. Col."): the name is elsewhere or missing
    for r in rules():
        if r.pattern is None or label not in r.labels:
            continue
        if r.kind == "re" and r.pattern.fullmatch(text.strip()):
            return r.cls
        if r.kind == "line" and line and r.pattern.search(line):
            return r.cls
    return None


def _edge_count(words: list[str], label: str, *, tail: bool = False) -> int:
    """How many leading (``tail``: trailing) ``words``, 1-4, form an edge-scope non-entity word or
    are bare punctuation; 0 if none."""
    for n in range(min(4, len(words)), 0, -1):
        key = normal(" ".join(words[-n:] if tail else words[:n]))
        if not key or any(r.edge and label in r.labels for r in _word_rules(key)):
            return n
    return 0


def trim(text: str, label: str) -> tuple[int, int] | None:
    """The character range of ``text`` left after cutting edge non-entity words (possibly all of
    it), or None when nothing is left ("SECRET RYBAT" -> None, "REF MORGAN" -> "MORGAN")."""
    toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    if not toks:
        return None
    if _is_protected(text):
        return 0, len(text)
    words = [text[a:b] for a, b in toks]
    i, j = 0, len(toks)
    while i < j and (n := _edge_count(words[i:j], label)):
        i += n
    while i < j and (n := _edge_count(words[i:j], label, tail=True)):
        j -= n
    if i >= j:
        return None
    return toks[i][0], toks[j - 1][1]
