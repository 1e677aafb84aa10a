"""The OCR quality of the page around a name as evidence: an unknown word on a damaged page is no name.

On the records the rules were not fitted to (dev gold batches 2 and 3), most spurious people are
one word the statistical model took for a name in badly scanned typescript: "UCTEREST", "ADDEE",
"GOYTS", "KIGMAPING" (a cable, 104-10101-10175), "CUULQ", "SEGAN", "Loney", "Detach"
(104-10172-10248), "REGAROS", "FROY", "CATCLICA" (104-10226-10090), "Sains", "Overt", "Covert"
(104-10120-10378), "SUICHEDE" (176-10036-10135), "Cede" (176-10036-10134), "Eteta De", "Leng"
(157-10002-10056). They have the shape of names, and the six words either side are often words,
so the context test of :mod:`.plausible` passes them. What tells is the page: where a fifth of the
words or more are no dictionary word, a capitalised word no list knows is far more often OCR debris
than a name. Of the one-word model spans of unknown words main stored for the 25 dev gold records,
21 spurious and 7 gold mentions sit on pages below :data:`PAGE_SHARE`, 6 spurious and 18 gold
above it (and the 7 are mostly names the same record prints again on a clean page).

A model PERSON span is dropped (:func:`damaged_lone_names`) when

* its words, initials, titles and particles aside, are all *unknown*: no known given name, surname
  of ``persons.txt``, family name, US census name (``census_names.tsv``) nor word the document
  prints in a name position (:func:`.plausible.is_strong`);
* the text around it (:data:`WINDOW` characters either side, about a third of a page) has less than
  :data:`PAGE_SHARE` dictionary words (:func:`page_share`: English words of the lexicon, known
  names and places, among words of three letters or more);
* and no occurrence of the same word in the document is on a cleaner page: a surname printed once
  in clean prose is a name of the document wherever else it is damaged ("KLEBERG").

A name after a title ("Proeident Kens") is not judged: the title is the evidence; nor a word in
capitals in mixed-case text: memoranda print surnames and cryptonyms so ("GYROSE"). The text is
the one the model read: shouted lines truecased (``truecase.py``), so a cable's unknown words are
in Title case there. Pure functions
of the text and the data files; called by the ``declass_filters`` component (:mod:`.filters`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from declass.pipeline.extract import plausible
from declass.pipeline.extract.family import family_names
from declass.pipeline.extract.patterns import canonical, english
from declass.types import wordlists
from declass.types.names import is_patronymic

WINDOW = 600  # characters either side of a span whose words measure the page's OCR quality
PAGE_SHARE = 0.8  # dictionary words on a page below which it is damaged (dev gold: clean prose 0.8-1.0)
CAPS_SHARE = 0.75  # share of capitals from which the text around a span is shouted despite OCR specks
MIN_WORDS = 20  # fewer scored words around a span are too few to judge the page


def page_share(words: Iterable[str], lexicon: frozenset[str]) -> tuple[float, int]:
    """(share of dictionary words, words scored) of ``words``: English words of the lexicon, known
    names and places, census names and Russian name forms (:func:`unknown`), among the words of
    three letters or more (numbers, marks and short words aside: "at", "vp" are too short to tell
    a word from debris)."""
    scored = [w for w in map(_scored, words) if w is not None]
    if not scored:
        return 0.0, 0
    lexicon = canonical(lexicon)  # the cache below compares its key's lexicon: one object per content
    good = sum(_dictionary_word(w, lexicon) for w in scored)
    return good / len(scored), len(scored)


# The windows of a document's spans overlap and its words repeat: each word is judged once.
@functools.lru_cache(maxsize=1 << 17)
def _scored(word: str) -> str | None:
    """The word without edge punctuation if it has three letters or more (else not scored)."""
    w = plausible.bare(word)
    return w if sum(c.isalpha() for c in w) >= 3 else None


@functools.lru_cache(maxsize=1 << 17)
def _dictionary_word(w: str, lexicon: frozenset[str]) -> bool:
    return w.isalpha() and (english(w.lower(), lexicon) or plausible.known_name(w) or not unknown(w, frozenset()))


@functools.cache
def _families() -> frozenset[str]:
    return frozenset(f.lower() for f in family_names())


# Russian surnames by their endings (docs NOTES, "Names"; patronymics: types.names): "DEDKOV"
_RUSSIAN = re.compile(r"(?:[kntrlv]ov|[lnv]ev|[kntrlv]ova|[lnv]eva|sky|skaya|enko)$")


def unknown(word: str, names: frozenset[str]) -> bool:
    """A word of a name no list knows: not a known given name, surname, family name, census name,
    Russian patronymic or surname by its ending, nor a word the document prints in a name position
    (``names``, lower case)."""
    w = plausible.bare(word)
    low = w.lower()
    if plausible.is_strong(w, names) or low in wordlists.census_names() or low in _families():
        return False
    return not (len(low) >= 5 and (is_patronymic(low) or _RUSSIAN.search(low)))


def _shouted(words: Sequence[str]) -> bool:
    """Text in capitals (a cable, a teletype) despite lower-case OCR specks: :data:`CAPS_SHARE` of
    its letters or more are capitals."""
    letters = [c for w in words for c in w if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= CAPS_SHARE * len(letters)


def _capitals(word: str) -> bool:
    """A word printed in capitals in the text the model read. The truecaser keeps a word of a
    shouted line in capitals when it starts with a cryptonym digraph ("CATCLICA", "LIXELY" in a
    cable): its case tells nothing there, so such a word does not count."""
    w = plausible.bare(word)
    return w.isupper() and w[:2] not in wordlists.digraphs()


def _words(text: str) -> list[str]:
    """The words of a span that may be a name: initials, titles and particles aside."""
    return [w for w in text.split() if not plausible.is_weak(w) and any(c.isalpha() for c in w)]


def damaged_lone_names(
    text: str, spans: Sequence[tuple[int, int, str]], lexicon: frozenset[str], names: frozenset[str]
) -> frozenset[tuple[int, int]]:
    """(start, end) of the model PERSON spans of ``text`` to drop as OCR debris on a damaged page.

    ``spans`` are the document's PERSON spans as (start, end, rule); only those of
    :data:`~.plausible.MODEL_RULES` are judged (a "title" span keeps its title's evidence);
    ``names`` are the words the document prints in a name position (lower case)."""
    judged: dict[tuple[int, int], tuple[str, ...]] = {}
    clean: set[str] = set()
    for start, end, rule in spans:
        words = _words(text[start:end])
        if rule not in plausible.MODEL_RULES or rule == "title" or not words or not all(unknown(w, names) for w in words):
            continue
        around = text[max(0, start - WINDOW) : start].split()[1:] + text[end : end + WINDOW].split()[:-1]
        if any(_capitals(w) for w in words) and not _shouted(around):
            continue  # a surname or a cryptonym in capitals in mixed-case prose ("GYROSE", "DEDKOV")
        key = tuple(plausible.bare(w).lower() for w in words)
        share, scored = page_share(around, lexicon)
        if scored < MIN_WORDS or share >= PAGE_SHARE:
            clean.update(key)
        else:
            judged[(start, end)] = key
    return frozenset(span for span, key in judged.items() if not clean.intersection(key))
