"""ORG and place spans retyped by use (issue 10, ``declass_retype``): the jfk-corpus top-100 junk.

Each text is from a jfk-corpus record where the entity stood in the 100 most-mentioned ORG or LOC
entities as junk. The whole pipeline runs (the rules read the dependency parse); the last tests
call the pure helpers.
"""

from __future__ import annotations

import functools
import re

import pytest

from declass.pipeline.extract import extract_text
from declass.pipeline.extract.components import lexicon_of
from declass.pipeline.extract.nlp import load_nlp
from declass.pipeline.extract.retype import _plural, surname_like


def _labels(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in extract_text([text])[0]:
        out.setdefault(m.text, set()).add(m.label)
    return out


@functools.cache
def _lexicon() -> frozenset[str]:
    return lexicon_of(load_nlp())


def test_surname_used_as_a_person_is_a_person() -> None:
    # ARRB meeting notes: the model typed "Marwell" ORG in the attendee line.
    text = (
        "Notes from meeting w/ ARRB staff Sept. 11, 1995\nARRB Attendees: Marwell, Gunn, Mary + one\n"
        "CIA Attendees : Barry, Ellie\nMarwell said that we could make an addition pitch to the Board."
    )
    labels = _labels(text)
    assert "ORG" not in labels.get("Marwell", set())
    assert "PERSON" in labels["Marwell"]
    assert labels["ARRB"] == {"ORG"}  # a body stays a body


def test_surname_in_capitals_after_the_full_name_is_the_person() -> None:
    text = (
        "the account of one Erik SCHOTT, an architect residing at Bremen, West Germany. "
        "Subject visited SCHOTT in late 1957 and SCHOTT's wife, who was also questioned, stated that checks arrived."
    )
    labels = _labels(text)
    assert "ORG" not in labels.get("SCHOTT", set())


def test_known_body_as_subject_of_a_verb_stays_a_body() -> None:
    labels = _labels("The FBI advised that the CIA said nothing. The KGB believed him.")
    assert labels["FBI"] == {"ORG"} and labels["KGB"] == {"ORG"}


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("8. AMLASH-1 again reported that Orlando Blanco, Consul of the Cuban Embassy in Bern, is approachable", "Consul"),
        ("S-E-C-R-E-T NO FOREIGN DISSEM\nMeetings held with them, dates, and personnel participating\nin the talks", "Meetings"),
        ("Background (lee © 4 Gone cre Po * DoNet hors: y cyTe mie | 2 Utes: EY oS ti Los\n\n14 00000", "Los"),
    ],
)
def test_titles_common_nouns_and_fragments_are_no_places(text: str, junk: str) -> None:
    assert "LOC" not in _labels(text).get(junk, set())


def test_a_place_that_looks_like_a_plural_stays() -> None:
    # "Kansa" is in the lexicon (a name), so only the tagger's NNS tells "Meetings" from "Kansas".
    assert "LOC" in _labels("In 1962 Subject moved from Dallas, Texas, to Topeka, Kansas, with his wife.")["Kansas"]


def test_bern_is_a_place() -> None:
    labels = _labels("Orlando Blanco, Consul of the Cuban Embassy in Bern, is approachable since he is unhappy.")
    assert labels["Bern"] == {"LOC"}


def test_given_name_before_a_surname_in_capitals_is_a_person() -> None:
    text = "He was associated with the same revolutionary group to which Manolo CASTRO belonged."
    labels = _labels(text)
    assert "LOC" not in labels.get("Manolo", set())
    assert any("PERSON" in ls for t, ls in labels.items() if "CASTRO" in t)


def test_country_variant_names_its_country() -> None:
    # "Cubs" (Cuba with one OCR letter): the mention names Cuba, so it joins the Cuba entity.
    text = "He returned to Cuba in 1960. He pointed out that in Havana, Cubs, he participated in the dissemination of propaganda."
    mentions = extract_text([text])[0]
    cubs = [m for m in mentions if m.text == "Cubs"]
    assert cubs and all(m.label == "LOC" and m.attrs.get("country") == "Cuba" for m in cubs)


@pytest.mark.parametrize(
    ("word", "surname"),
    [
        ("NECHIPORENKO", True),
        ("PRIO", True),
        ("Tichborn", True),
        ("MIRC", False),
        ("AMWHIP", False),  # a cryptonym by its digraph
        ("FBI", False),
        ("Havana", False),
        ("Embassy", False),
    ],
)
def test_surname_like(word: str, surname: bool) -> None:
    assert surname_like(word) is surname


