"""Repairs of name spans the statistical model gets wrong in typed records (component ``declass_repair``).

* a title before or at the start of a PERSON span goes to attrs ``title`` and out of the span
  ("Senor AZCUE" -> "AZCUE", title "Senor"; "Lt. Col. Causes" -> "Causes", title "Lt. Col.");
* the capitalised surname after a given name or initial is joined ("Carlos PRADO", where the model
  stopped at "Carlos"), also across one line end ("Dayton S." / surname: attrs ``wrapped``);
* a surname in capitals that the model took for an ORG is a PERSON (CIA memoranda write surnames in
  capitals: "AZCUE is a long time friend", "the request for CHAYES' clearance"): one capitalised
  non-English word of 4+ letters with vowels, not a known body, in a line that is not shouted;
* a place-typed span ending in the head noun of a body is an ORG ("the Soviet Embassy", "the
  Soviet Government": ``data/org_heads.txt``); an ORG span that is a title and a name is a PERSON
  with that title ("General Eisenhower");
* one word typed ORG one OCR letter away from a country's name is that place ("Cubs"),
  from its adjective no entity ("Cuben");
* a PERSON or ORG span that is exactly a known place or country is a place ("MEXICO", "Habana"),
  a PERSON that is a country's adjective is none ("the Polish Legation": NORP, not kept);
* a place that is a well-known person (``data/persons.txt``: "Stalin personally directed") is a
  PERSON, and one printed as a publication ("the newspaper Posev") is an ORG, everywhere in the
  document.

Runs after ``declass_consistency`` and before ``declass_filters``. Invariant: the Doc text is
``Document.clean_text``; attrs are keyed by clean-text character ranges.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from declass.pipeline.extract import gazetteer, nonentities, patterns, perdoc, plausible
from declass.pipeline.extract.components import info, lexicon_of, put, span
from declass.pipeline.extract.patterns import english
from declass.pipeline.extract.truecase import is_shouted
from declass.pipeline.extract.variants import given_alone, named_places, place_variant
from declass.types import wordlists
from declass.types.confusion import weighted_distance

_INITIAL = re.compile(r"^[A-Z]\.$")
_VOWELS = frozenset("AEIOUY")


def _is_title(token: str) -> bool:
    """A title, or a title of 7+ letters with one letter changed by OCR ("Anbassador", "Ambassader"),
    two in one of 9+ letters ("Aubassadur"), or letters the scan confuses changed within one
    OCR-weighted edit ("Caneral": C/G and a/e, 0.8): chance words that close to a long title are
    rare. A known given name is never a damaged title ("Marshall" is not "Marshal")."""
    word = token.rstrip(".")
    if word in gazetteer.titles():
        return True
    if word.isupper() and word[:1] + word[1:].lower() in _address_titles():
        return True  # "(MR. KAPPEL," in a cable line of mixed case: a form of address in capitals
    if len(word) < 7 or not word[:1].isupper() or word[:1] + word[1:].lower() in gazetteer.given_names():
        return False
    return any(_slips(word, t) or _confused(word, t) for t in _long_titles())


def _confused(a: str, b: str) -> bool:
    """``a`` is ``b`` with letters of the same length changed, within one OCR-weighted edit."""
    return len(a) == len(b) and a.lower() != b.lower() and weighted_distance(a.lower(), b.lower()) <= 1.0


def _slips(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter changed (two when it has 9 or more letters)."""
    if len(a) != len(b) or a == b:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) <= (2 if len(b) >= 9 else 1)


@functools.cache
def _address_titles() -> frozenset[str]:
    """Forms of address and ranks ("Mr", "Gen", "Senor"), which print in capitals too ("MR.")."""
    return wordlists.titles(names=False, classes=("address", "rank"))


@functools.cache
def _long_titles() -> tuple[str, ...]:
    return tuple(t for t in gazetteer.titles() if len(t) >= 7)


def _title_at(doc: Doc, i: int) -> bool:
    """Token ``i`` is a title or the full stop of one ("Lt" "." may be two tokens)."""
    return _is_title(doc[i].text) or (doc[i].text == "." and i > 0 and _is_title(doc[i - 1].text))


