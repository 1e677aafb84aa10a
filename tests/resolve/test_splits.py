"""Splits seen on the dev gold (issue 10, resolve11): one name of one record in two entities.

Surface forms verbatim from the dev records; the real resolver.
"""

from __future__ import annotations

from declass.resolve import resolve
from declass.resolve.compare import same_words
from tests.resolve.test_quality import entity_with, mention


def test_a_name_printed_family_name_first_joins_its_other_order_in_the_record() -> None:
    # 176-10036-10134: "PHAM NGOC THAO" on the SUBJECT line, "PHAM: Naoc THAO; STRATEGIC HAMLET
    # INSPECTOR FOR NGO DIN NHU" in the text, which the parser reads surname first (Naoc Thao Pham).
    ms = [mention("d1", "PHAM NGOC THAO", n=0), mention("d1", "PHAM: Naoc THAO", n=1), mention("d1", "THAO", n=2)]
    _, entities = resolve(ms)
    assert len({entity_with(entities, m).id for m in ms}) == 1
    assert entity_with(entities, ms[0]).name == "Pham Ngoc Thao"


def test_two_word_names_in_another_order_and_different_words_stay_apart() -> None:
    assert same_words(("fam", "ngoc", "thao"), ("naoc", "thao", "fam")) == 0.9
    assert same_words(("fam", "ngoc", "thao"), ("fam", "van", "thao")) == 0.0
    # Two words in another order may be two people (Juan Carlos / Carlos Juan): left apart.
    ms = [mention("d1", "Juan Carlos", n=0), mention("d1", "Carlos Juan", n=1), mention("d1", "Nguyen Ngoc Linh", n=2)]
    _, entities = resolve(ms)
    assert len({entity_with(entities, m).id for m in ms}) == 3


def test_a_short_surname_damaged_inside_meets_its_full_name_in_the_record() -> None:
    # 104-10179-10167: "the question was discussed with Mr. Gay Alpern" and "Mr.(Alpesn) Audio
    # Operations Branch recommends two companies": the skeletons "lpn" and "lpsn" share no key.
    ms = [mention("d1", "Gay Alpern", n=0), mention("d1", "Alpesn", n=1), mention("d1", "Lee Poole", n=2)]
    _, entities = resolve(ms)
    assert entity_with(entities, ms[1]).id == entity_with(entities, ms[0]).id
    assert entity_with(entities, ms[2]).id != entity_with(entities, ms[0]).id
