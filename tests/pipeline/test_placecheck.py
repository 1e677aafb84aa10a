"""Place plausibility (issue 10): model place spans that are OCR debris or common words.

The words are LOC entities of the jfk-corpus as main stored them (each a singleton found by the
statistical model), with real places of the same lists that must stay.
"""

from __future__ import annotations

import pytest

from declass.pipeline.extract import extract_text
from declass.pipeline.extract.nlp import lexicon_of_cached, load_nlp
from declass.pipeline.extract.placecheck import debris_words, implausible_place, known_place


@pytest.fixture(scope="module")
def lexicon() -> frozenset[str]:
    return lexicon_of_cached(load_nlp())


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-Neladak£", "debris"),
        ("A-10003%19", "debris"),
        ("LI<~73", "debris"),
        ("AFTE3", "digits"),
        ("CLI55E", "digits"),
        ("HAVA-6437", "digits"),
        ("~2GSNE7", "digits"),
        ("Sroups", "shape"),
        ("Cctobor", "shape"),
        ("Mmich", "shape"),
        ("PCPARLURE", "shape"),
    ],
)
def test_debris_is_no_place(text: str, reason: str, lexicon: frozenset[str]) -> None:
    assert implausible_place(text, lexicon, frozenset()) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Moscow.{",  # edge debris around a known place
        "~Florida",
        "Port | \nAntonio",
        "W.27th Avenue",  # an address: ordinals and house numbers are no debris
        "Calle 130A",
        "Baden-Baden",  # GeoNames knows it; no shape test for a known place
        "Guanabo",  # unknown to the gazetteers, but name-shaped: kept
        "D.C.",
        "CCS",
        "Tientsin",
    ],
)
def test_places_stay(text: str, lexicon: frozenset[str]) -> None:
    assert implausible_place(text, lexicon, frozenset()) is None


def test_a_common_word_by_use_is_no_place(lexicon: frozenset[str]) -> None:
    # "Contact" printed as a heading word, while the record prints "contact" in its prose
    assert implausible_place("Contact", lexicon, frozenset({"contact", "in"})) == "common word"
    assert implausible_place("Contact", lexicon, frozenset()) is None
    # a known place stays even when the record prints it in lower case ("florida water")
    assert implausible_place("Florida", lexicon, frozenset({"florida"})) is None


def test_known_places_come_from_the_gazetteers() -> None:
    assert known_place("FLORIDA") and known_place("Chicago") and known_place("the United States")
    assert known_place("Opa-locka") and known_place("Scarsdale")
    assert not known_place("Sroups") and not known_place("Neladak")


def test_the_pipeline_keeps_real_places() -> None:
    text = "He travelled from Havana to Miami on 4 May. Reference AFTE3 and HAVA-6437 follow."
    found = {m.text for m in extract_text([text])[0] if m.label == "LOC"}
    assert {"Havana", "Miami"} <= found


@pytest.mark.parametrize("word", ["REVIEWING", "Notification", "EXCLUDED", "Clearance", "Payment"])
def test_an_inflected_english_word_is_no_place(word: str, lexicon: frozenset[str]) -> None:
    assert implausible_place(word, lexicon, frozenset()) == "common word"


@pytest.mark.parametrize("word", ["Reading", "Nanjing", "Caribbean", "Georgia", "Nile"])
def test_places_with_english_shapes_stay(word: str, lexicon: frozenset[str]) -> None:
    assert implausible_place(word, lexicon, frozenset()) is None


def test_an_all_caps_cable_loses_its_debris_places() -> None:
    # 104-series cable (jfk-corpus): main typed AFTE3 and REVIEWING as places
    text = "THE NAME SEGAN WITH AN AFTE3 STATE, IN REVIEWING THE PRESENT SOVIETS ASSIGNED IN THE GFR"
    found = {m.text for m in extract_text([text])[0] if m.label == "LOC"}
    assert not found & {"AFTE3", "REVIEWING"}


@pytest.mark.parametrize(
    ("text", "debris"),
    [
        ("@LTHHELD", True),  # jfk-corpus ORG entities of main, each a model span
        ("C8@ae", True),
        ("Lips % Ox Qyme.-", True),
        ("FILE TITLE /#UMMER/VOLUME", True),
        ("MEXICO £06068", True),
        ("SR/CI", False),  # a CIA component: slashes are no debris
        ("G-2", False),
        ("Alpha 66", False),
        ("(DRE)", False),  # edge punctuation is stripped first
    ],
)
def test_debris_words(text: str, debris: bool) -> None:
    assert debris_words(text) is debris
