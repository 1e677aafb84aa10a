"""Truecasing for ALL-CAPS text (cables, headings): the statistical NER relies on capitals.

Length-preserving, so offsets into the truecased text are offsets into the input. Only lines that
are shouted (mostly capital letters) change: a word found in the English lexicon becomes lower
case; known acronyms, cryptonym-like words and words with digits stay as printed; everything else
(likely a name) becomes Title case. The first word of a sentence is capitalised.

Some words of shouted lines are cased by what they are rather than by the lexicon
(``shouted.py``): an OCR-damaged English word ("NATLONALIST") and a present participle
("HAVING") are words; a routing or address list ("MEXI LIMA PACY GUAT", "CINCPAC PACAF") is
lower case; the syllables of a family-first name ("NGO DIN NHU", ``family.py``) are a name's,
English or not ("DIN", "VAN").
"""

from __future__ import annotations

import functools
import re

from declass.pipeline.extract import gazetteer
from declass.pipeline.extract.family import family_first, family_names
from declass.pipeline.extract.shouted import english_form, near_english, printed_names, routing_runs

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_LINE = re.compile(r"[^\n]+")


def is_shouted(line: str, min_letters: int = 12, ratio: float = 0.9) -> bool:
    """A line whose letters are nearly all capitals, with enough letters to judge."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < min_letters:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= ratio * len(letters) and len(_WORD.findall(line)) >= 3


def _case_word(word: str, lexicon: frozenset[str] | set[str], keep: frozenset[str], first: bool, names: frozenset[str]) -> str:
    if word in keep or (len(word) <= 3 and word.lower() not in lexicon):
        return word  # acronym (CIA, MGB, DIR)
    low = word.lower()
    if len(word) >= 5 and word[:2] in gazetteer.digraphs() and low not in lexicon:
        return word  # cryptonym (AMLASH, LIENVOY): stays as printed
    title = word[:1] + word[1:].lower()
    if title in gazetteer.given_names() or title in gazetteer.places() or title in gazetteer.persons():
        return title
    if title in family_names() and len(word) > 2:
        return title  # "NGO DINH NHU": a family name, not the acronym NGO
    if english_form(word, lexicon):  # also plurals, past forms and participles: GROUPS, STATED, HAVING
        return title if first else low
    if low not in names and near_english(word, lexicon):  # NATLONALIST, GOVERNMERT: a damaged word
        return title if first else low
    return title


@functools.cache
def _known_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """The gazetteer's bodies of several words in capitals ("ALPHA 66", "NATIONAL ARCHIVES") -> as
    the gazetteer prints them: a shouted line keeps a known name's capitals."""
    forms = {f.upper(): f for f in gazetteer.orgs() if " " in f and not f.isupper()}
    alternation = "|".join(re.escape(f).replace(r"\ ", r"[ \t]+") for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b"), forms


def truecase(text: str, lexicon: frozenset[str] | set[str]) -> str:
    """Recase shouted lines of ``text``; same length as the input."""
    keep = frozenset(gazetteer.orgs()) | gazetteer.acronyms()
    out = list(text)
    changed = False
    shouted = [(line.start(), line.end()) for line in _LINE.finditer(text) if is_shouted(line.group())]
    names = printed_names(text, shouted) if shouted else frozenset()
    for start, end in shouted:
        forced = _forced(text, start, end, lexicon)
        first = True
        prev_end = start
        for m in _WORD.finditer(text, start, end):
            gap = text[prev_end : m.start()]
            if re.search(r"[.!?]\s*$", gap):
                first = True
            new = forced.get(m.start()) or _case_word(m.group(), lexicon, keep, first, names)
            if len(new) == len(m.group()) and new != m.group():
                out[m.start() : m.end()] = new
                changed = True
            first = False
            prev_end = m.end()
        pattern, forms = _known_names()
        for m in pattern.finditer(text, start, end):
            form = forms.get(" ".join(m.group().split()))
            if form is not None and len(form) == len(m.group()):
                out[m.start() : m.end()] = form
                changed = True
    return "".join(out) if changed else text


def _forced(text: str, start: int, end: int, lexicon: frozenset[str] | set[str]) -> dict[int, str]:
    """Start offset -> cased form of the words of one shouted line cased by what they are: routing
    lists in lower case, family-first names in Title case."""
    out: dict[int, str] = {}
    for a, b in routing_runs(text, start, end, lexicon):
        for m in _WORD.finditer(text, a, b):
            out[m.start()] = m.group().lower()
    line = text[start:end]
    for a, b, _ in family_first(line, lexicon if isinstance(lexicon, frozenset) else frozenset(lexicon)):
        for m in _WORD.finditer(line, a, b):
            out[start + m.start()] = m.group()[:1].upper() + m.group()[1:].lower()
    return out
