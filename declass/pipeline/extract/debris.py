"""OCR debris typed ORG or LOC: a model span whose words are mostly fragments or no words at all.

On records unlike the dev ones (batch 3 of the dev gold, the held-out records) the statistical
model types runs of OCR debris as bodies and places: "WHE SECRE BIE", "SF ONS", "MIM AMY COO",
"DEE GD ED ED SUES", "ON Lon Ny", "RT 1OZF", "Ma Sea te S", and single damaged words as places
and bodies: "Dapzart", "Toentif", "Fadorecord", "Viowxaxamxtha", "Teetea", "Cirsctorle". The checks of ``placecheck`` (debris
characters inside a word, one word without a name's shape) and of ``ocrwords`` (an English word
damaged) see each word alone; debris is recognised by the span as a whole. Each word of a span
the model proposed is

* **sound**: a word of the English lexicon or of the ``wordfreq`` lists, a known name, place, body
  or acronym (the test of ``ocrwords``, called, not copied), a connector or name particle
  ("of", "de"), a dotted initial ("J."), or a number;
* a **fragment**: one or two letters, or three letters of no word ("SF", "Ny", "ote"), or three
  capitals that are no known acronym when no sound word of four letters or more, in lower case
  or a known body or place, stands beside them ("MIM AMY COO", "OEF INI Wgrth", "CR SEE TITLE";
  not "MRP Unidad Revolucionaria": an acronym there);
* **no word**: four letters or more that are no word ("SECRE", "Vurdy"), letters mixed with digits
  ("1OZF"), or a token of debris characters only (">", "\\y").

A span of two words or more is debris (:func:`debris_span`) when at least two of its words are
fragments or no words and they are at least as many as its sound words: one stray fragment in a
name ("Camp tt", "GUNN Pete MEE") is left to other rules. A body or place of one word
(:func:`stray_word`) is debris when it is no word, of four letters or more, not all capitals (cable station codes such
as "MEXI" are capitals), not a known place, and printed only once in the record: OCR damage is
random and rarely repeats, a real place the gazetteers do not know usually does ("Chamizal").

A body of two words or more (:func:`wordless_body`) is debris when none of its words is sound and
its last word is no head noun of a body, even a damaged one ("BACBLLART BAFLOITATICON", "AELAZI
SGHE", "Fovear Garsta Possied", "CI/IC ADOP", the desk lists "FE/SEOU FE/SAIG"): a name of a body
has a word of some language or list in it; what has none is OCR debris or a routing list. On the
jfk-corpus store all 67 such model bodies were debris, desk symbols or people; a damaged head
("Fatean Commitcec", "the Mexiocs Governsent") keeps the span for the other rules.

Only spans the statistical model proposed come here (the caller checks): names a shape rule or a
gazetteer found stand. Pure functions of the span's words and the record's word counts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from declass.pipeline.extract import gazetteer, ocrwords, placecheck, plausible

_EDGE = "\"'’“”‘.,;:!?|*_~-–—()[]{}<>«»"
# Connectors and name particles: short words of a real name ("Bay of Pigs", "Frente de ...").
SHORT_WORDS = frozenset(
    "of and or the to in for at on by de del la las los el al y e da do dos du di le van von der den st mt ft"
    " co inc ltd jr sr".split()
)


def _known_short(word: str) -> bool:
    """A short word that is a known acronym, body or country form ("US", "UN", "FBI", "DRE")."""
    return word.upper() in gazetteer.acronyms() or word in gazetteer.orgs() or bool(gazetteer.country_of(word))


def word_kind(token: str, lexicon: frozenset[str]) -> str:
    """What one printed token of a span is: "sound", "fragment", "noword", "caps" (three capitals
    of no known acronym) or "" (punctuation, not counted), see the module."""
    word = token.strip(_EDGE)
    if not any(c.isalnum() for c in token):
        return ""  # "|", ">", "-": a column rule or a dash, neither name nor evidence of debris
    if word.lower().rstrip(".") in SHORT_WORDS or re.fullmatch(r"[\d.,/-]+|\d+(?:st|nd|rd|th)", word):
        return "sound"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", token.strip("\"'’“”,;:()")):
        return "sound"  # "J.", "U.S.", "D.C.": initials and dotted abbreviations
    bare = plausible.bare(word)
    if not bare.isalpha() or not word.replace("'", "").replace("’", "").replace("-", "").isalnum():
        return "sound" if placecheck.known_place(word) else "noword"  # "1OZF", "\y"
    if len(bare) <= 2:
        return "sound" if _known_short(bare) else "fragment"
    if len(bare) == 3:
        if _known_short(bare):
            return "sound"
        if bare.isupper():
            return "caps"  # three capitals: an acronym in a name ("MRP Unidad"), or a fragment
        return "sound" if ocrwords.is_word(bare.lower(), lexicon) else "fragment"
    if ocrwords.is_word(bare.lower(), lexicon) or placecheck.known_place(bare) or bare in gazetteer.orgs():
        return "sound"
    return "noword"


def _anchor(word: str) -> bool:
    """A word that makes three capitals beside it an acronym: not in capitals ("Unidad"), or a known
    body or place in capitals ("CUBAN"); an English word in a line of capitals ("TITLE") is not."""
    bare = plausible.bare(word)
    return not bare.isupper() or bare in gazetteer.orgs() or placecheck.known_place(bare)


def debris_span(words: Sequence[str], lexicon: frozenset[str]) -> bool:
    """A model span of two words or more made mostly of fragments and no-words ("SF ONS",
    "WHE SECRE BIE", "RT 1OZF"): at least two of them, and no fewer than the sound words."""
    if len(words) < 2:
        return False
    each = [(w, word_kind(w, lexicon)) for w in words]
    # three capitals are an acronym beside a sound word of four letters or more ("MRP Unidad"),
    # a fragment in a run of short words ("MIM AMY COO", "OEF INI Wgrth")
    anchored = any(k == "sound" and sum(c.isalpha() for c in w) >= 4 and _anchor(w) for w, k in each)
    kinds = Counter(("sound" if anchored else "fragment") if k == "caps" else k for _, k in each)
    bad = kinds["fragment"] + kinds["noword"]
    return kinds["fragment"] >= 1 and bad >= 2 and bad > kinds["sound"]


def stray_word(word: str, lexicon: frozenset[str], counts: Counter[str], printed: Iterable[str] | None = None) -> bool:
    """A model body or place of one word that is no word nor known place, not in capitals, printed
    once in the record (``counts``: :func:`declass.pipeline.extract.filters.word_counts`):
    "Dapzart", "Teetea", "Eemkogey"; ``printed``: the record's words in lower case, if known."""
    bare = plausible.bare(word.strip(_EDGE))
    if len(bare) < 4 or not bare.isalpha() or bare.isupper() or counts[bare] > 1:
        return False
    return word_kind(bare, lexicon) == "noword" and not near_place(
        bare, (w.lower() for w in counts) if printed is None else printed
    )


