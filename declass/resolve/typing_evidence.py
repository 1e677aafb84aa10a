"""The type of a one-word name decided by the evidence of the whole corpus, before resolution.

The model types each mention alone: a surname in capitals in a cable becomes an organisation
("NOSENKO", "HANDAL", "NHU"), a surname in a list a place, a city a person. The corpus knows
better: the same word is the surname of a person named in full in other documents, or a place
of the gazetteer. :func:`corpus_types` relabels such a mention before the nodes are built, so
it resolves with the entities of its real type (the surname rules then decide whether it joins
a full name), and keeps the evidence on the mention (``attrs["corpus_type"]``), which the entity
shows (``attrs["retyped"]``, ``declass entity ID --why``). The printed text never changes.

Rules, for a one-word name of three letters or more (not a cryptonym, not a referring word, not
a type a reviewer gave):

* ORG or LOC -> PERSON: the word is the surname of a person printed with a given name or an
  initial in some document (a well-formed name of at most four words, none a common English
  word), the word is no known body or place, and the documents naming it as a person (full
  names and the word alone as a PERSON) are at least as many as those naming it as an
  organisation, or twice as many as those naming it as a place;
* PERSON or ORG -> LOC: the word is a place of the gazetteer (``places.txt``, the countries) and
  no person of the corpus bears it as a surname;
* LOC or PERSON -> ORG: the word is a known body (``orgs.tsv``, ``distinct_orgs.txt``) and no
  known place.

Invariant: the decision depends only on the set of mentions, not on their order, so a full and
an incremental run over the same mentions type alike.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from declass.model import Mention
from declass.resolve.naming import compared_text, name_text, not_name_words, well_formed_person
from declass.resolve.nodes import typed
from declass.types.names import parse_person
from declass.types.wordlists import distinct_orgs, lines

_WORD = re.compile(r"[^\W\d_]+")
TYPED = ("PERSON", "ORG", "LOC")
KEY = "corpus_type"  # the mention attribute holding the evidence


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Folded one-word places and country forms of the gazetteer (``places.txt``, ``countries.tsv``)."""
    out = {p.casefold() for p in lines("places.txt")}
    for line in lines("countries.tsv"):  # names and short forms, not the adjectives ("Soviet")
        out |= {f.strip().casefold() for col in line.split("\t")[:2] for f in col.split("|") if f.strip()}
    return frozenset(w for w in out if _WORD.fullmatch(w))


@lru_cache(maxsize=1)
def known_bodies() -> frozenset[str]:
    """Folded one-word known bodies (``orgs.tsv`` forms and canonicals, ``distinct_orgs.txt``)."""
    out = {f.strip().casefold() for line in lines("orgs.tsv") for f in line.split("\t")[:2]}
    out |= {f.casefold() for forms in distinct_orgs() for f in forms}
    return frozenset(w for w in out if _WORD.fullmatch(w))


_ALONE = re.compile(r"[\W_]*([^\W\d_]{3,})[\W_]*")


def _one_word(text: str) -> str | None:
    """The folded word of a name printed as one word of three letters or more and nothing else
    but punctuation ("NOSENKO", "SAIGON."); None for "MEXICO 020015" (a cable line) or "Fidel Castro"."""
    m = _ALONE.fullmatch(text)
    return m.group(1).casefold() if m else None


@lru_cache(maxsize=1)
def not_vouching() -> frozenset[str]:
    """Words that make a "full name" no evidence of a person: common English words, head nouns of
    bodies (``org_heads.txt``) and one-word non-entities (``non_entities.tsv``)."""
    words = set(not_name_words())
    words |= {line.split("\t")[0].strip().casefold() for line in lines("org_heads.txt")}
    for line in lines("non_entities.tsv"):
        cols = line.split("\t")
        if len(cols) >= 4 and _WORD.fullmatch(cols[3].strip()):
            words.add(cols[3].strip().casefold())
    return frozenset(words)


