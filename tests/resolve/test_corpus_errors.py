"""Resolution errors found by reading the top entities of the jfk-corpus by hand (issue 10).

Each test builds the mentions as the records print them (surface forms of the corpus, one
document per record) and resolves them with the real resolver.
"""

from __future__ import annotations

from collections import Counter

import pytest

from declass.model import Relation
from declass.resolve import resolve
from declass.resolve.compare import damaged_given, digraph_slip
from declass.resolve.naming import compared_text, name_text, org_name, place_name, well_formed_person
from tests.resolve.test_quality import entity_with, mention


def test_a_role_word_taken_for_a_given_name_is_dropped_and_the_surname_attaches() -> None:
    # "CHAYES, Legal [Adviser]" in one memo; Abram Chayes in two others, each with the State Department.
    ms = [
        mention("d1", "CHAYES, Legal", n=0),
        mention("d1", "Chayes", n=1),
        mention("d1", "Department of State", "ORG", n=2),
        mention("d2", "Abram Chayes", n=0),
        mention("d2", "Department of State", "ORG", n=1),
        mention("d3", "Abram Chayes", n=0),
    ]
    _, entities = resolve(ms)
    e = entity_with(entities, ms[0])
    assert e.name == "Abram Chayes" and {ms[0].id, ms[1].id, ms[3].id, ms[5].id} <= set(e.mention_ids)
    assert "CHAYES, Legal" in e.variants  # the printed form stays a variant
    assert compared_text("Taught Nikonov", "PERSON") == "Nikonov"
    assert compared_text("As Reuteman", "PERSON") == "Reuteman"
    assert compared_text("A. Mario Remis", "PERSON") == "A. Mario Remis"  # an initial is no word


def test_the_forms_of_the_state_department_are_one_organisation() -> None:
    ms = [mention("d1", "State", "ORG"), mention("d2", "State Department", "ORG"), mention("d3", "Department of State", "ORG")]
    _, entities = resolve(ms)
    assert len({entity_with(entities, m).id for m in ms}) == 1


def test_an_acronym_read_as_an_ocr_form_of_a_known_one_joins_it() -> None:
    # jfk-corpus: "FOR CLA INTERNAL USE ONLY" in three records, extraction's norm CIA; they stayed an
    # entity "CLA" of their own beside the CIA (431 mentions).
    cla = mention("d1", "CLA", "ORG")
    cla.norm = "CIA"
    ms = [cla, mention("d2", "CIA", "ORG"), mention("d3", "CIA", "ORG"), mention("d4", "MVD", "ORG")]
    _, entities = resolve(ms)
    e = entity_with(entities, cla)
    assert e.name == "CIA" and e.id == entity_with(entities, ms[1]).id and "CLA" in e.variants
    assert entity_with(entities, ms[3]).id != e.id
    long_form = mention("d5", "Central Intelligence Agency", "ORG")
    long_form.norm = "CIA"  # an expansion keeps its own name: only acronym-to-acronym readings are taken
    assert name_text(long_form) == "Central Intelligence Agency" and name_text(cla) == "CIA"


@pytest.mark.parametrize(("a", "b", "name"), [("Havana", "Habana", "Havana"), ("Florida", "Fla.", "Florida")])
def test_printed_variants_of_a_place_are_one_place(a: str, b: str, name: str) -> None:
    ms = [mention("d1", a, "LOC"), mention("d1", a, "LOC", n=1), mention("d2", b, "LOC")]
    _, entities = resolve(ms)
    e = entity_with(entities, ms[2])
    assert e.id == entity_with(entities, ms[0]).id and e.name == name and b in e.variants


@pytest.mark.parametrize(
    ("forms", "name"),
    [
        ({"ROME": 11}, "Rome"),
        ({"SAIGON": 9, "Saigon": 2}, "Saigon"),
        ({"EUROPE": 9}, "Europe"),
        ({"SAO PAULO": 5}, "Sao Paulo"),
        ({"RIO DE JANEIRO": 3}, "Rio de Janeiro"),
        ({"USSR": 21}, "USSR"),
        ({"D.C.": 8}, "D.C."),
    ],
)
def test_places_printed_in_capitals_are_named_in_proper_case(forms: dict[str, int], name: str) -> None:
    assert place_name(Counter(forms)) == name


def test_a_given_name_alone_joins_the_one_person_of_the_document_with_that_name() -> None:
    fidel = [mention("d1", "Fidel Castro", n=0), mention("d1", "Fidel", n=1), mention("d1", "Castro", n=2)]
    carlos = [mention("d2", "Carlos Prado", n=0), mention("d2", "Carlos Lechuga", n=1), mention("d2", "Carlos", n=2)]
    _, entities = resolve(fidel + carlos)
    assert len({entity_with(entities, m).id for m in fidel}) == 1
    alone = entity_with(entities, carlos[2])  # two Carloses: no evidence for either
    assert alone.id not in {entity_with(entities, m).id for m in carlos[:2]}
    assert alone.attrs.get("given_name_only") is True


def test_an_entity_takes_the_type_most_of_its_mentions_have() -> None:
    # An acronym definition joins an ACRONYM mention (an organisation form) to the country's mentions.
    ms = [mention("d1", "Soviet Russia", "LOC", n=0, country="Soviet Union"), mention("d1", "SR", "ACRONYM", n=1)]
    ms += [mention("d1", "USSR", "LOC", n=k, country="Soviet Union") for k in (2, 3)]
    rel = Relation("acronym", ms[1].id, ms[0].id, doc_id="d1")
    _, entities = resolve(ms, [rel])
    e = entity_with(entities, ms[1])
    assert e.type == "LOC" and e.id == entity_with(entities, ms[2]).id