@functools.cache
def _curated_places() -> tuple[str, ...]:
    """Case-folded one-word places of ``places.txt`` and the country forms and adjectives: the
    places these archives name most ("miami", "matanzas", "japanese")."""
    keys = {gazetteer._key(p) for p in gazetteer.places()} | set(gazetteer.countries())
    return tuple(sorted(k for k in keys if k.isalpha() and len(k) >= 4))


def near_place(word: str, printed: Iterable[str] = ()) -> bool:
    """A word one edit from a known place of one word (two edits from one of six letters or more):
    the scan's "Miasi", "Gerzany", "Cuantanamo", which resolution joins to the place. The places
    are the curated ones and the GeoNames places the record prints (``printed``, lower case):
    against all of GeoNames nearly any short word is one edit from some town ("Sinte": Sirte)."""
    low = word.lower()
    budget = 1 if len(low) < 6 else 2
    geo = placecheck.geonames_keys()
    local = [w for w in printed if w in geo and len(w) >= 4 and w != low]
    return any(
        process.extractOne(low, choices, scorer=Levenshtein.distance, score_cutoff=budget) is not None
        for choices in (_curated_places(), local)
        if choices
    )


def wordless_body(words: Sequence[str], lexicon: frozenset[str]) -> bool:
    """A model ORG of two words or more none of which is sound, the last no head noun of a body
    nor one letter from one (two from a long one): "AELAZI SGHE", "CI/IC ADOP"; not "Fatean
    Commitcec"."""
    kinds = [k for k in (word_kind(w, lexicon) for w in words) if k]
    if len(kinds) < 2 or "sound" in kinds:
        return False
    last = plausible.bare(words[-1].strip(_EDGE)).title()
    heads = _long_heads()
    budget = 2 if len(last) >= 8 else 1  # "Commitcec": two letters off "Committee"
    return last not in heads and process.extractOne(last, heads, scorer=Levenshtein.distance, score_cutoff=budget) is None


@functools.cache
def _long_heads() -> tuple[str, ...]:
    """Head nouns of bodies (``org_heads.txt``) of five letters or more, title case: the damaged
    forms of shorter ones ("Army", "Navy") are too close to any short word."""
    return tuple(sorted(h.title() for h in gazetteer.org_heads() if len(h) >= 5))


PLACE_LABELS = placecheck.PLACE_LABELS


class RecordWords:
    """A record's printed words, counted (:func:`declass.pipeline.extract.filters.word_counts`) and
    its GeoNames places, each computed once and only when a span needs them."""

    def __init__(self, counts: Callable[[], Counter[str]]) -> None:
        self._counts = counts

    @functools.cached_property
    def counts(self) -> Counter[str]:
        return self._counts()

    @functools.cached_property
    def places(self) -> frozenset[str]:
        geo = placecheck.geonames_keys()
        return frozenset(low for low in (w.lower() for w in self.counts) if low in geo)


def model_debris(label: str, text: str, lexicon: frozenset[str], record: RecordWords) -> bool:
    """A model ORG or place span that is OCR debris (:func:`debris_span`, and for one word
    :func:`stray_word`); ``record``: the record's words, read only when needed."""
    if label != "ORG" and label not in PLACE_LABELS:
        return False
    words = text.split()
    if debris_span(words, lexicon) or (label == "ORG" and wordless_body(words, lexicon)):
        return True
    return len(words) == 1 and stray_word(words[0], lexicon, record.counts, record.places)
