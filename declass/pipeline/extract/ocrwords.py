"""OCR damage of English words: a capitalised word the scan damaged is no name, body or place.

On records unlike the dev ones the largest class of spurious entities is an English word damaged
by the OCR and capitalised, which the statistical model types PERSON, ORG or LOC: "Ucterest"
(interest), "Advige" (advice), "Februszy" (February), "ScORET" (SECRET), "INITEALS", "Lette",
"Pebrucry", "Cetover". A word is *OCR damage of an English word* (:func:`damaged`) when

* it is not itself a word: not in the English lexicon (with plural and past endings), not
  :data:`SELF_ZIPF` frequent in the ``wordfreq`` English list (which holds names too: Rivero,
  Angleton), not a known given name, surname, family name, place, body or acronym, and not a word
  the document prints in a name position (the caller's ``names``);
* it is within :data:`COST_PER_LETTER` OCR-weighted edits per letter
  (:func:`declass.types.confusion.weighted_distance`, ``data/ocr_confusions.tsv``) of a target
  word: an English word of the lexicon at least :data:`TARGET_ZIPF` frequent in ``wordfreq``, a
  month name, or a form or heading word of these records (``non_entities.tsv``);
* no known name is as near: a given name or short form, a surname of ``persons.txt``, a family
  name, a place of ``places.txt``, or a name-like word of ``wordfreq`` (frequent there, not
  English by the lexicon: "rivera" is as near "Rivero" as "river" is).

:func:`cut` applies it to a span the model proposed (never to a name a shape rule or a gazetteer
found, which the caller checks): a span made only of damaged words, connectors and debris is no
entity; a damaged word at a span's edge is cut. A damaged month ("Februszy 12") is a date's word,
not an entity: such a span is dropped too.

Decisions are cached per word (a corpus repeats its damaged words); the lexicon is the pipeline's
(:func:`declass.pipeline.extract.components.lexicon_of`). Pure functions; no store access.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, placecheck, plausible
from declass.pipeline.extract.family import family_names
from declass.pipeline.extract.patterns import canonical, english
from declass.types import wordlists
from declass.types.confusion import weighted_distance
from declass.types.date_forms import MONTHS

TARGET_ZIPF = 3.0  # English words at least this frequent (per billion words: 10^3) are targets
# Zipf frequency minus log10 of the census share from which a name is a common word too: on the
# census names of the lexicon, williams 6.8, hawkins 6.8, smith 6.9; dean 7.8, branch 8.2, story 9.3.
WORD_OVER_NAME = 7.5
MARGIN = 0.3  # a target must be more than this nearer than any name ("CASTIO": castle 0.7, castro 1.0)
SELF_ZIPF = 3.0  # a word this frequent in wordfreq is a word or a name itself, not damage
NAME_ZIPF = 3.0  # a non-English word this frequent in wordfreq is a name a damaged word may stand for
COST_PER_LETTER = 0.2  # OCR-weighted edits allowed per letter of the word ("advige": 0.3 of 1.2)
MONTH_COST_PER_LETTER = 0.3  # ...of a month name, a word no name is near ("Februszy": 2.0 of 2.4)
MIN_LETTERS = 4  # shorter words are too often names or abbreviations to judge
_LETTERS = re.compile(r"^[A-Za-z]+$")
_CONNECTORS = frozenset("of and or the to in for at on by de del la y & / -".split())


@functools.cache
def _wordfreq() -> dict[str, float]:
    """Alphabetic words of the wordfreq English list with their Zipf frequency (3 = once per million)."""
    return _zipf("en", min(NAME_ZIPF, SELF_ZIPF, TARGET_ZIPF))


def _zipf(lang: str, floor: float) -> dict[str, float]:
    from wordfreq import get_frequency_dict  # deferred: 1.5 s to load, needed only by extraction

    out: dict[str, float] = {}
    for w, f in get_frequency_dict(lang).items():
        z = math.log10(f * 1e9) if f > 0 else 0.0
        if z >= floor and w.isalpha():
            folded = _unaccented(w)  # the records type Spanish without accents ("Liberacion")
            if folded.isascii() and folded.isalpha() and z > out.get(folded, 0.0):
                out[folded] = z
    return out


def _census() -> dict[str, float]:
    """US census given names and the most frequent surnames with their share of the population
    (``census_names.tsv``): names the records print that no other data file lists (Harkins, Swenson)."""
    return wordlists.census_names()


def _common_word(word: str, zipf: float) -> bool:
    """A census name that is a common English word too: its text frequency is far above what its
    bearers' share of the population explains (branch, story, press; not williams, hawkins)."""
    share = _census().get(word)
    return share is None or zipf - math.log10(max(share, 1e-7)) >= WORD_OVER_NAME