def untitled(doc: Doc, ent: Span) -> tuple[int, str | None]:
    """The first token of the name in ``ent`` and the title printed in or just before it. A stop
    word before a surname in capitals is cut too ("As REUTEMAN": a truecased sentence start)."""
    i = ent.start
    while i < ent.end - 1 and _title_at(doc, i):
        i += 1
    if i > ent.start:
        return i, doc[ent.start : i].text
    last = doc[ent.end - 1].text
    while i < ent.end - 1 and doc[i].is_stop and doc[i].text not in gazetteer.given_names() and last.isupper():
        i += 1
    if i > ent.start:
        return i, None
    j = ent.start
    while j > 0 and _title_at(doc, j - 1) and "\n" not in doc[j - 1].whitespace_:
        j -= 1
    return i, (doc[j : ent.start].text if j < ent.start else None)


def _surname_like(tok: str, lexicon: frozenset[str]) -> bool:
    """A token that can be a surname on its own: in capitals (the CIA convention; the lexicon lists
    names like "castro" too) or capitalised and not English; not a place, body, title or marking."""
    if not tok.isalpha() or len(tok) < 2 or _is_title(tok):
        return False
    if not tok.isupper() and english(tok, lexicon):
        return False
    title = tok[:1] + tok[1:].lower()
    if title in gazetteer.places() or tok in gazetteer.orgs() or title in gazetteer.orgs():
        return False
    if nonentities.non_entity_class(tok, "PERSON") is not None:
        return False
    return (tok.isupper() and len(tok) >= 3) or bool(patterns.TITLE_TOKEN_RE.match(tok))


def surname_end(doc: Doc, start: int, end: int, lexicon: frozenset[str], name_starts: frozenset[int]) -> int:
    """The end token of a PERSON span ``doc[start:end]`` with the surname after it joined, or ``end``.
    ``name_starts``: first tokens of the document's entities of two or more tokens.

    CIA writes the surname in capitals after the given name ("Carlos PRADO", "Esubio AZCUE"); the
    model often stops at the given name. A name may also wrap at a line end ("Dayton S." / surname).
    """
    last = doc[end - 1]
    k = end
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k >= len(doc) or k + 1 < len(doc) and doc[k + 1].text in (",", "-", "/"):
        return end
    gap = doc[end - 1 : k + 1].text[len(last.text) : doc[k].idx - last.idx]  # Doc.text re-joins every token
    if gap.count("\n") > 1 or gap.strip() or not gap:
        return end
    nxt = doc[k].text
    if not _surname_like(nxt, lexicon):
        return end
    if k in name_starts:
        return end  # the next line starts a name of its own (a list of people)
    given = bool(patterns.TITLE_TOKEN_RE.match(last.text))
    if _INITIAL.match(last.text) or (given and nxt.isupper()):
        return k + 1
    return end


def caps_person(doc: Doc, ent: Span, lexicon: frozenset[str], person_words: frozenset[str], text: str) -> bool:
    """An ORG span that is one capitalised surname in a mixed-case line ("AZCUE", "CHAYES"): not
    English, or a word of a PERSON elsewhere in the document ("Abram Chayes", "Fidel Castro")."""
    if len(ent) != 1:
        return False
    w = ent.text
    if not (w.isupper() and w.isalpha() and len(w) >= 4) or sum(c in _VOWELS for c in w) < 2:
        return False
    if len(w) == 4 and w.lower() not in person_words:
        return False  # ACSI, USIA: four capitals are an acronym unless the document names the person
    if w in gazetteer.orgs() or w in gazetteer.acronyms() or w in gazetteer.cryptonyms():
        return False
    if english(w, lexicon) and w.lower() not in person_words:
        return False
    if nonentities.non_entity_class(w, "PERSON") is not None:
        return False
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    return not is_shouted(text[line_start : line_end if line_end >= 0 else len(text)])


def titled_name(doc: Doc, ent: Span, lexicon: frozenset[str], common: frozenset[str]) -> Span | None:
    """The name of an ORG span that is a title and a capitalised name ("General Eisenhower",
    "Senor AZCUE") as a PERSON span, else None."""
    i = ent.start
    while i < ent.end - 1 and _title_at(doc, i):
        i += 1
    if i == ent.start or doc[ent.start].text in ("President", "Secretary", "Minister", "Prime"):
        return None  # "President of the Council", "Secretary of State": offices
    words = [t.text for t in doc[i : ent.end]]
    if not all(_name_word(w, lexicon, common) or _INITIAL.match(w) for w in words):
        return None
    return Span(doc, i, ent.end, label="PERSON")


