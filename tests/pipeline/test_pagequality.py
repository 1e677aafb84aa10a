"""An unknown name word on an OCR-damaged page is debris (issue 10): ``extract/pagequality.py``.

The texts are the clean text of dev gold records (batch 2 and 3) as the pipeline stores them; the
spurious people are those of main's dev details, the names that must stay are people of the same
records or of the clean memoranda next to them.
"""

from __future__ import annotations

import pytest

from declass.pipeline.extract import extract_text, pagequality
from declass.pipeline.extract.nlp import lexicon_of_cached, load_nlp

# 104-10101-10175, a cable of 1962 in capitals: damaged words the model took for people
CABLE = (
    're 2. tA RE kee eC ote sj @ were 10 _._PRIORITY Boow ceare ee 8 2 G 5 ° “CARA ‘MARA WATE LOUS "oe 8 '
    "MEXI LIMA PaCy GUAT _ BUEN MONT BOce ouvir GAYA RIOD: SaGP SAGO LAPA ‘SANS SDOM REPS: A. DIR #5577 "
    "B. DIP Fou3R Lo. VHRaAb 24n invAaCATiUNS inal BACBLLART BAFLOITATICON aClotT SULLAT HAVING BENEPICTAL "
    "EFr¥CY IN THAT HIGH UCTEREST CREATED AMONG CECPLE TS ENCOURAGING AND/OR CAUSING SGsik GOVERNMENTS "
    "ADOPT STROY sR PO VENEZUELA POSITION IN OAS. VIEW THIS, SUGGEST ADDEE ACTIVITIES CONCENTRATE "
    "PRIMARILY (BUT NOT EXCLUSIVELY) THYS ASPECT, I.E. EFFORTS DEMONSTRATE TO LOCAL GOVERNMENTS THAT "
    "PUBLIC OPINION IS IN FAVOR VENEZUELAN POSITION OF TAKING FIRM STAND AGAINST CASTRO.\n"
)

# 104-10172-10248, a dispatch in capitals where every O was read as G or U
DISPATCH = (
    "2. BY THE TIME YOE) REALIZEO THE SIGNIFICANCE GF WHAT> HAD! SLIPPED BY ANO NEITHER HE NOR AFTE3 WE "
    "AELAOLE WAS SAYING THE ve Wy 2 GDR. me LE WAS ABLE, GR FELT, HE,CUULQ, ASK FOR THE NAME AGAIN, "
    "EAVING AELAOLE BOTH(WEYDE ANONELERJTRIED TG RECALL TRE NAME GF TR INDIVIDUAL BUT CGULO UNLY AGREE "
    "THAT THE NAME SEGAN WITH AN STATE, IN REVIEWING THE PRESENT SOVIETS ASSIGNED IN THE GFR WHUSE NAMES "
    "BE WEYOCJTENOS Tu. THINK THE NAME MENTICNEO MIGHT HAVE G law tT 1A efi BEEN AKHLUYEN (c0T-294340).\n"
)

# 177-10001-10445, a memorandum for the record of 1964: clean typescript
MEMO = (
    "2. Ltold the President we had a very sensitive effective operation working in Mexico City jointly "
    "with President Mateos which involved telephone surveillance and was being done in a most careful "
    "manner with his knowledge and with the assistance of a few of his trusted officials. This had "
    "resulted in a very intimate relationship between our station chief and the President. However "
    "the President did not know of the knowledge of the operation and looked upon the operation as an "
    "intimate arrangement between himself and the station. I mentioned that Mateos had been best man "
    "at the recent wedding.\n"
)


@pytest.fixture(scope="module")
def lexicon() -> frozenset[str]:
    return lexicon_of_cached(load_nlp())


def _span(text: str, word: str, rule: str = "model") -> tuple[int, int, str]:
    start = text.index(word)
    return start, start + len(word), rule


