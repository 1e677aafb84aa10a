"""Family-first names shortened to their last syllable (issue 10, extract10): Vietnamese names in
capitals, which the model missed or typed ORG ("NHU", "TUYEN" in the jfk-corpus top-100 ORG list).

The texts are cut from jfk-corpus records on Vietnam (1963 cables and information reports); the
pure helper is checked on the printed forms of the dev gold, OCR specks included.
"""

from __future__ import annotations

import functools

import pytest

from declass.pipeline.extract import extract_text
from declass.pipeline.extract.components import lexicon_of
from declass.pipeline.extract.family import family_first
from declass.pipeline.extract.nlp import load_nlp


@functools.cache
def _lexicon() -> frozenset[str]:
    return lexicon_of(load_nlp())


@pytest.mark.parametrize(
    ("text", "name", "short"),
    [
        ("TROUBLESHOOTER FOR NGO DINH NHU BUT NO ONE", "NGO DINH NHU", "NHU"),
        ("PHAM: Naoc THAO SAID", "PHAM: Naoc THAO", "THAO"),
        ("NGUYEN HUU | 'DUONG WAS", "NGUYEN HUU | 'DUONG", "DUONG"),
        ("TRAN KIM TOYEN COUP GROUP", "TRAN KIM TOYEN", "TOYEN"),
        ("GENERAL HUYNH VAN\nLANG", "HUYNH VAN\nLANG", "LANG"),
        ("GENERALS LE VAN KIM AND", "LE VAN KIM", "KIM"),
        ("NGUYEN\u201d KHANH", "NGUYEN\u201d KHANH", "KHANH"),
        # 176-10036-10135 (dev gold, batch 3) and the 1963 Vietnam cables of the jfk-corpus: the
        # royal clan's generation name and a Buddhist nun's religious name, printed first.
        ("_BUU HOI'S MOTHER, ;", "BUU HOI", "HOI"),
        ("INTENTIONS OF DIEU HUE TO COMMIT SUICIDE", "DIEU HUE", "HUE"),
        ("Soe \u201cDIEU, HUE HAD PREPARED", "DIEU, HUE", "HUE"),
    ],
)
def test_family_first_name_as_printed(text: str, name: str, short: str) -> None:
    assert [(text[a:b], s) for a, b, s in family_first(text, _lexicon())] == [(name, short)]


@pytest.mark.parametrize(
    "text",
    [
        "Le Monde reported the talks.",
        "Do Not Disturb",
        "Dang it, he said.",
        "ae fH, 3\n\nLe Se Metta, LAD",  # OCR debris of jfk-corpus records, PERSON at first
        "ackground Do Use Onl Not",
        "ile on Me Le Ew Pon (sur",
    ],
)
def test_words_of_two_letters_or_english_are_no_family_name(text: str) -> None:
    assert family_first(text, _lexicon()) == []


def test_short_form_alone_is_the_person_not_a_body() -> None:
    # jfk-corpus CIA cable on the GVN (1963): at main "NHU" was an ORG (5 mentions) and the full
    # name no entity; the truecaser had lower-cased "NGO" as the acronym.
    text = (
        "THE MAN WAS KNOWN IN THE VIETNAMESE ARMY AND BUREAUCRACY AS THE HATCHETMAN\n"
        "AND TROUBLESHOOTER FOR NGO DINH NHU BUT NO ONE DOUBTED HIS\n"
        "DEVOTION TO NHU. YET NHU HAS STRIPPED HIM OF ALL REAL AUTHORITY.\n"
    )
    found = {(m.text, m.label) for m in extract_text([text])[0]}
    assert ("NGO DINH NHU", "PERSON") in found
    assert ("NHU", "PERSON") in found and ("NHU", "ORG") not in found


def test_a_short_form_that_is_a_known_place_stays_the_place() -> None:
    # 176-10036-10135: "DIEU HUE" is the nun; "Hue" alone in the same report is the city.
    text = "The nun Dieu Hue was born in Hue and lives in Saigon.\nDieu Hue planned to die on 5 October.\n"
    found = {(m.text, m.label) for m in extract_text([text])[0]}
    assert ("Dieu Hue", "PERSON") in found
    assert ("Hue", "PERSON") not in found
