"""Entities in shouted text (issue 10, caps11): cables, teletypes and information telegrams in
capitals, where the truecaser decides what the model sees.

Every line is cut from a jfk-corpus record (named by record number) or the batch-2 dev gold; each
class was seen in several records (docs/quality.md, "Shouted text"). A class is checked on the
truecased text (what the model reads) and on the entities a user gets.
"""

from __future__ import annotations

import functools

import pytest

from declass.pipeline.extract import extract_text
from declass.pipeline.extract.nlp import lexicon_of_cached, load_nlp
from declass.pipeline.extract.truecase import truecase


@functools.cache
def _lexicon() -> frozenset[str]:
    return lexicon_of_cached(load_nlp())


def _words(line: str) -> list[str]:
    return truecase(line + "\n", _lexicon()).split()


def _ents(text: str) -> set[tuple[str, str]]:
    return {(m.label, m.text) for m in extract_text([text])[0] if m.label in ("PERSON", "ORG", "LOC")}


# --- OCR-damaged English words are words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "damaged"),
    [
        # 176-10036-10134, an information telegram in capitals (Saigon, 1963)
        ("SOURCE A VIETNAMESE NATLONALIST (B) WITH EXCELLENT CONTACTS IN LEGAL CIRCLES", "natlonalist"),
        ("NGUYEN HUU DUONG, GOVERNMERT ATTORNEY IN THE SAIGON COURTS", "governmert"),
        ("MINISTRY OF NATIONAL DEFENSE, WERE INVOLVEQ IN THE PLANS.", "involveq"),
        ("THAT LEUTENANT COLONEL PHAM NGOC THAO, STRATEGIC HAMLET INSPECTOR", "leutenant"),
        # 104-10101-10175, a cable to the Latin American stations (1962)
        ("DUONG SAID THAT CLEUTENANT COLONEL PHAM NGOC THAO", "cleutenant"),
        ("SOURCE A.-V:LETNAMESE NATIONALIST WITH EXCELLENT CONTACTS", "a.-v:letnamese"),
    ],
)
def test_ocr_damaged_english_word_in_a_shouted_line_is_lower_case(line: str, damaged: str) -> None:
    assert damaged in _words(line)


def test_damaged_words_are_no_organisation() -> None:
    # 176-10036-10134: "LETNAMESE NATLONALIST" and "INvOLVEQ" were ORG entities at main
    text = (
        "SOURCE A.-V:LETNAMESE NATLONALIST (B) WITH EXCELLENT CONTACTS IN LEGAL AND POLITICAL CIRCLES.\n"
        "GENERALS DUONG VAN MINH AND LE VAN KIM OF THE MINISTRY OF NATIONAL DEFENSE WERE INVOLVEQ IN THE PLANS.\n"
    )
    found = {t for _, t in _ents(text)}
    assert not any("NATLONALIST" in t or "INVOLVEQ" in t for t in found), found


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("MARTINEZ SAID THAT THE GROUP WOULD MEET AGAIN IN MIAMI", "Martinez"),  # wordfreq knows it
        ("THE SOURCE MET ROSSELLI AND HIS FRIENDS IN THE HOTEL LOBBY", "Rosselli"),
        ("THE MESSAGE WAS PASSED TO HARKINS IN SAIGON BY THE GROUP", "Harkins"),  # "harking": one letter
    ],
)
def test_surname_near_an_english_word_stays_a_name(line: str, name: str) -> None:
    assert name in _words(line)


def test_word_printed_as_a_name_elsewhere_stays_a_name() -> None:
    # a word unknown to every list that the document prints as a name in a mixed-case sentence
    text = "The report was passed to Bastillo by the station.\nTHE SOURCE SAYS BASTILLO WAS AT THE MEETING.\n"
    assert "says Bastillo was" in truecase(text, _lexicon())
    assert "says bastillo was" in truecase(text.splitlines()[1] + "\n", _lexicon())  # alone: a damaged "bastille"


def test_present_participle_is_an_english_word() -> None:
    # 104-10101-10175: "SULLAT HAVING BENEPICTAL", "CONSIDER HAVING LABOR, STUDENT ... ORGS SEND"
    words = _words("CONSIDER HAVING LABOR, STUDENT, OTHER ORGS SEND TELEGRAMS INCLUDING THESE")
    assert "having" in words and "including" in words


# --- routing and address lists are no entities --------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "PRIORITY MEXI LIMA PaCy GUAT BUEN MONT CARA RIOD SAGO LAPA SANS SDOM",  # 104-10101-10175
        "3. FIELD DISSEM. STATE USMACV CINCPAC PACAF ARPAC PACFLT.",  # 176-10036-10134
    ],
)
def test_routing_list_is_lower_case(line: str) -> None:
    words = _words(line)
    assert "cincpac" in words or "mexi" in words
    assert not any(w.lower() in ("guat", "pacaf", "pacflt") and w[:1].isupper() for w in words)


def test_routing_lists_are_no_entities() -> None:
    text = (
        "TO PRIORITY MEXI LIMA PaCy GUAT BUEN MONT CARA RIOD SAGO LAPA SANS SDOM FROM DIRECTOR\n"
        "3. FIELD DISSEM STATE AMBASSADOR LODGE, USMACV (GENERAL HARKINS), CINCPAC PACAF ARPAC PACFLT.\n"
    )
    found = {t for _, t in _ents(text)}
    assert not any("PACAF" in t or "GUAT" in t for t in found), found
    assert ("PERSON", "HARKINS") in _ents(text)


