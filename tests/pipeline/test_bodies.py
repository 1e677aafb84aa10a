"""Named bodies by the shape of their name (``extract/bodies.py``) and headings typed ORG
(``bodies.heading``, used by ``extract/filters.py``), issue 10, organisations.

Each text is cut from a dev gold record (``tests/fixtures/gold/dev/``) or a jfk-corpus record
(``/work/shared/samples/jfk-corpus/``) named in the comment. Shape tests call the pure functions;
the pipeline tests run the whole extraction on the line.
"""

from __future__ import annotations

import functools

import pytest

from declass.pipeline.extract import bodies, extract_text
from declass.pipeline.extract.components import lexicon_of
from declass.pipeline.extract.nlp import load_nlp


@functools.cache
def _lexicon() -> frozenset[str]:
    return lexicon_of(load_nlp())


def _orgs(text: str) -> list[tuple[str, str | None]]:
    return [(" ".join(m.text.split()), m.norm) for m in extract_text([text])[0] if m.label == "ORG"]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Reference is made to the Office of Current Intelligence memorandum", "Office of Current Intelligence"),
        ("He had studied at the University of Habana until 1959.", "University of Habana"),  # 104-10171-10018
        ("the Polish Ministry of Foreign Affairs informed", "Polish Ministry of Foreign Affairs"),  # jfk-corpus
        ("a delegate of the Communist Party of the Soviet Union and", "Communist Party of the Soviet Union"),
        ("The Ministry of Transportation of Cuba said", "Ministry of Transportation of Cuba"),  # jfk-corpus, 2 records
        ("sent by the Office of Security on 3 March", "Office of Security"),  # 104-10300-10124, 9 corpus records
        ("due to the Government of Mexico's dependence on", "Government of Mexico"),  # 104-10218-10035
        ("the Office of General Counsel advised", "Office of General Counsel"),  # a post word inside a body's name
    ],
)
def test_head_of_name_shapes(text: str, body: str) -> None:
    assert [text[a:b] for a, b in bodies.of_bodies(text, _lexicon())] == [body]


@pytest.mark.parametrize(
    "text",
    [
        "a letter to the Office of 12 May",  # a date, not a name
        "the Florida Office of Attorney Norman",  # a post after "of" (jfk-corpus)
        "the office of the Chief of the Covert",  # lower case: not a name
        "Director of Security",  # a post, not a body (104-10131-10010)
    ],
)
def test_no_body_without_a_name_after_of(text: str) -> None:
    found = [text[a:b] for a, b in bodies.of_bodies(text, _lexicon())]
    assert all("Attorney" not in f and "12" not in f for f in found)
    assert not any(f.startswith(("Director", "office")) for f in found)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("commander of II Corps, General Dinh", "II Corps"),  # 176-10036-10134 (as truecased)
        ("the 1st Division moved north", "1st Division"),
        ("the Seventh Fleet off Cuba", "Seventh Fleet"),
    ],
)
def test_numbered_units(text: str, unit: str) -> None:
    assert [text[a:b] for a, b in bodies.unit_numbers(text)] == [unit]


def test_agency_office_by_acronym_and_place() -> None:
    text = "On 2 May 1961 the FBI New York Office advised that"  # 124-10326-10149
    assert [text[a:b] for a, b in bodies.acronym_offices(text, _lexicon())] == ["FBI New York Office"]
    assert bodies.acronym_offices("the FBI Special Agent John Smith Office", _lexicon()) == []


@pytest.mark.parametrize(
    ("text", "printed", "canonical"),
    [
        ("WASHINGTON 25, D.C. DEPARTMENT OF STATE hw wee", "DEPARTMENT OF STATE", "State Department"),  # 177-10002-10069
        # 104-10300-10124
        ("in the office of the Chief of the Covert \nAction Staff) on 6 March", "Covert \nAction Staff", "Covert Action Staff"),
        ("There was a White House namecheck request", "White House", "White House"),
    ],
)
def test_known_bodies_in_capitals_or_wrapped(text: str, printed: str, canonical: str) -> None:
    assert [(text[a:b], c) for a, b, c in bodies.known_bodies(text)] == [(printed, canonical)]


def test_known_bodies_need_their_case() -> None:
    assert bodies.known_bodies("the department of state said") == []  # neither as listed nor in capitals


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("WASHINGTON 25, D.C. DEPARTMENT OF STATE hw wee \nWASHINGTON", ("DEPARTMENT OF STATE", "State Department")),
        ("in the office of the Chief of the Covert \nAction Staff) on 6 March.", ("Covert Action Staff", "Covert Action Staff")),
        ("the Communist Party of the Soviet Union and", ("Communist Party of the Soviet Union", "CPSU")),
    ],
)
def test_pipeline_finds_the_body(text: str, org: tuple[str, str]) -> None:
    assert org in _orgs(text)


