"""Domain coreference on passages of the JFK records: "Subject", code names, and their entities."""

from __future__ import annotations

import re

from declass.model import Document, Mention, make_id
from declass.pipeline.extract.coref import coreference, subject_referent
from declass.resolve import resolve

# 104-10433-10050 (a dispatch to the Legal Attache, London, 1966), as its text layer prints it.
KING = (
    "30 Harch 1966\n\nSUBJECT: MARTIN LUTHER KING, JR.\nWe have no information that Subject appeared at a\n"
    "gto date, nor does the Eubassy have knowledge\n\nauthorities not know of your interest in Subject's activities,\n"
)
# 104-10291-10003 (a contract): "Subject to" is not the memo's subject.
CONTRACT = (
    "SUBJECT: Transmittal of Documentation\n"
    "rendering yourself unavailable for acceptable service. Subject to the availability of appropriations, "
    "this agreement may be extended. Subject will report.\n"
)
# Cables of the same release: the Agency's and the FBI's code names, Cuba's.
CABLE = "KUBARK HAS NO TRACES. ODENVY ADVISED. the Agency will not object. PBRUMEN EXILES IN MIAMI.\n"


def document(doc_id: str, text: str, forms: list[tuple[str, str]]) -> Document:
    """A document with mentions made the way the generic model makes them: every occurrence of each form."""
    mentions = []
    for form, label in forms:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            mentions.append(Mention(make_id(doc_id, m.start(), m.end(), label), doc_id, label, form, m.start(), m.end(), page=1))
    return Document(doc_id, f"{doc_id}.pdf", "application/pdf", text=text, clean_text=text, mentions=mentions)


def test_subject_means_the_person_of_the_subject_line() -> None:
    doc = coreference(document("king", KING, [("MARTIN LUTHER KING, JR.", "PERSON"), ("Subject", "PERSON")]))
    ref = subject_referent(doc)
    assert ref is not None and not isinstance(ref, str) and ref.text == "MARTIN LUTHER KING, JR."
    subjects = [m for m in doc.mentions if m.text == "Subject"]
    assert len(subjects) == 2
    assert all(m.attrs["refers"] == "MARTIN LUTHER KING, JR." and m.attrs["rule"] == "coref_subject" for m in subjects)
    assert [KING[m.start : m.end] for m in subjects] == ["Subject", "Subject"]  # the surface form is kept


def test_subject_to_and_an_unknown_subject_are_not_names() -> None:
    doc = coreference(document("contract", CONTRACT, [("Subject", "PERSON")]))
    assert [m for m in doc.mentions if m.text == "Subject"] == []


def test_a_surname_first_subject_line_names_the_referent_without_a_mention() -> None:
    text = "MEMORANDUM FOR THE RECORD\nSUBJECT: JANIKOWSKI, Henryk Ignacy\n1. Subject was born in Warsaw.\n"
    doc = coreference(document("jan", text, []))
    (m,) = doc.mentions
    assert (m.text, m.label, m.attrs["refers"]) == ("Subject", "PERSON", "JANIKOWSKI, Henryk Ignacy")


def test_code_names_refer_to_the_agency_the_bureau_and_the_country() -> None:
    forms = [("KUBARK", "ORG"), ("ODENVY", "ORG"), ("Agency", "ORG"), ("PBRUMEN", "CRYPTONYM")]
    doc = coreference(document("cable", CABLE, forms))
    got = {(m.text, m.label, m.attrs.get("refers")) for m in doc.mentions}
    assert got == {("KUBARK", "ORG", "CIA"), ("ODENVY", "ORG", "FBI"), ("Agency", "ORG", "CIA"), ("PBRUMEN", "LOC", "Cuba")}


def test_subject_joins_the_referents_entity_and_no_entity_is_named_subject() -> None:
    king = coreference(document("king", KING, [("MARTIN LUTHER KING, JR.", "PERSON"), ("Subject", "PERSON")]))
    other = document("other", "Dr. Martin Luther King visited London.", [("Martin Luther King", "PERSON")])
    _, entities = resolve(king.mentions + other.mentions)
    names = [e.name for e in entities]
    assert "Subject" not in names
    (e,) = [e for e in entities if e.type == "PERSON"]
    assert e.name == "Martin Luther King" and e.variants["Subject"] == 2 and len(e.doc_ids) == 2


def test_code_names_join_the_named_body() -> None:
    cable = coreference(document("cable", CABLE, [("KUBARK", "ORG"), ("ODENVY", "ORG")]))
    memo = document("memo", "The CIA and the FBI met.", [("CIA", "ORG"), ("FBI", "ORG")])
    _, entities = resolve(cable.mentions + memo.mentions)
    by_name = {e.name: e for e in entities}
    assert set(by_name["CIA"].variants) == {"CIA", "KUBARK", "Agency"}
    assert set(by_name["FBI"].variants) == {"FBI", "ODENVY"}
    assert {e.name for e in entities if e.type == "LOC"} == {"Cuba"}


def test_debris_on_the_subject_line_is_no_referent() -> None:
    # The baseline named 15 "Subject"s after "Je", OCR debris the model took for a person.
    text = "SUBJECT: Je ee Transmittal of Documentation\n2. Subject was met in Mexico City.\n"
    doc = coreference(document("je", text, [("Je", "PERSON"), ("Subject", "PERSON")]))
    assert [m.text for m in doc.mentions] == ["Je"]


def test_a_code_name_printed_with_ocr_damage_refers_as_the_code_name() -> None:
    # jfk-corpus records print KUBARK as "RUBARK", "KUBARX's", "KUBARC": extraction reads them as
    # the cryptonym (ocr_variant_of); they are the CIA, like the clean form, not a body of their own.
    text = "DESIRED TO BE FURNISHED TO RUBARK. INTERPRET KUBARX'S REFUSAL. REACHING KUBARC VIA SOURCES.\n"
    doc = document("cable", text, [("RUBARK", "CRYPTONYM"), ("KUBARX", "CRYPTONYM"), ("KUBARC", "CRYPTONYM")])
    for m in doc.mentions:
        m.attrs.update({"crypt": "KUBARK", "ocr_variant_of": "KUBARK"})
    got = {(m.text, m.label, m.attrs.get("refers")) for m in coreference(doc).mentions}
    assert got == {("RUBARK", "ORG", "CIA"), ("KUBARX", "ORG", "CIA"), ("KUBARC", "ORG", "CIA")}
