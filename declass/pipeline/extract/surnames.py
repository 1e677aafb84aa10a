"""Surnames the statistical model leaves untagged or types as a body or place (issue 10, person14).

Shapes that name a person without a given name beside them, each seen in dev gold of several
batches and in the jfk-corpus:

* a surname in capitals that the model took for an ORG (:func:`caps_person`: "AZCUE is a long time
  friend", "the request for CHAYES' clearance"), also a Spanish double surname ("the Cuban
  Ambassador, SALAZAR-SANCHEZ,");
* a well-known surname of ``data/persons.txt`` in running text ("man alleged to be OSWALD", "the
  CASTRO revolution", "by the CASTRO"): the model misses it in capitals and as a modifier;
* a Slavic surname ending (-ov, -ev, -ova, -eva, -sky, -ski, -skiy, -skaya, -enko) on a word of six
  letters or more that is no English word, known place, body, acronym or cryptonym ("interrogation
  of Nosenko", "FEDOTOV", "YANKOVSKY"): in the jfk-corpus every untagged word of this shape is a
  person's surname, and the model typed "NOSENKO" an ORG and "AKSENOV" a place. Patronymics
  (-ovich, -evna...) are not surnames alone.

Read by ``declass_repair`` (``extract/repair.py``); pure functions of the parsed Doc and the data
files. Invariant: the Doc text is ``Document.clean_text``.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, nonentities
from declass.pipeline.extract.patterns import english
from declass.pipeline.extract.truecase import is_shouted
from declass.types import wordlists
from declass.types.names import is_patronymic

_VOWELS = frozenset("AEIOUY")

_SLAVIC = re.compile(r"(?:[oe]v|[oe]va|sk[iy]|skiy|skaya|enko)$")


def slavic(word: str, lexicon: frozenset[str]) -> bool:
    """A capitalised word of 6+ letters with a Slavic surname ending that nothing else claims."""
    if len(word) < 6 or not word.isalpha() or not (word.isupper() or word.istitle()):
        return False
    low = word.lower()
    if not _SLAVIC.search(low) or is_patronymic(low) or english(word, lexicon):
        return False
    title = word[:1] + low[1:]
    if title in gazetteer.places() or gazetteer.country_of(title) or title in gazetteer.given_names():
        return False
    return not (word in gazetteer.orgs() or word in gazetteer.acronyms() or word in gazetteer.cryptonyms())


def caps_person(doc: Doc, ent: Span, lexicon: frozenset[str], person_words: frozenset[str], text: str) -> bool:
    """An ORG span that is one capitalised surname in a mixed-case line ("AZCUE", "CHAYES"): not
    English, or a word of a PERSON elsewhere in the document ("Abram Chayes", "Fidel Castro"); or two
    such joined by a hyphen ("SALAZAR-SANCHEZ")."""
    words = [t.text for t in ent]
    if len(ent) == 3 and words[1] == "-" and not ent[0].whitespace_ and not ent[1].whitespace_:
        # "SALAZAR-SANCHEZ", "FRAIS-RAMIREZ": a Spanish double surname; each part a surname, a US
        # census surname counting as one although the lexicon lists it too ("sanchez")
        census = frozenset(w.lower() for w in (words[0], words[2]) if w.lower() in wordlists.census_names())
        if not all(_caps_surname(w, lexicon, person_words | census) for w in (words[0], words[2])):
            return False
    elif len(ent) != 1 or not _caps_surname(ent.text, lexicon, person_words):
        return False
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    return not is_shouted(text[line_start : line_end if line_end >= 0 else len(text)])


def _caps_surname(w: str, lexicon: frozenset[str], person_words: frozenset[str]) -> bool:
    """One word in capitals that can be a surname: 4+ letters, two vowels, no known body, acronym,
    cryptonym, English word (unless a PERSON of the document holds it) or non-entity."""
    if not (w.isupper() and w.isalpha() and len(w) >= 4) or sum(c in _VOWELS for c in w) < 2:
        return False
    if len(w) == 4 and w.lower() not in person_words:
        return False  # ACSI, USIA: four capitals are an acronym unless the document names the person
    if w in gazetteer.orgs() or w in gazetteer.acronyms() or w in gazetteer.cryptonyms():
        return False
    if english(w, lexicon) and w.lower() not in person_words:
        return False
    return nonentities.non_entity_class(w, "PERSON") is None


def verb_form(word: str, lexicon: frozenset[str]) -> bool:
    """A word in capitals that is an English verb with -ED or -ING ("CALLED", "DEFERRED",
    "CONCERNING", "PRESENTED") and no census name (HARDING, MANNING): no surname to join to a name."""
    if not word.isupper() or not word.endswith(("ED", "ING")) or word.lower() in wordlists.census_names():
        return False
    low = word.lower()
    cut = 2 if low.endswith("ed") else 3
    stem = low[:-cut]
    stems = {stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem}
    return english(word, lexicon) or any(len(st) >= 3 and st in lexicon for st in stems)


def _known(word: str) -> bool:
    return len(word) >= 3 and (word.isupper() or word.istitle()) and word[:1] + word[1:].lower() in gazetteer.persons()


def _in_running_text(doc: Doc, i: int) -> bool:
    """After a word of the same line that is no given name, and not glued to a hyphen: not a
    heading, a list or the remnant of the release banner at a line start ("KENNEDY")."""
    if i == 0 or i + 1 < len(doc) and doc[i + 1].text == "-":
        return False
    before = doc[i - 1]
    if not before.is_alpha or len(before) < 2 or "\n" in before.whitespace_:
        return False
    return before.text[:1] + before.text[1:].lower() not in gazetteer.given_names()  # "JOHN KENNEDY" left out: decided against


def untagged(doc: Doc, attrs: dict[tuple[int, int], dict[str, Any]], lexicon: frozenset[str]) -> list[Span]:
    """PERSON spans for the well-known and the Slavic surnames that no entity holds; their rule is
    recorded in ``attrs`` (``known_person``, ``slavic_surname``)."""
    held = {i for e in doc.ents for i in range(e.start, e.end)}
    out = []
    for tok in doc:
        if tok.i in held:
            continue
        word = tok.text
        if _known(word) and _in_running_text(doc, tok.i):
            rule = "known_person"
        elif slavic(word, lexicon) and (tok.i + 1 >= len(doc) or doc[tok.i + 1].text != "-"):
            rule = "slavic_surname"
        else:
            continue
        out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
        attrs[(tok.idx, tok.idx + len(word))] = {"rule": rule}
    return out
