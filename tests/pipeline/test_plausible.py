"""Name plausibility of PERSON spans the model found alone (issue 10, PERSON precision).

Each case is the text of a dev gold record (``tests/fixtures/gold/dev/``, record named in the
comment) where the model typed OCR garbage or debris as a person, or a real name that must stay.
Unit tests use a blank English pipeline and a small lexicon of the English words involved (the
model's lemmatizer tables hold them too).
"""

from __future__ import annotations

import pytest
import spacy

from declass.pipeline.extract import nonentities, plausible
from declass.pipeline.extract.components import info
from declass.pipeline.extract.filters import make_filters
from declass.pipeline.extract.mentions import lone_noise
from declass.pipeline.extract.plausible import Evidence, clean_context, keep_name, name_evidence, name_shaped

LEXICON = frozenset(
    "a an the of to in on at for and is was he she it his her that this with from by as be are were memo"
    " intelligence division information received smith scott hunt belmont section official charge chew"
    " special cases handles various nature usually given considerable freedom volume has increased began"
    " president told impression gained clandestine sources franco paper wanted give aid million spain"
    " greatest difficulty justification fat ewe bandit poo national director cuba".split()
)
NLP = spacy.blank("en")
FILTERS = make_filters(NLP, "declass_filters")


def _kept(words: str, names: frozenset[str] = frozenset(), *, clean: bool = True, quoted: bool = False) -> str | None:
    toks = words.split()
    got = keep_name(toks, Evidence(LEXICON, names, frozenset({"received", "memo", "intelligence"})), clean=clean, quoted=quoted)
    return None if got is None else " ".join(toks[got[0] : got[1]])


@pytest.mark.parametrize(
    ("span", "names", "kept"),
    [
        # 124-10326-10098: "Memo to Mr. Belmont Ceo el Res Central Intelligence Agency"
        ("Belmont Ceo", {"belmont"}, "Belmont"),
        # 124-10326-10098: "information received from Angleton Ul has increased"
        ("Angleton Ul", set(), "Angleton"),
        # 124-10326-10098: "Information Received from James Angleton -Intelligence @ivision."
        ("James Angleton -Intelligence @ivision", set(), "James Angleton"),
        # 124-10326-10098: "INFORMATION RECEIVED FROM JAMES “ANGLETON Tesey Tinccrowd ~ Tele. Room."
        ("JAMES “ANGLETON Tesey Tinccrowd ~ Tele", set(), "JAMES “ANGLETON"),
        # 124-10326-10098: "Informatton Received from James Angleton Memo to Mr. Belmont"
        ("James Angleton Memo", set(), "James Angleton"),
        # 104-10250-10200: "Mr. @ittian B. CALDWELL) Chief, WH/FI"
        ("@ittian B. CALDWELL)", {"caldwell"}, "B. CALDWELL)"),
        # 194-10012-10030: "4 ' < Sec 4 La ee oe a" (page debris under a form)
        ("Sec 4 La", set(), None),
        # 104-10171-10033: "complete | GS Cory (A~ ao-'9 3168"
        ("GS Cory", set(), None),
        # 104-10163-10019: "a. Esubio AZCUE, born about 1912": the paragraph's list marker
        ("a. Esubio AZCUE", set(), "Esubio AZCUE"),
        ("(b) Esubio AZCUE", set(), "Esubio AZCUE"),
    ],
)
def test_debris_at_the_edges_of_a_name_is_cut(span: str, names: set[str], kept: str | None) -> None:
    assert _kept(span, frozenset(names)) == kept


@pytest.mark.parametrize(
    ("span", "names"),
    [
        ("Walter Bedell Smith", set()),  # 124-10326-10098: "Smith" is English, but the surname's place
        ("Win Scott", set()),  # 177-10001-10445: Win is Winston's short form
        ("Oliver G. Scantling", set()),  # 104-10065-10028
        ("Vilasa Nikolayevna DEDKOV", {"dedkov"}),  # 104-10006-10247: DEDKOV of the name list
        ("Mateos", set()),  # 177-10001-10445 "Lopez Mateos", printed alone in running prose
        ("Jay Lovestone", set()),  # 124-10326-10098: Jay is a short form of James
        ("Hester ROOS", set()),
        ("Manuel F. ARTIME Buesa", set()),  # 104-10110-10242: a second surname after the capitals
    ],
)
def test_real_names_are_kept_whole(span: str, names: set[str]) -> None:
    assert _kept(span, frozenset(names)) == span


