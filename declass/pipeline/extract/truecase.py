"""Truecasing for ALL-CAPS text (cables, headings): the statistical NER relies on capitals.

Length-preserving, so offsets into the truecased text are offsets into the input. Only lines that
are shouted (mostly capital letters) change: a word found in the English lexicon becomes lower
case; known acronyms, cryptonym-like words and words with digits stay as printed; everything else
(likely a name) becomes Title case. The first word of a sentence is capitalised.

Some words of shouted lines are cased by what they are rather than by the lexicon
(``shouted.py``): an OCR-damaged English word ("NATLONALIST") and a present participle
("HAVING") are words; a routing or address list ("MEXI LIMA PACY GUAT", "CINCPAC PACAF") is
lower case; the syllables of a family-first name ("NGO DIN NHU", ``family.py``) are a name's,
English or not ("DIN", "VAN"); a body's name in capitals is a name (:func:`shouted_bodies`:
"OFFICE OF CURRENT INTELLIGENCE", "CUBAN CONSULATE", "FBI NEW YORK OFFICE"), in Title case so that
the body shapes of ``bodies.py`` and the model read it as one.
"""

from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from declass.pipeline.extract import bodies, gazetteer, plausible
from declass.pipeline.extract.family import family_first, family_names
from declass.pipeline.extract.ocrwords import damaged
from declass.pipeline.extract.shouted import english_form, near_place, printed_names, routing_runs
from declass.types import wordlists

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_LINE = re.compile(r"[^\n]+")
# "OSWALD, LEE HARVEY" (a cable's SUBJ or REF line): a surname, a comma, then given names.
_SURNAME_GIVEN = re.compile(r"\b(?P<surname>[A-Z]{3,}(?:[-'][A-Z]+)?),[ \t]+(?P<given>[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)\b")


def truecasing_lexicon(nlp: Language, base: frozenset[str]) -> frozenset[str]:
    """``base`` (the pipeline's lexicon of lemmas) and the irregular verb forms of its lemmatizer's
    exception table ("TOLD", "SEEN", "WENT", "TAKEN"): without them a shouted "WAS SEEN AT THE
    EMBASSY" became "was Seen", a PERSON."""
    forms: set[str] = set()
    if "lemmatizer" in nlp.component_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_exc"):
            forms = {w for w in lookups.get_table("lemma_exc").get("verb", {}) if w.isalpha()}
    return base | forms


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
    if near_place(word):
        return title  # "VLETNAM": a known place the scan damaged, not a damaged English word
    if damaged(word, frozenset(lexicon), names):  # NATLONALIST, GOVERNMERT: a damaged word
        return title if first else low
    return title


@functools.cache
def _known_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """The gazetteer's bodies and places of several words in capitals ("ALPHA 66", "NATIONAL
    ARCHIVES", "SOUTH VIETNAM", "UNITED STATES", "MEXICO CITY") -> as the gazetteer prints them: a
    shouted line keeps a known name's capitals (else "south Vietnam", "the united states")."""
    places = [p for p in (*gazetteer.places(), *gazetteer.country_forms()) if not p[:1].islower()]
    forms = {f.upper(): f for f in (*places, *gazetteer.orgs()) if " " in f and not f.isupper()}
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


def _after_title(text: str, start: int, end: int, lexicon: frozenset[str] | set[str]) -> list[re.Match[str]]:
    """A title and the name right after it in a shouted line, both to Title case ("AMBASSADOR
    LODGE" -> "Ambassador Lodge", "GENERAL HARKINS" -> "General Harkins"): in lower case the title
    hides the name from the model, and a name the lexicon lists ("lodge") would be lowered too.
    The word after the title is a name when it is no stop word, no title, no acronym and either
    not English or a surname of the census ("AMBASSADOR LODGE", "SENATOR LONG"); "GENERAL
    ASSEMBLY" and "AGENT REPORT" are left to the lexicon."""
    out: list[re.Match[str]] = []
    census = wordlists.census_names()
    prev: re.Match[str] | None = None
    for m in _WORD.finditer(text, start, end):
        w = m.group()
        if (
            prev is not None
            and prev.group()[:1] + prev.group()[1:].lower() in plausible.name_titles()
            and re.fullmatch(r"\.?[ \t]+", text[prev.end() : m.start()])
            and w.isupper()
            and len(w) >= 4
            and w[:1] + w[1:].lower() not in plausible.name_titles()
            and w.lower() not in STOP_WORDS
            and w not in gazetteer.acronyms()
            and (w.lower() in census or not english_form(w, lexicon))
        ):
            out += [prev, m]
        prev = m
    return out