def test_one_station_name_alone_is_left_to_the_other_rules() -> None:
    # "LIMA" is a routing code and the capital of Peru: alone it is cased as before (a place)
    assert "Lima" in _words("THE SOURCE TRAVELLED TO LIMA AND THEN TO QUITO IN MAY")


# --- names the truecaser took for words --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("STRATEGIC HAMLET INSPECTOR FOR NGO DIN: NHU AND MEMBER OF BOTH GROUPS", "NGO DIN: NHU"),
        ("GENERALS DUONG VAN. MINH, MILITARY ADVISOR TO THE PRESIDENT", "DUONG VAN. MINH"),
    ],
)
def test_family_first_name_keeps_its_syllables_in_capitals(text: str, name: str) -> None:
    # 176-10036-10134: "DIN" and "VAN" are English words: lower-cased, the name was cut or lost
    assert ("PERSON", name) in _ents(text + "\n")


def test_family_name_before_an_english_word_is_no_name() -> None:
    assert "family:" in _words("THE MOVE TO OUST THE NGO FAMILY: FROM POWER WAS SCHEDULED")


def test_surname_near_an_english_word_after_a_title_stays_a_name() -> None:
    # 176-10036-10134: "HARKINS" is one letter from "harking"; wordfreq knows the name
    assert "Harkins)," in _words("USMACV (GENERAL HARKINS), CINCPAC")


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("LEE HARVEY OSWALD WAS SEEN AT THE SOVIET EMBASSY", "seen"),  # "Seen" was a PERSON
        ("DUONG SAID THAT THAO HAD TOLD HIM OF THE PLANS", "told"),  # 176-10036-10134: "Told'"
        ("THE SOURCE WENT TO THE CONSULATE AND WAS TAKEN TO A ROOM", "taken"),
    ],
)
def test_irregular_verb_form_is_an_english_word(line: str, form: str) -> None:
    assert form in _words(line)


def test_irregular_verb_form_is_no_person() -> None:
    assert ("PERSON", "SEEN") not in _ents("REF: DIR 74830. LEE HARVEY OSWALD WAS SEEN AT THE SOVIET EMBASSY IN MEXICO CITY.\n")


@pytest.mark.parametrize(
    ("line", "place"),
    [
        # 176-10036-10134: "South Vietnam", "Hue" and "United States" were missed in capital lines
        ("THE SITUATION IN SOUTH VIETNAM IS DISCUSSED", "SOUTH VIETNAM"),
        ("THE UNITED STATES POSITION REMAINS FIRM ON THE QUESTION", "UNITED STATES"),
        ("KHANH WOULD MOVE ON HUE AT THE SAME TIME THAT THAO MOVED IN SAIGON", "HUE"),
        ("HE ARRIVED IN MEXICO CITY FROM HAVANA ON THE SAME DAY", "MEXICO CITY"),
    ],
)
def test_known_place_in_a_shouted_line_is_a_place(line: str, place: str) -> None:
    assert ("LOC", place) in _ents(line + "\n") or ("LOC", "THE " + place) in _ents(line + "\n")


@pytest.mark.parametrize(
    ("line", "cased"),
    [
        ("COUNTRY SOUTH VLETNAM . REPORT NO. TDCS", "Vletnam"),  # 176-10036-10134, 176-10036-10113
        ("THE DELEGATION LEFT MEXIEO FOR HAVANA ON MONDAY", "Mexieo"),
    ],
)
def test_damaged_place_is_a_place_not_a_damaged_word(line: str, cased: str) -> None:
    assert cased in _words(line)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("SUBJ: OSWALD, LEE HARVEY (201-289248) ARRIVED IN MEXICO CITY", "OSWALD, LEE"),
        ("REQUEST TRACES ON MCCONE, JOHN ALEX AND HIS FAMILY", "MCCONE, JOHN"),  # 177-10001-10445
    ],
)
def test_surname_first_in_capitals_is_one_person(line: str, name: str) -> None:
    # the model read "OSWALD" and "LEE HARVEY" as two people; the surname is kept in capitals so the
    # surname-first pattern of memoranda ("MORGAN, Edward P.") reads the name
    assert any(label == "PERSON" and text.startswith(name) for label, text in _ents(line + "\n"))


def test_english_word_before_a_given_name_is_no_surname() -> None:
    # 104-10234-10141: "SEVEN, ROLANDO CUBELA" is a number and a name, not CUBELA's surname first
    found = _ents("ON DAY SEVEN, ROLANDO CUBELA ARRIVED FROM HAVANA\n")
    assert ("PERSON", "ROLANDO CUBELA") in found and not any(t.startswith("SEVEN") for _, t in found)


def test_mixed_case_text_is_unchanged() -> None:
    # HIPE-2020 and most memoranda are mixed case: the shouted rules never touch them
    text = "Ambassador Lodge met the Ngo family; the Governmert replied (natlonalist circles).\n"
    assert truecase(text, _lexicon()) == text
