"""ORG and place spans retyped by how the document uses them (component ``declass_retype``).

Found by reading the 100 most-mentioned ORG and LOC entities of the jfk-corpus (docs/quality.md,
"ORG and LOC causes"); the model types a word by its shape, the document shows what it is:

* a surname the model typed ORG is a person when the document uses it as one: the subject of a
  verb of saying or thinking ("Marwell said", "Tichborn feels", "Gedées stated", "SCHOTT was
  interrogated") or the owner of a person's things ("NECHIPORENKO'S BOOK", "SCHOTT's wife").
  So is one that is the surname of a full name in the document, in any case ("SCHOTT" after
  "Erik SCHOTT": the consistency component compares title-case surnames only).
  Every ORG span of that word in the document is retyped, as one name has one label in a document;
  known bodies, acronyms and cryptonyms are never retyped ("the FBI advised" stays a body);
* a word typed as a place that is a title ("Consul ~:. Hugh. Kessler") is no place;
* a capitalised word typed as a place that the document prints in lower case too, or the plural
  of an English noun tagged as one, is a common noun ("Meetings held with them", "ACTION"), unless it is a known
  place;
* a short capitalised fragment typed as a place that is no known place ("Los", "Bay") is debris;
* a word typed as a place, not an English or known word, one OCR letter from a one-word ORG of
  the document is that body ("Mctorola" beside "Motorola"; "California" stays a place);
* a word typed as a place right before a surname in capitals is a given name: the CIA writes
  surnames in capitals ("Manolo CASTRO", "Manolo *RAY Rivero"), so the two are a person.

Invariant: the Doc text is ``Document.clean_text`` (character offsets are clean-text offsets).
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz.distance import Levenshtein
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from declass.pipeline.extract import gazetteer, perdoc
from declass.pipeline.extract.components import info, lexicon_of, put
from declass.pipeline.extract.filters import lone_word
from declass.pipeline.extract.patterns import english
from declass.pipeline.extract.variants import accented, fold

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Lemmas of verbs whose subject is a person: people say, feel and are interrogated; bodies rarely
# "feel" or "believe", and known bodies are never retyped anyway.
PERSON_VERBS = frozenset(
    {
        "say", "state", "feel", "tell", "mention", "ask", "explain", "claim", "believe", "think",
        "recall", "admit", "deny", "reply", "add", "indicate", "interrogate", "interview", "marry",
        "bear", "die", "arrive", "leave", "travel", "visit", "meet", "make", "know", "want", "hope",
    }
)  # fmt: skip
# Nouns a person owns: "NECHIPORENKO'S BOOK", "SCHOTT's wife".
PERSON_THINGS = frozenset(
    {
        "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "family",
        "friend", "book", "account", "memoirs", "home", "house", "apartment", "car", "passport",
    }
)  # fmt: skip
_CAPS_SURNAME = re.compile(r"[ \t]*[*“\"‘']?(?P<s>[A-Z]{3,})\b")


def person_by_use(tok: Token) -> bool:
    """The token is used as a person: subject of a person's verb or owner of a person's thing."""
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in PERSON_VERBS:
        return True
    return tok.dep_ == "poss" and tok.head.lemma_.lower() in PERSON_THINGS


def surname_like(word: str) -> bool:
    """One word that may be a surname: not a known body, acronym, cryptonym (known or by its digraph),
    place or head noun;
    four letters or more; a word in capitals of four letters needs two vowels ("PRIO"; "MIRC" is an
    acronym)."""
    if len(word) < 4 or not word.isalpha():
        return False
    if word in gazetteer.orgs() or word in gazetteer.acronyms() or word.upper() in gazetteer.cryptonyms():
        return False
    if word.isupper() and len(word) >= 5 and word[:2] in gazetteer.digraphs():
        return False  # a cryptonym by its form (AMWHIP, LIEMPTY): its own type, never a surname
    title = word[:1] + word[1:].lower()
    if title in gazetteer.places() or gazetteer.country_of(word) or title in gazetteer.org_heads():
        return False
    if word.isupper() and len(word) <= 4:
        return sum(c in "AEIOUY" for c in word) >= 2
    return True


def _damaged_surname(word: str, surnames: set[str]) -> bool:
    """A word with an accent the scan added, one edit from a surname of the document once the
    accent is gone ("Gedées" beside "Ed Geddes": an English-language record typed no accent there)."""
    if not accented(word) or len(word) < 5:
        return False
    low = fold(word)
    return any(len(s) >= 5 and Levenshtein.distance(low, fold(s), score_cutoff=1) <= 1 for s in surnames)


def _one_letter(a: str, b: str) -> bool:
    """Same length (six letters or more), one letter different: an OCR variant."""
    return len(a) == len(b) and a != b and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _plural(word: str, lexicon: frozenset[str]) -> bool:
    """The plural of a word of the lexicon ("Meetings"). The lexicon holds proper names too ("Kansa"),
    so the caller also asks the tagger for a plural common noun (NNS, not NNP)."""
    return word.isalpha() and word.endswith("s") and not word.endswith("ss") and word[:-1].lower() in lexicon


def _surname(word: str, common: frozenset[str]) -> bool:
    """A word in capitals after a given name that is a surname: no known body, place or acronym, and
    not printed in lower case in the document (an English word: "Havana SECRET")."""
    title = word[:1] + word[1:].lower()
    known = word in gazetteer.acronyms() or word in gazetteer.orgs() or title in gazetteer.places()
    return not known and word.lower() not in common


@Language.factory("declass_retype", requires=["doc.ents"], assigns=["doc.ents"])
def make_retype(nlp: Language, name: str) -> Any:
    """ORG surnames used as persons become PERSON; titles, common nouns and fragments typed as
    places are dropped; a given name typed as a place before a surname in capitals is a person."""
    lexicon = lexicon_of(nlp)

    def retype(doc: Doc) -> Doc:
        attrs = info(doc)["attrs"]
        surnames = {e[-1].text.casefold() for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_alpha}
        persons = {
            e.text
            for e in doc.ents
            if e.label_ == "ORG"
            and len(e) == 1
            and surname_like(e.text)
            and (person_by_use(e[0]) or e.text.casefold() in surnames or _damaged_surname(e.text, surnames))
        }
        changed: list[Span] = []
        for e in doc.ents:
            if e.label_ == "ORG" and e.text in persons:
                s = Span(doc, e.start, e.end, label="PERSON")
                attrs[(s.start_char, s.end_char)] = {**attrs.get((e.start_char, e.end_char), {}), "rule": "person_by_use"}
                changed.append(s)
        put(doc, changed, override=True)
        common = perdoc.lower_words(doc)
        name_words = frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)
        drop: list[Span] = []
        given: list[Span] = []
        bodies = {e.text for e in doc.ents if e.label_ == "ORG" and len(e) == 1 and len(e.text) >= 6 and e.text.isalpha()}
        text = perdoc.text(doc)  # Doc.text joins every token on each access: once per doc, not once per entity
        for e in doc.ents:
            toks = [t for t in e if not t.is_space and len(t.text) > 1]
            if e.label_ not in PLACE_LABELS or len(toks) != 1:
                continue
            word = toks[0].text  # "Los\n\n", "Los t": one word and stray letters or line ends
            plural = toks[0].tag_ == "NNS" and _plural(word[:1] + word[1:].lower(), lexicon)
            title = word[:1] + word[1:].lower()
            if title in gazetteer.places() or gazetteer.country_of(word):
                continue
            if len(toks) == len(e) and _damaged_surname(word, surnames):
                person = Span(doc, e.start, e.end, label="PERSON")  # "Gedées" typed a place beside "Ed Geddes"
                attrs[(person.start_char, person.end_char)] = {"rule": "person_by_use"}
                given.append(person)
            elif title in gazetteer.titles() or lone_word(title, lexicon, name_words, common) or plural:
                drop.append(e)
            elif len(toks) == len(e) and not english(word, lexicon) and any(_one_letter(word, b) for b in bodies):
                # the place form must itself be unknown: "California" stays beside an ORG "Califarnia"
                body = Span(doc, e.start, e.end, label="ORG")  # "Mctorola" beside the ORG "Motorola"
                attrs[(body.start_char, body.end_char)] = {"rule": "org_variant"}
                given.append(body)
            elif len(word) <= 3 and word[:1].isupper() and word[1:].islower():
                drop.append(e)
            elif word[1:].islower() and (m := _CAPS_SURNAME.match(text, e.end_char)) and _surname(m["s"], common):
                name = doc.char_span(e.start_char, m.end(), label="PERSON", alignment_mode="expand")
                if name is not None:
                    attrs[(name.start_char, name.end_char)] = {"rule": "given_before_caps"}
                    given.append(name)
        if drop:
            doc.ents = [e for e in doc.ents if e not in drop]
        put(doc, given, override=True)
        return doc

    return retype
