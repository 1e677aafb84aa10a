"""The audit's corpus-wide checks (declass/eval/audit_corpus.py), on entities of the jfk-corpus.

The entities are built by hand with the names, printed variants and document counts the corpus
store holds (main at 6d0145a); the fresh hand-labelled top 100 tests the same checks in bulk.
"""

from __future__ import annotations

from declass.eval.audit_corpus import Corpus, abbreviated, agent_as_programme, once_printed_given
from declass.model import Entity


def entity(name: str, etype: str, variants: dict[str, int], docs: int, key: str = "") -> Entity:
    ids = [f"{key or name}-{k}" for k in range(docs)]
    return Entity(f"e-{key or name}", etype, name, variants, [], ["m"] * sum(variants.values()), ids)


def test_a_surname_typed_org_is_flagged_when_the_corpus_names_the_person_in_more_records() -> None:
    thompson_org = entity("Thompson", "ORG", {"Thompson": 2}, 2, key="org")
    person = entity("Llewellyn Thompson", "PERSON", {"Thompson": 9, "Llewellyn THOMPSON": 3}, 4)
    corpus = Corpus([thompson_org, person])
    assert corpus.wrong_type(thompson_org) == (
        "the corpus makes it a PERSON: the surname of Llewellyn Thompson (a person in 4 document(s); ORG in 2)"
    )
    assert corpus.wrong_type(person) is None
    # NHU: no record names the person, so the corpus has nothing to say.
    nhu = entity("NHU", "ORG", {"NHU": 5}, 1)
    assert Corpus([nhu, person]).wrong_type(nhu) is None


def test_a_given_name_printed_once_beside_a_surname_of_many_records() -> None:
    batista = entity("Yeireano Batista", "PERSON", {"Batista": 6, "BATISTA": 3, "BATISTA, Yeireano": 1}, 6)
    assert once_printed_given(batista) == "the given name 'Yeireano' is printed once; 6 documents print the surname alone"
    # A known given name, or a full name printed in fewer records, is no such evidence.
    assert once_printed_given(entity("Richard Goodwin", "PERSON", {"GOODWIN": 2, "Goodwin": 2, "Richard Goodwin": 1}, 4)) is None
    assert once_printed_given(entity("Romulo Betancourt", "PERSON", {"BETANCOURT": 17, "Romulo Betancourt": 1}, 2)) is None


def test_an_elided_abbreviation_and_an_agent_filed_as_its_programme() -> None:
    assert abbreviated(entity("Fidez", "PERSON", {"F'dez": 3, "Fidez": 3, "Fideze": 1}, 1)) == (
        'an abbreviation, not a name: printed "F\'dez"'
    )
    assert abbreviated(entity("O'Neill", "PERSON", {"O'Neill": 3}, 1)) is None
    amcarbon = entity("AMCARBON", "ORG", {"AMCARBON=-1": 8, "AMCARBON—1": 1, "AMCARBON": 1}, 1)
    assert agent_as_programme(amcarbon) == "an agent, not a programme: printed as AMCARBON-1"
    assert agent_as_programme(entity("Alpha 66", "ORG", {"Alpha 66": 5, "ALPHA 66": 2}, 3)) is None
    assert agent_as_programme(entity("AMFAUNA-1", "ORG", {"AMFAUNA-1": 2, "AMFAUNA-14": 1}, 1)) is None
