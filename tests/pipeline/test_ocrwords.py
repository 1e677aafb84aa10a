"""OCR damage of English words taken for entities (issue 10): ``extract/ocrwords.py``.

The damaged words are spurious entities of the dev gold records and of the jfk-corpus lists as
main stored them; the names that must stay are people and places of the same records (and census
surnames one OCR edit from an English word). The component cases are the text of dev records.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from declass.pipeline.extract import extract_text, ocrwords
from declass.pipeline.extract.nlp import lexicon_of_cached, load_nlp

# 104-10225-10035, the clean text of the record around the damaged word
SECRET_TEXT = (
    "ESIS CHANGE. SCHEAFFER EMPLOYMENT THyS BEGAN 1 JAN SS TSERE YAS NO INTERIM EMAQ&\\vENT,\n\n3. "
    "SEvERal OTHER CREDIT CHECKS SINCE aMMUG/| EMPLOYED BY SCHEAFFE3 4AVE WORKED SMOOTHLY. aMMUG/1 "
    "ATTEMPTING PURCHASE BOISE LOCALLY WHICH APPEARS S© REASON FOR PRESENT ave) ‘i cme\n\nBcERET, PAGE "
    "2 JMWAVE 4486 SECRET CHECKS. APPRECIATE EselL Y ACKNOWLEDGEMENT INQUIRIES TO EXPEDITE CLOSING "
    "PURCHASE. r at . : . NNN ScORET"
)

# 104-10171-10018, the clean text of the record around the damaged word
HABANA_TEXT = (
    ": butxthe. 4t is publish on a very L. evgular basis. 3e In or:er to finance Ats activities tho "
    "DRE sells boncs in one and . five peso denominations. hoxever, b.causr ef the security concitions "
    "in Cuba, one sust be very cerefui in pe Lling the bonda or else hu may sell one to a cove nment "
    "a:jent ho are ecnetantly trying to provoxe oppositionists . “to show thensalvos,\n\n&, During the "
    "la-ter part of Februszy 19€2 two boxbs exploded in tho AETURNTO oN ty Univereaity of Mabans. It "
    "was said ~hat tho boabing wis dons by the Ba round Use bee. DRE, ——— SSai 0 RX RePOnTe SAMs SUnce "
    "The section of habana known as Alturas del Bosque (roughly, the Boights of the soods) is being "
    "heavily fortified ty the C"
)


@pytest.fixture(scope="module")
def lexicon() -> frozenset[str]:
    return lexicon_of_cached(load_nlp())


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("Advige", "advice"),  # 104-10101-10175, PERSON
        ("ScORET", "secret"),  # 104-10225-10035, ORG "NNN ScORET"
        ("INITEALS", "initials"),  # 104-10006-10247, ORG "INITEALS CHECKING"
        ("Murdes", "murder"),  # 104-10101-10175, PERSON
        ("Informat", "informal"),  # 176-10036-10134, LOC (a cut "Information": the nearest word is named)
        ("Goverment", "government"),  # jfk-corpus ORG and LOC singletons
        ("Licutenant", "lieutenant"),
        ("Anbassador", "ambassador"),
    ],
)
def test_an_ocr_damaged_english_word_is_recognised(word: str, english: str, lexicon: frozenset[str]) -> None:
    assert ocrwords.damaged(word, lexicon) == english


@pytest.mark.parametrize("word", ["Februszy", "Pebrucry"])  # 104-10171-10018 ORG; corpus PERSON tail
def test_a_damaged_month_is_a_dates_word(word: str, lexicon: frozenset[str]) -> None:
    assert ocrwords.damaged_month(word, lexicon)
    assert ocrwords.cut([word, "1962"], lexicon) is None


@pytest.mark.parametrize(
    "word",
    [
        # surnames of the dev gold and the corpus that are one or two OCR edits from English words
        "Harkins",  # hawkins is in the lexicon; a census surname
        "Swenson",  # swanson
        "Rivero",  # river
        "Roos",  # roof
        "Lovestone",  # limestone, two edits: beyond the budget
        "Bowles",
        "Karlow",
        "Artime",  # airtime
        "Castro",
        "Angleton",
        "Nosenko",
        "Dedkov",
        # damaged places are near a place as well as an English word: not English damage
        "Mexieo",
        "Argeritina",
        "Washisgten",
        # words themselves: English, in the lexicon with an ending, frequent in wordfreq, Spanish
        "Interest",
        "Headquarters",
        "Revolucionario",
        # four capitals are an acronym as often as a word
        "CIAP",
        "ONAL",
    ],
)
def test_names_places_and_words_are_no_damage(word: str, lexicon: frozenset[str]) -> None:
    assert ocrwords.damaged(word, lexicon) is None


def test_a_word_the_document_prints_as_a_name_is_no_damage(lexicon: frozenset[str]) -> None:
    # a surname the census does not list, printed by the record after a title ("Mr. Murdes"), is
    # a name of that record however near an English word it is
    assert ocrwords.damaged("Murdes", lexicon) == "murder"
    assert ocrwords.damaged("Murdes", lexicon, frozenset({"murdes"})) is None


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        (["NNN", "ScORET"], None),  # only damage and debris
        (["Advige", "Castro"], (1, 2)),  # a damaged edge word is cut
        (["Fidel", "Castro", "Murdes"], (0, 2)),
        (["Fidel", "Castro"], (0, 2)),
        (["Camp", "tt"], (0, 2)),  # no damaged word: left to the other rules
    ],
)
def test_a_span_of_damage_is_dropped_and_its_edges_cut(
    words: list[str], kept: tuple[int, int] | None, lexicon: frozenset[str]
) -> None:
    assert ocrwords.cut(words, lexicon) == kept


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("ScORET", SECRET_TEXT),
        ("Februszy", HABANA_TEXT),
    ],
)
def test_the_component_drops_damaged_words_the_model_typed(word: str, text: str) -> None:
    mentions = extract_text([text])[0]
    assert not [m.text for m in mentions if word in m.text and m.label in ("PERSON", "ORG", "LOC")]


def test_bodies_and_places_around_a_damaged_word_keep_their_name() -> None:
    # 104-10171-10018: "Univereaity of Mabans" is the University of Habana, damaged; a body's words
    # are English, so a damaged one is not cut from it, and the place and person nearby stay
    text = HABANA_TEXT
    found = {(m.text, m.label) for m in extract_text([text])[0]}
    assert ("Univereaity of Mabans", "ORG") in found


def test_a_body_of_damaged_words_with_a_connector_keeps_its_name(lexicon: frozenset[str]) -> None:
    # damaged words of the jfk-corpus ORG list; a connector inside shows a body's name structure
    doc = spacy.blank("en")("the Departmont of Goverment and the Goverment")
    body, word = Span(doc, 1, 4, label="ORG"), Span(doc, 6, 7, label="ORG")
    assert ocrwords.trim_span(doc, body, {}, lexicon, frozenset()) is body
    assert ocrwords.trim_span(doc, word, {}, lexicon, frozenset()) is None
    # a name a gazetteer or a shape rule found is never judged
    assert ocrwords.trim_span(doc, word, {(word.start_char, word.end_char): {"rule": "gazetteer"}}, lexicon, frozenset()) is word