def _name_word(word: str, lexicon: frozenset[str], common: frozenset[str]) -> bool:
    """A surname-like word, or a capitalised one the document never prints in lower case (the
    lexicon lists "eisenhower" too: it is a common noun only by use)."""
    if _surname_like(word, lexicon):
        return True
    return bool(patterns.TITLE_TOKEN_RE.match(word)) and word.lower() not in common and word not in gazetteer.org_heads()


def country_variant(word: str, printed: frozenset[str]) -> str | None:
    """The country name or adjective (4+ letters) a word is one OCR letter away from ("Cubs",
    "Cuben"), as a lookup key, if the document also prints that name (``printed``, lower case):
    "Swain" is not Spain in a record that never names Spain."""
    if len(word) < 4 or not word.isalpha() or gazetteer.country_of(word):
        return None
    low = word.casefold()
    for key in gazetteer.countries():
        if len(key) == len(low) and key[0] == low[0] and sum(a != b for a, b in zip(key, low, strict=True)) == 1:
            return key if key in printed else None
    return None


def _place(text: str) -> bool:
    """A known place or a country's name (not its adjective: "Polish" is no place)."""
    t = " ".join(text.split())
    return t in gazetteer.places() or (t[:1] + t[1:].lower()) in gazetteer.places() or t in gazetteer.country_forms()


_PUBLICATION = frozenset({"newspaper", "journal", "magazine", "periodical", "paper", "weekly", "daily", "bulletin"})


def publication(doc: Doc, ent: Span) -> bool:
    """A name printed as a publication's: "the newspaper Posev", "MTS newspaper, Posev"."""
    before = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start] if not t.is_punct]
    return bool(before) and before[-1] in _PUBLICATION


