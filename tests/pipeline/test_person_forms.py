"""PERSON forms of noisy typescript the model misses or mistypes (issue 10, person14).

Each class was seen in dev gold of more than one batch and in the jfk-corpus; the texts are cut
from those records (OCR as printed):

* a surname-first name keeps its second given name ("OSWALD, LEE HARVEY" was "OSWALD, LEE");
* a given name without a vowel is a routing code, not a name ("LIMITO, MDSX" of a cable's INFO line);
* a well-known surname (``data/persons.txt``) alone in capitals is that person, also as a modifier
  ("man alleged to be OSWALD", "the CASTRO revolution");
* a Spanish double surname in capitals that the model typed ORG is a person ("SALAZAR-SANCHEZ");
* a Slavic surname ending names a person when nothing else claims the word ("Nosenko", "NOSENKO");
* an unknown word with a verb ending is OCR damage, not a name ("KIGMAPING", "WRITTED"), and a verb
  in capitals is no surname to join ("BAKATIN CALLED").
"""

from __future__ import annotations

import pytest

from declass.pipeline.extract import extract_text, plausible, surnames
from declass.pipeline.extract.components import lexicon_of
from declass.pipeline.extract.nlp import load_nlp
from declass.pipeline.extract.repair import _surname_like


def _people(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in extract_text([text])[0] if m.label in ("PERSON", "ORG", "LOC")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a jfk-corpus cable on Oswald (truecased: the surname stays in capitals before a given name)
        ("REF A REPORTED THAT OSWALD, LEE HARVEY, BORN 18 OCT 1939, VISITED THE SOVIET EMBASSY.\n", "OSWALD, LEE HARVEY"),
        ("Traces on OSWALD, Lee Harvey were negative.\n", "OSWALD, Lee Harvey"),
    ],
)
def test_surname_first_keeps_the_second_given_name(text: str, name: str) -> None:
    assert (name, "PERSON") in _people(text)


def test_surname_first_stops_before_a_word_that_is_no_name() -> None:
    found = _people("Traces on MORGAN, Edward Told him.\n")
    assert ("MORGAN, Edward", "PERSON") in found


def test_a_routing_code_without_a_vowel_is_no_given_name() -> None:
    # 104-10326-10045 (dev gold, batch 1): main stored the person "Mdsx Limito"
    text = (
        "ACTION: EA/J (223) INFO: C/ORMS, CIC/CEG, CIC/OG, CIC/PRC, DC/EA, \n"
        "FADORECORD, LIMITO, MDSX, ODPD, PAS, FILE, CIC/EA, EA/XO (3/W) \n"
    )
    assert not any(label == "PERSON" for _, label in _people(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # 104-10065-10028 (batch 1): the model tags no one
        ("Note: photo of man alleged to be OSWALD was taken _from the LIMITED basehouse.\n", "OSWALD"),
        # 124-10284-10155 (batch 3): a modifier
        ("a Spaniard who assisted in the CASTRO revolution and who has been active.\n", "CASTRO"),
    ],
)
def test_a_well_known_surname_alone_is_the_person(text: str, name: str) -> None:
    assert (name, "PERSON") in _people(text)


def test_a_spanish_double_surname_in_capitals_is_a_person_not_a_body() -> None:
    # 124-10284-10155 (batch 3): main typed it ORG
    text = "He advised that the Cuban Ambassador, SALAZAR-SANCHEZ, had been dismissed by the Cuban Government.\n"
    found = _people(text)
    assert ("SALAZAR-SANCHEZ", "PERSON") in found and ("SALAZAR-SANCHEZ", "ORG") not in found


def test_a_pair_of_english_words_in_capitals_stays_no_person() -> None:
    assert not any(label == "PERSON" for _, label in _people("The ARMY-NAVY game was played in Philadelphia.\n"))


