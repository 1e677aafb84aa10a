"""Which entities a traced name of several words can mean: the words must agree, not merely resemble.

The trace ranks its candidates by RapidFuzz (:func:`declass.trace.name_score`), which scores a
partial match high: "Alberto Fernandez" scored 86 against "Alberto Bayo" (a shared given name),
"Dieu Hue" 90 against the place "Hue", "Mao Tse-tung" 90 against "UN". A researcher typing a full
name asks for that person, and a wrong entity is worse than none (the trace then falls back to the
records printing the name, :mod:`declass.trace_text`). So a query of several words keeps a
candidate only when one of its names (canonical, variants, aliases) agrees with it:

* a person's name agrees when the surnames agree and the given names do not conflict: "E. Howard
  Hunt" and "Howard Hunt" agree (the form's given name is one of the query's), "John F. Kennedy"
  and "Robert F. Kennedy" do not; a bare surname agrees with a full name bearing it ("Brizola" for
  "Leonel Brizola"), a bare given name does not ("Alberto" for "Alberto Fernandez"), another bare
  word of the query does ("Dieu" for the nun "Dieu Hue": the order of her name is unknown); of a Spanish
  double surname either part is the surname ("Rodrigo Asturias" for "Rodrigo Asturias Amado");
* any other name agrees when every word of the query is one of its words ("Foreign Ministry" for
  "Cuban Foreign Ministry" does not; "Cuban Foreign Ministry" for "Foreign Ministry" does).

Words agree when they fold alike (:func:`declass.types.names.fold_name`), when one is the other's
initial, or as OCR variants: words of four letters or more at a RapidFuzz ratio of
:data:`WORD_RATIO` or more ("Tretiakov"/"Tretyckov", "Manue"/"Manuel"). A query of one word is
not filtered: a surname alone offers every bearer (the trace's ambiguity rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from rapidfuzz import fuzz

from declass.model import Entity
from declass.types.names import PersonName, fold_name, parse_person
from declass.types.wordlists import given_names

# Two words of four letters or more at this ratio are OCR variants of one word (one letter in
# five misread or missing).
WORD_RATIO = 80.0
# Words of a name that are no part of its identity: articles and particles of the languages of the
# records ("Rio Grande do Sul", "Minas del Frio", "Commission of the Party").
PARTICLES = frozenset({"the", "of", "and", "de", "del", "la", "las", "los", "do", "da", "dos", "das", "y", "von", "van", "der"})


def words_agree(a: str, b: str) -> bool:
    """Whether two folded words can be one word: equal, an initial and a word it begins, or OCR
    variants (:data:`WORD_RATIO`) when both have four letters or more."""
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= WORD_RATIO


def _any_agrees(word: str, words: Iterable[str]) -> bool:
    return any(words_agree(word, w) for w in words)


def _given_words(p: PersonName) -> list[str]:
    return [w for w in (p.given, *p.middle) if w]


def _surname_agrees(q: PersonName, f: PersonName) -> bool:
    """Surnames agree, or one is the paternal part of the other's double surname (the last middle
    word: "Asturias" of "Rodrigo Asturias Amado")."""
    if words_agree(q.surname, f.surname):
        return True
    return bool(q.middle and words_agree(q.middle[-1], f.surname)) or bool(f.middle and words_agree(f.middle[-1], q.surname))


def _bare_word_of(word: str, q: PersonName) -> bool:
    """Whether a one-word name is a word of the query that is no known given name: of a name whose
    order is unknown ("Dieu" of the nun "Dieu Hue", extraction having cut "Hue" off as a place)
    any word may be the one printed alone, but a bare "Alberto" is not "Alberto Fernandez"."""
    return any(words_agree(word, w) for w in _given_words(q)) and word.capitalize() not in _given_folded()


@cache
def _given_folded() -> frozenset[str]:
    return frozenset(fold_name(g).capitalize() for g in given_names())


def person_agrees(query: str, form: str) -> bool:
    """Whether a printed person's name can be the person a query of several words names."""
    q, f = parse_person(query), parse_person(form)
    if not q.surname or not f.surname:
        return words_cover(query, form)
    if f.given is None and not f.middle and _bare_word_of(f.surname, q):
        return True
    if not _surname_agrees(q, f):
        return False
    if q.given is None or f.given is None:
        return True  # a bare surname ("Brizola"), or a query of a surname with a title
    # The first given name of one side is among the given names of the other: "E. Howard Hunt" and
    # "Howard Hunt"; not "John F. Kennedy" and "Robert F. Kennedy" (a shared initial is no match).
    return _any_agrees(f.given, _given_words(q)) or _any_agrees(q.given, _given_words(f))


def words_cover(query: str, form: str) -> bool:
    """Whether every word of the query (particles aside) agrees with a word of the form."""
    words = fold_name(form).split()
    wanted = [w for w in fold_name(query).split() if w not in PARTICLES]
    return bool(wanted) and all(_any_agrees(w, words) for w in wanted)


def entity_agrees(query: str, entity: Entity) -> bool:
    """Whether the entity can be what a query of several words names: one of its names agrees
    (:func:`person_agrees` for a person, :func:`words_cover` otherwise). A one-word query, or one
    folding to a name of the entity exactly, always agrees."""
    folded = fold_name(query)
    if len(folded.split()) < 2:
        return True
    forms = [entity.name, *entity.variants, *entity.aliases]
    if any(fold_name(s) == folded for s in forms):
        return True
    agree = person_agrees if entity.type == "PERSON" else words_cover
    return any(agree(query, s) for s in forms if fold_name(s))


def agreeing(query: str, scored: Sequence[tuple[Entity, float]]) -> list[tuple[Entity, float]]:
    """The scored candidates that can be what ``query`` names (:func:`entity_agrees`), in order."""
    return [(e, s) for e, s in scored if entity_agrees(query, e)]