@Language.factory("declass_repair", requires=["doc.ents"], assigns=["doc.ents"])
def make_repair(nlp: Language, name: str) -> Any:
    """Titles out of names, wrapped names joined, capitalised surnames PERSON, places LOC."""
    lexicon = lexicon_of(nlp)

    def repair(doc: Doc) -> Doc:
        attrs = info(doc)["attrs"]
        text = perdoc.text(doc)  # once per doc: Doc.text re-joins every token
        ents = doc.ents  # once: each access builds the spans
        changed: list[Span] = []
        person_words = frozenset(t.lower_ for e in ents if e.label_ == "PERSON" for t in e if len(t) > 3)
        papers = {e.text for e in ents if e.label_ in ("GPE", "LOC") and publication(doc, e)}
        name_starts = frozenset(e.start for e in ents if len(e) > 1)
        common = perdoc.lower_words(doc)
        printed = frozenset(t.lower() for t in perdoc.token_texts(doc))  # lower_ is the text lowered

        @functools.cache
        def evidence() -> frozenset[str]:
            """The document's name-position words (plausible.name_evidence), computed when needed."""
            rules = [attrs.get((e.start_char, e.end_char), {}).get("rule", "model") for e in ents]
            names = [(e.text.split(), r) for e, r in zip(ents, rules, strict=True) if e.label_ == "PERSON"]
            return plausible.name_evidence(text, names)

        dropped: list[Span] = []
        for e in ents:
            old: dict[str, Any] = attrs.get((e.start_char, e.end_char), {})
            if e.label_ in ("GPE", "LOC", "ORG") and e.text in gazetteer.persons():
                changed.append(Span(doc, e.start, e.end, label="PERSON"))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "known_person"}
            elif e.label_ in ("GPE", "LOC", "FAC") and len(e) > 1 and e[-1].text.rstrip(".") in gazetteer.org_heads():
                changed.append(Span(doc, e.start, e.end, label="ORG"))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "org_head"}
            elif e.label_ == "ORG" and (titled := titled_name(doc, e, lexicon, common)) is not None:
                changed.append(titled)
                attrs[(titled.start_char, titled.end_char)] = {**old, "rule": "title", "title": doc[e.start : titled.start].text}
            elif e.label_ in ("GPE", "LOC") and e.text in papers:
                changed.append(Span(doc, e.start, e.end, label="ORG"))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "publication"}
            elif e.label_ == "PERSON" and gazetteer.country_of(e.text) and not _place(e.text):
                changed.append(Span(doc, e.start, e.end, label="NORP"))  # "Polish", "Cuban": not people
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "adjective"}
            elif e.label_ == "ORG" and len(e) == 1 and (key := country_variant(e.text, printed)) is not None:
                # an OCR-damaged country name is the place; an adjective ("Cuben") names no body
                label = "GPE" if any(gazetteer._key(f) == key for f in gazetteer.country_forms()) else "NORP"
                changed.append(Span(doc, e.start, e.end, label=label))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "country_variant", "norm": gazetteer.countries()[key]}
            elif e.label_ in ("PERSON", "ORG") and len(e) == 1 and (hit := _damaged_place(e.text, printed, lexicon, evidence)):
                # "Guban", "Mexice", "VLETNAM": a place the scan damaged; an adjective ("Americen") no entity
                label = "NORP" if hit[1] == "adjective" else "GPE"
                changed.append(Span(doc, e.start, e.end, label=label))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "place_variant", **_names(hit)}
            elif e.label_ in ("GPE", "LOC") and len(e) == 1 and "norm" not in old and (hit := place_variant(e.text, printed)):
                attrs[(e.start_char, e.end_char)] = {**old, **_names(hit)}  # "Brasit": the place it names
            elif e.label_ == "ORG" and len(e) > 1 and (whole := given_person(doc, e, lexicon, common)) is not None:
                # a given name and the surnames after it typed ORG ("Gustavo DIAZ Ordaz"): a person
                changed.append(whole)
                attrs[(whole.start_char, whole.end_char)] = {**old, "rule": "given_org"}
            elif e.label_ == "ORG" and len(e) == 2 and e[1].like_num and _place(e[0].text):
                # a place and a number ("Algiers 1", "MEXICO 020015": a cable from the station) is the place
                changed.append(Span(doc, e.start, e.start + 1, label="GPE"))
                attrs[(e[0].idx, e[0].idx + len(e[0].text))] = {**old, "rule": "place_relabel"}
            elif e.label_ == "ORG" and len(e) == 1 and given_alone(e.text):
                # a given name names no body: with the surname after it a person ("Eduardo Diaz Lanz",
                # "Eduardo *SUAREZ Riva"), alone no one in particular ("one Eduardo")
                if (whole := given_and_surname(doc, e, lexicon, common)) is not None:
                    changed.append(whole)
                    attrs[(whole.start_char, whole.end_char)] = {**old, "rule": "given_org"}
                else:
                    dropped.append(e)
            elif e.label_ in ("PERSON", "ORG") and _place(e.text):
                changed.append(Span(doc, e.start, e.end, label="GPE"))
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "place_relabel"}
            elif e.label_ == "PERSON":
                start, title = untitled(doc, e)
                end = surname_end(doc, start, e.end, lexicon, name_starts)
                if (start, end) == (e.start, e.end) and title is None:
                    continue
                s = Span(doc, start, end, label="PERSON")
                new = {**old, "rule": old.get("rule", "title" if title and start > e.start else "model")}
                if title:
                    new["title"] = title
                if end > e.end:
                    new["rule"] = "surname_joined"
                    if "\n" in text[e.end_char : s.end_char]:
                        new["wrapped"] = True
                attrs[(s.start_char, s.end_char)] = new
                changed.append(s)
            elif e.label_ == "ORG" and caps_person(doc, e, lexicon, person_words, text):
                changed.append(Span(doc, e.start, e.end, label="PERSON"))
                _, title = untitled(doc, e)  # "(MR. KAPPEL,": the title is the evidence in a damaged cable
                attrs[(e.start_char, e.end_char)] = {**old, "rule": "caps_person", **({"title": title} if title else {})}
        if dropped:
            doc.ents = [e for e in doc.ents if e not in dropped]
        put(doc, changed, override=True)
        put(doc, _untagged_places(doc, printed, lexicon, evidence), override=False)
        return doc

    return repair


