"""The type of a one-word name decided by the whole corpus (declass/resolve/typing_evidence.py).

Cases from the jfk-corpus: a surname in capitals in a cable typed ORG ("NOSENKO", "HANDAL")
while other records name the person in full; a city typed PERSON; a known body typed PERSON.
"""

from __future__ import annotations

from declass.resolve import resolve
from declass.resolve.typing_evidence import corpus_types
from tests.resolve.test_quality import entity_with, mention


def test_a_surname_in_capitals_typed_org_is_the_person_the_corpus_names_in_full() -> None:
    ms = [
        mention("d1", "Yurily Ivanovich Nosenko", n=0),
        mention("d2", "Yurily Ivanovich Nosenko", n=0),
        mention("d3", "NOSENKO", "ORG", n=0),
        mention("d3", "NOSENKO", "ORG", n=1),
    ]
    _, entities = resolve(ms)
    e = entity_with(entities, ms[2])
    # A person now, the surname alone of another record: offered as "possibly also" the full name.
    assert (e.type, e.variants, e.attrs["surname_only"]) == ("PERSON", {"NOSENKO": 2}, True)
    assert [p["name"] for p in e.attrs["possibly"]] == ["Yurily Ivanovich Nosenko"]
    assert e.attrs["retyped"] == [
        {
            "form": "NOSENKO",
            "from": "ORG",
            "to": "PERSON",
            "why": "the surname of Yurily Ivanovich Nosenko (a person in 2 document(s); ORG in 1)",
        }
    ]


def test_the_majority_of_documents_decides_and_a_known_body_keeps_its_type() -> None:
    # HANDAL printed as a body in three cables, the person named once: the corpus says ORG more often.
    ms = [mention("d1", "Jorge Handal", n=0)] + [mention(f"c{k}", "HANDAL", "ORG", n=0) for k in range(3)]
    assert [m.label for m in corpus_types(ms)] == ["PERSON", "ORG", "ORG", "ORG"]
    ms.append(mention("d4", "Handal", n=0))
    ms.append(mention("d5", "Handal", n=0))
    assert [m.label for m in corpus_types(ms)][1:4] == ["PERSON"] * 3
    # KUBARK and the FBI are bodies even where a person bears the word as a surname.
    bodies = [mention("d1", "Samuel Fbi", n=0), mention("d2", "FBI", "ORG", n=0)]
    assert corpus_types(bodies)[1].label == "ORG"


def test_a_known_place_typed_person_is_a_place_unless_a_person_bears_it() -> None:
    ms = [mention("d1", "Guayaquil", n=0), mention("d2", "Guayaquil", "LOC", n=0)]
    out = corpus_types(ms)
    assert out[0].label == "LOC" and out[0].attrs["corpus_type"]["from"] == "PERSON"
    assert out[0].text == "Guayaquil"  # the printed form never changes
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id == entity_with(entities, ms[1]).id
    # "Houston" alone is Lawrence Houston where the corpus names him.
    houston = [mention("d1", "Lawrence Houston", n=0), mention("d2", "Houston", n=0)]
    assert corpus_types(houston)[1].label == "PERSON"


def test_a_type_given_by_a_reviewer_or_a_referring_word_is_never_retyped() -> None:
    ms = [mention("d1", "Guayaquil", n=0, typed_by="reviewer"), mention("d2", "Subject", n=0, refers="Havana")]
    assert [m.label for m in corpus_types(ms)] == ["PERSON", "PERSON"]


def test_the_decision_does_not_depend_on_the_order_of_the_mentions() -> None:
    ms = [mention("d1", "Yuri Nosenko", n=0), mention("d2", "NOSENKO", "ORG", n=0), mention("d3", "Lima", n=0)]
    forward = {m.id: m.label for m in corpus_types(ms)}
    assert forward == {m.id: m.label for m in corpus_types(ms[::-1])}
    assert list(forward.values()) == ["PERSON", "PERSON", "LOC"]