def census_name(word: str) -> bool:
    """A US census given name or surname that is not mainly a common English word ("JOHNSON",
    "HERBERT"; not "WHITE", "BRANCH"): printed after a title, such a word is the person's name
    even when the lexicon lists it (:func:`_common_word`)."""
    low = plausible.bare(word).lower()
    return low in _census() and not _common_word(low, _wordfreq().get(low, 0.0))


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@functools.cache
def _spanish() -> frozenset[str]:
    """Frequent Spanish words: the records print Spanish names and bodies ("Revolucionario", "Laureano")."""
    return frozenset(_zipf("es", SPANISH_ZIPF))


@functools.cache
def _places() -> frozenset[str]:
    """One-word place names of the gazetteers (GeoNames cities, states, countries): names, not English."""
    return frozenset(k for k in placecheck.geonames_keys() if k.isalpha() and k.isascii() and len(k) >= MIN_LETTERS)


@functools.cache
def _known_names() -> frozenset[str]:
    """Lower-case given names, short forms, surnames, family names and places of the data files."""
    names = {g.lower() for g in gazetteer.given_names()}
    names |= {w.lower() for group in wordlists.given_name_groups() for w in group}
    names |= {p.lower() for p in gazetteer.persons()} | {f.lower() for f in family_names()}
    names |= {w.lower() for p in gazetteer.places() for w in p.split() if len(w) >= MIN_LETTERS}
    return frozenset(n for n in names if n.isalpha())


@functools.cache
def _months() -> tuple[str, ...]:
    """Month names in full, lower case ("february")."""
    return tuple(sorted(m for m in MONTHS if len(m) > 4))


@functools.cache
def _form_words() -> frozenset[str]:
    """Month names and the one-word forms of ``non_entities.tsv`` (heading and field words)."""
    words = set(_months())
    for row in wordlists.lines("non_entities.tsv"):
        form = row.split("\t")[-1]
        if not form.startswith(("re:", "line:")) and " " not in form and form.isalpha():
            words.add(form.lower())
    return frozenset(w for w in words if len(w) >= MIN_LETTERS)


SPANISH_ZIPF = 3.0  # a Spanish word this frequent is a word of the records' Spanish names and bodies
CANDIDATES = 12  # nearest words by plain edits whose OCR-weighted distance is computed


@dataclass(frozen=True, slots=True)
class _Index:
    """Targets and name competitors, in blocks by their ends (:func:`_blocks`)."""

    targets: dict[str, list[str]]
    names: dict[str, list[str]]


@functools.lru_cache(maxsize=4)
def _index(lexicon: frozenset[str]) -> _Index:
    freq = _wordfreq()
    # The lexicon lists famous names (hawkins, swanson, polk): a census name is a target only when
    # it is a common English word too (branch, story, press); a known place or name never is.
    common = {w for w, z in freq.items() if z >= TARGET_ZIPF and len(w) >= 3 and english(w, lexicon)}
    curated = _known_names() | _places()
    targets = {w for w in common - curated if _common_word(w, freq[w])} | _form_words()
    others = set(_census()) | {w for w, z in freq.items() if z >= NAME_ZIPF and not english(w, lexicon)} | _spanish()
    names = (curated | others) - targets
    return _Index(_blocks(targets), _blocks(names))


def _blocks(words: set[str] | frozenset[str]) -> dict[str, list[str]]:
    """Words by their first two letters and by their last two: the candidates of a damaged word
    share one end with the word it stands for ("Advige"/"advice", "Pebrucry"/"february")."""
    out: dict[str, list[str]] = {}
    for w in sorted(words):
        out.setdefault("<" + w[:2], []).append(w)
        out.setdefault(w[-2:] + ">", []).append(w)
    return out


def _nearest(word: str, blocks: dict[str, list[str]], budget: float) -> tuple[float, str]:
    """The nearest word of ``blocks`` by OCR-weighted distance within ``budget`` (inf, "" if none),
    among the :data:`CANDIDATES` nearest by plain edits of each block the word is in."""
    best = (float("inf"), "")
    plain = int(budget) + 2  # a run confusion ("ri" for "n") is two plain edits for 0.4
    for key in ("<" + word[:2], word[-2:] + ">"):
        choices = blocks.get(key)
        if not choices:
            continue
        for cand, _, _ in process.extract(word, choices, scorer=Levenshtein.distance, score_cutoff=plain, limit=CANDIDATES):
            d = weighted_distance(word, cand)
            if d <= budget and d < best[0]:
                best = (d, cand)
    return best


def is_word(low: str, lexicon: frozenset[str]) -> bool:
    """Itself a word or a known name: English, frequent in wordfreq, or in the data files."""
    if english(low, lexicon) or _wordfreq().get(low, 0.0) >= SELF_ZIPF or low in _known_names():
        return True
    if low in _places() or low in _spanish() or low in _census():
        return True
    title = low.title()
    return title in gazetteer.orgs() or low.upper() in gazetteer.acronyms() or bool(gazetteer.country_of(title))


