"""Names with debris and damaged spans, places, cryptonyms: repairs on real corpus forms.

Unit tests build spaCy Docs by hand (a blank pipeline, no model) with the entities the model
produced on the corpus record named in the comment (/work/shared/samples/jfk-corpus/).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from declass.pipeline.extract import gazetteer
from declass.pipeline.extract.components import info
from declass.pipeline.extract.cryptonyms import cryptonym_attrs, cryptonym_parts, is_cryptonym
from declass.pipeline.extract.names import clean_name, edges
from declass.pipeline.extract.repair import make_repair

NLP = spacy.blank("en")
REPAIR = make_repair(NLP, "declass_repair")
LEXICON = frozenset({"believe", "spell", "clock"})


def _run(text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = NLP(text)
    spans = []
    for surface, label in ents:
        a = text.index(surface)
        s = doc.char_span(a, a + len(surface), label=label)
        assert s is not None
        spans.append(s)
    doc.ents = spans
    return REPAIR(doc)


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("Fidel ». Castro", "Fidel Castro"),  # issue 10, a record of the 2025 release
        ("Guy 003620 Vitale", "Guy Vitale"),
        ("Lee i. Harvey Oswald", "Lee Harvey Oswald"),
        ("W. c. HERRON", "W. C. HERRON"),  # a lower-case letter after an initial is an initial
        ("Dayton S.\nMITCHELL", "Dayton S. MITCHELL"),
        ("Rodri-\nguez", "Rodriguez"),
    ],
)
def test_debris_inside_a_name_is_left_out_of_its_clean_form(printed: str, clean: str) -> None:
    assert clean_name(printed) == clean


@pytest.mark.parametrize(
    ("printed", "kept"),
    [
        ("Joseph Piccolo \n10/65 - 12/67", "Joseph Piccolo"),  # a list of officers and their years
        ("Thomas Keenan \n65 - 66", "Thomas Keenan"),
        ("ROBERT 4 021924", "ROBERT"),
        ("Havana y.", "Havana"),
        ("65 - 66", None),
    ],
)
def test_debris_at_the_edges_is_cut_from_the_span(printed: str, kept: str | None) -> None:
    got = edges(printed)
    assert (printed[got[0] : got[1]] if got else None) == kept


def test_title_goes_to_attrs() -> None:
    # 104-10110-10242 style "Senor X"; and a title the model left outside the span (104-10176-10020)
    doc = _run("He met Senor AZCUE and Mr. Carrico informally.", [("Senor AZCUE", "PERSON"), ("Carrico", "PERSON")])
    assert _ents(doc) == [("AZCUE", "PERSON"), ("Carrico", "PERSON")]
    attrs = info(doc)["attrs"]
    titles = {doc.text[a:b]: v.get("title") for (a, b), v in attrs.items()}
    assert titles == {"AZCUE": "Senor", "Carrico": "Mr."}


def test_multi_word_title_is_cut() -> None:
    # 104-10069-10185 "Lt. Col. Causes stated that he felt"
    doc = _run("Lt. Col. Causes stated that he felt", [("Lt. Col. Causes", "PERSON")])
    assert _ents(doc) == [("Causes", "PERSON")]
    assert info(doc)["attrs"][(9, 15)]["title"] == "Lt. Col."


def test_capitalised_surname_after_given_name_is_joined() -> None:
    # 104-10171-10003 "JMWAVE tracing identifies one Carlos PRADO as a brother of Raul"
    doc = _run("JMWAVE tracing identifies one Carlos PRADO as a brother of Raul", [("Carlos", "PERSON"), ("Raul", "PERSON")])
    assert _ents(doc)[0] == ("Carlos PRADO", "PERSON")


def test_stop_word_before_a_capitalised_surname_is_cut() -> None:
    # a truecased sentence start in a cable: "AS REUTEMAN SAID" -> the model's PERSON "As REUTEMAN"
    doc = _run("As REUTEMAN said, Carlos PRADO left.", [("As REUTEMAN", "PERSON"), ("Carlos PRADO", "PERSON")])
    assert _ents(doc) == [("REUTEMAN", "PERSON"), ("Carlos PRADO", "PERSON")]


def test_name_wrapped_at_line_end_is_joined() -> None:
    doc = _run("memo to Dayton S.\nMITCHELL of the Office", [("Dayton S.", "PERSON")])
    assert _ents(doc) == [("Dayton S.\nMITCHELL", "PERSON")]
    assert info(doc)["attrs"][(8, 26)]["wrapped"] is True


def test_next_name_of_a_list_is_not_joined() -> None:
    # 104-10006-10247 style list: "ALONSO, Sixto F." / "PEYORO, Antonio F." on the next line
    doc = _run("EGPINO ALONSO, Sixto F.\nPEYORO, Antonio F.", [("ALONSO, Sixto F.", "PERSON")])
    assert _ents(doc) == [("ALONSO, Sixto F.", "PERSON")]


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("City. AZCUE is a long time friend of Subject.", "AZCUE"),  # 104-10163-10019
        ("The request for CHAYES' clearence vas a Blanket request", "CHAYES"),  # 104-10051-10106
    ],
)
def test_capitalised_surname_taken_for_org_is_a_person(text: str, surname: str) -> None:
    assert (surname, "PERSON") in _ents(_run(text, [(surname, "ORG")]))


@pytest.mark.slow  # the English lexicon comes with the model
@pytest.mark.parametrize("word", ["GROUPS", "INQUIRIES", "FRIENDS"])  # ORG "words" of the corpus
def test_capitalised_english_word_is_not_made_a_person(word: str) -> None:
    from declass.pipeline.extract.nlp import load_nlp

    repair = make_repair(load_nlp(), "declass_repair")
    doc = NLP(f"the {word} met")
    doc.ents = [doc.char_span(4, 4 + len(word), label="ORG")]
    assert _ents(repair(doc)) == [(word, "ORG")]


def test_surname_in_lexicon_is_a_person_when_the_document_names_the_person() -> None:
    doc = _run("Fidel Castro spoke. Later CASTRO left.", [("Fidel Castro", "PERSON"), ("CASTRO", "ORG")])
    assert ("CASTRO", "PERSON") in _ents(doc)


def test_surname_in_a_shouted_line_stays() -> None:
    text = "CITE WAVE 8921 INTEL TYPIC SUPDATA AMICE FROM AZCUE\nrest"
    assert _ents(_run(text, [("AZCUE", "ORG")])) == [("AZCUE", "ORG")]


# --- places ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "country"),
    [
        ("US", "United States"),
        ("U.S.", "United States"),
        ("U.S", "United States"),  # 13 LOC mentions of the corpus print it without the last stop
        ("USA", "United States"),
        ("the United States", "United States"),  # 104-10048-10124 "return to the United States"
        ("American", "United States"),
        ("USSR", "Soviet Union"),
        ("the Soviet Union", "Soviet Union"),
        ("PBRUMEN", "Cuba"),
        ("Cuban", "Cuba"),
        ("Great Britain", "United Kingdom"),
        ("Stalin", None),
        ("Posev", None),
        ("Mexico City", None),
    ],
)
def test_country_forms(form: str, country: str | None) -> None:
    assert gazetteer.country_of(form) == country


def test_known_place_taken_for_org_or_person_is_a_place() -> None:
    # 104-10078-10014 "MEXICO" tagged ORG in a cable; "Habana" PERSON
    doc = _run("TO MEXICO FROM DIRECTOR and Habana", [("MEXICO", "ORG"), ("Habana", "PERSON")])
    assert _ents(doc) == [("MEXICO", "GPE"), ("Habana", "GPE")]


def test_country_adjective_taken_for_a_person_is_not_kept() -> None:
    # 104-10103-10103 "in the Polish Ministry of Foreign Affairs": PERSON by document consistency
    doc = _run("will not work in the Polish Ministry of Foreign Affairs", [("Polish", "PERSON")])
    assert _ents(doc) == [("Polish", "NORP")]


def test_well_known_person_and_publication_taken_for_places() -> None:
    # CREST CIA-RDP82-00457R006100750010-5 "the international MTS newspaper, Posev"; the liaison report
    text = "articles in the MTS newspaper, Posev, and the editors of Posev. Stalin personally directed"
    doc = _run(text, [("Posev", "GPE"), ("Stalin", "GPE")])
    doc2 = _run("letters to the editors of Posev, condemning", [("Posev", "GPE")])
    assert ("Stalin", "PERSON") in _ents(doc) and ("Posev", "ORG") in _ents(doc)
    assert _ents(doc2) == [("Posev", "GPE")]  # "the editors of Posev" alone is no evidence


# --- cryptonyms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "parts"),
    [
        ("AMLASH-1", ("AMLASH", "1")),  # 104-10215-10070 style "Meeting with AMLASH-1 in Paris"
        ("AMCLOCK/1", ("AMCLOCK", "1")),  # "TYPIC/AMCLOCK/1"
        ("AMHINT=33", ("AMHINT", "33")),  # OCR "=" for "-"
        ("AMCARBON~1", ("AMCARBON", "1")),
        ("AMFAUNA-l4", ("AMFAUNA", "14")),
        ("JMWAVE", ("JMWAVE", None)),
        ("Amfauna-14", None),  # title-cased: not a printed cryptonym
    ],
)
def test_cryptonym_parts(printed: str, parts: tuple[str, str | None] | None) -> None:
    assert cryptonym_parts(printed) == parts


def test_agent_numbers_stay_apart() -> None:
    one, fourteen = cryptonym_attrs("AMFAUNA-1"), cryptonym_attrs("AMFAUNA-14")
    assert (one["norm"], one["crypt"], one["agent"]) == ("AMFAUNA-1", "AMFAUNA", "1")
    assert (fourteen["norm"], fourteen["agent"]) == ("AMFAUNA-14", "14")
    assert one["crypt_kind"] == "person"  # unknown, typed by form: a numbered cryptonym is an agent


def test_known_cryptonyms_and_ocr_variants() -> None:
    assert cryptonym_attrs("KUBARK")["crypt_kind"] == "org"
    variant = cryptonym_attrs("AHLASH-1")  # 104-10215-10070 "whom AHLASH-1 had been in contact"
    assert (variant["norm"], variant["ocr_variant_of"], variant["crypt_kind"]) == ("AMLASH-1", "AMLASH", "person")
    assert cryptonym_attrs("PBHUMEN")["crypt"] == "PBRUMEN"  # 104-10163-10019 "infiltration tn PBHUMEN"


@pytest.mark.parametrize(
    ("word", "numbered", "crypt"),
    [
        ("AMSPELL", False, True),  # digraph + English word
        ("AMCLOCK", True, True),
        ("AHLASH", True, True),
        ("BETANCOURT", False, False),  # a surname with a digraph-like start
        ("CARRILLO", False, False),
        ("BELIEVES", False, False),
    ],
)
def test_cryptonyms_typed_by_form(word: str, numbered: bool, crypt: bool) -> None:
    assert is_cryptonym(word, numbered, LEXICON) is crypt


def test_every_known_cryptonym_names_its_public_source() -> None:
    kinds = {"org", "country", "station", "operation", "person", "program", "indicator"}
    for crypt, row in gazetteer.cryptonyms().items():
        assert crypt.isupper() and row["kind"] in kinds and row["source"].strip(), crypt
