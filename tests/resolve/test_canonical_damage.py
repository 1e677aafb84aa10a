"""Canonical names not built on debris of a given name (issue 10, item 4; resolve12).

The jfk-corpus top 100 named two people by a damaged first word: "Rodert Wortsc Geddes" (an OCR
form of Robert, 104-10120-10378's sole full form of Geddes) and "Genera Carter" ("General" cut by
the scan). Each test resolves the forms as the records print them with the real resolver.
"""

from __future__ import annotations

from collections import Counter

import pytest

from declass.resolve import resolve
from declass.resolve.compare import surname_similarity
from declass.resolve.damage import damaged_given_word, title_fragment
from declass.resolve.naming import damaged_first_word, person_name
from declass.types.names import parse_person
from tests.resolve.test_quality import entity_with, mention


@pytest.mark.parametrize(
    ("word", "given", "title"),
    [("Rodert", "robert", None), ("Fidsi", "fidel", None), ("Genera", None, "general"), ("Presiden", None, "president")],
)
def test_damaged_first_words_are_recognised(word: str, given: str | None, title: str | None) -> None:
    assert damaged_given_word(word) == given
    assert title_fragment(word) == title


@pytest.mark.parametrize("word", ["Robert", "Gene", "Marshall", "Erik", "Senor", "Ernesto"])
def test_real_given_names_and_titles_are_no_damage(word: str) -> None:
    assert damaged_given_word(word) is None
    assert title_fragment(word) is None


def test_a_damaged_full_form_does_not_name_the_person() -> None:
    # 104-10120-10378 as stored: 13 "Geddes", OCR forms, and one full form, all of it damaged.
    ms = [mention("d1", "Geddes", n=k) for k in range(3)] + [mention("d1", "Rodert Wortsc Godden", n=4)]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).name == "Geddes"
    assert damaged_first_word("Rodert Wortsc Godden")
    assert not damaged_first_word("Robert W. Geddes")


def test_a_rank_cut_short_is_never_a_given_name() -> None:
    ms = [mention("d1", "Carter", n=0), mention("d1", "Genera Carter", n=1), mention("d1", "Carter", n=2)]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[1]).name == "Carter"
    # Its only form: the cut rank is left out, as debris before a name is.
    assert person_name(Counter({"Genera Carter": 1})) == "Carter"
    # A well-formed full name still wins over the bare surname.
    assert person_name(Counter({"Carter": 4, "Marshall S. Carter": 1})) == "Marshall S. Carter"
    assert person_name(Counter({"Fidel Castro": 1, "Fidsi Castro": 5, "Castro": 4})) == "Fidel Castro"


def test_a_surname_misread_by_one_letter_is_compared_as_printed() -> None:
    # 157-10002-10056 prints "Allen Dullss"; folding makes the doubled letters single (dules / duls),
    # which counted one misread letter as a lost one and kept the two apart (0.74 < 0.75).
    assert surname_similarity(parse_person("Allen Dulles"), parse_person("Allen Dullss")) > 0.83
    ms = [
        mention("d1", "Allen Dulles", n=0),
        mention("d1", "Central Intelligence Agency", "ORG", n=1),
        mention("d2", "Allen Dullss", n=0),
        mention("d2", "Central Intelligence Agency", "ORG", n=1),
    ]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[0]).id == entity_with(entities, ms[2]).id
    # Different surnames of one length stay apart.
    assert surname_similarity(parse_person("John Hunt"), parse_person("John Hurt")) < 1.0
    other = [mention("d1", "Ivan Petrov", n=0), mention("d2", "Ivan Peters", n=0)]
    _, entities = resolve(other)
    assert entity_with(entities, other[0]).id != entity_with(entities, other[1]).id


def test_between_forms_printed_as_often_the_one_of_known_name_words_names_the_person() -> None:
    # jfk-corpus at main: "Allen Dullss" named Allen Dulles's entity (a tie of one mention each, broken
    # by alphabetical order). Census and persons.txt know "Dulles"; "Dullss" is OCR damage.
    from collections import Counter

    from declass.resolve.naming import person_name

    assert person_name(Counter({"Allen Dullss": 1, "Allen Dulles": 1})) == "Allen Dulles"
    assert person_name(Counter({"Allen Dullss": 1, "Dulles": 1})) == "Allen Dulles"
    assert person_name(Counter({"Allen Dullss": 3, "Allen Dulles": 1})) == "Allen Dullss"  # frequency first