def test_damaged_pages_score_below_clean_typescript(lexicon: frozenset[str]) -> None:
    cable, _ = pagequality.page_share(CABLE.split(), lexicon)
    dispatch, _ = pagequality.page_share(DISPATCH.split(), lexicon)
    memo, _ = pagequality.page_share(MEMO.split(), lexicon)
    assert cable < pagequality.PAGE_SHARE and dispatch < pagequality.PAGE_SHARE
    assert memo >= pagequality.PAGE_SHARE


@pytest.mark.parametrize(("text", "word"), [(CABLE, "UCTEREST"), (CABLE, "ADDEE"), (DISPATCH, "CUULQ"), (DISPATCH, "SEGAN")])
def test_unknown_word_on_a_damaged_page_is_dropped(text: str, word: str, lexicon: frozenset[str]) -> None:
    span = _span(text, word)
    assert pagequality.damaged_lone_names(text, [span], lexicon, frozenset()) == {span[:2]}


def test_unknown_word_on_a_clean_page_is_kept(lexicon: frozenset[str]) -> None:
    # "Mateos" is in no list (not a census surname): clean prose around it keeps it a name
    assert pagequality.damaged_lone_names(MEMO, [_span(MEMO, "Mateos")], lexicon, frozenset()) == frozenset()


def test_a_word_printed_on_a_clean_page_is_kept_on_a_damaged_one(lexicon: frozenset[str]) -> None:
    # a surname the document prints in clean prose is a name of it wherever else it is damaged
    text = MEMO.replace("Mateos", "Segan") + DISPATCH
    spans = [_span(text, "Segan"), _span(text, "SEGAN")]
    assert pagequality.damaged_lone_names(text, spans, lexicon, frozenset()) == frozenset()


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("CASTRO", "a known surname"),
        ("HARKINS", "a census surname"),
        ("NIKOLAYEVNA", "a Russian patronymic"),
        ("DEDKOV", "a Russian surname by its ending"),
    ],
)
def test_known_name_on_a_damaged_page_is_kept(word: str, why: str, lexicon: frozenset[str]) -> None:
    text = CABLE.replace("UCTEREST", word)
    assert pagequality.damaged_lone_names(text, [_span(text, word)], lexicon, frozenset()) == frozenset(), why


def test_name_position_title_and_shape_rules_are_not_judged(lexicon: frozenset[str]) -> None:
    assert pagequality.damaged_lone_names(CABLE, [_span(CABLE, "UCTEREST")], lexicon, frozenset({"ucterest"})) == frozenset()
    assert pagequality.damaged_lone_names(CABLE, [_span(CABLE, "ADDEE", "title")], lexicon, frozenset()) == frozenset()
    assert pagequality.damaged_lone_names(CABLE, [_span(CABLE, "ADDEE", "surname_first")], lexicon, frozenset()) == frozenset()


def test_capitals_in_a_mixed_case_line_are_not_judged(lexicon: frozenset[str]) -> None:
    # memoranda print surnames and cryptonyms in capitals (104-10171-10033: GYROSE)
    text = CABLE.lower().replace("ucterest", "the GYROSE operation")
    assert pagequality.damaged_lone_names(text, [_span(text, "GYROSE")], lexicon, frozenset()) == frozenset()


def test_digraph_capitals_in_a_truecased_cable_are_judged(lexicon: frozenset[str]) -> None:
    # 104-10226-10090: the truecaser keeps "CATCLICA" (CA, a cryptonym digraph) in capitals in a
    # cable it otherwise writes in Title case and lower case
    text = "Jiventud Anticqhunista CATCLICA repeat Jwentud. " + CABLE.lower()
    assert pagequality.damaged_lone_names(text, [_span(text, "CATCLICA")], lexicon, frozenset()) == {_span(text, "CATCLICA")[:2]}


def test_damaged_cable_words_are_no_people() -> None:
    people = {m.text for m in extract_text([CABLE + DISPATCH])[0] if m.label == "PERSON"}
    assert not {"UCTEREST", "ADDEE", "CUULQ", "SEGAN"} & people, people  # main: CUULQ, SEGAN