@pytest.mark.parametrize(("word", "plural"), [("Meetings", True), ("Texas", False), ("Matanzas", False)])
def test_plural_of_an_english_noun(word: str, plural: bool) -> None:
    assert _plural(word, _lexicon()) is plural


def test_ocr_variant_of_a_body_in_the_document_is_the_body() -> None:
    # 104-10179-10167: the model typed the second, OCR-damaged "Mctorola" as a place.
    text = (
        "These gompanics are: 2q 0\n\na.(Motorola, Chicago, Illinois > bi Kel, Cambridge, Massachusetts \\ 24,08 \\ z : . "
        "The TSD VHF radio switth edalpmdnt for demolition needs was developed for us by(Mctorola. 'Kell-Com! }raasistorized"
    )
    labels = _labels(text)
    assert labels["Motorola"] == {"ORG"}
    assert "LOC" not in labels.get("Mctorola", set())


def test_a_known_place_stays_beside_a_misspelt_body() -> None:
    # jfk-corpus 7dbee254: the model typed the OCR form "Californie" ORG; California stays a place.
    text = (
        "W. Davis.) Tichborn will mention this possibility to Roberts upon hia return to \nCalifornie. \n"
        "5. While in Cuba, Tichbdorn accidently met a young lady. The Agency will pay for medical expenses "
        "which will \nundoubtedly be incurred upon his return to California due to a possible hernia."
    )
    mentions = extract_text([text])[0]
    assert [m.label for m in mentions if m.text == "Californie"] == ["ORG"]  # the case the rule meets
    assert [m.label for m in mentions if m.text == "California"] == ["LOC"]


def test_a_known_office_used_as_a_subject_stays_a_body() -> None:
    # 104-10069-10185 (a JMWAVE memo on Army liaison, 1962): "ACSI thought" made the Army's
    # intelligence staff office a person by use in all 30 of its mentions; a known body is never
    # retyped, so the office is in the known bodies (orgs.tsv).
    text = (
        "JMWAVE would continue to assess, polygraph and train those individuals that ACSI thought were "
        "suitable W/T candidates. It was indicated that ACSI was willing for JMWAVE to coordinate locally."
    )
    (mentions,) = extract_text([text])
    assert {m.label for m in mentions if m.text == "ACSI"} == {"ORG"}


def _retyped(text: str, orgs: list[str]) -> dict[str, set[str]]:
    """Run ``declass_retype`` of the pipeline on a parsed Doc whose entities are the model's ORG
    spans ``orgs`` (each printed form, every occurrence)."""
    nlp = load_nlp()
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names[: nlp.pipe_names.index("ner")]:
        doc = nlp.get_pipe(name)(doc)
    spans = []
    for form in orgs:
        for m in re.finditer(re.escape(form), text):
            spans.append(doc.char_span(m.start(), m.end(), label="ORG"))
    doc.ents = sorted(spans, key=lambda s: s.start)
    out: dict[str, set[str]] = {}
    for e in nlp.get_pipe("declass_retype")(doc).ents:
        out.setdefault(e.text, set()).add(e.label_)
    return out


def test_a_name_after_a_title_typed_org_is_a_person() -> None:
    """jfk-corpus 104-10232-10019 (MIRC, 13 mentions, labelled wrong_type among the top 100 ORG) and
    124-10284-10155 (batch 2 of the dev gold): a title, the OCR's comma for its full stop, a name;
    every mention of the name in the record follows."""
    text = "Then Dr, MIRC handed me a plan for clandestine action. He declared that the Council and MIRC and VARGNA agreed."
    assert _retyped(text, ["MIRC"]) == {"MIRC": {"PERSON"}}
    text = "He advised that the Cuban Ambassador, SALAZAR-SANCHEZ, had been dismissed by the Cuban Government."
    assert _retyped(text, ["SALAZAR-SANCHEZ"]) == {"SALAZAR-SANCHEZ": {"PERSON"}}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("the Consul, Cuban Embassy, said that he had", "Cuban Embassy"),  # a head noun: the post's body
        ("a letter to the Director, FBI, on 3 May", "FBI"),  # a known body
        ("the Ambassador, Havana, said", "Havana"),  # a place
    ],
)
def test_a_body_after_a_title_stays_a_body(text: str, body: str) -> None:
    assert _retyped(text, [body]) == {body: {"ORG"}}
