"""Which entity a traced name of several words means (issue 10, trace14): the words must agree.

The queries and names are those of the dev gold's questions and the records' text layers:
124-10326-10149 prints "Alberto Fernandez" (missed by extraction) and the store holds "Alberto
Bayo" of 124-10284-10155; 176-10036-10135 prints "DIEU HUE", which extraction cut into a person
"Dieu" and a place "Hue"; 176-10037-10440 prints "HAO TSE TUNG" and its store holds an ORG "UN";
124-10326-10149 names "ROBERT F, KENNEDY" beside "JOHN F, KENNEDY".
"""

from __future__ import annotations

import pytest

from declass.model import Entity
from declass.trace_match import agreeing, entity_agrees, person_agrees, words_agree, words_cover
from declass.trace_passages import CAPITALS_CONTEXT, capitals_context, in_capitals
from declass.trace_text import TEXT_CHARS, TEXT_LONG_CHARS, quote_window


def _entity(name: str, etype: str, *variants: str) -> Entity:
    return Entity(id=name.lower(), type=etype, name=name, variants={v: 1 for v in (name, *variants)})


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Alberto Fernandez", "Alberto Bayo"),  # a shared given name is no match for a full name
        ("Alberto Fernandez", "Alberto"),  # the query's given name alone
        ("Robert F. Kennedy", "John F. Kennedy"),  # two given names, a shared initial
        ("Mao Tse-tung", "Mann"),
    ],
)
def test_a_full_name_does_not_match_a_person_of_another_name(query: str, name: str) -> None:
    assert not person_agrees(query, name)
    assert not entity_agrees(query, _entity(name, "PERSON"))


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("E. Howard Hunt", "Howard Hunt"),  # the form's given name is one of the query's
        ("Howard Hunt", "E. Howard Hunt"),
        ("Leonel Brizola", "Brizola"),  # a bare surname: the trace offers it (possibly also)
        ("Dieu Hue", "Dieu"),  # a bare word that is no given name: the order is unknown
        ("Rodrigo Asturias Amado", "Rodrigo Asturias"),  # the paternal part of a double surname
        ("Balmes Nieves Hidalgo", "HIDALGO, Jr., Balmes Nieves"),  # surname first, in capitals
        ("Roman Fedorovich Dedkov", "Roman F. DEDKOV"),
        ("Vladimir Tretiakov", "Vladimir Tretyckov"),  # OCR variant of the surname
        ("Juan Manuel Gomez", "Juan Manue Gomez"),  # a given name cut at a line end
    ],
)
def test_a_full_name_matches_its_forms_and_ocr_variants(query: str, name: str) -> None:
    assert person_agrees(query, name)


def test_a_place_or_body_must_carry_every_word_of_the_query() -> None:
    hue, un = _entity("Hue", "LOC"), _entity("UN", "ORG")
    assert not entity_agrees("Dieu Hue", hue) and not entity_agrees("Mao Tse-tung", un)
    assert not words_cover("Rio Grande do Sul", "Rio Grande")
    assert words_cover("Foreign Ministry", "Cuban Foreign Ministry")
    assert not words_cover("Cuban Foreign Ministry", "Foreign Ministry")
    assert words_cover("Minas del Frio", "MINAS DEL FRIO")  # particles and case aside


def test_a_one_word_query_or_an_exact_form_is_never_filtered() -> None:
    bayo = _entity("Alberto Bayo", "PERSON", "BAYO, ALBERTO", "BAYO")
    assert entity_agrees("Bayo", bayo) and entity_agrees("Alberto", bayo)
    assert entity_agrees("BAYO, ALBERTO", bayo)
    crypt = _entity("AMMUG-1", "PERSON", "AMMUG/1")
    assert entity_agrees("AMMUG/1", crypt)  # folds to two words, the same as a form
    scored = [(bayo, 86.0), (_entity("Alberto", "LOC"), 90.0), (_entity("Fernandez", "PERSON"), 80.0)]
    assert [e.name for e, _ in agreeing("Alberto Fernandez", scored)] == ["Fernandez"]


def test_words_agree_as_initials_and_ocr_variants_but_short_words_only_when_equal() -> None:
    assert words_agree("e", "edvard") and not words_agree("e", "hovard")
    assert words_agree("tretiakov", "tretickov") and not words_agree("bao", "bai")


