"""OCR debris typed ORG or LOC (issue 10): runs of fragments and one-off damaged places.

The debris spans are ORG and LOC entities the statistical model stored on records of several
batches of the dev gold (1: 104-10101-10175, 104-10131-10010; 2: 104-10300-10124; 3: 104-10172-10248,
157-10002-10056, 104-10120-10378) and on the jfk-corpus; the names that must stay are bodies,
places and addresses of the same lists, printed as damaged as the debris.
"""

from __future__ import annotations

from collections import Counter

import pytest

from declass.pipeline.extract.debris import (
    RecordWords,
    debris_span,
    model_debris,
    near_place,
    stray_word,
    word_kind,
    wordless_body,
)
from declass.pipeline.extract.nlp import lexicon_of_cached, load_nlp


@pytest.fixture(scope="module")
def lexicon() -> frozenset[str]:
    return lexicon_of_cached(load_nlp())


@pytest.mark.parametrize(
    "text",
    [
        "WHE SECRE BIE",  # batch 3
        "MIM AMY COO",
        "OEF INI Wgrth",  # as the truecaser leaves a shouted line
        "CR SEE TITLE",  # an English word in capitals is no anchor (jfk-corpus)
        "SF ONS",
        "SGD HER ESL EL SSSE NS SNS",
        "DEE GD ED ED SUES",
        "Ma Sea te S",
        "Daf \\y",
        "RT 1OZF",  # batch 2
        "U” Vurdy ote Re",  # batch 1
        "CECPLE TS",
        "OI MLE",  # jfk-corpus
        "LAEA ag",
        "Lo IAG Ag",
        "WH/GUAT WH/LAPA WH/BOGO WH",
    ],
)
def test_runs_of_fragments_are_debris(text: str, lexicon: frozenset[str]) -> None:
    assert debris_span(text.split(), lexicon)
    assert model_debris("ORG", text, lexicon, RecordWords(Counter))


@pytest.mark.parametrize(
    "text",
    [
        "Port | Autonio",  # a column rule and a damaged word in a real place (10 mentions)
        "MRP Unidad Revolucicaarta",  # an acronym in a mixed-case name is no fragment
        "Nichimen Co.",
        "NE 26th Terrace",
        "the Mexiocs Governsent",  # damaged words without a fragment: a damaged body
        "Camp tt",  # one stray fragment is left to the other rules
        "Bay of Pigs",
        "U.S. Army",
        "FBI New York Office",
        "Cuban Air Force",
        "Segundo Frente del Escambray",
        "Alpha 66",
        "J. Walter Thompson",
        "CIA FBI",
        "Directorio Revolucionario Estudiantil",
    ],
)
def test_names_stay(text: str, lexicon: frozenset[str]) -> None:
    assert not debris_span(text.split(), lexicon)


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("SF", "fragment"),
        ("MIM", "caps"),
        ("US", "sound"),
        ("of", "sound"),
        ("J.", "sound"),
        ("1OZF", "noword"),
        ("|", ""),
        ("SECRE", "noword"),
    ],
)
def test_word_kinds(token: str, kind: str, lexicon: frozenset[str]) -> None:
    assert word_kind(token, lexicon) == kind


@pytest.mark.parametrize("word", ["Viowxaxamxtha", "Toentif", "Fadorecord", "Consreastezsi", "Boveluctonaria"])
def test_one_off_damaged_word_is_no_place(word: str, lexicon: frozenset[str]) -> None:
    assert stray_word(word, lexicon, Counter({word: 1}))
    assert model_debris("GPE", word, lexicon, RecordWords(lambda: Counter({word: 1})))


@pytest.mark.parametrize("word", ["Teetea", "Eemkogey", "Cirsctorle", "Uroiies", "Gevermnent", "Neudquerters"])
def test_one_off_damaged_word_is_no_body(word: str, lexicon: frozenset[str]) -> None:
    """Batch 3 (104-10172-10248, 157-10002-10056), batch 1 (104-10171-10018, 104-10101-10175), corpus."""
    assert model_debris("ORG", word, lexicon, RecordWords(lambda: Counter({word: 1})))


@pytest.mark.parametrize("word", ["Trinchera", "Interpol", "KUBARK", "Czarnikow-Rionda"])
def test_bodies_of_one_word_stay(word: str, lexicon: frozenset[str]) -> None:
    assert not model_debris("ORG", word, lexicon, RecordWords(lambda: Counter({word: 1})))


def test_the_cost_a_body_printed_once_and_known_to_no_list() -> None:
    """What the rule loses: a real body of one word no list knows, printed once ("Aeroflot")."""
    lexicon = lexicon_of_cached(load_nlp())
    assert model_debris("ORG", "Aeroflot", lexicon, RecordWords(lambda: Counter({"Aeroflot": 1})))
    assert not model_debris("ORG", "Aeroflot", lexicon, RecordWords(lambda: Counter({"Aeroflot": 2})))


@pytest.mark.parametrize("word", ["Miasi", "Gerzany", "Mexleo", "Cuantanamo", "Japancse", "Havana", "MEXI"])
def test_places_and_their_damaged_forms_stay(word: str, lexicon: frozenset[str]) -> None:
    assert not stray_word(word, lexicon, Counter({word: 1}))


def test_a_repeated_unknown_word_is_a_place(lexicon: frozenset[str]) -> None:
    """A place the gazetteers do not know is printed more than once; the scan's damage is not.
    The cost: such a place printed once is dropped too."""
    assert stray_word("Escambray", lexicon, Counter({"Escambray": 1}))
    assert not stray_word("Escambray", lexicon, Counter({"Escambray": 3}))


def test_near_place_is_one_or_two_edits() -> None:
    assert near_place("Miasi") and near_place("Gerzany")
    assert not near_place("Viowxaxamxtha")


def test_near_place_of_geonames_only_when_printed() -> None:
    """A small town is a target only when the record prints it: against all GeoNames nearly any
    short word is one edit from some town ("Sinte": Sirte)."""
    assert not near_place("Searsdale") and near_place("Searsdale", ["scarsdale"])
    assert not near_place("Sinte")


@pytest.mark.parametrize(
    "text",
    [
        "BACBLLART BAFLOITATICON",  # batch 2 (104-10101-10175)
        "Fovear Garsta Possied",  # batch 2 (104-10171-10018)
        "AELAZI \nSGHE",  # batch 3 (104-10172-10248)
        "CI/IC ADOP",  # batch 3 (104-10226-10090): a desk symbol
        "FE/SEOU FE/SAIG",  # jfk-corpus: a desk list
        "Qperatianal Expsnees",  # jfk-corpus
    ],
)
def test_a_body_without_a_word_is_debris(text: str, lexicon: frozenset[str]) -> None:
    """No word of any list and no head noun: OCR debris or a routing list, not a body's name."""
    assert not debris_span(text.split(), lexicon)  # no fragment: the older rule let them through
    assert model_debris("ORG", text, lexicon, RecordWords(Counter))


@pytest.mark.parametrize(
    "text",
    [
        "Fatean Commitcec",  # a damaged head noun: two letters off Committee
        "Mexiocs Governsent",
        "Czarnikow-Rionda Company",
        "Directorio Revolucionario Estudiantil",
        "Alpha 66",
        "KUBARK LCPIPIT",
    ],
)
def test_a_body_with_a_word_or_a_head_stays(text: str, lexicon: frozenset[str]) -> None:
    assert not wordless_body(text.split(), lexicon)