_STAR = frozenset({"*", "“", '"', "‘"})  # the CIA marks a name's surname with an asterisk ("Eduardo *SUAREZ")


def given_person(doc: Doc, ent: Span, lexicon: frozenset[str], common: frozenset[str]) -> Span | None:
    """An ORG span of several words that starts with a given name and whose other words are all
    names (:func:`given_and_surname` holds them): the person ("Gustavo DIAZ Ordaz"), else None."""
    if not given_alone(ent[0].text):
        return None
    whole = given_and_surname(doc, ent[:1], lexicon, common)
    return whole if whole is not None and whole.end >= ent.end else None


def given_and_surname(doc: Doc, ent: Span, lexicon: frozenset[str], common: frozenset[str]) -> Span | None:
    """A given name typed ORG and the names printed right after it on its line, as a PERSON span
    ("Eduardo Diaz Lanz", "Eduardo Tomas TORRES Ramos"), else None. Each is a capitalised word that
    is no known body, place or title and that the document never prints in lower case
    (:func:`_name_word`; ``common``: its lower-case words)."""
    k = ent.end
    while k < len(doc) and k - ent.end < 5 and "\n" not in doc[k - 1].whitespace_:
        tok = doc[k]
        if tok.text in _STAR and k + 1 < len(doc) and not tok.whitespace_:
            k += 1
            continue
        if not _name_word(tok.text, lexicon, common) or tok.is_stop:
            break
        k += 1
    while k > ent.end and doc[k - 1].text in _STAR:
        k -= 1
    if k == ent.end:
        return None
    return Span(doc, ent.start, k, label="PERSON")


_COMPASS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"})


def _untagged_places(
    doc: Doc, printed: frozenset[str], lexicon: frozenset[str], evidence: Callable[[], frozenset[str]]
) -> list[Span]:
    """Capitalised words no entity holds that are an OCR-damaged place or country the document
    names ("MEXTCO", "VLETNAM", "Niami"; :func:`_damaged_place`), as GPE spans with the place as
    ``norm``. Adjectives ("Guban") are left alone, as is a word after another capitalised one but a
    compass point ("United Stetes"; "West Cermany" is found) or a cryptonym's form ("PBPRINE")."""
    named = named_places(printed)
    if not named:
        return []
    held = {i for e in doc.ents for i in range(e.start, e.end)}
    out = []
    texts, starts = perdoc.token_texts(doc), perdoc.token_starts(doc)  # not a Token object per token
    for i, w in enumerate(texts):
        if i in held or len(w) < 5 or not w[:1].isupper() or not w.isalpha() or doc[i].is_stop:
            continue
        prev = texts[i - 1] if i else ""
        if w.isupper() and w[:2] in gazetteer.digraphs() or (prev[:1].isupper() and prev.casefold() not in _COMPASS):
            continue
        hit = place_variant(w, printed, named)
        if hit is None or hit[1] == "adjective" or english(w, lexicon) or plausible.is_strong(w, evidence()):
            continue
        if s := span(doc, starts[i], starts[i] + len(w), "GPE", "place_variant", **_names(hit)):
            out.append(s)
    return out


def _names(hit: tuple[str, str]) -> dict[str, str]:
    """The attrs of a damaged place form: its ``norm``; a place that is no country also ``refers``
    to it, which resolution reads as the name ("Tckyo" is the Tokyo entity; a country's name comes
    from ``norm`` through ``country``)."""
    return {"norm": hit[0]} if hit[1] != "place" else {"norm": hit[0], "refers": hit[0]}


def _damaged_place(
    word: str, printed: frozenset[str], lexicon: frozenset[str], evidence: Callable[[], frozenset[str]]
) -> tuple[str, str] | None:
    """The place (canonical name, kind) a one-word PERSON or ORG is an OCR-damaged form of
    (:func:`.variants.place_variant`), unless the word is English or a name: a known given name or
    surname, or a word the document prints in a name position ("Franco" after "Francisco")."""
    hit = place_variant(word, printed)
    if hit is None or english(word, lexicon):
        return None
    return None if plausible.is_strong(word, evidence()) else hit