# 176-10036-10135, paragraph 25 as the store holds it (verbatim, OCR damage kept): the name is
# printed first in the subject line, what the record says of her in the sentence printing it next.
DIEU_HUE = (
    "4 octoBerR 1963 _BUU HOI'S MOTHER, DIEU HUE ; ' PRECEDENCE PRIORITY DATE OF 3 ocToBer 1963 "
    "REFERENCES IN 32958 INFO. PLACE & VIETNAM, SAIGON ~~ (3 ocToBeR 1963) , DATE ACO. Anno APPRAISAL "
    "SEF BELOW FIELD-REPORT NO. Fys 9731 | THIS IS UNEVALUATED INFORMATION. SOURCE GRADINGS ARE "
    "DEFINITIVE. APPRAISAL OE CONTENT-IS-TENTATIVE. | SOURCE A VIETNAMESE BUSINESSMAN (F) WITH GOOD "
    "CONTACTS AMONG BUDDHISTS. APPR: EARLIER ALLEGED INTENTIONS OF DIEU HUE TO COMMIT SUICIDE .IN "
    "'SUPPORT OF . THE BUDDHIST CAUSE WERE WIDELY PUBLICIZED. iT IS POSSIBLE THAT SHE \u2014 ion \u00bb . "
    "MIGHT DO-SO.:, , - . Ty BY 3 OCTOBER 1963 THE BUDDHiTST NUN, DIEU \u201cHUEY \u201cMOTHER OF BUU HOI, "
    "VIETNAMESE SCIENTIST, AMBASSADOR TO SEVERAL AFRICAN ' COUNTRIES \"AND 'CURRENTLY THE GOVERNMNT OF "
    "VITNAM: (@vN) 'OBSERVER AT THE UNITED NATIONS (UN), AD DECIDED to COMMIT SUICHEDE,:- 'PROBABLY ON "
    "5 OCTOBER, , THREATWAS TIMED FOR: IMPACT ON' THE: 'UN-\"BUT:-WAS . NOT Jo BE: BY: BURNING."
)


def test_a_text_match_runs_on_to_a_later_printing_of_the_name() -> None:
    start, end = quote_window(DIEU_HUE, {"buu", "hoi"})
    quote = DIEU_HUE[start:end]
    assert quote.startswith("4 octoBerR 1963 _BUU HOI'S MOTHER")
    assert "MOTHER OF BUU HOI" in quote and "OBSERVER" in quote  # the sentence printing it next
    assert TEXT_CHARS < end - start <= TEXT_LONG_CHARS
    once = DIEU_HUE.replace("MOTHER OF BUU HOI", "MOTHER OF HIM")
    start, end = quote_window(once, {"buu", "hoi"})
    assert end - start <= TEXT_CHARS  # printed once: the usual length


# 104-10179-10143 (a cable in capitals), verbatim from the store: OCR read the comma after
# "MEXICO" as a stop, so the sentence naming AMBANG-1 began at "CITY FRONT FOR", after the
# problem it solves (Gobernacion's visa permit).
AMBANG = (
    "PROBLEM 1S GETTING GOBERNACION VISA PERMIT. GOBERNACION KAS LITERALLY HUNDREDS OF APPLICATIONS "
    "STACKED UP ON WHICH ACTION NORMALLY BUROCRATICALLY SLOW ANYWAY AND ON WHICH GOBERNACION DOES NOT\u201d "
    "REALLY DESIRE TAKE ACTION, BECAUSE OF DANCER CUBANS WILL BECOME PUBLIC \u201c CHARGES, BEST CHANCE IS "
    "FOR ANY HICH LEVEL MEXICAN OFFICIAL IN MEXICO. CITY FRONT FOR AMBANG-1 AND FOLLOW UP CASE CLOSELY "
    "THROUGH COBERNAC ION, : _ NEXT BEST CHANCE IF Ai HAS NO SUCH HIGH LEVEL CONTACT IS TO USE S _ aby "
    "CUBAN FRIEND OF HIS MEX! WHO nas Suet HICH LEVEL MEXICAN CONTACTS"
)


def test_a_passage_in_capitals_keeps_context_before_an_ocr_stop() -> None:
    ms = AMBANG.index("AMBANG-1")
    s = AMBANG.index("CITY FRONT")
    start, end = capitals_context(AMBANG, s, len(AMBANG), ms, ms + 8, 400, 0)
    assert ms - start >= CAPITALS_CONTEXT and "BEST CHANCE IS FOR ANY HICH LEVEL MEXICAN OFFICIAL" in AMBANG[start:end]
    assert end - start <= 400 and end >= ms + 8  # within the cap, the mention kept
    assert in_capitals(AMBANG)
    # Mixed case keeps its sentences: "Ltold President Johnson" starts its sentence.
    mixed = "He left. " * 20 + "3, Ltold President Johnson that we continued our interrogation of Nosenko."
    ms = mixed.index("Nosenko")
    assert capitals_context(mixed, mixed.index("3, Ltold"), len(mixed), ms, ms + 7, 400, 0)[0] == mixed.index("3, Ltold")