@pytest.mark.parametrize("word", ["NOSENKO", "Nosenko", "FEDOTOV", "Trukhanovsky", "DUNAYEVA", "KLEBANSKI", "SERGEYEV"])
def test_a_slavic_surname_ending_names_a_person(word: str) -> None:
    # every untagged word of this shape in the jfk-corpus store is a surname; NOSENKO was typed ORG
    assert surnames.slavic(word, lexicon_of(load_nlp()))


@pytest.mark.parametrize("word", ["Dmitryevich", "Sorgeyevich", "Kharkov", "KIEV", "Sergei", "Whisky", "Moscow"])
def test_a_patronymic_place_given_name_or_english_word_is_no_slavic_surname(word: str) -> None:
    assert not surnames.slavic(word, lexicon_of(load_nlp()))


def test_an_untagged_slavic_surname_in_running_text_is_a_person() -> None:
    # 177-10001-10445 (dev gold, batch 1): the model tagged no one in this memorandum's paragraph
    text = (
        "know about it if it was raised by President Mateos. \n"
        "3, Ltold President Johnson that we continued our interrogation of \n"
        "Nosenko; our counterintelligence people were inclined to feel he was a \n"
        "plant but had not made up their minds. President said he would not raise it.\n"
    )
    assert ("Nosenko", "PERSON") in _people(text)


@pytest.mark.parametrize("word", ["KIGMAPING", "Gownsrecing", "WRITTED", "SESGED"])
def test_an_unknown_word_with_a_verb_ending_is_ocr_damage(word: str) -> None:
    # dev gold 104-10101-10175 (batch 2), 104-10131-10010 and 104-10326-10045 (batch 1), jfk-corpus:
    # kidnapping, downgrading, written, as the scan damaged them; main kept each as a person
    assert plausible.inflected_debris(word)


@pytest.mark.parametrize("word", ["Colling", "Marling", "Harding", "Manning", "Fleming", "Ahmed"])
def test_a_surname_with_a_verb_ending_is_no_damage(word: str) -> None:
    assert not plausible.inflected_debris(word)


def test_a_damaged_verb_alone_in_a_cable_is_no_person() -> None:
    # 104-10101-10175 (batch 2): "KIGMAPING" was a person (caps_person)
    text = "GY ARSON, DESTRUCTION OF PROPERTY, MURDES, KIGMAPING, ETC., AnD \nTHAT CUBA TRAINING OF REVOLUTIONARIES\n"
    assert not any(label == "PERSON" for _, label in _people(text))


def test_a_verb_in_capitals_after_a_surname_is_not_joined_to_it() -> None:
    # jfk-corpus: "BAKATIN CALLED", "Peo Rd PRESENTED", "Zaonnnawy DEFERRED" (rule surname_joined)
    lexicon = lexicon_of(load_nlp())
    assert [_surname_like(w, lexicon) for w in ("CALLED", "PRESENTED", "DEFERRED", "CONCERNING")] == [False] * 4
    assert [_surname_like(w, lexicon) for w in ("BAKATIN", "HARDING", "MANNING")] == [True] * 3


def test_a_given_name_and_surname_both_in_capitals_in_a_mixed_case_line() -> None:
    # 124-10326-10149 (dev gold, batch 2): the model tagged neither; the lexicon lists "schlesinger"
    text = (
        'pulled by the "Inteliigentia! who were identified as ARTHUR SCHLESINGER and ADLAT STEVENSON, '
        "toward following a soft line relative to Cuba.\n"
    )
    assert ("ARTHUR SCHLESINGER", "PERSON") in _people(text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("He drove to VIRGINIA BEACH on MAY DAY with friends.\n", "VIRGINIA BEACH"),  # everyday words
        ("the subject JORGE RAUL ROBLEJO LORIE was interviewed again.\n", "RAUL ROBLEJO"),  # a longer name
        ("photographs of LEE HARVEY OSWALD were shown.\n", "HARVEY OSWALD"),
    ],
)
def test_two_words_in_capitals_are_no_given_caps_name_inside_a_longer_one(text: str, wrong: str) -> None:
    assert (wrong, "PERSON") not in _people(text)
