"""Resolution quality on forms printed in the JFK records: crashes, cryptonyms, canonical names."""

from __future__ import annotations

import pytest

from declass.resolve import resolve
from declass.resolve.compare import given_agreement
from declass.resolve.crypt import parse_cryptonym
from declass.resolve.naming import canonical_name, well_formed_person
from declass.types.names import PersonName, parse_person

from .conftest import entity_with, mention

# --- 1. a mention that used to abort the whole run ---------------------------------------------


def test_an_empty_given_name_is_neither_support_nor_conflict() -> None:
    debris, initial = PersonName("", (), "castro", "» Castro"), PersonName("f", (), "castro", "F. Castro")
    assert given_agreement(debris, initial) == 0.5
    assert given_agreement(initial, debris) == 0.5


def test_debris_before_a_surname_does_not_abort_resolution() -> None:
    # "» Castro" parsed to an empty given name and crashed given_agreement against "F. Castro".
    ms = [mention("d1", "» Castro", n=0), mention("d1", "F. Castro", n=1), mention("d2", "Fidel ». Castro", n=0)]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id == entity_with(entities, ms[1]).id


@pytest.mark.parametrize("text", ["»", "&", "003620", "- -", "=. t. a. -. Se", "l. Oe &. Oi", "", "   ", ".", "2. Ho Ho"])
def test_odd_mentions_never_abort_resolution(text: str) -> None:
    ms = [mention("d1", text, n=0), mention("d1", "Fidel Castro", n=1), mention("d2", text, "ORG", n=2)]
    resolve(ms)  # no exception; every resolvable mention is kept in some entity or left out
    assert parse_person(text).display is not None


# --- 2. cryptonyms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "agent"),
    [("AMFAUNA-14", "AMFAUNA", 14), ("AMCLOCK/1", "AMCLOCK", 1), ("AMCARBON=-1", "AMCARBON", 1), ("AMLASH~1", "AMLASH", 1)],
)
def test_cryptonym_forms_parse_into_word_and_agent_number(text: str, word: str, agent: int) -> None:
    c = parse_cryptonym(text)
    assert c is not None and (c.word, c.agent) == (word, agent)
    assert c.canonical == f"{word}-{agent}"


def test_different_agent_numbers_are_a_cannot_link() -> None:
    ms = [mention("d1", f"AMFAUNA-{n}", "CRYPTONYM", n=i) for i, n in enumerate((1, 3, 14, 39))]
    ms.append(mention("d2", "AMFAUNA-14", "CRYPTONYM", n=0))
    judgements, entities = resolve(ms)
    ids = {entity_with(entities, m).id for m in ms[:4]}
    assert len(ids) == 4
    assert entity_with(entities, ms[2]).id == entity_with(entities, ms[4]).id
    assert entity_with(entities, ms[2]).name == "AMFAUNA-14"
    assert any(j.rule == "agent_conflict" and j.same is False for j in judgements)


def test_ocr_variants_of_one_agent_merge_across_documents_in_capitals() -> None:
    ms = [
        mention("d1", "AMCLOCK/1", "ORG", n=0),
        mention("d2", "AMCLOCK-1", "CRYPTONYM", n=0),
        mention("d3", "AMCIOCK-1", "CRYPTONYM", n=0),
    ]
    _, entities = resolve(ms)
    e = entity_with(entities, ms[0])
    assert e.type == "PERSON" and e.name == "AMCLOCK-1" and set(e.mention_ids) == {m.id for m in ms}


def test_extraction_attributes_of_a_cryptonym_take_precedence() -> None:
    ms = [mention("d1", "AMFAUNA 14", "CRYPTONYM", n=0, crypt="AMFAUNA", agent=14), mention("d2", "AMFAUNA-14", "CRYPTONYM")]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id == entity_with(entities, ms[1]).id


def test_a_cryptonym_without_number_is_an_organisation_in_capitals() -> None:
    ms = [mention("d1", "AMWORLD", "CRYPTONYM"), mention("d2", "AMWORLD", "CRYPTONYM")]
    _, entities = resolve(ms)
    e = entity_with(entities, ms[0])
    assert (e.type, e.name, len(e.mention_ids)) == ("ORG", "AMWORLD", 2)


# --- 4. canonical names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("forms", "name"),
    [
        ({"Lee i. Harvey Oswald": 1, "Lee Harvey Oswald": 3, "Oswald": 5}, "Lee Harvey Oswald"),
        ({"Fidel ». Castro": 2, "Fidel Castro": 1}, "Fidel Castro"),
        ({"Guy 003620 Vitale": 1, "Vitale": 4}, "Vitale"),
        ({"MORGAN, Edward P.": 1, "Ed Morgan": 2, "Morgan": 3}, "Edward P. Morgan"),
        ({"Robin Moore -. @. Moore": 1, "Robin Moore": 1}, "Robin Moore"),
        ({"DIEU “HUEY": 1}, "Dieu Huey"),  # 176-10036-10135: an OCR quote inside the name
    ],
)
def test_the_canonical_name_is_the_best_formed_variant(forms: dict[str, int], name: str) -> None:
    from collections import Counter

    assert canonical_name("PERSON", Counter(forms)) == name


@pytest.mark.parametrize("text", ["Lee i. Harvey Oswald", "Fidel ». Castro", "Guy 003620 Vitale", "b. |. Geddes", "Aatl- Castro"])
def test_debris_is_not_a_well_formed_name(text: str) -> None:
    assert not well_formed_person(text)


@pytest.mark.parametrize("text", ["Lee Harvey Oswald", "MORGAN, Edward P.", "E. Howard Hunt", "Peter J. Di Gerveno", "McCone"])
def test_real_names_are_well_formed(text: str) -> None:
    assert well_formed_person(text)


def test_organisation_names_drop_the_article_and_collapse_whitespace() -> None:
    from collections import Counter

    assert canonical_name("ORG", Counter({"the Office of\nSecurity": 2, "Office of Security": 1})) == "Office of Security"


def test_extraction_kinds_of_known_cryptonyms_type_the_entity() -> None:
    # As extraction marks them from its list of known cryptonyms (declass/data/cryptonyms.tsv).
    ms = [
        mention("d1", "RYBAT", "CRYPTONYM", n=0, crypt="RYBAT", crypt_kind="indicator", crypt_type="-"),
        mention("d1", "PBRUMEN", "CRYPTONYM", n=1, crypt="PBRUMEN", crypt_kind="country", crypt_type="LOC", country="Cuba"),
        mention("d2", "Cuba", "LOC", n=0, country="Cuba"),
        mention("d2", "AMLASH-1", "CRYPTONYM", n=1, crypt="AMLASH", agent="1", crypt_kind="person", crypt_type="PERSON"),
        mention("d3", "AMLASH/l", "CRYPTONYM", n=0, crypt="AMLASH", agent="1"),
    ]
    _, entities = resolve(ms)
    assert not [e for e in entities if ms[0].id in e.mention_ids]  # an indicator is no entity
    cuba = entity_with(entities, ms[1])
    assert (cuba.type, cuba.name) == ("LOC", "Cuba") and cuba.id == entity_with(entities, ms[2]).id
    agent = entity_with(entities, ms[3])
    assert (agent.type, agent.name) == ("PERSON", "AMLASH-1") and agent.id == entity_with(entities, ms[4]).id