@pytest.mark.parametrize(
    ("span", "clean"),
    [
        ("Sol", False),  # 104-10006-10247: "ont at chew Sol vp ys" in a handwritten form field
        ("Pitan", False),  # 104-10131-10010: "f(A Se ewe | Pitan (U” Vurdy ote Re ogy 4 Bandit"
        ("Cdl", True),  # 104-10225-10035: no vowel
        ("TRBBRRATTOR", True),  # 124-10326-10098: five consonants in a row
        ("SEASCH JNWAVE", True),  # 104-10225-10035: "JNW" starts no name (JMWAVE)
        ("Ibt WOGAME", True),  # 104-10225-10035
        ("Jreferrad", True),  # 124-10326-10098 "a section Jreferrad to as": "Jr" starts no name
        ("Informatton", True),  # 124-10326-10098: one OCR letter from "information"
    ],
)
def test_ocr_garbage_without_evidence_is_no_name(span: str, clean: bool) -> None:
    assert _kept(span, clean=clean) is None


def test_a_quoted_phrase_without_a_known_name_is_a_title_or_body() -> None:
    # 104-10171-10033: 'the present national director of “Viviendas Campesinas” in Cuba'
    assert _kept("Viviendas Campesinas", quoted=True) is None
    assert _kept("Viviendas Campesinas", quoted=False) == "Viviendas Campesinas"


def test_name_positions_in_the_document_are_evidence() -> None:
    text = "Memo to Mr. Belmont Ceo el Res. Mr . (CALDWELL Ja ised that ... @ittian B. CALDWELL) Chief, Jose Ricardo Rabel Ortega"
    got = name_evidence(text, [(["PFUNTNER,", "JORDAN", "J."], "surname_first"), (["Received"], "model")])
    assert {"belmont", "caldwell", "rabel", "pfuntner", "jordan"} <= got
    assert not {"ceo", "ja", "received", "chief"} & got


@pytest.mark.parametrize(
    ("words", "clean"),
    [
        ("he was be side himself because he wanted to give aid".split(), True),  # 177-10001-10445
        ("ont at chew vp ys SEX DATE".split(), False),
        ("tava? i fa Extietad ita automatls Y aad op dectassitication L/S it:".split(), False),  # 104-10131-10010
    ],
)
def test_prose_is_told_from_an_ocr_field(words: list[str], clean: bool) -> None:
    assert clean_context(words, LEXICON) is clean


@pytest.mark.parametrize(
    ("word", "shaped"),
    [("Mateos", True), ("O'Ryan", True), ("McGRATH", True), ("Schmidt", True), ("THyS", False), ("Ree", False)],
)
def test_character_shape_of_a_name(word: str, shaped: bool) -> None:
    assert name_shaped(word) is shaped


def _filter(text: str, ents: list[str]) -> list[str]:
    doc = NLP(text)
    spans = []
    a = 0
    for surface in ents:
        a = text.index(surface, a)
        s = doc.char_span(a, a + len(surface), label="PERSON")
        assert s is not None
        spans.append(s)
    doc.ents = spans
    info(doc)
    return [e.text for e in FILTERS(doc).ents]


def test_a_name_the_model_cut_in_two_is_joined() -> None:
    # 104-10171-10033: the model found "Jose Ricardo" and "Rabel Ortega" as two people
    text = "the source is Jose Ricardo Rabel Ortega, Cuban national who is the oldest son of Jose Ricardo: Rabel Hunez, the"
    assert _filter(text, ["Jose Ricardo", "Rabel Ortega", "Jose Ricardo", "Rabel Hunez"]) == [
        "Jose Ricardo Rabel Ortega",
        "Jose Ricardo: Rabel Hunez",
    ]


def test_the_component_trims_and_drops_model_names() -> None:
    # 124-10326-10098, page 2
    text = "Memo to Mr. Belmont Ceo el Res Central Intelligence Agency : Information from James Angleton -Intelligence @ivision."
    assert _filter(text, ["Belmont Ceo", "James Angleton -Intelligence @ivision"]) == ["Belmont", "James Angleton"]


@pytest.mark.parametrize(
    ("text", "label", "cls"),
    [
        ("Received", "PERSON", "form"),  # 124-10326-10098 "Informatton Received from James Angleton"
        ("Bulletin", "PERSON", "form"),  # 176-10036-10027 "the Current Intelligence Bulletin dated 29 March"
        ("RELEASABLE", "PERSON", "classification"),  # 194-10012-10030 "DETERMINED TO BE RELEASABLE, PER LTR"
        ("Boclda", "PERSON", "nara"),  # 177-10001-10445 "justification. Boclda: 322783348 Page 2"
        ("DBocld", "ORG", "nara"),  # 124-10326-10098 "HW 50953 DBocld:323135170 Page 3"
    ],
)
def test_form_words_and_page_furniture_found_on_the_dev_gold(text: str, label: str, cls: str) -> None:
    assert nonentities.non_entity_class(text, label) == cls