def _evidence(display: str, words: list[str]) -> bool:
    """A full name fit to vouch for its surname: well formed, four words at most, no common English
    word, body head or non-entity word in it ("Teng Desk", "U. S. Government", "Law Houston")."""
    common = not_vouching()
    return well_formed_person(display) and len(words) <= 4 and not any(w.casefold() in common for w in words)


class TypeEvidence:
    """What the corpus says of one-word names: the documents printing each word as a PERSON, ORG
    or LOC alone, and the well-formed full names bearing it as a surname (with their documents).
    Built from mentions by :func:`corpus_types`, from stored entities by the audit."""

    def __init__(self) -> None:
        self.docs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.surname_of: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def add(self, etype: str, text: str, docs: Iterable[str]) -> str | None:
        """Count one printed name of ``etype`` in ``docs``; its one word (folded), if it is one."""
        word = _one_word(text)
        if word is not None:
            self.docs[word][etype].update(docs)
        elif etype == "PERSON":
            person = parse_person(compared_text(text, "PERSON"))
            if person.given and person.surname and len(person.surname) >= 3 and " " not in person.surname:
                if _evidence(person.display, _WORD.findall(person.display)):
                    self.surname_of[person.surname.casefold()][person.display].update(docs)
        return word

    def verdict(self, etype: str, word: str) -> tuple[str, str] | None:
        """The type the corpus gives the one-word name ``word`` printed as ``etype``, with why; or None."""
        return _verdict(etype, word, self.docs.get(word, {}), self.surname_of.get(word, {}))


def corpus_types(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, those of a one-word name whose type the corpus contradicts relabelled (with
    the evidence in ``attrs["corpus_type"]``); the others unchanged, in the same order."""
    evidence = TypeEvidence()
    for m in mentions:
        gather(evidence, m)
    return [retyped(evidence, m) for m in mentions]


def _evidence_type(m: Mention) -> str | None:
    """The type a mention vouches for in the corpus's evidence; None for a cryptonym, a referring
    word, a country cryptonym or a value."""
    etype, crypt = typed(m)
    if etype not in TYPED or crypt is not None or m.attrs.get("refers") or m.attrs.get("country"):
        return None
    return etype


def gather(evidence: TypeEvidence, m: Mention) -> None:
    """Count one mention in the corpus's evidence (the first of :func:`corpus_types`'s two passes,
    which bounded resolution runs over the store document by document)."""
    etype = _evidence_type(m)
    if etype is not None:
        evidence.add(etype, name_text(m), (m.doc_id,))


def retyped(evidence: TypeEvidence, m: Mention) -> Mention:
    """The mention relabelled if it is a one-word name whose type the whole ``evidence`` contradicts."""
    etype = _evidence_type(m)
    if etype is None or "typed_by" in m.attrs:
        return m
    word = _one_word(name_text(m))
    verdict = evidence.verdict(etype, word) if word is not None else None
    if verdict is None:
        return m
    label, why = verdict
    return replace(m, label=label, attrs={**m.attrs, KEY: {"from": etype, "to": label, "why": why}})


def _verdict(etype: str, word: str, docs: dict[str, set[str]], full: dict[str, set[str]]) -> tuple[str, str] | None:
    """The type the corpus gives a one-word name printed as ``etype``, with why; None to keep it."""
    place, body = word in known_places(), word in known_bodies()
    if etype != "PERSON" and full and not place and not body:
        person_docs = docs.get("PERSON", set()).union(*full.values())
        own = docs.get(etype, set())
        # A place needs twice the evidence: "Houston, Texas" is printed where Lawrence Houston is not.
        if len(person_docs) >= len(own) * (2 if etype == "LOC" else 1):
            name = max(full, key=lambda n: (len(full[n]), n))
            return "PERSON", (f"the surname of {name} (a person in {len(person_docs)} document(s); {etype} in {len(own)})")
    if etype != "LOC" and place and not full:
        return "LOC", "a known place, and no person of the corpus bears it as a surname"
    if etype != "ORG" and body and not place and not full:
        return "ORG", "a known body"
    return None
