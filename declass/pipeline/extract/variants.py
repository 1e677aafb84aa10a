"""OCR-damaged forms of places and countries, and given names typed as bodies.

Two classes of error read from the jfk-corpus entity lists (docs/quality.md, "extract10"), each
seen in many records:

* a place or country name with one letter changed by the scan, typed PERSON or ORG by the model
  because the damaged word is unknown to it: "Guban" and "Guba" (Cuban, Cuba: C/G), "Cuben",
  "Americen", "Haitien" (a/e), "Mexice", "Havena", "Miani" (n/m), "VLETNAM" (l/I), "COLONBIA",
  "Eeypt". The letters a typewriter scan confuses are those of ``data/ocr_confusions.tsv``; a
  word within :data:`PLACE_MAX` of their weighted edits of a known place or country the document
  also prints (so the reading is backed by the record itself: "Franco" stays a surname in a record
  that never names France) is that place, or for an adjective no entity;
* a given name alone typed ORG ("Eduardo", "Jorge", "JACK", "WALTER"): a given name names no body,
  and alone it names no one in particular either (the gold records never count one).

Pure functions of the word and the document's printed words; the spaCy component that applies
them is ``declass_repair`` (:mod:`.repair`).
"""

from __future__ import annotations

import functools
import unicodedata

from rapidfuzz.distance import Levenshtein

from declass.pipeline.extract import gazetteer
from declass.pipeline.extract.plausible import is_given
from declass.types.confusion import weighted_distance

# Weighted edits (declass.types.confusion) between a damaged word and the place it stands for: one
# confusable letter ("Guban": c/g 0.3; "Cuben": a/e 0.5), never an unrelated letter or a deletion.
PLACE_MAX = 0.5
PLACE_MIN = 4  # letters: "Cube" for Cuba; three-letter words are acronyms or fragments


@functools.cache
def _targets() -> dict[str, tuple[str, str]]:
    """Lower-case one-word place forms -> (canonical name, kind: country, adjective or place)."""
    names = {gazetteer._key(f) for f in gazetteer.country_forms()}
    out: dict[str, tuple[str, str]] = {}
    for key, canonical in gazetteer.countries().items():
        if " " not in key and "." not in key and len(key) >= PLACE_MIN:
            out[key] = (canonical, "country" if key in names else "adjective")
    for place in gazetteer.places():
        key = place.casefold()
        if " " not in key and len(key) >= PLACE_MIN + 1 and key not in out:
            out[key] = (place, "place")
    return out


def fold(word: str) -> str:
    """Lower case without accents ("Meéxica" -> "meexica"): the scan adds accents a typed English
    record never had."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


@functools.cache
def _by_length() -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for key in _targets():
        out.setdefault(len(key), []).append(key)
    return {n: tuple(keys) for n, keys in out.items()}


@functools.lru_cache(maxsize=8)
def named_places(printed: frozenset[str]) -> frozenset[str]:
    """The canonical places and countries a document names in one of their one-word forms
    (``printed``: its words in lower case); "Cuba" printed backs "Guban" (Cuban).

    Cached (a few documents' sets): :func:`place_variant` without ``named`` asks it for every
    one-word name of a window, a pass over all its words each time (issue 11, long windows)."""
    return frozenset(_targets()[w][0] for w in printed if w in _targets())


def accented(word: str) -> bool:
    """The word carries an accented letter ("Gedées", "Meéxica")."""
    return fold(word) != word.casefold()


def place_variant(word: str, printed: frozenset[str], named: frozenset[str] | None = None) -> tuple[str, str] | None:
    """(canonical name, kind) of the place or country ``word`` is an OCR-damaged form of, when the
    document prints that place in one of its forms (``printed``: its words in lower case, or
    ``named``: :func:`named_places` of them, computed once per document); None for a known form
    itself, a word of another shape, or a place the document never names."""
    if len(word) < PLACE_MIN or not word.isalpha():
        return None
    low = fold(word)
    if low in _targets() or gazetteer.country_of(word) or word[:1] + word[1:].lower() in gazetteer.places():
        return None
    named = named_places(printed) if named is None else named
    if accented(word) and len(low) >= 6:
        # an accent the scan added marks the word as damaged: two plain edits ("Meéxica": Mexico)
        keys = [k for n in range(len(low) - 1, len(low) + 2) for k in _by_length().get(n, ())]
        found = [(float(Levenshtein.distance(low, k, score_cutoff=2)), k) for k in keys if _targets()[k][0] in named]
        found = [(d, key) for d, key in found if d <= 2]
    else:
        found = [
            (weighted_distance(low, key), key)
            for key in _by_length().get(len(low), ())
            if _targets()[key][0] in named and Levenshtein.distance(low, key, score_cutoff=1) <= 1
        ]
        found = [(d, key) for d, key in found if d <= PLACE_MAX]
    if not found:
        return None
    return _targets()[min(found)[1]]


def given_alone(word: str) -> bool:
    """One known given name or short form, in any case ("Eduardo", "JACK"), that is no known body."""
    return word.isalpha() and is_given(word) and word not in gazetteer.orgs() and word not in gazetteer.acronyms()