def test_an_organisation_keeps_a_closed_parenthesis_and_drops_one_cut_at_the_line_end() -> None:
    assert org_name(Counter({"Directorio Revolucionario Estudiantil (DRE)": 44, "DRE": 1})) == (
        "Directorio Revolucionario Estudiantil (DRE)"
    )
    assert org_name(Counter({"Directorio Revolucionario Estudiantil (DRE": 3})) == "Directorio Revolucionario Estudiantil"


def test_initials_of_a_banner_are_no_surname_to_attach_to() -> None:
    # "Baumgardner JFK" (a name followed by the banner's JFK) is no bearer for the bare "JFK"s.
    assert not well_formed_person("Baumgardner JFK")
    ms = [mention("d1", "Baumgardner JFK", n=0), mention("d1", "CIA", "ORG", n=1)]
    ms += [mention(f"d{k}", "JFK", n=0) for k in (2, 3)] + [mention(f"d{k}", "CIA", "ORG", n=1) for k in (2, 3)]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[2]).id != entity_with(entities, ms[0]).id


def test_an_embassy_tagged_as_a_place_is_an_organisation() -> None:
    ms = [mention("d1", "Cuban Embassy", "LOC", n=0), mention("d2", "Cuban Embassy", "ORG", n=0)]
    ms.append(mention("d1", "Havana", "LOC", n=1))
    _, entities = resolve(ms)
    e = entity_with(entities, ms[0])
    assert e.type == "ORG" and e.id == entity_with(entities, ms[1]).id
    assert entity_with(entities, ms[2]).type == "LOC"


# --- OCR damage the jfk-corpus top 100 showed ------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "known", "same"),
    [
        ("fidsi", "fidel", True),
        ("manual", "manuel", True),
        ("carlo", "carla", False),
        ("maria", "mario", False),
        ("figit", "fidel", False),
        ("fidel", "fidel", False),
    ],
)
def test_a_given_name_is_damaged_only_when_it_is_no_name_and_an_ocr_form_of_one(damaged: str, known: str, same: bool) -> None:
    assert damaged_given(damaged, known) is same


def test_an_ocr_damaged_given_name_joins_the_well_formed_person_across_documents() -> None:
    # 104-10163-10019 prints "Fidsi CASTRO"; other records "Fidel Castro" and "Manuel Varela Castro".
    ms = [
        mention("d1", "Fidel Castro", n=0),
        mention("d2", "Fidsi Castro", n=0),
        mention("d2", "Fidsi Castro", n=3),
        mention("d3", "Manuel Varela Castro", n=0),
    ]
    judgements, entities = resolve(ms)
    fidel = entity_with(entities, ms[0])
    assert fidel.name == "Fidel Castro" and {ms[1].id, ms[2].id} <= set(fidel.mention_ids)
    assert entity_with(entities, ms[3]).id != fidel.id  # another given name: a cannot-link
    assert any(j.same and j.evidence.get("features", {}).get("given_agreement") == 0.9 for j in judgements)


def test_two_known_given_names_one_letter_apart_stay_two_people() -> None:
    ms = [mention("d1", "Maria Gomez", n=0), mention("d2", "Mario Gomez", n=0)]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id != entity_with(entities, ms[1]).id


def test_a_damaged_digraph_merges_with_the_same_agent_and_never_another() -> None:
    # 104-10048-10124 prints ANMCARBON~1, AKCARBON-1 and AMNCARBON-2 beside AMCARBON-1 and -2.
    assert digraph_slip("ANMCARBON", "AMCARBON") and digraph_slip("AKCARBON", "AMCARBON")
    assert not digraph_slip("LIFAUNA", "AMFAUNA") and not digraph_slip("AMWHIP", "AMCHIP")
    texts = ["AMCARBON-1", "ANMCARBON-1", "AKCARBON-1", "AMCARBON-2", "AMNCARBON-2", "AMCARBON-1"]
    ms = [mention(f"d{i % 5}", t, "CRYPTONYM", n=i) for i, t in enumerate(texts)]
    _, entities = resolve(ms)
    one, two = entity_with(entities, ms[0]), entity_with(entities, ms[3])
    assert one.id != two.id and one.name == "AMCARBON-1" and two.name == "AMCARBON-2"
    assert set(one.mention_ids) == {m.id for m in ms if m.text.endswith("-1")}
    assert set(two.mention_ids) == {ms[3].id, ms[4].id}


def test_a_capital_letter_without_its_stop_before_a_name_is_no_initial_of_the_canonical_name() -> None:
    # 124-10326-10098 prints the routing line "FROM ?: Q Ladd Keay"; another record "K \nThie" beside "Thie".
    assert not well_formed_person("Q Ladd Keay") and not well_formed_person("K \nThie")
    assert well_formed_person("J. Edgar Hoover") and well_formed_person("J EDGAR HOOVER")
    _, entities = resolve([mention("d1", "K \nThie", n=0), mention("d1", "Thie", n=1)])
    assert [e.name for e in entities] == ["Thie"]
    _, entities = resolve([mention("d2", "Q Ladd Keay", n=0)])
    assert [e.name for e in entities] == ["Ladd Keay"]