def _forced(text: str, start: int, end: int, lexicon: frozenset[str] | set[str]) -> dict[int, str]:
    """Start offset -> cased form of the words of one shouted line cased by what they are: routing
    lists in lower case; a surname printed first before a known given name in capitals (the
    pattern ``SURNAME_FIRST`` of ``patterns.py`` reads it); family-first names in Title case."""
    out: dict[int, str] = {}
    for a, b in routing_runs(text, start, end, lexicon):
        for m in _WORD.finditer(text, a, b):
            out[m.start()] = m.group().lower()
    for m in _SURNAME_GIVEN.finditer(text, start, end):
        surname, given = m["surname"], m["given"].split()[0]
        if given[:1] + given[1:].lower() not in gazetteer.given_names() or surname.title() in gazetteer.places():
            continue
        known = surname.title() in gazetteer.persons()  # the lexicon lists "oswald"
        if (english_form(surname, lexicon) and not known) or not any(c in "AEIOUY" for c in surname):
            continue  # "SEVEN, ROLANDO CUBELA", "NSF, JOHN MCCONE"
        out[m.start("surname")] = surname  # "OSWALD, LEE HARVEY": kept in capitals, as SURNAME_FIRST reads it
    for a, b in shouted_bodies(text, start, end):
        for m in _WORD.finditer(text, a, b):
            w = m.group()
            if w.lower() in _LINKS:
                out[m.start()] = w.lower()
            elif w not in gazetteer.acronyms() and w not in gazetteer.orgs():
                out[m.start()] = w[:1] + w[1:].lower()
    for m in _after_title(text, start, end, lexicon):
        out[m.start()] = m.group()[:1] + m.group()[1:].lower()  # "AMBASSADOR LODGE": the name, not a lodge
    line = text[start:end]
    for a, b, _ in family_first(line, lexicon if isinstance(lexicon, frozenset) else frozenset(lexicon)):
        for m in _WORD.finditer(line, a, b):
            out[start + m.start()] = m.group()[:1].upper() + m.group()[1:].lower()
    return out


# Head nouns after which a shouted "of" names a body ("MINISTRY OF NATIONAL DEFENSE"); and heads
# that end one after a place, a nationality or an agency's acronym ("CUBAN CONSULATE", "FBI NEW
# YORK OFFICE"). A station is left out: the dev gold names none as a body ("ROME STATION").
_OF_HEADS = frozenset(h.upper() for h in bodies.OF_HEADS)
_LINKS = frozenset({"of", "the", "and", "for"})
_NO_NAME = frozenset(w.upper() for w in bodies.NOT_NAME)


@functools.cache
def _end_heads() -> frozenset[str]:
    return frozenset(h.upper() for h in gazetteer.body_heads()) - {"STATION"}


def _name_word(word: str) -> bool:
    """A word that can stand inside a body's name in capitals: three letters or more, no stop
    word, month or post, no verb form ("DRAFTED", "ISSUING")."""
    return (
        word.isalpha()
        and len(word) >= 3
        and word.lower() not in STOP_WORDS
        and word not in _NO_NAME
        and not word.endswith(("ED", "ING"))
    )


def _anchor(word: str) -> bool:
    """A word that starts a body's name before its head: a place, a country or nationality
    ("CUBAN"), or a known body's acronym ("FBI")."""
    title = word[:1] + word[1:].lower()
    return bool(title in gazetteer.places() or gazetteer.country_of(title) or (word.isupper() and word in gazetteer.orgs()))


def shouted_bodies(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges of bodies' names in one shouted line: a head noun, "OF", and one to four
    name words ("OFFICE OF CURRENT INTELLIGENCE", "GOVERNMENT OF VIETNAM", "UNIVERSITY OF
    MARYLAND"); or a place, nationality or agency acronym, up to two name words and a head noun
    ("CUBAN CONSULATE", "SWEDISH INTELLIGENCE SERVICE", "FBI NEW YORK OFFICE"). The words must be
    separated by spaces only: a full stop or a line end ends the name ("VIETNAM AUTHORITIES.
    ORDERED POLICE"). Heads and anchors come from ``bodies.OF_HEADS``, ``org_heads.txt``, the
    gazetteer's places and countries."""
    words = list(_WORD.finditer(text, start, end))
    spaced = [bool(re.fullmatch(r"[ \t]+", text[a.end() : b.start()])) for a, b in zip(words, words[1:], strict=False)]
    out: list[tuple[int, int]] = []
    for j, m in enumerate(words):
        w = m.group()
        if not w.isupper():
            continue
        if w in _OF_HEADS and j + 2 < len(words) and words[j + 1].group() == "OF" and spaced[j] and spaced[j + 1]:
            k = j + 2 + (words[j + 2].group() == "THE" and j + 3 < len(words) and spaced[j + 2])
            last = None
            n = 0
            while k < len(words) and n < 4 and words[k].group().isupper():
                if _name_word(words[k].group()):
                    last, n = k, n + 1
                elif words[k].group() not in ("AND", "FOR") or last != k - 1:
                    break
                if k >= len(spaced) or not spaced[k]:
                    break
                k += 1
            if last is not None:
                out.append((m.start(), words[last].end()))
        elif w in _end_heads() and j > 0:
            first = None
            for i in range(j - 1, max(-1, j - 4), -1):
                if not spaced[i] or not words[i].group().isupper():
                    break
                if _anchor(words[i].group()):
                    first = i
                elif not _name_word(words[i].group()):
                    break
            if first is not None:
                out.append((words[first].start(), m.end()))
    return out