def test_a_doc_word_is_not_a_nara_footer() -> None:
    assert nonentities.non_entity_class("Docile", "PERSON") is None
    assert nonentities.non_entity_class("Dockery", "PERSON") is None
    assert plausible.is_strong("Belmont", frozenset({"belmont"}))


def test_given_names_and_initials_alone_name_no_one() -> None:
    # the release banner "UNDER THE PRESIDENT JOHN F. KENNEDY" as OCR splits it: the model's "JOHN F."
    assert _kept("JOHN F.") is None
    assert _kept("John F. Kennedy") == "John F. Kennedy"
    assert _kept("Carl Raymond") == "Carl Raymond"  # 104-10117-10076: Raymond is his surname


@pytest.mark.parametrize(
    ("span", "given"),
    [
        ("Fidsi CASTRO", "Fidel"),  # 104-10179-10088 (jfk-corpus): "revolutionaries which included Fidsi CASTRO"
        ("Migual Castro", "Miguel"),
        ("Carla Castro", None),  # as near Carl as Carlos: no confident repair
        ("Manolo Castro", None),  # a given name of its own, far from any listed one
        ("Fidsi Gownsrecing", None),  # no surname after it
    ],
)
def test_an_ocr_damaged_given_name_is_repaired_only_when_confident(span: str, given: str | None) -> None:
    got = plausible.repaired_given(span.split(), Evidence(LEXICON, frozenset()))
    assert (got.title() if got else None) == given


def test_a_repaired_given_name_goes_to_the_mention_norm() -> None:
    text = "a group of Communist left wing revolutionaries which included Fidsi CASTRO. About 1904 AZCUE was"
    doc = NLP(text)
    a = text.index("Fidsi")
    doc.ents = [doc.char_span(a, a + len("Fidsi CASTRO"), label="PERSON")]
    out = FILTERS(doc)
    assert [e.text for e in out.ents] == ["Fidsi CASTRO"]
    assert info(out)["attrs"][(a, a + 12)]["norm"] == "Fidel CASTRO"
    assert info(out)["attrs"][(a, a + 12)]["given_repaired"] == "Fidsi -> Fidel"


def test_an_address_is_no_person() -> None:
    # 104-10110-10242 (jfk-corpus): "a student at Columbia University whose address was 423 Furnald Hall."
    text = "a student at Columbia University whose address was 423 Furnald Hall. MUNSELL was disapproved"
    assert _filter(text, ["Furnald Hall"]) == []


@pytest.mark.parametrize(
    ("text", "label", "cls", "line"),
    [
        ("Frente Unido Revolucionario", "PERSON", "generic", ""),  # a Cuban exile body typed PERSON
        ("Frente", "PERSON", "generic", ""),  # 'penetration into the Frente (FRD ~ Revolutionary Nemocratic Front)'
        ("JOHN F.", "PERSON", "nara", "2025 F RELEAS E UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992"),
    ],
)
def test_bodies_and_the_damaged_banner_found_in_the_corpus_top_100(text: str, label: str, cls: str, line: str) -> None:
    assert nonentities.non_entity_class(text, label, line) == cls


def test_a_given_name_of_a_place_alone_is_no_person() -> None:
    # "entered into by Santo Domingo with countries in the Caribbean": the model's "Domingo" alone
    assert lone_noise("Domingo", "model")
    assert not lone_noise("Santo Domingo", "model")
    assert nonentities.non_entity_class("Frente Unido", "ORG") is None


def test_a_given_name_across_a_speck_of_debris_joins_its_surname() -> None:
    # 104-10171-10033: "c/o Manuel ° Gomez, 539 NE 70th Street": the model found "Manuel °" and "Gomez"
    text = "He may be reached at the following address: c/o Manuel ° Gomez, 539 NE 70th Street, Miami"
    assert _filter(text, ["Manuel °", "Gomez"]) == ["Manuel ° Gomez"]


@pytest.mark.parametrize("name", ["Chester Bowles", "Peter Karlow", "Felipe Rivero", "Che Guevara"])
def test_surnames_one_letter_from_an_english_word_stay_names(name: str) -> None:
    # jfk-corpus 104-10133-10437 "an ex-Harvard professor who was Chester Bowles’ top legal adviser":
    # Bowles, Karlow, Rivero are one letter from bowler, harlow, rivers; only long words count as damaged
    lexicon = LEXICON | {"bowler", "rivers", "harlow", "chester", "information"}
    assert keep_name(name.split(), Evidence(lexicon, frozenset())) == (0, 2)


def test_places_and_names_around_a_span_are_prose() -> None:
    # tests/web/webstore.py's hostile memo: markup around "Kandaurov met Tretyakov in Caracas."
    words = "source <img src=x onerror=alert(1)> reported that met Tretyakov in Caracas. 2. [".split()
    assert clean_context(words, LEXICON | {"reported", "met"})