@functools.lru_cache(maxsize=200_000)
def _damage_of(low: str, lexicon: frozenset[str]) -> str | None:
    if len(low) < MIN_LETTERS or is_word(low, lexicon):
        return None
    idx = _index(lexicon)
    d, target = _nearest(low, idx.targets, COST_PER_LETTER * len(low))
    if not target:
        d, target = min(((weighted_distance(low, m), m) for m in _months()), default=(float("inf"), ""))
        if d > MONTH_COST_PER_LETTER * len(low):
            return None
    rival, _ = _nearest(low, idx.names, d + MARGIN)
    return None if rival <= d + MARGIN else target


def damaged(word: str, lexicon: frozenset[str], names: frozenset[str] = frozenset()) -> str | None:
    """The English word (lower case) that ``word`` is OCR damage of, or None ("Advige" -> "advice").

    ``names``: words (lower case) the document prints in a name position, never damage."""
    w = plausible.bare(word)
    if not _LETTERS.match(w) or w.lower() in names or (w.isupper() and len(w) <= MIN_LETTERS):
        return None  # four capitals are an acronym as often as a word ("CIAP", "ONAL")
    return _damage_of(w.lower(), canonical(lexicon))  # cached by lexicon: one object per content


def damaged_month(word: str, lexicon: frozenset[str]) -> bool:
    """A month name the scan damaged ("Februszy", "Pebrucry", "Cetover")."""
    return damaged(word, lexicon) in MONTHS


def _filler(word: str) -> bool:
    """A connector or debris: no word of a name ("of", "&", "tt", "-", "3", "NNN")."""
    w = plausible.bare(word)
    return not w or w.lower() in _CONNECTORS or sum(c.isalpha() for c in w) <= 2 or len(set(w.lower())) == 1


def cut(words: Sequence[str], lexicon: frozenset[str], names: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The word range ``[i, j)`` of a model span to keep, or None when it is OCR damage only.

    A span made only of damaged words, connectors and debris, with at least one damaged word, is
    none ("Writted Ence", "NNN ScORET", "Camp tt" is not: "Camp" is a word); a damaged month makes a
    span a date's words; damaged words at the edges are cut ("INITEALS CHECKING" keeps nothing,
    "Ucterest Castro" keeps "Castro")."""
    hits = [damaged(w, lexicon, names) for w in words]
    if not any(hits):
        return 0, len(words)
    if any(h in MONTHS for h in hits if h):
        return None
    if all(h or _filler(w) for w, h in zip(words, hits, strict=True)):
        return None
    i, j = 0, len(words)
    run = 0
    while run < j and (hits[run] or _filler(words[run])):
        run += 1
    if any(hits[:run]):
        i = run  # a damaged word at the start, with the debris and connectors around it
    run = j
    while run > i and (hits[run - 1] or _filler(words[run - 1])):
        run -= 1
    if any(hits[run:j]):
        j = run
    return (i, j) if i < j else None


LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def trim_span(
    doc: Doc, span: Span, attrs: dict[tuple[int, int], Any], lexicon: frozenset[str], names: frozenset[str]
) -> Span | None:
    """A span of ``doc`` without its OCR-damaged English words (:func:`cut`), or None to drop it.

    Only spans the statistical model proposed are judged (no entry in ``attrs``, or a rule of
    :data:`~declass.pipeline.extract.plausible.MODEL_RULES`); a name a shape rule or a gazetteer
    found is returned as it is. Bodies and places are dropped whole or kept whole, and kept when
    a connector inside shows a name's structure: their names are English words, and a damaged
    one is still of the name ("Univereaity of Mabans", HIPE's long-s "Houfe of Reprefentatives")."""
    rule = attrs.get((span.start_char, span.end_char), {}).get("rule", "model")
    if span.label_ not in LABELS or rule not in plausible.MODEL_RULES:
        return span
    words = [t.text for t in span]
    if span.label_ != "PERSON" and any(w.lower() in _CONNECTORS for w in words[1:-1]):
        return span  # "Houfe of Reprefentatives", "Univereaity of Mabans": a body's structure, damaged
    rng = cut(words, lexicon, names)
    if rng is None:
        return None
    i, j = rng
    if (i, j) == (0, len(words)):
        return span
    if span.label_ != "PERSON":
        return span
    kept = Span(doc, span.start + i, span.start + j, label=span.label_)
    if (span.start_char, span.end_char) in attrs:
        attrs.setdefault((kept.start_char, kept.end_char), attrs[(span.start_char, span.end_char)])
    return kept