@pytest.mark.parametrize(
    "words",
    [
        "Radio Switch Equipment for Demolition Firing Purposes",  # 104-10179-10167
        "Coming Visit",  # 176-10036-10027
        "Training Camps and Operational Bases",  # jfk-corpus
        "Proliferation of Nuclear Weapons",  # jfk-corpus
        "First Two Meetings",  # jfk-corpus
    ],
)
def test_headings_are_no_bodies(words: str) -> None:
    assert bodies.heading(words.split(), _lexicon())


@pytest.mark.parametrize(
    "words",
    [
        "Armed Forces",  # a head noun ends the name
        "Special Group",
        "New York Times",
        "Travel Control Project",  # 104-10250-10200, a body of the gold
        "Subversive Activities Control Board",
        "Chicago American",  # a newspaper, not plural
        "Scarsdale High School",  # not every word English
    ],
)
def test_bodies_are_no_headings(words: str) -> None:
    assert not bodies.heading(words.split(), _lexicon())


@pytest.mark.parametrize(
    "words",
    [
        "CIA Contacts",  # 104-10131-10010 (batch 1)
        "Cparational Expenses",  # jfk-corpus, OCR-damaged
        "MIRO'e Views",  # jfk-corpus
    ],
)
def test_a_plural_noun_after_an_acronym_or_debris_is_no_body(words: str) -> None:
    """What someone has or does ("CIA Contacts") is no body: it ends in no head noun."""
    assert bodies.heading(words.split(), _lexicon())


@pytest.mark.parametrize(
    "words",
    [
        "CIA Staff",  # a head noun
        "G-2 Headquarters",  # singular in use
        "Board of Foreign Scholarships",  # a connector: the name of a body
        "KGB Officers Club",
        "Unitek Motions",  # 157-10002-10056 (batch 3): United Nations, damaged
        "REDSKIN Agents",  # 104-10120-10378 (batch 3): the programme's name, which the trace asks for
    ],
)
def test_bodies_ending_in_a_head_or_with_a_connector_stay(words: str) -> None:
    assert not bodies.plural_tail(words.split(), _lexicon())


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # 177-10002-10069: a given name and the surnames after it, typed ORG by the model
        ("Lopez Mateos has chosen his succéssor, Gustavo DIAZ Ordaz, who will take office in December.", "Gustavo DIAZ Ordaz"),
    ],
)
def test_given_name_and_surnames_typed_org_are_a_person(text: str, person: str) -> None:
    found = [(m.label, m.text) for m in extract_text([text])[0]]
    assert ("PERSON", person) in found
    assert not any(label == "ORG" and person in t for label, t in found)


def test_place_and_cable_number_typed_org_is_the_place() -> None:
    # jfk-corpus: "MEXICO 020015" (a cable of the Mexico City station) and "Algiers 1" (176-10036-10027)
    found = [(m.label, m.text) for m in extract_text(["the cable MEXICO 020015 reported"])[0]]
    assert ("LOC", "MEXICO") in found
    assert not any(label == "ORG" for label, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "at the following address: c/o Manuel Gomez, 539 NE 70th Street, Miami, Florida, USA.",  # 104-10171-10033
        "it is believed desirable to alert all Section Chiefs regarding the handling",  # 124-10326-10098
    ],
)
def test_addresses_and_groups_of_people_are_no_bodies(text: str) -> None:
    assert _orgs(text) == []


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Chief, Cover and Commercial Staff ere", "Cover and Commercial Staff"),  # 104-10165-10077
        ("Oryx CI/Qperational Approval and Support Division Roe", "Approval and Support Division"),  # 104-10172-10105
        ("the Assessment and Evaluation Staff reported", "Assessment and Evaluation Staff"),  # 104-10120-10378 (gold)
    ],
)
def test_bodies_joined_by_and(text: str, body: str) -> None:
    assert [text[a:b] for a, b in bodies.and_bodies(text, _lexicon())] == [body]


def test_and_needs_english_words_and_a_head() -> None:
    assert bodies.and_bodies("Amlash and Amtrunk Staff", _lexicon()) == []  # names, not English words
    assert bodies.and_bodies("Bread and Butter Issues", _lexicon()) == []  # no head noun
